// Formatting of the report. Paths are shown relative to the repository; numbers with thousands
// separators; times in the unit that keeps them readable.
#include "app/cli/report.hpp"

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

std::string rank_list(const std::vector<std::int32_t>& ranks) {
    std::string out;
    for (std::int32_t r : ranks) out += (out.empty() ? "" : ", ") + std::to_string(r);
    return out;
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

bool blocked_in_collective(const Trace& trace, const BlockedCall& b) {
    if (b.call < trace.calls.size()) return is_collective(trace.calls[b.call].kind);
    CallKind kind;
    bool generic;
    return call_kind_from_name(b.call_name, kind, generic) && is_collective(kind);
}

// The standard fixes, chosen by what the blocked ranks are stuck in.
// Whether `rank` received from ANY_SOURCE at some point: a wildcard that matched the "wrong" message
// is a common reason for a later named receive to wait forever.
bool used_wildcard(const Trace& trace, std::int32_t rank) {
    return std::any_of(trace.calls.begin(), trace.calls.end(), [rank](const CallRecord& c) {
        return c.rank == rank && c.peer == ANY_SOURCE &&
               (c.kind == CallKind::Recv || c.kind == CallKind::Irecv || c.kind == CallKind::Sendrecv ||
                c.kind == CallKind::Probe || c.kind == CallKind::Iprobe);
    });
}

std::string format_fixes(const Trace& trace, const DeadlockInfo& info) {
    bool collective = false, wildcard = false, waits_on_finished = false, rendezvous = false;
    for (const BlockedCall& b : info.blocked) {
        collective = collective || blocked_in_collective(trace, b);
        wildcard = wildcard || b.peer == ANY_SOURCE || used_wildcard(trace, b.rank);
        rendezvous = rendezvous || b.protocol == Protocol::Rendezvous;
    }
    // Ranks that wait for each other (rather than only for finished ranks) need their calls reordered.
    const bool mutual = !info.cycle.empty() || info.knot.size() > 1;
    for (const WaitArc& arc : info.arcs) waits_on_finished = waits_on_finished || arc.to_finished;
    std::ostringstream out;
    out << "How to fix it:\n";
    if (collective) {
        out << "  - Every rank of a communicator must call the same collectives in the same order. A collective\n"
               "    inside `if rank == ...` (or skipped by an early return) leaves the others waiting: move it\n"
               "    out of the branch and use its result inside.\n";
    }
    if (waits_on_finished && !collective) {
        out << "  - A rank waits for a rank that has already finished: a send or receive has no partner. Check\n"
               "    the destination, source and tag of the blocked call against the other rank's calls.\n";
    }
    if (wildcard) {
        out << "  - A receive from ANY_SOURCE takes whichever matching message comes first, which depends on\n"
               "    the schedule (try other --seed values). Do not assume an order: name the source, or handle\n"
               "    the messages in the order they arrive.\n";
    }
    if (mutual) {
        out << "  - Order the calls by rank parity: even ranks send first and then receive, odd ranks receive\n"
               "    first and then send, so every send meets a posted receive.\n"
               "  - Or exchange with sendrecv / Sendrecv, which posts the send and the receive together.\n"
               "  - Or start every transfer with isend / irecv (Isend / Irecv) and complete them all with waitall.\n";
    }
    if (rendezvous) {
        out << "  Note: making the messages smaller than the eager threshold only hides the bug. The program\n"
               "  still relies on the runtime buffering its sends; it hangs again when messages grow or another\n"
               "  MPI buffers less. `mpilab check` tests a program with zero buffering.\n";
    }
    return out.str();
}

std::string format_deadlock(const Trace& trace) {
    const DeadlockInfo& info = *trace.outcome.deadlock;
    std::ostringstream out;
    if (!info.cycle.empty()) {
        out << "Cycle: ";
        for (std::int32_t r : info.cycle) out << "rank " << r << " -> ";
        out << "rank " << info.cycle.front() << "\n";
    } else if (!info.knot.empty()) {
        out << "Stuck together: ranks " << rank_list(info.knot)
            << " (each waits for another of them, and no rank outside can release them)\n";
    }
    if (!info.finished.empty()) out << "Already finished: ranks " << rank_list(info.finished) << "\n";
    out << "\nBlocked calls:\n";
    for (const BlockedCall& b : info.blocked) {
        out << "  rank " << b.rank << ": " << describe_call(b) << " at " << where(b.file, b.line) << "\n";
        if (!b.reason.empty()) out << "      " << b.reason << "\n";
    }
    for (const WaitArc& arc : info.arcs) {
        if (arc.to_finished) {
            out << "  rank " << arc.from << " waits for rank " << arc.to << ", which has already finished"
                << (arc.label.empty() ? "" : " (" + arc.label + ")") << "\n";
        }
    }
    out << "\n" << format_fixes(trace, info);
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
    out << "Calls: " << format_number(static_cast<std::int64_t>(trace.calls.size())) << "; virtual time "
        << format_seconds(trace.end_time()) << "\n";
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
    out << (run.scenario.empty() ? std::string("program") : run.scenario) << " on " << run.ranks
        << (run.ranks == 1 ? " rank" : " ranks") << ", eager threshold " << format_bytes(run.eager_threshold);
    if (run.synchronous_sends) out << " (zero buffering: every send synchronous)";
    out << ", schedule " << run.schedule;
    if (run.schedule == "random") out << " (seed " << run.seed << ")";
    out << "\n";
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

std::string format_outcome(const Trace& trace) {
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
            if (outcome.deadlock) out << format_deadlock(trace);
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
        for (const std::string& w : outcome.warnings) out << "  - " << w << "\n";
    }
    return out.str();
}

std::string format_report(const Trace& trace) {
    std::ostringstream out;
    out << format_run_header(trace.run);
    if (!trace.output.empty()) {
        out << "\nOutput:\n";
        for (const OutputLine& line : trace.output) {
            std::istringstream lines(line.text);
            std::string text;
            bool any = false;
            while (std::getline(lines, text)) {
                out << "  [rank " << line.rank << "] " << text << "\n";
                any = true;
            }
            if (!any) out << "  [rank " << line.rank << "]\n";
        }
    }
    out << "\n" << format_outcome(trace);
    return out.str();
}

}  // namespace mpilab::cli
