// Shared by the scenario tests: small parameter values for the scenarios whose defaults are big (the
// outcome does not depend on them), whether a scenario runs on a rank count, and an outcome as text.
#pragma once

#include "scenarios/registry.hpp"

#include <map>
#include <string>

namespace mpilab::test {

inline const std::map<std::string, Value>& small_params() {
    static const std::map<std::string, Value> params{
        {"pingpong", {{"iters", 3}}},
        {"parallel-sum", {{"n", 100}}},
        {"nonblocking-overlap", {{"count", 1000}}},
        {"igather-vs-gather", {{"count", 100}}},
        {"monte-carlo-pi", {{"samples", 10000}}},
        {"bcast-vs-send-loop", {{"count", 1000}}},
        {"trapezoid", {{"n", 64}}},
        {"matmul", {{"block", 4}}},
        {"game-of-life", {{"rows", 16}, {"cols", 12}, {"generations", 3}}},
        {"alltoall-ordered", {{"count", 100}}},
        {"alltoall-isend", {{"count", 100}}},
    };
    return params;
}

// The small parameters of scenario `id`, or none (its defaults).
inline Value small_params_for(const std::string& id) {
    auto small = small_params().find(id);
    return small == small_params().end() ? Value::object() : small->second;
}

inline bool allows(const Scenario& s, int ranks) {
    return ranks >= s.min_ranks && ranks <= s.max_ranks && (!s.ranks_check || s.ranks_check(ranks).empty());
}

inline std::string describe(const Outcome& outcome) {
    std::string text = std::string(outcome_status_name(outcome.status)) + ": " + outcome.message;
    if (outcome.error) text += " [" + outcome.error->file + ":" + std::to_string(outcome.error->line) + "]";
    return text;
}

}  // namespace mpilab::test
