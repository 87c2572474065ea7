// hello: every rank runs the same program, learns its rank and the communicator's size, and prints them.
#include "scenarios/scenario_kit.hpp"

namespace mpilab::scenarios {

Scenario hello() {
    Scenario s;
    s.id = "hello";
    s.title = "Hello, world: ranks and size";
    s.category = "Basics";
    s.summary = "Every rank runs the same program; it asks COMM_WORLD for its rank and size and prints them, then "
                "all meet at a barrier. Try --schedule random with a few seeds: the order of the lines changes, as "
                "it does with mpiexec.";
    s.default_ranks = 4;
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params&) {
        int rank = comm.rank();
        int size = comm.size();
        comm.print("Hello from process ", rank, " out of ", size);
        comm.check(0 <= rank && rank < size, "0 <= rank < size");
        comm.barrier();   // wait for everybody to synchronise here
        if (rank == 0) comm.result("size", size);
    };
    return s;
}

}  // namespace mpilab::scenarios
