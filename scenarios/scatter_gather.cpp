// scatter-gather: gather every rank's value on the root, then scatter the squares back.
#include "scenarios/scenario_kit.hpp"

namespace mpilab::scenarios {

Scenario scatter_gather() {
    Scenario s;
    s.id = "scatter-gather";
    s.title = "gather and scatter";
    s.category = "Collectives";
    s.summary = "gather collects one object from every rank into a list on the root (in rank order); scatter "
                "hands item i of the root's list to rank i. Here the root gathers the ranks, squares them and "
                "scatters the squares back, so every rank ends with rank ** 2.";
    s.default_ranks = 4;
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params&) {
        const int rank = comm.rank();
        const int size = comm.size();
        Value gathered_objs = comm.gather(rank, /*root=*/0);
        Value objs_to_scatter = nullptr;
        if (rank == 0) {
            comm.check(gathered_objs.is_array(), "type(gathered_objs) is list");
            int sum = 0;
            for (const Value& v : gathered_objs) sum += v.get<int>();
            comm.check(sum == size * (size - 1) / 2, "sum(gathered_objs) == sum(range(size))");
            objs_to_scatter = Value::array();
            for (const Value& v : gathered_objs) objs_to_scatter.push_back(v.get<int>() * v.get<int>());
            comm.result("gathered", gathered_objs);
        }
        Value new_data_obj = comm.scatter(objs_to_scatter, /*root=*/0);
        comm.check(new_data_obj == rank * rank, "new_data_obj == rank ** 2");
    };
    return s;
}

}  // namespace mpilab::scenarios
