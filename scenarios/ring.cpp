// ring: a token travels around the ranks; each adds its rank before passing it on.
#include "scenarios/scenario_kit.hpp"

#include <cstdint>

namespace mpilab::scenarios {

Scenario ring() {
    Scenario s;
    s.id = "ring";
    s.title = "A token around the ring";
    s.category = "Basics";
    s.summary = "Rank 0 sends a token to rank 1, which adds its rank and sends it to rank 2, and so on; the last "
                "rank sends it back to rank 0. After `laps` laps rank 0 holds laps * (0 + 1 + ... + size-1). Rank 0 "
                "sends before it receives and every other rank receives first, so the ring cannot deadlock.";
    s.default_ranks = 4;
    s.min_ranks = 2;
    s.params = {{"laps", 1, "how many times the token goes around", 1, 1000}};
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params& params) {
        const int rank = comm.rank();
        const int size = comm.size();
        const int right = (rank + 1) % size;
        const int left = (rank - 1 + size) % size;
        const auto laps = params.integer("laps");
        std::int64_t token = 0;
        for (std::int64_t lap = 0; lap < laps; ++lap) {
            if (rank == 0) {
                comm.send(token, right);
                token = comm.recv(left).get<std::int64_t>();
            } else {
                token = comm.recv(left).get<std::int64_t>() + rank;
                comm.send(token, right);
            }
        }
        if (rank == 0) {
            const std::int64_t expected = laps * size * (size - 1) / 2;
            comm.print("the token came back holding ", token);
            comm.check(token == expected, "token == laps * sum(range(size))");
            comm.result("token", token);
        }
    };
    return s;
}

}  // namespace mpilab::scenarios
