// allreduce: like reduce, but every rank receives the result.
#include "scenarios/scenario_kit.hpp"

namespace mpilab::scenarios {

Scenario allreduce() {
    Scenario s;
    s.id = "allreduce";
    s.title = "allreduce: every rank gets the sum";
    s.category = "Collectives";
    s.summary = "allreduce takes no root: every rank receives sum(range(size)). Count the messages in the report "
                "and compare with bcast-reduce: an all- collective moves more data, which implementations reduce "
                "with clever algorithms (try --algorithm allreduce=...).";
    s.default_ranks = 4;
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params&) {
        const int rank = comm.rank();
        const int size = comm.size();
        Value val = nullptr;
        if (rank == 0) val = 0;
        val = comm.bcast(val, /*root=*/0);
        Value sum_ranks = comm.allreduce(rank + val.get<int>(), op::SUM);   // no longer pass in a root
        comm.check(sum_ranks == size * (size - 1) / 2, "sumRanks == sum(range(size))");
        if (rank == 0) comm.result("sumRanks", sum_ranks);
    };
    return s;
}

}  // namespace mpilab::scenarios
