// isend-irecv: a non-blocking send and receive, completed with wait.
#include "scenarios/scenario_kit.hpp"

#include <algorithm>
#include <vector>

namespace mpilab::scenarios {

Scenario isend_irecv() {
    Scenario s;
    s.id = "isend-irecv";
    s.title = "Isend and Irecv, then Wait";
    s.category = "Non-blocking";
    s.summary = "Isend and Irecv return at once with a request; Wait returns when the transfer is complete and "
                "the buffer is safe to touch again. Until then rank 0 must not change arr, and rank 1 must not "
                "read it.";
    s.default_ranks = 2;
    s.min_ranks = 2;
    s.max_ranks = 2;
    s.params = {{"count", 1000, "number of doubles in the buffer", 1, 100'000'000}};
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params& params) {
        const auto buf_size = static_cast<std::size_t>(params.integer("count"));
        std::vector<double> arr(buf_size);
        Request req;
        if (comm.rank() == 0) {
            std::fill(arr.begin(), arr.end(), 10.0);   // np.zeros(buf_size) + 10
            req = comm.Isend(arr, /*dest=*/1);
        } else {
            req = comm.Irecv(arr, /*source=*/0);
        }
        comm.wait(req);
        if (comm.rank() == 1) {
            comm.check(std::all_of(arr.begin(), arr.end(), [](double x) { return x == 10.0; }), "np.all(arr == 10)");
            comm.result("received", static_cast<std::int64_t>(arr.size()));
        }
    };
    return s;
}

}  // namespace mpilab::scenarios
