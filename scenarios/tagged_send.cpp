// tagged-send: rank 0 splits an array and sends one half to rank 1 (tag 13), the other to rank 2 (tag 14).
#include "scenarios/scenario_kit.hpp"

namespace mpilab::scenarios {

Scenario tagged_send() {
    Scenario s;
    s.id = "tagged-send";
    s.title = "Point to point with tags: two halves of an array";
    s.category = "Basics";
    s.summary = "Rank 0 sends data[:5] to rank 1 with tag 13 and data[5:] to rank 2 with tag 14; each receiver "
                "names both source and tag. Ranks above 2 take no part: point-to-point involves only the two "
                "ranks of each message.";
    s.default_ranks = 4;
    s.min_ranks = 3;
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params&) {
        const int rank = comm.rank();
        Value data = Value::array();
        for (int i = 0; i < 10; ++i) data.push_back(i);
        if (rank == 0) {
            Value low(data.begin(), data.begin() + 5);
            Value high(data.begin() + 5, data.end());
            comm.send(low, /*dest=*/1, /*tag=*/13);
            comm.send(high, /*dest=*/2, /*tag=*/14);
            comm.print("Rank ", rank, " data is: ", data);
        } else if (rank == 1) {
            Value got = comm.recv(/*source=*/0, /*tag=*/13);
            comm.print("Rank ", rank, " Message Received, data is: ", got);
            comm.check(got == Value(data.begin(), data.begin() + 5), "rank 1 got data[:5]");
            comm.result("rank 1", got);
        } else if (rank == 2) {
            Value got = comm.recv(/*source=*/0, /*tag=*/14);
            comm.print("Rank ", rank, " Message Received, data is: ", got);
            comm.check(got == Value(data.begin() + 5, data.end()), "rank 2 got data[5:]");
            comm.result("rank 2", got);
        }
    };
    return s;
}

}  // namespace mpilab::scenarios
