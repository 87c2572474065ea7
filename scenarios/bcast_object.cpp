// bcast-object: broadcasting a nested Python-like object and a NumPy-like array.
#include "scenarios/scenario_kit.hpp"

#include <vector>

namespace mpilab::scenarios {

Scenario bcast_object() {
    Scenario s;
    s.id = "bcast-object";
    s.title = "Broadcasting an object and an array";
    s.category = "Collectives";
    s.summary = "bcast sends any object, here a dict of lists and strings that only rank 0 defines (the others "
                "pass None); Bcast fills an array that every rank has allocated. Every rank prints what it got.";
    s.default_ranks = 4;
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params&) {
        const int rank = comm.rank();
        const Value expected = {{"key1", {10, 10.1, "10+11j"}}, {"key2", {"mpi4py", "python"}}, {"key3", {1, 2, 3}}};
        Value data = nullptr;
        std::vector<double> array(8, 0.0);          // np.zeros(8)
        if (rank == 0) {
            data = expected;
            for (int i = 0; i < 8; ++i) array[i] = i / 10.0;   // np.arange(8) / 10.
        }
        data = comm.bcast(data, /*root=*/0);
        if (rank == 0) comm.print("bcast finished");
        comm.print("data on rank ", rank, " is: ", data);
        comm.check(data == expected, "every rank holds rank 0's dict");
        comm.Bcast(array, /*root=*/0);
        comm.check(array[7] == 0.7, "every rank holds rank 0's array");
        if (rank == 0) comm.result("data", data);
    };
    return s;
}

}  // namespace mpilab::scenarios
