// send-send: both ranks of a pair send first and receive second. Safe only while the sends are buffered.
#include "scenarios/scenario_kit.hpp"

#include <cstdint>
#include <vector>

namespace mpilab::scenarios {

Scenario send_send() {
    Scenario s;
    s.id = "send-send";
    s.title = "Send-send: correct only while messages are buffered";
    s.category = "Deadlocks and errors";
    s.summary = "Both ranks Send `count` int64 values and then Recv. A small message is sent eagerly (copied to "
                "the receiver, the sender continues), so it works; once count * 8 bytes exceed the eager "
                "threshold the sends use rendezvous and wait for a matching receive that never comes. Try "
                "--set count=100 and `mpilab check send-send --set count=100`: shrinking the message only hides "
                "the bug.";
    s.default_ranks = 2;
    s.min_ranks = 2;
    s.ranks_check = even_ranks;
    s.expect = OutcomeStatus::Deadlock;
    s.params = {{"count", 10000, "int64 elements each rank sends (8 bytes each)", 0, 100'000'000}};
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params& params) {
        const int rank = comm.rank();
        const int partner = rank ^ 1;
        const auto count = static_cast<std::size_t>(params.integer("count"));
        std::vector<std::int64_t> mine(count, rank), theirs(count, -1);
        comm.Send(mine, partner, /*tag=*/0);   // blocks once the message is too big to be sent eagerly
        comm.Recv(theirs, partner, /*tag=*/0);
        comm.check(count == 0 || theirs.back() == partner, "received the partner's data");
    };
    return s;
}

}  // namespace mpilab::scenarios
