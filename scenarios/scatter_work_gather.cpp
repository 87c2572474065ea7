// scatter-work-gather: scatter work items, process them, gather the results and reduce to a maximum.
#include "scenarios/scenario_kit.hpp"

namespace mpilab::scenarios {

Scenario scatter_work_gather() {
    Scenario s;
    s.id = "scatter-work-gather";
    s.title = "Scatter work, gather results, reduce with MAX";
    s.category = "Collectives";
    s.summary = "The root scatters [0, 2, 4, ...] (one item per rank), each rank adds 1, and the root gathers "
                "the results and finds their maximum with reduce(op=MAX). Broadcast sends everyone the same "
                "data; scatter sends each rank only its part.";
    s.default_ranks = 4;
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params&) {
        const int rank = comm.rank();
        const int size = comm.size();
        Value data = nullptr;
        if (rank == 0) {
            data = Value::array();
            for (int i = 0; i < size; ++i) data.push_back(i * 2);
        }
        // Scatter data from root to all processes
        Value recv_data = comm.scatter(data, /*root=*/0);
        comm.print("Process ", rank, " received: ", recv_data);
        // Each process does some work
        comm.compute(1e-6);
        int processed_data = recv_data.get<int>() + 1;
        // Gather results back to root, then find the maximum
        Value gathered = comm.gather(processed_data, /*root=*/0);
        Value max_val = comm.reduce(processed_data, op::MAX, /*root=*/0);
        Value cubes = comm.gather(std::int64_t{rank} * rank * rank, /*root=*/0);   // 1291^3 > 2^31: 64 bits
        if (rank == 0) {
            comm.print("Root process gathered: ", gathered);
            comm.print("The maximum value is: ", max_val);
            comm.check(max_val == 2 * (size - 1) + 1, "max_val == 2 * (size - 1) + 1");
            const std::int64_t last = size - 1;
            comm.check(cubes[size - 1] == last * last * last, "gather keeps rank order");
            comm.result("gathered", gathered);
            comm.result("max", max_val);
            comm.result("largest_cube", cubes[size - 1]);
        }
    };
    return s;
}

}  // namespace mpilab::scenarios
