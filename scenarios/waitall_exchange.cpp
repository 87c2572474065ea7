// waitall-exchange: every rank sends to its right neighbour and receives from its left one, non-blocking.
#include "scenarios/scenario_kit.hpp"

#include <vector>

namespace mpilab::scenarios {

Scenario waitall_exchange() {
    Scenario s;
    s.id = "waitall-exchange";
    s.title = "Isend + Irecv + waitall: an exchange that cannot deadlock";
    s.category = "Non-blocking";
    s.summary = "Each rank starts an Isend to its right neighbour and an Irecv from its left one and then waits "
                "for both with waitall. No rank blocks before every rank has posted its operations, so this "
                "works for any message size: it is one of the standard fixes for head-to-head deadlocks.";
    s.default_ranks = 4;
    s.min_ranks = 2;
    s.params = {{"count", 10, "number of doubles each rank sends", 1, 100'000'000}};
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params& params) {
        const int rank = comm.rank();
        const int size = comm.size();
        const auto count = static_cast<std::size_t>(params.integer("count"));
        const int right = (rank + 1) % size;
        const int left = (rank - 1 + size) % size;
        std::vector<double> data(count), buffer(count);   // send buffer, receive buffer
        for (std::size_t i = 0; i < count; ++i) data[i] = static_cast<double>(i) * (rank + 1);
        std::vector<Request> req;
        req.push_back(comm.Isend(data, right));
        req.push_back(comm.Irecv(buffer, left));
        comm.waitall(req);
        comm.check(buffer.back() == static_cast<double>(count - 1) * (left + 1), "buffer holds the left rank's data");
        if (rank == 0) comm.result("received from left", buffer.back());
    };
    return s;
}

}  // namespace mpilab::scenarios
