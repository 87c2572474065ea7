// The safety check: the exploration of match orders in both buffering modes, and the bisection of the
// eager threshold. Bisection assumes that more buffering never turns a completing run into a deadlock,
// which holds for one match order (the program's own, in virtual-time order): a larger threshold only
// lets more sends return early. The candidates are the message sizes the completing run sent, so the
// answer is always the size of a real message ("messages up to N bytes").
#include "app/cli/check.hpp"

#include "app/cli/report.hpp"
#include "core/eager_presets.hpp"
#include "core/trace_json.hpp"

#include <algorithm>
#include <set>
#include <sstream>
#include <vector>

namespace mpilab::cli {

namespace {

bool completes(const Trace& trace) { return trace.outcome.status == OutcomeStatus::Completed; }

// Which real MPIs (the --eager presets of a library) buffer less than a program needs, so hang on it.
std::string real_mpi_line(std::int64_t needed) {
    std::string hangs;
    for (const EagerPreset& p : eager_presets()) {
        if (p.name == "default" || p.name == "none" || p.bytes >= needed) continue;
        hangs += (hangs.empty() ? "" : " and ") + std::string(p.name) + " (" + format_bytes(p.bytes) + ")";
    }
    if (hangs.empty()) return "";
    return "It would hang on a real MPI that buffers less: --eager " + hangs + " shows it.\n";
}

// The largest threshold worth trying when the chosen one deadlocks: beyond every message's size.
std::int64_t generous_threshold(const Trace& trace, std::int64_t chosen) {
    std::int64_t largest = chosen;
    for (const MessageRecord& m : trace.messages) largest = std::max(largest, m.bytes);
    for (const CallRecord& c : trace.calls) largest = std::max(largest, c.bytes);
    return largest * 2 + 1;
}

MatchOrders summary_of(const Exploration& ex) {
    MatchOrders m;
    m.explored = ex.orders;
    m.deadlocks = ex.deadlocks;
    m.errors = ex.errors;
    m.runs = ex.runs;
    m.exhaustive = ex.exhaustive;
    m.stopped_by_time = ex.stopped_by_time;
    return m;
}

std::string orders_text(std::uint64_t n) {
    return format_number(static_cast<std::int64_t>(n)) + (n == 1 ? " distinct match order" : " distinct match orders");
}

// "completed", or for a program with choices "deadlock in 2 of 6 distinct match orders".
std::string mode_line(const Trace& first, const MatchOrders& m, bool choices) {
    if (!choices) return std::string(outcome_status_name(first.outcome.status));
    if (m.deadlocks == 0 && m.errors == 0)
        return m.exhaustive ? "completed in all " + orders_text(m.explored)
                            : "completed in the " + orders_text(m.explored) + " explored";
    std::string out;
    if (m.deadlocks) out = "deadlock in " + format_number(static_cast<std::int64_t>(m.deadlocks)) + " of " + orders_text(m.explored);
    if (m.errors)
        out += (out.empty() ? "error in " + format_number(static_cast<std::int64_t>(m.errors)) + " of " + orders_text(m.explored)
                            : ", error in " + format_number(static_cast<std::int64_t>(m.errors)));
    return out;
}

bool chooses_a_request(CallKind kind) {
    return kind == CallKind::Waitany || kind == CallKind::Waitsome || kind == CallKind::Testany ||
           kind == CallKind::Testsome;
}

// One line per choice the failing order made: which call took what, and what else it could have taken.
std::string describe_choices(const Trace& t) {
    constexpr std::size_t shown = 8;
    std::ostringstream out;
    for (std::size_t i = 0; i < t.choices.size(); ++i) {
        if (i == shown) {
            out << "    ... and " << t.choices.size() - shown << " more (the trace's \"choices\" lists them all)\n";
            break;
        }
        const ChoicePoint& p = t.choices[i];
        std::string call = call_name(p.kind, false);
        std::string at;
        if (p.call < t.calls.size()) {
            const CallRecord& c = t.calls[p.call];
            call = call_name(c.kind, c.generic());
            if (c.location < t.locations.size())
                at = " at " + repo_relative_path(t.locations[c.location].file) + ":" + std::to_string(t.locations[c.location].line);
        }
        const bool request = chooses_a_request(p.kind);
        auto name = [&](std::int32_t key) { return request ? "request " + std::to_string(key) : "rank " + std::to_string(key); };
        std::string others;
        for (const ChoiceAlternative& a : p.alternatives)
            if (a.key != p.taken) others += (others.empty() ? "" : ", ") + name(a.key);
        out << "    rank " << p.rank << ": " << call << at << " took " << name(p.taken)
            << (request ? "" : "'s message");
        if (!others.empty()) out << " (" << others << (request ? " also complete" : " also there") << ")";
        else if (p.forced) out << " (waiting for it)";
        out << "\n";
    }
    return out.str();
}

}  // namespace

CheckResult check_program(const ProgramSource& source, const Config& config, const ProgramArgs& args,
                          const ExploreLimits& limits) {
    CheckResult result;
    result.limits = limits;
    const auto run_one = [&](const Config& c) {
        ++result.runs;
        return source.run(c, args).trace;
    };
    Exploration given = explore(run_one, config, limits);
    Config zero = config;
    zero.synchronous_sends = true;
    Exploration none = explore(run_one, zero, limits);
    result.at_threshold = std::move(given.first);
    result.zero_buffering = std::move(none.first);
    result.orders_at_threshold = summary_of(given);
    result.orders_zero_buffering = summary_of(none);
    result.choices = given.choices || none.choices;
    // A failure at the chosen threshold is the more telling one: it happens without any change of settings.
    if (given.first_failing) result.failing = std::move(given.first_failing);
    else if (none.first_failing) result.failing = std::move(none.first_failing);

    if (given.errors || none.errors || given.cancelled || none.cancelled) {
        result.verdict = Verdict::Error;
        return result;
    }
    if (completes(result.at_threshold) && completes(result.zero_buffering)) {
        result.verdict = given.deadlocks || none.deadlocks ? Verdict::Unsafe : Verdict::Safe;
        return result;
    }
    result.verdict = Verdict::Unsafe;

    // The program's own match order depends on buffering: a run that completes, to learn the message sizes from.
    Trace completing;
    if (completes(result.at_threshold)) {
        completing = result.at_threshold;
    } else {
        Config generous = config;
        generous.eager_threshold = generous_threshold(result.at_threshold, config.eager_threshold);
        completing = run_one(generous);
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
        if (completes(run_one(trial))) {
            high = middle;
        } else {
            low = middle + 1;
        }
    }
    result.smallest_threshold = candidates[high];
    return result;
}

const Trace& check_trace(const CheckResult& result) { return result.failing ? *result.failing : result.zero_buffering; }

std::string format_check(const CheckResult& result) {
    std::ostringstream out;
    const Trace& given = result.at_threshold;
    const MatchOrders& at = result.orders_at_threshold;
    const MatchOrders& zero = result.orders_zero_buffering;
    out << "check: " << format_run_header(given.run);
    out << "  at eager threshold " << format_bytes(given.run.eager_threshold) << ": "
        << mode_line(given, at, result.choices) << "\n";
    out << "  with zero buffering (every send synchronous): "
        << mode_line(result.zero_buffering, zero, result.choices) << "\n";
    const bool exhaustive = at.exhaustive && zero.exhaustive;
    if (!result.choices) {
        out << "  match orders: none to explore: it makes no wildcard choices (no receive or probe from ANY_SOURCE, no "
               "waitany, testany, waitsome or testsome), so one run per buffering mode covers it\n";
    } else if (exhaustive) {
        out << "  match orders: every distinct order in which its wildcard receives, probes and waitany-family calls "
               "can match was run, in each buffering mode (" << result.runs << " runs in all)\n";
    } else {
        const bool by_time = at.stopped_by_time || zero.stopped_by_time;
        out << "  match orders: stopped by " << (by_time ? "--max-seconds " + std::to_string(static_cast<long long>(result.limits.max_seconds))
                                                     : "--max-runs " + format_number(static_cast<std::int64_t>(result.limits.max_runs)))
            << " before every order was tried (not exhaustive)\n";
    }
    out << "\n";
    // Which mode's orders failed, for the verdict.
    const MatchOrders& failed_mode = at.deadlocks ? at : zero;
    const std::string failed_where = at.deadlocks ? "at this eager threshold" : "with zero buffering";
    switch (result.verdict) {
        case Verdict::Safe:
            if (!result.choices) {
                out << "safe: it completes even when no send is buffered, so it does not depend on the eager "
                       "threshold or on the MPI library's buffering.\n";
            } else if (exhaustive) {
                out << "safe: all " << orders_text(zero.explored) << " complete with zero buffering (and all "
                    << format_number(static_cast<std::int64_t>(at.explored))
                    << " at this eager threshold), so it depends neither on the order in which messages arrive nor on "
                       "the MPI library's buffering.\n";
            } else {
                out << "no deadlock in the " << format_number(static_cast<std::int64_t>(at.explored + zero.explored))
                    << " match orders explored (not exhaustive): raise --max-runs or --max-seconds to explore more.\n";
            }
            break;
        case Verdict::Unsafe:
            if (completes(given) && completes(result.zero_buffering)) {
                out << "unsafe: " << format_number(static_cast<std::int64_t>(failed_mode.deadlocks)) << " of the "
                    << orders_text(failed_mode.explored) << (failed_mode.deadlocks == 1 ? " deadlocks " : " deadlock ")
                    << failed_where
                    << ". It completes only when its messages arrive in a particular order, which no network "
                       "promises.\n";
            } else if (result.smallest_threshold && given.outcome.status != OutcomeStatus::Completed) {
                // It deadlocks at the given threshold too: say what buffering would hide it.
                out << "unsafe: it deadlocks at this eager threshold, and it would complete only if messages up to "
                    << format_bytes(*result.smallest_threshold) << " were buffered (found in " << result.runs
                    << " runs). Buffering more would only hide the bug.\n";
            } else if (result.smallest_threshold) {
                out << "unsafe: it completes only because messages up to " << format_bytes(*result.smallest_threshold)
                    << " are buffered.\n"
                    << "The smallest eager threshold at which it completes is "
                    << format_bytes(*result.smallest_threshold) << " (found in " << result.runs << " runs).\n"
                    << real_mpi_line(*result.smallest_threshold);
            } else {
                out << "unsafe: it deadlocks however many bytes are buffered.\n";
            }
            if (result.failing && !result.failing->choices.empty()) {
                out << "\nThe first failing match order (" << (result.failing->run.synchronous_sends ? "with zero buffering" : "at this eager threshold")
                    << "):\n" << describe_choices(*result.failing)
                    << "Save it with --trace FILE and replay it exactly: mpilab run " << result.failing->run.scenario
                    << " --replay FILE\n\n" << format_outcome(*result.failing);
            } else {
                out << "\nWith zero buffering:\n\n" << format_outcome(result.zero_buffering);
            }
            break;
        case Verdict::Error: {
            const Trace& failed = result.failing ? *result.failing
                                  : given.outcome.status == OutcomeStatus::Error ? given : result.zero_buffering;
            out << "error: the program fails before its buffering can be judged.\n";
            if (!failed.choices.empty() && (at.errors || zero.errors))
                out << "It fails in " << format_number(static_cast<std::int64_t>(at.errors + zero.errors)) << " of the "
                    << orders_text(at.explored + zero.explored) << " explored; the first:\n" << describe_choices(failed);
            out << "\n" << format_outcome(failed);
            break;
        }
    }
    return out.str();
}

Value check_to_json(const CheckResult& result) {
    auto orders = [](const MatchOrders& m) {
        return Value{{"explored", m.explored}, {"deadlocks", m.deadlocks}, {"errors", m.errors}, {"runs", m.runs},
                     {"exhaustive", m.exhaustive}};
    };
    Value out = Value::object();
    out["run"] = run_to_json(result.at_threshold.run, /*wall_time=*/false);
    out["verdict"] = result.verdict == Verdict::Safe ? "safe" : result.verdict == Verdict::Unsafe ? "unsafe" : "error";
    out["smallest_eager_threshold"] =
        result.smallest_threshold ? Value(*result.smallest_threshold) : Value(nullptr);
    out["runs"] = result.runs;
    out["outcome"] = outcome_to_json(result.at_threshold.outcome);
    out["zero_buffering_outcome"] = outcome_to_json(result.zero_buffering.outcome);
    out["match_orders"] = Value{{"choices", result.choices},
                                {"at_threshold", orders(result.orders_at_threshold)},
                                {"zero_buffering", orders(result.orders_zero_buffering)}};
    out["failing_outcome"] = result.failing ? Value(outcome_to_json(result.failing->outcome)) : Value(nullptr);
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
