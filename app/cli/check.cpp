// The safety check and the bisection of the eager threshold. Bisection assumes that more buffering never
// turns a completing run into a deadlock, which holds for a deterministic schedule: a larger threshold
// only lets more sends return early. The candidates are the message sizes the completing run sent, so the
// answer is always the size of a real message ("messages up to N bytes").
#include "app/cli/check.hpp"

#include "app/cli/report.hpp"
#include "core/trace_json.hpp"

#include <algorithm>
#include <set>
#include <sstream>
#include <vector>

namespace mpilab::cli {

namespace {

Trace run_with(const ProgramSource& source, Config config, const ProgramArgs& args, int& runs) {
    ++runs;
    return source.run(std::move(config), args).trace;
}

bool completes(const Trace& trace) { return trace.outcome.status == OutcomeStatus::Completed; }

// The largest threshold worth trying when the chosen one deadlocks: beyond every message's size.
std::int64_t generous_threshold(const Trace& trace, std::int64_t chosen) {
    std::int64_t largest = chosen;
    for (const MessageRecord& m : trace.messages) largest = std::max(largest, m.bytes);
    for (const CallRecord& c : trace.calls) largest = std::max(largest, c.bytes);
    return largest * 2 + 1;
}

}  // namespace

CheckResult check_program(const ProgramSource& source, const Config& config, const ProgramArgs& args) {
    CheckResult result;
    result.at_threshold = run_with(source, config, args, result.runs);
    Config zero = config;
    zero.synchronous_sends = true;
    result.zero_buffering = run_with(source, zero, args, result.runs);

    if (result.at_threshold.outcome.status == OutcomeStatus::Error ||
        result.zero_buffering.outcome.status == OutcomeStatus::Error ||
        result.at_threshold.outcome.status == OutcomeStatus::Cancelled) {
        result.verdict = Verdict::Error;
        return result;
    }
    if (completes(result.at_threshold) && completes(result.zero_buffering)) {
        result.verdict = Verdict::Safe;
        return result;
    }
    result.verdict = Verdict::Unsafe;

    // A run that completes, to learn the message sizes from.
    Trace completing;
    if (completes(result.at_threshold)) {
        completing = result.at_threshold;
    } else {
        Config generous = config;
        generous.eager_threshold = generous_threshold(result.at_threshold, config.eager_threshold);
        completing = run_with(source, generous, args, result.runs);
        if (!completes(completing)) return result;   // no amount of buffering helps
    }
    std::set<std::int64_t> sizes{0};
    for (const MessageRecord& m : completing.messages) sizes.insert(m.bytes);
    std::vector<std::int64_t> candidates(sizes.begin(), sizes.end());
    // Invariant: the run completes at candidates[high]; it does not at any candidate below low.
    std::size_t low = 0, high = candidates.size() - 1;
    while (low < high) {
        std::size_t middle = (low + high) / 2;
        Config trial = config;
        trial.eager_threshold = candidates[middle];
        if (completes(run_with(source, trial, args, result.runs))) {
            high = middle;
        } else {
            low = middle + 1;
        }
    }
    result.smallest_threshold = candidates[high];
    return result;
}

std::string format_check(const CheckResult& result) {
    std::ostringstream out;
    const Trace& given = result.at_threshold;
    out << "check: " << format_run_header(given.run);
    out << "  at eager threshold " << format_bytes(given.run.eager_threshold) << ": "
        << outcome_status_name(given.outcome.status) << "\n";
    out << "  with zero buffering (every send synchronous): "
        << outcome_status_name(result.zero_buffering.outcome.status) << "\n\n";
    switch (result.verdict) {
        case Verdict::Safe:
            out << "safe: it completes even when no send is buffered, so it does not depend on the eager "
                   "threshold or on the MPI library's buffering.\n";
            break;
        case Verdict::Unsafe:
            if (result.smallest_threshold && given.outcome.status != OutcomeStatus::Completed) {
                // It deadlocks at the given threshold too: say what buffering would hide it.
                out << "unsafe: it deadlocks at this eager threshold, and it would complete only if messages up to "
                    << format_bytes(*result.smallest_threshold) << " were buffered (found in " << result.runs
                    << " runs). Buffering more would only hide the bug.\n";
            } else if (result.smallest_threshold) {
                out << "unsafe: it completes only because messages up to " << format_bytes(*result.smallest_threshold)
                    << " are buffered.\n"
                    << "The smallest eager threshold at which it completes is "
                    << format_bytes(*result.smallest_threshold) << " (found in " << result.runs << " runs).\n";
            } else {
                out << "unsafe: it deadlocks however many bytes are buffered.\n";
            }
            out << "\nWith zero buffering:\n\n" << format_outcome(result.zero_buffering);
            break;
        case Verdict::Error: {
            const Trace& failed = given.outcome.status == OutcomeStatus::Error ? given : result.zero_buffering;
            out << "error: the program fails before its buffering can be judged.\n\n" << format_outcome(failed);
            break;
        }
    }
    return out.str();
}

Value check_to_json(const CheckResult& result) {
    Value out = Value::object();
    out["run"] = run_to_json(result.at_threshold.run, /*wall_time=*/false);
    out["verdict"] = result.verdict == Verdict::Safe ? "safe" : result.verdict == Verdict::Unsafe ? "unsafe" : "error";
    out["smallest_eager_threshold"] =
        result.smallest_threshold ? Value(*result.smallest_threshold) : Value(nullptr);
    out["runs"] = result.runs;
    out["outcome"] = outcome_to_json(result.at_threshold.outcome);
    out["zero_buffering_outcome"] = outcome_to_json(result.zero_buffering.outcome);
    return out;
}

int exit_status(const CheckResult& result) {
    switch (result.verdict) {
        case Verdict::Safe: return 0;
        case Verdict::Unsafe: return 2;
        default: return 3;
    }
}

}  // namespace mpilab::cli
