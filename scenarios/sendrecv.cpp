// sendrecv: the safe exchange. One call sends and receives, so no ordering of calls can deadlock.
#include "scenarios/scenario_kit.hpp"

#include <vector>

namespace mpilab::scenarios {

Scenario sendrecv() {
    Scenario s;
    s.id = "sendrecv";
    s.title = "Sendrecv: the safe exchange";
    s.category = "Deadlocks and errors";
    s.summary = "Every rank sends an array to its right neighbour and receives one from its left neighbour with a "
                "single Sendrecv. The runtime posts the receive and the send together, so the exchange completes "
                "even when every message needs rendezvous (the default is 10000 doubles, 80,000 bytes).";
    s.default_ranks = 2;
    s.min_ranks = 2;
    s.params = {{"count", 10000, "doubles each rank sends", 1, 100'000'000}};
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params& params) {
        const int rank = comm.rank();
        const int size = comm.size();
        const auto count = static_cast<std::size_t>(params.integer("count"));
        std::vector<double> data(count), buffer(count);   // send buffer, receive buffer
        for (std::size_t i = 0; i < count; ++i) data[i] = static_cast<double>(i) * (rank + 1);
        const int dest = (rank + 1) % size, source = (rank - 1 + size) % size;
        comm.Sendrecv(data, dest, /*sendtag=*/0, buffer, source, /*recvtag=*/0);
        comm.check(buffer.back() == static_cast<double>(count - 1) * (source + 1), "buffer holds the left rank's data");
        if (rank == 0) comm.result("received", buffer.back());
    };
    return s;
}

}  // namespace mpilab::scenarios
