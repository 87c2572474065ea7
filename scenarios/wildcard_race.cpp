// wildcard-race: receives from ANY_SOURCE match whichever message comes first, so a program that assumes
// an order works under one schedule and deadlocks under another.
#include "scenarios/scenario_kit.hpp"

namespace mpilab::scenarios {

Scenario wildcard_race() {
    Scenario s;
    s.id = "wildcard-race";
    s.title = "ANY_SOURCE: the outcome depends on which message comes first";
    s.category = "Deadlocks and errors";
    s.summary = "Rank 0 receives size-2 messages from ANY_SOURCE and then one from the last rank by name, assuming "
                "the last rank's message comes last. Every other rank sends one message. A run takes the messages in "
                "the order they arrive in virtual time (all at once here, so in rank order) and completes; on a real "
                "network any order can happen, and if a wildcard receive matches the last rank's message, the final "
                "receive waits forever.";
    s.default_ranks = 3;
    s.min_ranks = 3;
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params&) {
        const int rank = comm.rank();
        const int size = comm.size();
        if (rank == 0) {
            Value arrived = Value::array();
            for (int i = 0; i < size - 2; ++i) {
                Status status;
                comm.recv(ANY_SOURCE, /*tag=*/0, &status);   // whichever message comes first
                arrived.push_back(status.source);
            }
            comm.recv(/*source=*/size - 1, /*tag=*/0);        // assumes the last rank has not been heard yet
            arrived.push_back(size - 1);
            comm.print("messages arrived from ranks ", arrived);
            comm.result("arrival order", arrived);
        } else {
            comm.send(rank, /*dest=*/0, /*tag=*/0);
        }
    };
    return s;
}

}  // namespace mpilab::scenarios
