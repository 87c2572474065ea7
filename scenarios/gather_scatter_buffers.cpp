// gather-scatter-buffers: Gather rows into a size x 3 array on the root, Scatter scaled rows back.
#include "scenarios/scenario_kit.hpp"

#include <vector>

namespace mpilab::scenarios {

Scenario gather_scatter_buffers() {
    Scenario s;
    s.id = "gather-scatter-buffers";
    s.title = "Gather and Scatter with typed buffers";
    s.category = "Collectives";
    s.summary = "Every rank holds three copies of its rank; Gather stacks them into a size x 3 array on the root "
                "(row i from rank i). The root multiplies column j by j and Scatter sends row i back to rank i, "
                "which therefore holds rank * [0, 1, 2].";
    s.default_ranks = 4;
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params&) {
        const int rank = comm.rank();
        const int size = comm.size();
        std::vector<double> data_arr(3, static_cast<double>(rank));       // np.zeros(3) + rank
        std::vector<double> gathered_arrs(static_cast<std::size_t>(size) * 3);   // np.empty([size, 3])
        comm.Gather(data_arr, gathered_arrs, /*root=*/0);
        std::vector<double> scattered_objs(static_cast<std::size_t>(size) * 3);
        if (rank == 0) {
            for (int i = 0; i < size; ++i)
                for (int j = 0; j < 3; ++j) {
                    comm.check(gathered_arrs[i * 3 + j] == i, "np.all(gathered_arrs.T == np.arange(size))");
                    scattered_objs[i * 3 + j] = gathered_arrs[i * 3 + j] * j;   // gathered_arrs * np.arange(3)
                }
            comm.result("gathered", Value(gathered_arrs));
        }
        std::vector<double> new_data_arr(3);
        comm.Scatter(scattered_objs, new_data_arr, /*root=*/0);
        comm.check(new_data_arr == std::vector<double>{0.0, 1.0 * rank, 2.0 * rank},
                   "np.all(new_data_arr == data_arr * np.arange(3))");
    };
    return s;
}

}  // namespace mpilab::scenarios
