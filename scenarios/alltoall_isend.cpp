// alltoall-isend: part 3 of the alltoall challenge. Part 1 with Isend instead of Send: no send blocks, so
// every rank reaches its receives.
#include "scenarios/alltoall_challenge.hpp"

namespace mpilab::scenarios {

namespace {

alltoall_challenge::Values alltoall(Comm& comm, const alltoall_challenge::Values& values) {
    const int rank = comm.rank();
    const int size = comm.size();
    auto new_values = alltoall_challenge::result_buffers(values, rank);
    std::vector<Request> requests;
    for (int i = 0; i < size; ++i) {
        if (i != rank) requests.push_back(comm.Isend(values[i], /*dest=*/i));   // returns at once
    }
    for (int i = 0; i < size; ++i) {
        if (i != rank) comm.Recv(new_values[i], /*source=*/i);
    }
    comm.waitall(requests);   // values must stay untouched until the sends complete
    return new_values;
}

}  // namespace

Scenario alltoall_isend() {
    Scenario s = alltoall_challenge::make(
        "alltoall-isend", "The alltoall challenge, part 3: fixed with Isend/Recv",
        "Part 1 with each Send replaced by Isend and a waitall at the end. The sends only start, every rank goes "
        "on to its receives, and each rendezvous completes as soon as its receive is posted. Safe for every "
        "message size, and usually faster than part 2 because no pair waits for another.",
        OutcomeStatus::Completed, alltoall);
    s.source_file = this_file();
    return s;
}

}  // namespace mpilab::scenarios
