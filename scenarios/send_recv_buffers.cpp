// send-recv-buffers: the typed-buffer flavour, Send and Recv into a receive buffer that already exists.
#include "scenarios/scenario_kit.hpp"

#include <cstdint>
#include <vector>

namespace mpilab::scenarios {

Scenario send_recv_buffers() {
    Scenario s;
    s.id = "send-recv-buffers";
    s.title = "Send and Recv with typed buffers";
    s.category = "Basics";
    s.summary = "The capitalised calls move typed buffers without serialising them: rank 0 Sends arange(5) of "
                "int32 and arange(100) of double, rank 1 Recvs into buffers it allocated beforehand with the "
                "same element types. Compare type-mismatch, where the types differ.";
    s.default_ranks = 2;
    s.min_ranks = 2;
    s.max_ranks = 2;
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params&) {
        std::vector<std::int32_t> ground_truth(5);
        for (int i = 0; i < 5; ++i) ground_truth[i] = i;
        std::vector<double> floats(100);
        for (int i = 0; i < 100; ++i) floats[i] = i;
        if (comm.rank() == 0) {
            comm.Send(ground_truth, /*dest=*/1, /*tag=*/0);
            comm.Send(floats, /*dest=*/1, /*tag=*/1);
        } else {
            std::vector<std::int32_t> recv_arr(5);
            Status status = comm.Recv(recv_arr, /*source=*/0, /*tag=*/0);
            comm.check(recv_arr == ground_truth, "np.all(recv_arr == ground_truth)");
            comm.check(status.count == 5, "the status counts 5 elements");
            std::vector<double> data(100);
            comm.Recv(data, /*source=*/0, /*tag=*/1);
            comm.check(data == floats, "the doubles arrived intact");
            comm.print("received ", recv_arr.size(), " int32 and ", data.size(), " doubles");
            comm.result("int32 received", Value(recv_arr));
        }
    };
    return s;
}

}  // namespace mpilab::scenarios
