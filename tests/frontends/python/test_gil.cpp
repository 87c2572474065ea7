// Rank threads take turns at the GIL: in free mode with a core per rank they spin for it instead of
// sleeping on CPython's condition variable. Whatever the schedule, every message, reduction through
// a Python function and printed line arrives, and no rank is left counted as running Python.
#include "tests/frontends/python/script_support.hpp"

#include "app/frontends/python/gil.hpp"

using namespace mpilab;
using namespace mpilab::test;

namespace {

const char* const kPingPongAndReduce = R"(
from mpi4py import MPI
comm = MPI.COMM_WORLD
rank, size = comm.rank, comm.size
partner = rank ^ 1
total = 0
for i in range(2000):
    if partner < size:
        if rank % 2 == 0:
            comm.send(i, dest=partner)
            total += comm.recv(source=partner)
        else:
            comm.send(comm.recv(source=partner) + 1, dest=partner)
s = comm.allreduce(rank, op=lambda a, b: a + b)
print(rank, total, s)
)";

void check_ping_pong(const RunResult& r, int ranks) {
    INFO(r.outcome().message << "\n" << all_output(r));
    REQUIRE(r.outcome().status == OutcomeStatus::Completed);
    const long long expected_total = 2000LL * 1999 / 2 + 2000;   // sum of i + 1 over the rounds
    for (int rank = 0; rank < ranks; ++rank) {
        const auto lines = output_of(r, rank);
        REQUIRE(lines.size() == 1);
        const long long total = rank % 2 == 0 && (rank ^ 1) < ranks ? expected_total : 0;
        CHECK(lines[0] == std::to_string(rank) + " " + std::to_string(total) + " " + std::to_string(ranks * (ranks - 1) / 2));
    }
    CHECK(python::GilTurns::running() == 0);
}

}  // namespace

TEST_CASE("in free mode, two ranks that spin for the GIL still pass every message and reduce through Python") {
    Config config;
    config.schedule = SchedulePolicy::Free;
    config.eager_threshold = 1 << 16;
    check_ping_pong(run_script(kPingPongAndReduce, 2, config), 2);
}

TEST_CASE("in free mode with more ranks than processors, the ranks sleep for the GIL and the run completes") {
    Config config;
    config.schedule = SchedulePolicy::Free;
    check_ping_pong(run_script(kPingPongAndReduce, 9, config), 9);
}

TEST_CASE("under the deterministic schedule the same script completes, and a second run starts from no rank in Python") {
    check_ping_pong(run_script(kPingPongAndReduce, 4), 4);
    check_ping_pong(run_script(kPingPongAndReduce, 2), 2);
}
