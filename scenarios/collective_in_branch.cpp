// collective-in-branch: a collective called inside `if rank == 0`. The root waits for contributions that
// the other ranks, which skipped the branch, never make.
#include "scenarios/scenario_kit.hpp"

namespace mpilab::scenarios {

Scenario collective_in_branch() {
    Scenario s;
    s.id = "collective-in-branch";
    s.title = "A collective inside an if on the rank";
    s.category = "Deadlocks and errors";
    s.summary = "Every rank of a communicator must call each collective. Here only rank 0 calls reduce, because "
                "the call sits inside `if rank == 0`; it waits for the other ranks' contributions, but they have "
                "skipped the branch and finished. Move the collective out of the branch and use its result "
                "inside it.";
    s.default_ranks = 4;
    s.min_ranks = 2;
    s.expect = OutcomeStatus::Deadlock;
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params&) {
        const int rank = comm.rank();
        const int partial = rank * rank;
        if (rank == 0) {
            Value total = comm.reduce(partial, op::SUM, /*root=*/0);   // wrong: the others never call it
            comm.print("total = ", total);
        }
        comm.print("rank ", rank, " is done");
    };
    return s;
}

}  // namespace mpilab::scenarios
