// bcast-reduce-buffers: Bcast and Reduce on typed buffers, reducing with MAX.
#include "scenarios/scenario_kit.hpp"

#include <vector>

namespace mpilab::scenarios {

Scenario bcast_reduce_buffers() {
    Scenario s;
    s.id = "bcast-reduce-buffers";
    s.title = "Bcast and Reduce with typed buffers (MAX)";
    s.category = "Collectives";
    s.summary = "The buffer flavour writes into arrays the caller owns: Bcast fills arr on every rank, and Reduce "
                "with MAX leaves arr + size - 1 in the root's receive buffer while the other ranks' receive "
                "buffers stay untouched (still zero).";
    s.default_ranks = 4;
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params&) {
        const int rank = comm.rank();
        const int size = comm.size();
        std::vector<double> arr(2, -1.0);   // np.empty(2)
        if (rank == 0) arr = {0.0, 1.0};     // np.arange(2, dtype='d')
        comm.Bcast(arr, /*root=*/0);
        std::vector<double> mine{rank + arr[0], rank + arr[1]};
        std::vector<double> sum_ranks(2, 0.0);
        comm.Reduce(mine, sum_ranks, op::MAX, /*root=*/0);   // using MAX this time
        if (rank == 0) {
            comm.check(sum_ranks == std::vector<double>{arr[0] + size - 1, arr[1] + size - 1},
                       "np.all(sumRanks == arr + size - 1)");
            comm.result("sumRanks", Value(sum_ranks));
        } else {
            comm.check(sum_ranks == std::vector<double>{0.0, 0.0}, "np.all(sumRanks == 0) off the root");
        }
    };
    return s;
}

}  // namespace mpilab::scenarios
