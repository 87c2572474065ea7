// pipeline: rank 0 starts with 2; every rank receives from rank-1, doubles the number and passes it on.
#include "scenarios/scenario_kit.hpp"

#include <cstdint>

namespace mpilab::scenarios {

Scenario pipeline() {
    Scenario s;
    s.id = "pipeline";
    s.title = "A pipeline: each rank doubles and passes on";
    s.category = "Basics";
    s.summary = "A chain of dependencies: rank 0 sends 2 to rank 1; each following rank receives from rank-1, "
                "doubles the value and sends it to rank+1; the last rank receives 2^(size-1) (so at most 63 ranks: "
                "2^63 does not fit in 64 bits). On the timeline the ranks wait one after another, because each needs its predecessor's result.";
    s.default_ranks = 5;
    s.min_ranks = 2;
    // 2^63 does not fit in a signed 64-bit integer: rank 63 would receive an overflowed number.
    s.max_ranks = 63;
    s.max_ranks_why = "the last rank receives 2^(size-1), and from 64 ranks on that no longer fits in a 64-bit "
                      "integer";
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params&) {
        const int worker = comm.rank();
        const int size = comm.size();
        const std::int64_t initial = 2;
        if (worker == 0) {
            comm.send(initial, /*dest=*/worker + 1);
        } else {
            std::int64_t rec = comm.recv(/*source=*/worker - 1).get<std::int64_t>();
            comm.print(worker, " received ", rec);
            comm.check(rec == (std::int64_t{1} << worker), "rank k receives 2^k");
            if (worker == size - 1) {
                comm.result("final", rec);
            } else {
                comm.compute(1e-6);   // the work of this stage
                comm.send(rec * 2, /*dest=*/worker + 1);
            }
        }
    };
    return s;
}

}  // namespace mpilab::scenarios
