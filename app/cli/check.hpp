// `mpilab check`: is a program safe, or does it complete only because the runtime buffers its sends, or
// only because its messages happen to arrive in a particular order? It explores every distinct match
// order of the program's wildcard receives, probes and waitany family (core/explore.hpp) at the chosen
// eager threshold and again with zero buffering (every standard send synchronous,
// Config::synchronous_sends); if the program's own order does not complete with zero buffering, it
// bisects the smallest eager threshold at which it does.
#pragma once

#include "core/explore.hpp"
#include "core/run.hpp"
#include "app/source/program_source.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace mpilab::cli {

enum class Verdict { Safe, Unsafe, Error };

// What the exploration of one buffering mode found.
struct MatchOrders {
    std::uint64_t explored = 0;               // distinct match orders run to an outcome
    std::uint64_t deadlocks = 0;
    std::uint64_t errors = 0;
    std::uint64_t runs = 0;
    bool exhaustive = true;
    bool stopped_by_time = false;
};

struct CheckResult {
    Trace at_threshold;                       // the run with the chosen eager threshold (virtual-time order)
    Trace zero_buffering;                     // the run with every send synchronous (virtual-time order)
    MatchOrders orders_at_threshold;
    MatchOrders orders_zero_buffering;
    bool choices = false;                     // the program makes choices (wildcards, waitany, ...)
    // The first match order that deadlocked or failed (zero buffering first), replayable from its choices.
    std::optional<Trace> failing;
    Verdict verdict = Verdict::Safe;
    // Unsafe: the smallest eager threshold (in bytes) at which the program completes, if any does.
    std::optional<std::int64_t> smallest_threshold;
    int runs = 0;                             // how many runs the check took
    ExploreLimits limits;
};

// Every run uses `config` (its progress callback included) with only the buffering and the choices changed.
CheckResult check_program(const ProgramSource& source, const Config& config, const ProgramArgs& args,
                          const ExploreLimits& limits = {});

std::string format_check(const CheckResult& result);
Value check_to_json(const CheckResult& result);
int exit_status(const CheckResult& result);   // 0 safe, 2 unsafe, 3 error
// The trace `check --trace` saves: the first failing match order, else the zero-buffering run.
const Trace& check_trace(const CheckResult& result);

}  // namespace mpilab::cli
