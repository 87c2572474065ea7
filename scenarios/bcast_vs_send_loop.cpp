// bcast-vs-send-loop: one root sends the same array to everyone, first with a loop of Sends, then with Bcast.
#include "scenarios/scenario_kit.hpp"

#include <vector>

namespace mpilab::scenarios {

Scenario bcast_vs_send_loop() {
    Scenario s;
    s.id = "bcast-vs-send-loop";
    s.title = "A loop of Sends vs one Bcast";
    s.category = "Collectives";
    s.summary = "Rank 0 gives every rank the same array, first by sending it to each rank in turn and then with "
                "Bcast. The loop makes rank 0 send size-1 copies one after another; Bcast's tree lets ranks that "
                "already have the data forward it, so the time grows with log2(size) instead of size. The code is "
                "shorter too.";
    s.default_ranks = 8;
    s.params = {{"count", 1'000'000, "doubles in the array", 1, 100'000'000}};
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params& params) {
        const int rank = comm.rank();
        const int size = comm.size();
        const auto count = static_cast<std::size_t>(params.integer("count"));
        std::vector<double> data(count, rank == 0 ? 42.0 : 0.0);

        double start = comm.wtime();
        if (rank == 0) {
            for (int i = 1; i < size; ++i) comm.Send(data, i);
        } else {
            comm.Recv(data, 0);
        }
        Value loop_time = comm.reduce(comm.wtime() - start, op::MAX, 0);
        comm.check(data.back() == 42.0, "every rank has the data after the loop");

        if (rank != 0) data.assign(count, 0.0);
        comm.barrier();
        start = comm.wtime();
        comm.Bcast(data, 0);
        Value bcast_time = comm.reduce(comm.wtime() - start, op::MAX, 0);
        comm.check(data.back() == 42.0, "every rank has the data after Bcast");

        if (rank == 0) {
            comm.print("loop of Sends: ", loop_time, " s, Bcast: ", bcast_time, " s");
            comm.result("send loop seconds", loop_time);
            comm.result("bcast seconds", bcast_time);
        }
    };
    return s;
}

}  // namespace mpilab::scenarios
