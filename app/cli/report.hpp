// The report a student reads after a run: what each rank printed, then the outcome explained — the
// deadlock's cycle with every blocked call, its source line and why it blocks, and the standard fixes;
// an error with rank, call, line and what to change; or the results and traffic of a completed run.
#pragma once

#include "core/trace.hpp"

#include <cstdint>
#include <string>

namespace mpilab::cli {

// The whole report for a trace (fresh from a run or loaded from a file).
// Without `verbose`, long lists (blocked ranks, output lines, warnings) are grouped and cut to keep
// the report under about 60 lines at any rank count.
std::string format_report(const Trace& trace, bool verbose = false);

// Pieces the check command reuses.
std::string format_run_header(const RunInfo& run);
std::string format_outcome(const Trace& trace, bool verbose = false);
std::string format_bytes(std::int64_t bytes);          // "80,000 bytes"
std::string format_number(std::int64_t n);             // "80,000"
std::string format_seconds(double seconds);            // "1.25 ms"

// The exit status for an outcome: 0 completed, 2 deadlock, 3 error (or cancelled).
int exit_status(OutcomeStatus status);

}  // namespace mpilab::cli
