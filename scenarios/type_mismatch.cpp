// type-mismatch: int64 values sent into an int32 buffer. The message does not fit: MPI_ERR_TRUNCATE.
#include "scenarios/scenario_kit.hpp"

#include <cstdint>
#include <vector>

namespace mpilab::scenarios {

Scenario type_mismatch() {
    Scenario s;
    s.id = "type-mismatch";
    s.title = "Sending int64 into an int32 buffer";
    s.category = "Deadlocks and errors";
    s.summary = "Rank 0 sends arange(5) as int64 (40 bytes); rank 1 receives into an int32 array of 5 elements "
                "(20 bytes). Typed buffers are not converted: the message is larger than the receive buffer and "
                "the receive fails, as MPI_ERR_TRUNCATE does in mpi4py. Give both sides the same dtype.";
    s.default_ranks = 2;
    s.min_ranks = 2;
    s.max_ranks = 2;
    s.expect = OutcomeStatus::Error;
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params&) {
        std::vector<std::int64_t> ground_truth{0, 1, 2, 3, 4};   // sending array<long>
        if (comm.rank() == 0) {
            comm.Send(ground_truth, /*dest=*/1, /*tag=*/0);
        } else {
            std::vector<std::int32_t> recv_arr(5);            // expecting array<int>
            comm.Recv(recv_arr, /*source=*/0, /*tag=*/0);     // fails: the message does not fit
            comm.check(recv_arr[4] == ground_truth[4], "np.all(recv_arr == ground_truth)");
        }
    };
    return s;
}

}  // namespace mpilab::scenarios
