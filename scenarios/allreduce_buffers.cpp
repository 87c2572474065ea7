// allreduce-buffers: Allreduce with MAX on typed buffers.
#include "scenarios/scenario_kit.hpp"

#include <vector>

namespace mpilab::scenarios {

Scenario allreduce_buffers() {
    Scenario s;
    s.id = "allreduce-buffers";
    s.title = "Allreduce with typed buffers (MAX)";
    s.category = "Collectives";
    s.summary = "Bcast an array from rank 0, add the rank, and Allreduce with MAX: every rank's receive buffer "
                "holds arr + size - 1.";
    s.default_ranks = 4;
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params&) {
        const int rank = comm.rank();
        const int size = comm.size();
        std::vector<double> arr(2, -1.0);
        if (rank == 0) arr = {0.0, 1.0};
        comm.Bcast(arr, /*root=*/0);
        std::vector<double> mine{rank + arr[0], rank + arr[1]};
        std::vector<double> sum_ranks(2, 0.0);
        comm.Allreduce(mine, sum_ranks, op::MAX);   // using MAX this time
        comm.check(sum_ranks == std::vector<double>{arr[0] + size - 1, arr[1] + size - 1},
                   "np.all(sumRanks == arr + size - 1)");
        if (rank == 0) comm.result("sumRanks", Value(sum_ranks));
    };
    return s;
}

}  // namespace mpilab::scenarios
