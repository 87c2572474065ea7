// alltoall-ordered: part 2 of the alltoall challenge. Still only blocking Send/Recv, but every pair of
// ranks agrees who sends first, so a send always has a receive posted against it.
#include "scenarios/alltoall_challenge.hpp"

namespace mpilab::scenarios {

namespace {

alltoall_challenge::Values alltoall(Comm& comm, const alltoall_challenge::Values& values) {
    const int rank = comm.rank();
    const int size = comm.size();
    auto new_values = alltoall_challenge::result_buffers(values, rank);
    // Partners in increasing rank order; within a pair the lower rank sends first. The lower rank of
    // any waiting pair is never itself waiting for a higher one, so no cycle of waits can form.
    for (int i = 0; i < size; ++i) {
        if (rank < i) {
            comm.Send(values[i], /*dest=*/i);
            comm.Recv(new_values[i], /*source=*/i);
        } else if (rank > i) {
            comm.Recv(new_values[i], /*source=*/i);
            comm.Send(values[i], /*dest=*/i);
        }
    }
    return new_values;
}

}  // namespace

Scenario alltoall_ordered() {
    Scenario s = alltoall_challenge::make(
        "alltoall-ordered", "The alltoall challenge, part 2: fixed with Send/Recv only",
        "The deadlock of part 1 fixed without non-blocking calls: each rank visits its partners in increasing "
        "rank order, and in each pair the lower rank sends first while the higher one receives first. It "
        "completes for every message size, even with zero buffering (`mpilab check alltoall-ordered`), at the "
        "price of exchanges that partly wait for each other.",
        OutcomeStatus::Completed, alltoall);
    s.source_file = this_file();
    return s;
}

}  // namespace mpilab::scenarios
