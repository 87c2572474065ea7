// monte-carlo-pi: estimate pi from random points; combine the counts with reduce, then with Ireduce.
#include "scenarios/scenario_kit.hpp"

#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>

namespace mpilab::scenarios {

Scenario monte_carlo_pi() {
    Scenario s;
    s.id = "monte-carlo-pi";
    s.title = "Monte Carlo pi with reduce and Ireduce";
    s.category = "Non-blocking";
    s.summary = "Each rank throws samples / size random points into the unit square and counts those inside the "
                "quarter circle; reduce adds the counts on rank 0, which estimates pi = 4 * inside / samples. "
                "Then the same with Ireduce into a buffer: the reduction proceeds while the ranks do other work, "
                "and Wait completes it.";
    s.default_ranks = 4;
    s.params = {{"samples", 1'000'000, "total number of random points", 1, 1'000'000'000}};
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params& params) {
        const int rank = comm.rank();
        const int size = comm.size();
        const std::int64_t total_samples = params.integer("samples");
        const std::int64_t samples_per_proc = total_samples / size + (rank < total_samples % size ? 1 : 0);
        // Each process runs its portion, with its own random stream.
        std::mt19937_64 generator(20250318 + rank);
        auto random = [&generator] { return static_cast<double>(generator() >> 11) * 0x1.0p-53; };
        std::int64_t local_count = 0;
        for (std::int64_t i = 0; i < samples_per_proc; ++i) {
            double x = random(), y = random();
            if (x * x + y * y <= 1.0) ++local_count;
        }
        comm.compute(2e-8 * static_cast<double>(samples_per_proc));

        // Blocking: gather all local counts at the root.
        Value total_count = comm.reduce(local_count, op::SUM, /*root=*/0);

        // Non-blocking: start the reduction, do other work, then wait for it.
        const std::int64_t send_buf = local_count;
        std::int64_t recv_buf = 0;
        Request req = comm.Ireduce(send_buf, recv_buf, op::SUM, /*root=*/0);
        comm.compute(0.1);   // simulate other work while the reduction proceeds
        comm.wait(req);

        if (rank == 0) {
            const double pi_estimate = 4.0 * static_cast<double>(recv_buf) / static_cast<double>(total_samples);
            comm.print("Estimated pi: ", pi_estimate);
            comm.check(total_count == recv_buf, "reduce and Ireduce agree");
            comm.check(std::fabs(pi_estimate - std::numbers::pi) < 10.0 / std::sqrt(static_cast<double>(total_samples)),
                       "the estimate is within the sampling error of pi");
            comm.result("pi", pi_estimate);
            comm.result("inside", recv_buf);
        }
    };
    return s;
}

}  // namespace mpilab::scenarios
