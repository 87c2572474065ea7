// scatter-gather-dict: gather and scatter of dicts.
#include "scenarios/scenario_kit.hpp"

namespace mpilab::scenarios {

Scenario scatter_gather_dict() {
    Scenario s;
    s.id = "scatter-gather-dict";
    s.title = "gather and scatter of dicts";
    s.category = "Collectives";
    s.summary = "The same round trip with dicts: every rank contributes {'a': 0, 'b': rank}; the root squares "
                "each 'b' in a copy of the gathered list and scatters it back. Generic objects travel serialised, "
                "so the message sizes are those of the serialised text.";
    s.default_ranks = 4;
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params&) {
        const int rank = comm.rank();
        const int size = comm.size();
        Value data_obj = {{"a", 0}, {"b", rank}};
        Value gathered_objs = comm.gather(data_obj, /*root=*/0);
        Value scattered_objs = nullptr;
        if (rank == 0) {
            comm.check(gathered_objs.is_array() && static_cast<int>(gathered_objs.size()) == size,
                       "type(gathered_objs) is list, one item per rank");
            for (int i = 0; i < size; ++i)
                comm.check(gathered_objs[i]["b"] == i, "[d['b'] for d in gathered_objs] == list(range(size))");
            scattered_objs = gathered_objs;   // gathered_objs.copy()
            for (Value& d : scattered_objs) d["b"] = d["b"].get<int>() * d["b"].get<int>();
        }
        Value new_data_obj = comm.scatter(scattered_objs, /*root=*/0);
        comm.check(new_data_obj["b"] == rank * rank, "new_data_obj['b'] == rank ** 2");
        if (rank == 0) comm.result("scattered", scattered_objs);
    };
    return s;
}

}  // namespace mpilab::scenarios
