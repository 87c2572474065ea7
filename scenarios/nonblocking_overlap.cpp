// nonblocking-overlap: start a transfer, compute while it proceeds, and wait only when the data is needed.
#include "scenarios/scenario_kit.hpp"

#include <vector>

namespace mpilab::scenarios {

Scenario nonblocking_overlap() {
    Scenario s;
    s.id = "nonblocking-overlap";
    s.title = "Overlapping communication and computation";
    s.category = "Non-blocking";
    s.summary = "Even ranks Isend an array to the next rank, odd ranks Irecv it; both compute while the message "
                "travels and only then wait. Compare the virtual time with --set overlap=false, where the same "
                "work waits for the transfer first.";
    s.default_ranks = 2;
    s.min_ranks = 2;
    s.params = {
        {"count", 100000, "number of doubles sent", 1, 100'000'000},
        {"work", 0.001, "seconds of computation on each rank", 0, 100},
        {"overlap", true, "compute between starting and completing the transfer", std::nullopt, std::nullopt},
    };
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params& params) {
        const int rank = comm.rank();
        const int size = comm.size();
        const auto count = static_cast<std::size_t>(params.integer("count"));
        const double work = params.number("work");
        const bool overlap = params.boolean("overlap");
        const double start = comm.wtime();
        std::vector<double> data(count);
        if (rank % 2 == 0 && rank + 1 < size) {
            for (std::size_t i = 0; i < count; ++i) data[i] = static_cast<double>(i) * (rank + 1);
            Request req = comm.Isend(data, /*dest=*/rank + 1);   // start a send
            if (!overlap) comm.wait(req);
            comm.compute(work);                                  // .. do something else ..
            comm.wait(req);                                      // wait for the send to finish
            // safe to read and write data again
        } else if (rank % 2 == 1) {
            Request req = comm.Irecv(data, /*source=*/rank - 1);  // post a receive
            if (!overlap) comm.wait(req);
            comm.compute(work);                                   // .. do something else ..
            comm.wait(req);                                       // wait for the receive to finish
            comm.check(data.back() == static_cast<double>(count - 1) * rank, "the data is now ready for use");
        }
        Value elapsed = comm.allreduce(comm.wtime() - start, op::MAX);
        if (rank == 0) comm.result("elapsed_seconds", elapsed);
    };
    return s;
}

}  // namespace mpilab::scenarios
