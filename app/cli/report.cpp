// Formatting of the report. Paths are shown relative to the repository; numbers with thousands
// separators; times in the unit that keeps them readable.
#include "app/cli/report.hpp"

#include "core/deadlock.hpp"
#include "core/eager_presets.hpp"
#include "core/explanation.hpp"
#include "core/protocol.hpp"
#include "scenarios/registry.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>
#include <sstream>

namespace mpilab::cli {

namespace {

std::string where(const std::string& file, std::uint32_t line) {
    if (file.empty()) return "an unknown line";
    return repo_relative_path(file) + ":" + std::to_string(line);
}

// `text` wrapped at 100 columns, the first line after `first`, the others after `rest`.
std::string indent_wrapped(const std::string& text, const std::string& first, const std::string& rest) {
    constexpr std::size_t width = 100;
    std::string out, line = first, word;
    std::istringstream words(text);
    bool empty = true;
    while (words >> word) {
        if (!empty && line.size() + 1 + word.size() > width) {
            out += line + "\n";
            line = rest;
            empty = true;
        }
        line += (empty ? "" : " ") + word;
        empty = false;
    }
    return out + line + "\n";
}

std::string lowercase(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

// "Send to rank 1, tag 0, 80,000 bytes, rendezvous" — the blocked call as a student wrote it.
std::string describe_call(const BlockedCall& b) {
    const std::string name = lowercase(b.call_name);
    std::string peer;
    if (b.peer == ANY_SOURCE) {
        peer = "any source";
    } else if (b.peer != PROC_NULL) {
        peer = "rank " + std::to_string(b.peer);
    }
    std::vector<std::string> parts;
    bool is_send = name.find("send") != std::string::npos && name != "sendrecv";
    bool is_recv = name.find("recv") != std::string::npos && name != "sendrecv";
    bool is_wait = name.starts_with("wait") || name.starts_with("test");
    if (!peer.empty()) {
        if (is_send) parts.push_back("to " + peer);
        else if (is_recv || is_wait || name == "probe") parts.push_back("from " + peer);
        else if (name == "sendrecv") parts.push_back("with " + peer);
        else parts.push_back("waiting for " + peer);   // a collective: the rank its algorithm waits on
    }
    if (!is_wait && b.tag != ANY_TAG && (is_send || is_recv || name == "sendrecv")) {
        parts.push_back("tag " + std::to_string(b.tag));
    }
    if (b.tag == ANY_TAG && is_recv) parts.push_back("any tag");
    if (b.bytes > 0) parts.push_back(format_bytes(b.bytes));
    if (b.protocol != Protocol::None) parts.push_back(std::string(protocol_name(b.protocol)));
    std::string text = b.call_name;
    if (!parts.empty()) {
        text += " (";
        for (std::size_t i = 0; i < parts.size(); ++i) text += (i ? ", " : "") + parts[i];
        text += ")";
    }
    return text;
}

// Without --verbose a report keeps to about 60 lines at any rank count: ranks in the same place are
// grouped, and long lists end with how many more there are.
constexpr std::size_t kGroupsShown = 8;
constexpr std::size_t kOutputLinesShown = 24;
constexpr std::size_t kWarningsShown = 8;

std::string more_text(std::size_t more, std::string_view what) {
    return "  ... and " + format_number(static_cast<std::int64_t>(more)) + " more " + std::string(what) +
           " (--verbose lists them all)\n";
}

// Items with the same text, in first-seen order, each with the ranks that share it.
struct Groups {
    std::vector<std::pair<std::string, std::vector<std::int32_t>>> items;
    void add(std::string text, std::int32_t rank) {
        for (auto& [t, ranks] : items)
            if (t == text) return ranks.push_back(rank);
        items.push_back({std::move(text), {rank}});
    }
};

std::string format_advice(const Trace& trace) {
    const Explanation e = explain(trace);
    if (e.advice.empty() && e.note.empty()) return "";
    std::ostringstream out;
    out << "How to fix it:\n";
    for (const std::string& a : e.advice) out << indent_wrapped(a, "  - ", "    ");
    if (!e.note.empty()) out << indent_wrapped(e.note, "  ", "  ");
    return out.str();
}

std::string format_deadlock(const Trace& trace, bool verbose) {
    const DeadlockInfo& info = *trace.outcome.deadlock;
    std::ostringstream out;
    if (!info.cycle.empty()) {
        out << "Cycle: ";
        if (verbose) {
            for (std::int32_t r : info.cycle) out << "rank " << r << " -> ";
            out << "rank " << info.cycle.front() << "\n";
        } else {
            out << DeadlockAnalysis::cycle_text(info.cycle) << "\n";
        }
    } else if (!info.knot.empty()) {
        out << "Stuck together: " << ranks_text(info.knot)
            << " (each waits for another of them, and no rank outside can release them)\n";
    }
    if (!info.finished.empty()) out << "Already finished: " << ranks_text(info.finished) << "\n";
    out << "\nBlocked calls:\n";
    Groups blocked;
    for (const BlockedCall& b : info.blocked) {
        std::string text = describe_call(b) + " at " + where(b.file, b.line) + "\n";
        if (!b.reason.empty()) text += "      " + b.reason + "\n";
        blocked.add(std::move(text), b.rank);
    }
    std::size_t shown = 0;
    for (const auto& [text, ranks] : blocked.items) {
        if (!verbose && shown == kGroupsShown) {
            std::size_t more = 0;
            for (std::size_t i = shown; i < blocked.items.size(); ++i) more += blocked.items[i].second.size();
            out << more_text(more, "blocked ranks");
            break;
        }
        out << "  " << ranks_text(ranks) << ": " << text;
        ++shown;
    }
    Groups finished_arcs;
    for (const WaitArc& arc : info.arcs)
        if (arc.to_finished)
            finished_arcs.add("waits for rank " + std::to_string(arc.to) + ", which has already finished" +
                                  (arc.label.empty() ? "" : " (" + arc.label + ")"),
                              arc.from);
    shown = 0;
    for (const auto& [text, ranks] : finished_arcs.items) {
        if (!verbose && shown == kGroupsShown) {
            out << more_text(finished_arcs.items.size() - shown, "waits for finished ranks");
            break;
        }
        out << "  " << ranks_text(ranks) << " " << text << "\n";
        ++shown;
    }
    out << "\n" << format_advice(trace);
    return out.str();
}

std::string format_error(const Outcome& outcome) {
    const ErrorInfo& e = *outcome.error;
    std::ostringstream out;
    if (e.rank >= 0) {
        out << "  rank " << e.rank;
        if (!e.call.empty()) out << " in " << e.call;
        out << " at " << where(e.file, e.line) << "\n";
    }
    out << "  " << (e.message.empty() ? outcome.message : e.message) << "\n";
    return out.str();
}

// The first sentence of the runtime's summary, without its "Deadlock: " style prefix; the rest of the
// summary repeats what the report lays out line by line.
std::string headline(const std::string& message) {
    std::string text = message;
    if (auto colon = text.find(": "); colon != std::string::npos && colon < 12) text = text.substr(colon + 2);
    auto end = std::min(text.find(". "), text.find("; "));
    if (end != std::string::npos) text = text.substr(0, end) + ".";
    return text;
}

struct Traffic {
    std::int64_t messages = 0, bytes = 0, eager = 0, rendezvous = 0, collective = 0, unreceived = 0;
};

Traffic count_traffic(const Trace& trace) {
    Traffic t;
    for (const MessageRecord& m : trace.messages) {
        ++t.messages;
        t.bytes += m.bytes;
        if (m.protocol == Protocol::Rendezvous) ++t.rendezvous;
        else ++t.eager;
        if (m.collective()) ++t.collective;
        if (!m.received()) ++t.unreceived;
    }
    return t;
}

std::string format_completion(const Trace& trace) {
    std::ostringstream out;
    const Outcome& outcome = trace.outcome;
    if (!outcome.results.empty()) {
        out << "Results:\n";
        for (const auto& [name, value] : outcome.results.items()) out << "  " << name << " = " << value.dump() << "\n";
    }
    return out.str();
}

std::string format_statistics(const Trace& trace) {
    Traffic t = count_traffic(trace);
    std::ostringstream out;
    out << "Messages: " << format_number(t.messages) << " (" << format_bytes(t.bytes) << "): "
        << format_number(t.eager) << " eager, " << format_number(t.rendezvous) << " rendezvous";
    if (t.collective > 0) out << "; " << format_number(t.collective) << " of them inside collectives";
    if (t.unreceived > 0) out << "; " << format_number(t.unreceived) << " never received";
    out << "\n";
    out << "Calls: " << format_number(static_cast<std::int64_t>(trace.calls.size()))
        << (trace.run.recorded ? "; wall time " : "; virtual time ") << format_seconds(trace.end_time()) << "\n";
    return out.str();
}

}  // namespace

std::string format_number(std::int64_t n) { return with_commas(n); }

std::string format_bytes(std::int64_t bytes) { return format_number(bytes) + (bytes == 1 ? " byte" : " bytes"); }

std::string format_seconds(double seconds) {
    char buffer[64];
    double magnitude = seconds < 0 ? -seconds : seconds;
    if (magnitude == 0) return "0 s";
    if (magnitude < 1e-3) std::snprintf(buffer, sizeof buffer, "%.3g us", seconds * 1e6);
    else if (magnitude < 1) std::snprintf(buffer, sizeof buffer, "%.3g ms", seconds * 1e3);
    else std::snprintf(buffer, sizeof buffer, "%.4g s", seconds);
    return buffer;
}

int exit_status(OutcomeStatus status) {
    switch (status) {
        case OutcomeStatus::Completed: return 0;
        case OutcomeStatus::Deadlock: return 2;
        default: return 3;
    }
}

std::string format_run_header(const RunInfo& run) {
    std::ostringstream out;
    if (run.recorded) {   // a real run: its MPI and hosts instead of the simulator's settings
        std::vector<std::string> hosts = run.recorded->hosts;
        std::sort(hosts.begin(), hosts.end());
        hosts.erase(std::unique(hosts.begin(), hosts.end()), hosts.end());
        out << (run.scenario.empty() ? std::string("program") : run.scenario) << " on " << run.ranks
            << (run.ranks == 1 ? " process" : " processes") << ": a real run on " << run.recorded->mpi << " ("
            << hosts.size() << (hosts.size() == 1 ? " host" : " hosts") << "), recorded by mpilab record; times are "
            << "wall clock, aligned to rank 0's within " << format_seconds(run.recorded->clock_error) << "\n";
        return out.str();
    }
    out << (run.scenario.empty() ? std::string("program") : run.scenario) << " on " << run.ranks
        << (run.ranks == 1 ? " rank" : " ranks") << ", schedule " << run.schedule;
    if (run.schedule == "random") out << " (seed " << run.seed << ")";
    out << "\n" << eager_threshold_text(run) << "\n";
    if (run.params.is_object() && !run.params.empty()) {
        out << "parameters:";
        for (const auto& [name, value] : run.params.items()) out << " " << name << "=" << value.dump();
        out << "\n";
    }
    if (run.algorithms.is_object() && !run.algorithms.empty()) {
        out << "algorithms:";
        for (const auto& [name, value] : run.algorithms.items())
            out << " " << name << "=" << (value.is_string() ? value.get<std::string>() : value.dump());
        out << "\n";
    }
    return out.str();
}

std::string format_outcome(const Trace& trace, bool verbose) {
    const Outcome& outcome = trace.outcome;
    std::ostringstream out;
    switch (outcome.status) {
        case OutcomeStatus::Completed:
            out << "COMPLETED: " << (outcome.message.empty() ? "every rank returned." : headline(outcome.message))
                << "\n";
            out << format_completion(trace);
            break;
        case OutcomeStatus::Deadlock:
            out << "DEADLOCK: " << headline(outcome.message) << "\n";
            if (outcome.deadlock) out << format_deadlock(trace, verbose);
            break;
        case OutcomeStatus::Error:
            out << "ERROR";
            if (outcome.error && !outcome.error->kind.empty()) out << " (" << outcome.error->kind << ")";
            if (outcome.error) {
                out << "\n" << format_error(outcome);
            } else {
                out << ": " << outcome.message << "\n";
            }
            break;
        case OutcomeStatus::Cancelled:
            out << "CANCELLED: " << outcome.message << "\n";
            break;
    }
    out << "\n" << format_statistics(trace);
    if (!outcome.warnings.empty()) {
        out << "Warnings:\n";
        for (std::size_t i = 0; i < outcome.warnings.size(); ++i) {
            if (!verbose && i == kWarningsShown) {
                out << more_text(outcome.warnings.size() - i, "warnings");
                break;
            }
            out << "  - " << outcome.warnings[i] << "\n";
        }
    }
    return out.str();
}

std::string format_report(const Trace& trace, bool verbose) {
    std::ostringstream out;
    out << format_run_header(trace.run);
    if (!trace.output.empty()) {
        out << "\nOutput:\n";
        std::size_t shown = 0, total = 0;
        auto print = [&](std::int32_t rank, const std::string& text) {
            ++total;
            if (verbose || shown < kOutputLinesShown) {
                out << "  [rank " << rank << "]" << (text.empty() ? "" : " ") << text << "\n";
                ++shown;
            }
        };
        for (const OutputLine& line : trace.output) {
            std::istringstream lines(line.text);
            std::string text;
            bool any = false;
            while (std::getline(lines, text)) {
                print(line.rank, text);
                any = true;
            }
            if (!any) print(line.rank, "");
        }
        if (total > shown) out << more_text(total - shown, "lines of output");
    }
    out << "\n" << format_outcome(trace, verbose);
    return out.str();
}

}  // namespace mpilab::cli
