// igather-vs-gather: the tutorial's timing demo. Rank i works at step i; blocking Gather makes every rank
// wait for each step's latecomer, Igather lets each rank post all its steps and wait once.
#include "scenarios/scenario_kit.hpp"

#include <vector>

namespace mpilab::scenarios {

namespace {

// One pass of the demo: `size` gathers, rank i computing for `delay` seconds before the i-th one.
// Returns the elapsed virtual time on this rank.
double gather_steps(Comm& comm, std::int64_t count, double delay, bool nonblocking) {
    const int rank = comm.rank();
    const int size = comm.size();
    const auto n = static_cast<std::size_t>(count);
    std::vector<float> res;   // [size][size][count] on the root
    if (rank == 0) res.assign(static_cast<std::size_t>(size) * size * n, -1.0f);
    // Each step's send buffer must stay untouched until its request completes, so all are kept.
    std::vector<std::vector<float>> arrs(size);
    std::vector<Request> requests;
    const double start = comm.wtime();
    for (int i = 0; i < size; ++i) {
        if (rank == i) comm.compute(delay);   // time.sleep(1)
        arrs[i].assign(n, static_cast<float>(rank * i));
        Buffer slice = rank == 0 ? Buffer(res.data() + i * size * n, size * count, datatype_of<float>) : Buffer();
        if (nonblocking) {
            requests.push_back(comm.Igather(arrs[i], slice, /*root=*/0));
        } else {
            comm.Gather(arrs[i], slice, /*root=*/0);
        }
    }
    comm.waitall(requests);
    const double elapsed = comm.wtime() - start;
    if (rank == 0) {
        bool all_right = true;
        for (int i = 0; i < size; ++i)
            for (int j = 0; j < size; ++j)
                all_right = all_right && res[(i * size + j) * n] == static_cast<float>(i * j) &&
                            res[(i * size + j) * n + n - 1] == static_cast<float>(i * j);
        comm.check(all_right, "np.all(res == (cumsum.T @ cumsum).reshape(size, size, 1))");
    }
    return elapsed;
}

}  // namespace

Scenario igather_vs_gather() {
    Scenario s;
    s.id = "igather-vs-gather";
    s.title = "Igather vs Gather: hiding load imbalance";
    s.category = "Non-blocking";
    s.summary = "Rank i works for `delay` seconds before the i-th of `size` gathers. With blocking Gather every "
                "rank waits at each step for that step's worker, so the delays add up to about size * delay; with "
                "Igather every rank posts its gathers and waits once, about one delay. The arrays are big enough "
                "for rendezvous (the reason the tutorial makes them large): with eager sends Gather would not wait.";
    s.default_ranks = 4;
    s.min_ranks = 2;
    s.params = {
        {"count", 20000, "float32 elements each rank contributes per gather", 1, 10'000'000},
        {"delay", 1.0, "seconds of work rank i does before gather i", 0, 1000},
    };
    s.source_file = this_file();
    // Each pass: the root's `res` and every rank's `arrs` (ranks * ranks * count floats each), eager
    // messages copied into the root's queue; the trace holds the two passes' 2 * ranks * ranks messages.
    s.memory_bytes = [](const Config& config, const Params& params) {
        const double ranks = config.ranks;
        const double bytes = static_cast<double>(params.integer("count")) * 4;
        const bool eager = !config.synchronous_sends && bytes <= static_cast<double>(config.eager_threshold);
        return ranks * ranks * (bytes * (eager ? 3 : 2) + 2 * TRACE_BYTES_PER_MESSAGE);
    };
    s.program = [](Comm& comm, const Params& params) {
        const auto count = params.integer("count");
        const double delay = params.number("delay");
        const double igather_time = gather_steps(comm, count, delay, /*nonblocking=*/true);
        const double gather_time = gather_steps(comm, count, delay, /*nonblocking=*/false);
        if (comm.rank() == 0) {
            comm.print("(Igather) Total time = ", igather_time);
            comm.print("(Gather) Total time = ", gather_time);
            comm.result("Igather seconds", igather_time);
            comm.result("Gather seconds", gather_time);
        }
    };
    return s;
}

}  // namespace mpilab::scenarios
