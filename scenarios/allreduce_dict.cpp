// allreduce-dict: allreduce of dicts with a user-defined op.
#include "scenarios/scenario_kit.hpp"

namespace mpilab::scenarios {

Scenario allreduce_dict() {
    Scenario s;
    s.id = "allreduce-dict";
    s.title = "allreduce of dicts with a user-defined op";
    s.category = "Collectives";
    s.summary = "The dict version of allreduce: every rank contributes {'v': rank}, the user op dict_reduce adds "
                "the 'v' fields, and every rank checks that it holds {'v': sum(range(size))}.";
    s.default_ranks = 4;
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params&) {
        const int rank = comm.rank();
        const int size = comm.size();
        Value d = Value::object();
        if (rank == 0) d = {{"v", 0}};
        d = comm.bcast(d, /*root=*/0);
        d["v"] = rank;
        Value sum_ranks = comm.allreduce(d, dict_reduce());   // no longer pass in a root
        comm.check(sum_ranks["v"] == size * (size - 1) / 2, "sumRanks['v'] == sum(range(size))");
        if (rank == 0) comm.result("sumRanks", sum_ranks);
    };
    return s;
}

}  // namespace mpilab::scenarios
