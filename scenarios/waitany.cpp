// waitany: the root handles results in the order they arrive, not in rank order.
#include "scenarios/scenario_kit.hpp"

#include <cstdint>
#include <vector>

namespace mpilab::scenarios {

Scenario waitany() {
    Scenario s;
    s.id = "waitany";
    s.title = "waitany: serve whichever request completes first";
    s.category = "Non-blocking";
    s.summary = "Rank 0 posts one Irecv per worker and calls waitany until all have completed. Workers with a "
                "higher rank finish their work sooner, so rank 0 handles their results first; a loop of blocking "
                "Recv in rank order would sit idle waiting for the slowest worker.";
    s.default_ranks = 4;
    s.min_ranks = 2;
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params&) {
        const int rank = comm.rank();
        const int size = comm.size();
        if (rank == 0) {
            std::vector<std::int64_t> results(size, 0);
            std::vector<Request> requests;
            for (int worker = 1; worker < size; ++worker) requests.push_back(comm.Irecv(results[worker], worker, /*tag=*/0));
            Value order = Value::array();
            std::int64_t total = 0;
            for (int done = 1; done < size; ++done) {
                Status status;
                int index = comm.waitany(requests, &status);
                comm.check(index >= 0, "a request completed");
                order.push_back(status.source);
                total += results[status.source];
            }
            comm.print("results arrived from ranks ", order);
            comm.check(total == 100LL * size * (size - 1) / 2, "every worker's result arrived once");
            comm.result("arrival order", order);
        } else {
            comm.compute(1e-3 * (size - rank));   // higher ranks finish sooner
            const std::int64_t result = rank * 100;
            comm.Send(result, /*dest=*/0, /*tag=*/0);
        }
    };
    return s;
}

}  // namespace mpilab::scenarios
