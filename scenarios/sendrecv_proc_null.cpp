// sendrecv-proc-null: a shift along an open chain; PROC_NULL stands for the missing neighbour at each end.
#include "scenarios/scenario_kit.hpp"

#include <vector>

namespace mpilab::scenarios {

Scenario sendrecv_proc_null() {
    Scenario s;
    s.id = "sendrecv-proc-null";
    s.title = "Sendrecv with PROC_NULL at the ends of a chain";
    s.category = "Deadlocks and errors";
    s.summary = "Every rank passes its data one rank to the right along a chain that does not wrap around. The "
                "last rank has no right neighbour and rank 0 no left one: MPI.PROC_NULL as destination or source "
                "makes that half of the call do nothing, so every rank runs the same line without special cases.";
    s.default_ranks = 4;
    s.min_ranks = 1;
    s.params = {{"count", 10, "doubles each rank sends", 1, 100'000'000}};
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params& params) {
        const int rank = comm.rank();
        const int size = comm.size();
        const auto count = static_cast<std::size_t>(params.integer("count"));
        std::vector<double> data(count, rank + 1.0);
        std::vector<double> buffer(count, -1.0);
        const int dest = rank + 1 < size ? rank + 1 : PROC_NULL;
        const int source = rank > 0 ? rank - 1 : PROC_NULL;
        Status status = comm.Sendrecv(data, dest, /*sendtag=*/0, buffer, source, /*recvtag=*/0);
        if (source == PROC_NULL) {
            comm.check(status.source == PROC_NULL && buffer.front() == -1.0,
                       "a receive from PROC_NULL leaves the buffer alone");
        } else {
            comm.check(buffer.front() == source + 1.0, "buffer holds the left rank's data");
        }
        comm.print("rank ", rank, " received ", source == PROC_NULL ? std::string("nothing (PROC_NULL)")
                                                                      : "data from rank " + std::to_string(source));
    };
    return s;
}

}  // namespace mpilab::scenarios
