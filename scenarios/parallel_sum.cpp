// parallel-sum: the root scatters an array, every rank sums its part, and reduce adds the partial sums.
#include "scenarios/scenario_kit.hpp"

#include <numeric>
#include <vector>

namespace mpilab::scenarios {

Scenario parallel_sum() {
    Scenario s;
    s.id = "parallel-sum";
    s.title = "Parallel sum: scatter, compute, reduce";
    s.category = "Collectives";
    s.summary = "The case study: an array of n numbers starts on rank 0. Scatterv hands each rank its segment "
                "(the first n % size ranks get one more element), each rank sums its segment at the same time "
                "as the others, and reduce adds the partial sums on rank 0: 1 + 2 + ... + n.";
    s.default_ranks = 4;
    s.params = {{"n", 1000, "length of the array", 1, 10'000'000}};
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params& params) {
        const int rank = comm.rank();
        const int size = comm.size();
        const auto n = params.integer("n");
        std::vector<int> counts(size), displs(size);
        for (int i = 0, offset = 0; i < size; ++i) {
            counts[i] = static_cast<int>(n / size + (i < n % size ? 1 : 0));
            displs[i] = offset;
            offset += counts[i];
        }
        std::vector<double> data;
        if (rank == 0) {
            data.resize(static_cast<std::size_t>(n));
            std::iota(data.begin(), data.end(), 1.0);
        }
        // 1. Scatter: each rank receives its segment.
        std::vector<double> segment(static_cast<std::size_t>(counts[rank]));
        comm.Scatterv(data, counts, displs, segment, /*root=*/0);
        // 2. Compute: every rank sums its own segment.
        double partial = std::accumulate(segment.begin(), segment.end(), 0.0);
        comm.compute(1e-9 * static_cast<double>(segment.size()));
        // 3. Reduce: the partial sums meet on rank 0.
        Value total = comm.reduce(partial, op::SUM, /*root=*/0);
        if (rank == 0) {
            const double expected = static_cast<double>(n) * static_cast<double>(n + 1) / 2.0;
            comm.check(total.get<double>() == expected, "the sum is n * (n + 1) / 2");
            comm.result("sum", total);
        }
    };
    return s;
}

}  // namespace mpilab::scenarios
