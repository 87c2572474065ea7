// comm-split: split COMM_WORLD by colour into smaller communicators with their own ranks.
#include "scenarios/scenario_kit.hpp"

namespace mpilab::scenarios {

Scenario comm_split() {
    Scenario s;
    s.id = "comm-split";
    s.title = "Splitting a communicator";
    s.category = "Collectives";
    s.summary = "Ranks with the same colour (rank % colors) form a new communicator, numbered from 0 in the order "
                "of their world ranks. A collective on the new communicator involves only its members: the "
                "allreduce below adds the world ranks of one colour.";
    s.default_ranks = 8;
    s.params = {{"colors", 4, "number of colours (sub-communicators)", 1, 64}};
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params& params) {
        const int rank = comm.rank();
        const int size = comm.size();
        const int colors = static_cast<int>(params.integer("colors"));
        const int color = rank % colors;
        Comm local_comm = comm.split(color);
        const int local_rank = local_comm.rank();
        comm.print("Global rank: ", rank, " Local rank: ", local_rank);
        comm.check(local_rank == rank / colors, "local rank == rank / colors");
        int expected_sum = 0, expected_size = 0;
        for (int r = color; r < size; r += colors) expected_sum += r, ++expected_size;
        comm.check(local_comm.size() == expected_size, "the local communicator holds the ranks of one colour");
        Value sum = local_comm.allreduce(rank, op::SUM);
        comm.check(sum == expected_sum, "allreduce on local_comm adds only its members");
        if (local_rank == 0) comm.result("colour " + std::to_string(color) + " sum", sum);
        local_comm.free();
    };
    return s;
}

}  // namespace mpilab::scenarios
