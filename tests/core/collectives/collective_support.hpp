// Helpers for the collective tests: the rank counts and algorithms every collective is run with,
// a run with one algorithm configured and a small eager threshold (so that both protocols appear),
// and counts of a trace's collective messages.
#pragma once

#include "core/collectives/algorithms.hpp"
#include "tests/core/support.hpp"

#include <map>
#include <string>
#include <vector>

namespace mpilab::test {

inline const std::vector<int> collective_rank_counts = {1, 2, 3, 4, 5, 8, 13, 16};

// Small enough that the "large" blocks of the tests (over 64 bytes) go by rendezvous.
inline constexpr std::int64_t small_eager_threshold = 64;

inline std::vector<std::string> algorithms_of(std::string_view collective) {
    for (const auto& entry : collectives::algorithm_table())
        if (entry.collective == collective) return {entry.algorithms.begin(), entry.algorithms.end()};
    return {};
}

inline RunResult run_collective_program(int ranks, const std::map<std::string, std::string>& algorithms,
                                        const Program& program, std::int64_t eager = small_eager_threshold) {
    Config c = config(ranks, eager);
    c.algorithms = algorithms;
    return run(c, program);
}

// Runs `program` once per (algorithm of `collective`, rank count) and checks every run completed;
// the program checks its results itself with comm.check(), which fails the run with its line.
inline void for_every_algorithm_and_size(std::string_view collective, const Program& program) {
    for (const std::string& algorithm : algorithms_of(collective)) {
        for (int ranks : collective_rank_counts) {
            const RunResult r = run_collective_program(ranks, {{std::string(collective), algorithm}}, program);
            INFO(collective, " with ", algorithm, " on ", ranks, " ranks: ", r.outcome().message);
            CHECK(status(r) == "completed");
        }
    }
}

inline int collective_messages(const Trace& t) {
    int n = 0;
    for (const MessageRecord& m : t.messages) n += m.collective() ? 1 : 0;
    return n;
}

inline bool has_protocol(const Trace& t, Protocol p) {
    for (const MessageRecord& m : t.messages)
        if (m.collective() && m.protocol == p) return true;
    return false;
}

inline std::string algorithm_recorded(const Trace& t, CallKind kind) {
    for (const CallRecord& c : t.calls)
        if (c.kind == kind) return t.algorithms.at(c.algorithm);
    return "(no call)";
}

// The sizes every data test uses per block or vector: one below and one above the eager threshold
// (for int32 elements: 8 and 96 bytes).
inline const std::vector<int> element_counts = {2, 24};

// Deterministic test data: rank r's element j of the k-th block.
inline std::int32_t datum(int r, int k, int j) { return (r + 1) * 1000 + k * 37 + j; }

}  // namespace mpilab::test
