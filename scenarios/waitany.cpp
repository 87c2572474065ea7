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
    s.summary = "Rank 0 posts one Irecv per worker and calls waitany until all have completed, handling each "
                "result as soon as its request completes; the status says whose result it was. The workers' tasks "
                "differ in length, so the results arrive in reverse rank order (rank 3's at 1 ms, rank 1's at 3 ms "
                "with 4 ranks), and waitany returns them in that order. A loop of blocking Recv in rank order would "
                "instead wait for the workers strictly one after another.";
    s.default_ranks = 4;
    s.min_ranks = 2;
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params&) {
        const int rank = comm.rank();
        const int size = comm.size();
        if (rank == 0) {
            std::vector<std::int64_t> results(size, 0);
            std::vector<Request> requests;
            for (int worker = 1; worker < size; ++worker)
                requests.push_back(comm.Irecv(results[worker], worker, /*tag=*/0));
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
            comm.compute(1e-3 * (size - rank));   // the workers' tasks differ in length
            const std::int64_t result = rank * 100;
            comm.Send(result, /*dest=*/0, /*tag=*/0);
        }
    };
    return s;
}

}  // namespace mpilab::scenarios
