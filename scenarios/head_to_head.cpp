// head-to-head: both ranks of a pair receive first, so neither ever reaches its send.
#include "scenarios/scenario_kit.hpp"

namespace mpilab::scenarios {

Scenario head_to_head() {
    Scenario s;
    s.id = "head-to-head";
    s.title = "Head to head: both ranks receive first";
    s.category = "Deadlocks and errors";
    s.summary = "Rank 0 waits in recv for rank 1 while rank 1 waits in recv for rank 0: each waits for a send the "
                "other will only make after its own receive returns. This deadlocks whatever the message size or "
                "the buffering. Fix it by ordering by rank parity, with sendrecv, or with irecv + send + wait.";
    s.default_ranks = 2;
    s.min_ranks = 2;
    s.ranks_check = even_ranks;
    s.expect = OutcomeStatus::Deadlock;
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params&) {
        const int rank = comm.rank();
        const int partner = rank ^ 1;   // 0 <-> 1, 2 <-> 3, ...
        Value theirs = comm.recv(partner, /*tag=*/0);   // both ranks block here
        comm.send(rank, partner, /*tag=*/0);
        comm.check(theirs == partner, "received the partner's rank");
    };
    return s;
}

}  // namespace mpilab::scenarios
