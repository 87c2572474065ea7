// collective-mismatch: ranks call collectives in different orders, so the n-th collective of one rank
// meets a different collective on another.
#include "scenarios/scenario_kit.hpp"

namespace mpilab::scenarios {

Scenario collective_mismatch() {
    Scenario s;
    s.id = "collective-mismatch";
    s.title = "Collectives called in a different order";
    s.category = "Deadlocks and errors";
    s.summary = "Collectives match by their order on the communicator, not by name: every rank's first collective "
                "must be the same operation with the same root. Even ranks call bcast then reduce, odd ranks "
                "reduce then bcast, so the first collective is a bcast on some ranks and a reduce on others. The "
                "run stops with an error naming both calls.";
    s.default_ranks = 4;
    s.min_ranks = 2;
    s.expect = OutcomeStatus::Error;
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params&) {
        const int rank = comm.rank();
        Value config = rank == 0 ? Value{{"steps", 10}} : Value(nullptr);
        Value total;
        if (rank % 2 == 0) {
            config = comm.bcast(config, /*root=*/0);
            total = comm.reduce(rank, op::SUM, /*root=*/0);
        } else {
            total = comm.reduce(rank, op::SUM, /*root=*/0);   // wrong order: bcast must come first
            config = comm.bcast(config, /*root=*/0);
        }
        comm.check(config.contains("steps"), "every rank received the configuration");
    };
    return s;
}

}  // namespace mpilab::scenarios
