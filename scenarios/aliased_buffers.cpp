// aliased-buffers: the same array passed as send and receive buffer of a collective.
#include "scenarios/scenario_kit.hpp"

#include <vector>

namespace mpilab::scenarios {

Scenario aliased_buffers() {
    Scenario s;
    s.id = "aliased-buffers";
    s.title = "The input buffer used as the output buffer";
    s.category = "Deadlocks and errors";
    s.summary = "A common mistake with collectives: passing one array as both the send and the receive buffer, "
                "as in comm.Scatter(a, a) or comm.Allreduce(a, a). MPI forbids it, because the collective may "
                "overwrite input it still has to send. Use a separate receive buffer, or MPI.IN_PLACE where the "
                "collective allows it.";
    s.default_ranks = 4;
    s.expect = OutcomeStatus::Error;
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params&) {
        std::vector<double> a(4, comm.rank() + 1.0);
        comm.Allreduce(a, a, op::SUM);   // wrong: send and receive buffer are the same memory
        comm.check(a[0] == comm.size() * (comm.size() + 1) / 2.0, "a holds the sum");
    };
    return s;
}

}  // namespace mpilab::scenarios
