// The alltoall challenge's scaffolding, as the tutorial gives it: build the values, call alltoall, and
// assert the result against the ground truth.
#include "scenarios/alltoall_challenge.hpp"

namespace mpilab::scenarios::alltoall_challenge {

namespace {

void run_challenge(Comm& comm, const Params& params, Alltoall alltoall) {
    const int rank = comm.rank();
    const int size = comm.size();
    const auto scaling_factor = static_cast<std::size_t>(params.integer("count"));
    Values values(size);
    for (int i = 0; i < size; ++i) values[i].assign(scaling_factor, rank * 10 + i);
    Values new_values = alltoall(comm, values);
    bool all_equal = static_cast<int>(new_values.size()) == size;
    for (int i = 0; all_equal && i < size; ++i) {
        all_equal = new_values[i] == std::vector<std::int64_t>(scaling_factor, rank + i * 10);
    }
    comm.check(all_equal, "np.all([np.all(v1 == v2) for v1, v2 in zip(new_values, ground_truth)])");
    if (rank == 0) {
        Value firsts = Value::array();
        for (const auto& v : new_values) firsts.push_back(v.front());
        comm.result("new_values[i][0] on rank 0", firsts);
    }
}

}  // namespace

Values result_buffers(const Values& values, int rank) {
    Values result(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) result[i].resize(values[i].size());
    result[rank] = values[rank];
    return result;
}

Scenario make(std::string id, std::string title, std::string summary, OutcomeStatus expect, Alltoall alltoall) {
    Scenario s;
    s.id = std::move(id);
    s.title = std::move(title);
    s.category = "Deadlocks and errors";
    s.summary = std::move(summary);
    s.default_ranks = 4;
    s.min_ranks = 2;
    s.expect = expect;
    s.params = {{"count", 10000, "int64 elements sent to each destination (the tutorial's scaling_factor)", 1,
                 10'000'000}};
    s.program = [alltoall](Comm& comm, const Params& params) { run_challenge(comm, params, alltoall); };
    // Every rank holds `values` and `new_values` (ranks * count int64 each); eager messages are also copied
    // into their receivers' queues; the trace holds the ranks * ranks messages.
    s.memory_bytes = [](const Config& config, const Params& params) {
        const double ranks = config.ranks;
        const double bytes = static_cast<double>(params.integer("count")) * 8;
        const bool eager = !config.synchronous_sends && bytes <= static_cast<double>(config.eager_threshold);
        return ranks * ranks * (bytes * (eager ? 3 : 2) + TRACE_BYTES_PER_MESSAGE);
    };
    return s;
}

}  // namespace mpilab::scenarios::alltoall_challenge
