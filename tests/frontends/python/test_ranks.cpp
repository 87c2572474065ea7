// What makes N ranks of one script behave as N processes: a __main__ per rank, output attributed to
// the rank with its virtual time, the script's own lines in the trace, virtual time.sleep and Wtime,
// the same trace on every run, communicators and Cartesian grids.
#include "tests/frontends/python/script_support.hpp"

#include "core/trace_json.hpp"

using namespace mpilab;
using namespace mpilab::test;

TEST_CASE("each rank runs the script in its own __main__: module-level variables are per rank") {
    const RunResult r = run_script(R"(
from mpi4py import MPI
import __main__
counter = MPI.COMM_WORLD.rank * 100
def bump():
    global counter
    counter += 1
bump()
MPI.COMM_WORLD.barrier()
print(counter, __main__.counter, __name__)
)", 3);
    INFO(r.outcome().message << "\n" << all_output(r));
    REQUIRE(r.outcome().status == OutcomeStatus::Completed);
    for (int rank = 0; rank < 3; ++rank) {
        const std::string n = std::to_string(rank * 100 + 1);
        CHECK(output_of(r, rank) == std::vector<std::string>{n + " " + n + " __main__"});
    }
}

TEST_CASE("an instance of a class defined in the script travels between ranks") {
    const RunResult r = run_script(R"(
from mpi4py import MPI
comm = MPI.COMM_WORLD
class Point:
    def __init__(self, x): self.x = x
    def __repr__(self): return 'Point(%d)' % self.x
if comm.rank == 0:
    comm.send(Point(5), dest=1)
else:
    p = comm.recv(source=0)
    print(p, type(p) is Point)
)", 2);
    INFO(r.outcome().message << "\n" << all_output(r));
    REQUIRE(r.outcome().status == OutcomeStatus::Completed);
    CHECK(output_of(r, 1) == std::vector<std::string>{"Point(5) True"});
}

TEST_CASE("print is the rank's output at its virtual time; time.sleep advances the rank's clock") {
    const RunResult r = run_script(R"(
import time
from mpi4py import MPI
comm = MPI.COMM_WORLD
time.sleep(comm.rank * 0.5)
print('rank', comm.rank, 'at', MPI.Wtime(), end='')
print(' done', flush=True)
)", 3);
    REQUIRE(r.outcome().status == OutcomeStatus::Completed);
    REQUIRE(r.trace.output.size() == 3);
    for (const OutputLine& line : r.trace.output) {
        CHECK(line.time == doctest::Approx(line.rank * 0.5));
        CHECK(line.text == "rank " + std::to_string(line.rank) + " at " + (line.rank == 0 ? "0.0" : line.rank == 1 ? "0.5" : "1.0") + " done");
    }
    CHECK(r.trace.ranks[2].end_time == doctest::Approx(1.0));
}

TEST_CASE("every call records the script's line, also inside the script's functions") {
    const RunResult r = run_script(R"(from mpi4py import MPI
comm = MPI.COMM_WORLD
def exchange(x):
    return comm.sendrecv(x, dest=1 - comm.rank, source=1 - comm.rank)
comm.barrier()
exchange(comm.rank)
)", 2, {}, {}, "lines.py");
    REQUIRE(r.outcome().status == OutcomeStatus::Completed);
    std::vector<std::string> where;
    for (const CallRecord& c : r.trace.calls) {
        if (c.rank != 0) continue;
        const SourceLocation& l = r.trace.locations.at(c.location);
        where.push_back(std::string(call_name(c.kind, c.generic())) + "@" +
                        l.file.substr(l.file.rfind('/') + 1) + ":" + std::to_string(l.line) + ":" + l.function);
    }
    std::string shown;
    for (const std::string& w : where) shown += w + " ";
    INFO(shown);
    CHECK(where == std::vector<std::string>{"barrier@lines.py:5:<module>", "sendrecv@lines.py:4:exchange"});
}

TEST_CASE("calls repeated in a loop from several lines of one function each keep their own line") {
    // Lines are cached by code object and instruction offset: two call sites in one code object, each
    // run many times, must never take each other's line.
    const RunResult r = run_script(R"(from mpi4py import MPI
comm = MPI.COMM_WORLD
other = 1 - comm.rank
def step(i):
    if i % 2 == 0:
        comm.sendrecv(i, dest=other, source=other)
    else:
        comm.barrier()
for i in range(6):
    step(i)
    comm.sendrecv(i, dest=other, source=other)
)", 2, {}, {}, "loop_lines.py");
    REQUIRE(r.outcome().status == OutcomeStatus::Completed);
    std::string where;
    for (const CallRecord& c : r.trace.calls) {
        if (c.rank != 0) continue;
        const SourceLocation& l = r.trace.locations.at(c.location);
        where += std::string(call_name(c.kind, c.generic())) + ":" + std::to_string(l.line) + ":" + l.function + " ";
    }
    std::string expected;
    for (int i = 0; i < 6; ++i)
        expected += std::string(i % 2 == 0 ? "sendrecv:6:step " : "barrier:8:step ") + "sendrecv:11:<module> ";
    CHECK(where == expected);
}

TEST_CASE("the default schedule gives the same trace, output included, on every run") {
    const std::string script = R"(
import random
import numpy as np
from mpi4py import MPI
comm = MPI.COMM_WORLD
x = comm.allreduce(random.random() + np.random.rand(), op=MPI.SUM)
words = {'alpha', 'beta', 'gamma', 'delta'}
print(x, list(words), comm.gather(sorted(words)[comm.rank % 4], root=0))
)";
    JsonOptions options;
    options.wall_time = false;
    const std::string first = trace_to_json(run_script(script, 4).trace, options);
    const std::string second = trace_to_json(run_script(script, 4).trace, options);
    CHECK(first == second);
    Config other_seed;
    other_seed.seed = 99;
    CHECK(trace_to_json(run_script(script, 4, other_seed).trace, options) != first);
}

TEST_CASE("Split, Dup, Free and COMM_SELF make communicators as MPI does") {
    const RunResult r = run_script(R"(
from mpi4py import MPI
comm = MPI.COMM_WORLD
rank = comm.Get_rank()
local = comm.Split(rank % 2, key=-rank)
dup = local.Dup()
sums = dup.allreduce(rank)
none = comm.Split(MPI.UNDEFINED if rank == 0 else 0)
me = MPI.COMM_SELF
print(local.rank, local.size, sums, none == MPI.COMM_NULL, me.size, me.rank, me.allreduce(rank),
      MPI.Comm.Compare(comm, comm) == MPI.IDENT, MPI.Comm.Compare(dup, local) == MPI.CONGRUENT)
dup.Free()
print(dup == MPI.COMM_NULL)
)", 4);
    INFO(r.outcome().message << "\n" << all_output(r));
    REQUIRE(r.outcome().status == OutcomeStatus::Completed);
    CHECK(output_of(r, 0) == std::vector<std::string>{"1 2 2 True 1 0 0 True True", "True"});
    CHECK(output_of(r, 3) == std::vector<std::string>{"0 2 4 False 1 0 3 True True", "True"});
}

TEST_CASE("Create_cart lays the ranks out row by row, and Shift finds the neighbours") {
    const RunResult r = run_script(R"(
from mpi4py import MPI
comm = MPI.COMM_WORLD
cart = comm.Create_cart([2, 2], periods=[True, False])
print(cart.Get_coords(comm.rank), cart.Shift(0, 1), cart.Shift(1, 1), cart.dims, cart.periods,
      MPI.Compute_dims(6, 2), comm.Create_cart([3]) == MPI.COMM_NULL)
)", 4);
    INFO(r.outcome().message << "\n" << all_output(r));
    REQUIRE(r.outcome().status == OutcomeStatus::Completed);
    // The same as mpi4py on Open MPI prints for this script.
    CHECK(output_of(r, 0) == std::vector<std::string>{"[0, 0] (2, 2) (-2, 1) [2, 2] [1, 0] [3, 2] False"});
    CHECK(output_of(r, 1) == std::vector<std::string>{"[0, 1] (3, 3) (0, -2) [2, 2] [1, 0] [3, 2] False"});
    CHECK(output_of(r, 3) == std::vector<std::string>{"[1, 1] (1, 1) (2, -2) [2, 2] [1, 0] [3, 2] True"});
}

TEST_CASE("the script gets its own arguments in sys.argv, and its folder on sys.path") {
    const std::string helper = write_script("helper_module.py", "VALUE = 41\n");
    const RunResult r = run_script(R"(
import sys
import helper_module
print(sys.argv[1:], helper_module.VALUE + 1)
)", 1, {}, {"--size", "100"}, "args.py");
    INFO(r.outcome().message << "\n" << all_output(r));
    REQUIRE(r.outcome().status == OutcomeStatus::Completed);
    CHECK(output_of(r, 0) == std::vector<std::string>{"['--size', '100'] 42"});
}
