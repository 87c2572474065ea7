// bcast-reduce-dict: bcast and reduce of dicts, with a user-defined reduction operation.
#include "scenarios/scenario_kit.hpp"

namespace mpilab::scenarios {

Scenario bcast_reduce_dict() {
    Scenario s;
    s.id = "bcast-reduce-dict";
    s.title = "bcast and reduce of dicts with a user-defined op";
    s.category = "Collectives";
    s.summary = "MPI.SUM does not add dicts, so the reduction uses the program's own dict_reduce, which adds the "
                "'v' fields. A user op should be associative (and here commutative): MPI may combine the "
                "contributions in any tree shape.";
    s.default_ranks = 4;
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params&) {
        const int rank = comm.rank();
        const int size = comm.size();
        Value d = Value::object();
        if (rank == 0) d = {{"v", 0}};
        d = comm.bcast(d, /*root=*/0);
        comm.check(d == Value{{"v", 0}}, "every rank received {'v': 0}");
        d["v"] = rank;
        Value sum_ranks = comm.reduce(d, dict_reduce(), /*root=*/0);
        if (rank == 0) {
            comm.check(sum_ranks["v"] == size * (size - 1) / 2, "sumRanks['v'] == sum(range(size))");
            comm.result("sumRanks", sum_ranks);
        }
    };
    return s;
}

}  // namespace mpilab::scenarios
