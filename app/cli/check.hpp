// `mpilab check`: is a program safe, or does it complete only because the runtime buffers its sends?
// It runs the program at the chosen eager threshold and again with zero buffering (every standard send
// synchronous, Config::synchronous_sends); if the latter does not complete, it bisects the smallest
// eager threshold at which the program completes.
#pragma once

#include "core/run.hpp"
#include "app/source/program_source.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace mpilab::cli {

enum class Verdict { Safe, Unsafe, Error };

struct CheckResult {
    Trace at_threshold;                       // the run with the chosen eager threshold
    Trace zero_buffering;                     // the run with every send synchronous
    Verdict verdict = Verdict::Safe;
    // Unsafe: the smallest eager threshold (in bytes) at which the program completes, if any does.
    std::optional<std::int64_t> smallest_threshold;
    int runs = 0;                             // how many runs the check took
};

// Every run uses `config` (its progress callback included) with only the buffering changed.
CheckResult check_program(const ProgramSource& source, const Config& config, const ProgramArgs& args);

std::string format_check(const CheckResult& result);
Value check_to_json(const CheckResult& result);
int exit_status(const CheckResult& result);   // 0 safe, 2 unsafe, 3 error

}  // namespace mpilab::cli
