// bcast-reduce: the root broadcasts a value, every rank adds its rank, and reduce sums it on the root.
#include "scenarios/scenario_kit.hpp"

namespace mpilab::scenarios {

Scenario bcast_reduce() {
    Scenario s;
    s.id = "bcast-reduce";
    s.title = "bcast and reduce";
    s.category = "Collectives";
    s.summary = "Broadcast is one-to-many: rank 0's value reaches every rank. Reduce is many-to-one: every rank "
                "contributes rank + val and the root receives the sum, sum(range(size)). Only the root gets the "
                "result; the other ranks get None.";
    s.default_ranks = 4;
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params&) {
        const int rank = comm.rank();
        const int size = comm.size();
        Value val = nullptr;
        if (rank == 0) val = 0;
        val = comm.bcast(val, /*root=*/0);
        comm.check(val == 0, "every rank received the broadcast value");
        Value sum_ranks = comm.reduce(rank + val.get<int>(), op::SUM, /*root=*/0);
        if (rank == 0) {
            comm.check(sum_ranks == size * (size - 1) / 2, "sumRanks == sum(range(size))");   // only on the root
            comm.result("sumRanks", sum_ranks);
        } else {
            comm.check(sum_ranks.is_null(), "reduce returns None off the root");
        }
    };
    return s;
}

}  // namespace mpilab::scenarios
