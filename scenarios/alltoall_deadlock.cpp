// alltoall-deadlock: part 1 of the alltoall challenge. Every rank first sends to all others, then receives:
// correct for small messages, a deadlock as soon as the messages are too big to be sent eagerly.
#include "scenarios/alltoall_challenge.hpp"

namespace mpilab::scenarios {

namespace {

alltoall_challenge::Values alltoall(Comm& comm, const alltoall_challenge::Values& values) {
    const int rank = comm.rank();
    const int size = comm.size();
    auto new_values = alltoall_challenge::result_buffers(values, rank);
    for (int i = 0; i < size; ++i) {
        if (i != rank) comm.Send(values[i], /*dest=*/i);        // every rank sends first...
    }
    for (int i = 0; i < size; ++i) {
        if (i != rank) comm.Recv(new_values[i], /*source=*/i);  // ...and receives once all its sends returned
    }
    return new_values;
}

}  // namespace

Scenario alltoall_deadlock() {
    Scenario s = alltoall_challenge::make(
        "alltoall-deadlock", "The alltoall challenge, part 1: a deadlock",
        "A hand-written alltoall with blocking Send/Recv: every rank sends to every other rank, then receives. "
        "It deadlocks exactly when count * 8 bytes exceed the eager threshold: then each Send waits for a "
        "receive, and every rank is still sending. Run it with --set count=100 (it completes) and then "
        "`mpilab check alltoall-deadlock --set count=100` (it is still unsafe).",
        OutcomeStatus::Deadlock, alltoall);
    s.source_file = this_file();
    return s;
}

}  // namespace mpilab::scenarios
