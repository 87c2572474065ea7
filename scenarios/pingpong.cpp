// pingpong: ranks 0 and 1 bounce a message back and forth; the virtual clock gives latency and bandwidth.
#include "scenarios/scenario_kit.hpp"

#include <cstdint>
#include <vector>

namespace mpilab::scenarios {

Scenario pingpong() {
    Scenario s;
    s.id = "pingpong";
    s.title = "Ping-pong: latency and bandwidth";
    s.category = "Basics";
    s.summary = "Rank 0 sends `bytes` bytes to rank 1, which sends them straight back, `iters` times. The "
                "round-trip time shows the cost model: a fixed latency per message plus bytes / bandwidth, and "
                "an extra handshake once a message is larger than the eager threshold (try --set bytes=70000).";
    s.default_ranks = 2;
    s.min_ranks = 2;
    s.max_ranks = 2;
    s.params = {
        {"bytes", 1024, "size of each message in bytes", 1, 1 << 28},
        {"iters", 10, "number of round trips", 1, 100000},
    };
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params& params) {
        const auto bytes = params.integer("bytes");
        const auto iters = params.integer("iters");
        std::vector<std::uint8_t> buffer(static_cast<std::size_t>(bytes));
        const double start = comm.wtime();
        for (std::int64_t i = 0; i < iters; ++i) {
            const auto stamp = static_cast<std::uint8_t>(i);
            if (comm.rank() == 0) {
                buffer.front() = stamp;
                comm.Send(buffer, /*dest=*/1, /*tag=*/0);
                comm.Recv(buffer, /*source=*/1, /*tag=*/0);
                comm.check(buffer.front() == stamp, "the pong carries the ping's data");
            } else {
                comm.Recv(buffer, /*source=*/0, /*tag=*/0);
                comm.Send(buffer, /*dest=*/0, /*tag=*/0);
            }
        }
        if (comm.rank() == 0) {
            const double round_trip = (comm.wtime() - start) / static_cast<double>(iters);
            comm.print("round trip of ", bytes, " bytes: ", round_trip * 1e6, " us");
            comm.result("round_trip_seconds", round_trip);
            comm.result("bandwidth_bytes_per_second", 2.0 * static_cast<double>(bytes) / round_trip);
        }
    };
    return s;
}

}  // namespace mpilab::scenarios
