// The advice after a deadlock, chosen by its cause. Each finder looks at the blocked calls and the trace
// for one cause and, when it sees it, says what to change at which line; the general advice for
// ranks that wait for each other comes last. Every ordering advised here completes with zero
// buffering when applied literally (tests/core/test_explanation.cpp runs them).
#include "explanation.hpp"

#include "eager_presets.hpp"

#include "protocol.hpp"

#include <algorithm>

namespace mpilab {

namespace {

bool ends_with(std::string_view text, std::string_view end) { return text.ends_with(end); }

// How the program's language spells a call or idiom.
struct Spelling {
    std::string sendrecv, isend_irecv, waitall, source_of_status;
};

Spelling spelling(Language language) {
    switch (language) {
        case Language::C:
            return {"MPI_Sendrecv", "MPI_Isend / MPI_Irecv", "MPI_Waitall", "status.MPI_SOURCE"};
        case Language::Python:
            return {"comm.sendrecv (comm.Sendrecv for buffers)", "comm.isend / comm.irecv (comm.Isend / comm.Irecv)",
                    "MPI.Request.waitall", "status.Get_source()"};
        case Language::Cpp: break;
    }
    return {"sendrecv / Sendrecv", "isend / irecv (Isend / Irecv)", "waitall", "status.source"};
}

std::string where(const Trace& trace, std::uint32_t call) {
    if (call >= trace.calls.size()) return "an unknown line";
    const std::uint32_t loc = trace.calls[call].location;
    if (loc >= trace.locations.size() || trace.locations[loc].file.empty()) return "an unknown line";
    return trace.locations[loc].file + ":" + std::to_string(trace.locations[loc].line);
}

std::string where(const BlockedCall& b) {
    return b.file.empty() ? "an unknown line" : b.file + ":" + std::to_string(b.line);
}

std::string tag_text(std::int32_t tag) { return tag == ANY_TAG ? "any tag" : "tag " + std::to_string(tag); }

bool blocked_in_collective(const Trace& trace, const BlockedCall& b) {
    if (b.call < trace.calls.size()) return is_collective(trace.calls[b.call].kind);
    CallKind kind;
    bool generic;
    return call_kind_from_name(b.call_name, kind, generic) && is_collective(kind);
}

// A blocked call waiting for a message from one named rank (a receive, or a wait on one).
bool waits_to_receive(const Trace& trace, const BlockedCall& b) {
    if (b.peer < 0 || b.protocol != Protocol::None || blocked_in_collective(trace, b)) return false;
    if (b.call < trace.calls.size()) {
        const CallKind kind = trace.calls[b.call].kind;
        return is_receive_call(kind) || (!is_send_call(kind) && kind != CallKind::Sendrecv);
    }
    return true;
}

// A message from `b.peer` to `b.rank` that is still unreceived and differs from what `b` waits for
// only in its tag.
const MessageRecord* other_tag(const Trace& trace, const BlockedCall& b) {
    if (b.tag == ANY_TAG) return nullptr;
    for (const MessageRecord& m : trace.messages)
        if (!m.collective() && !m.received() && m.src == b.peer && m.dst == b.rank && m.tag != b.tag) return &m;
    return nullptr;
}

std::string tag_advice(const Trace& trace) {
    for (const BlockedCall& b : trace.outcome.deadlock->blocked) {
        if (!waits_to_receive(trace, b)) continue;
        if (const MessageRecord* m = other_tag(trace, b))
            return "Make the tags agree: rank " + std::to_string(b.rank) + " waits in " + b.call_name + " at " +
                   where(b) + " for a message from rank " + std::to_string(b.peer) + " with " + tag_text(b.tag) +
                   ", but rank " + std::to_string(m->src) + " sent it with " + tag_text(m->tag) + " at " +
                   where(trace, m->send_call) + ". A receive matches only the tag it names (or ANY_TAG).";
    }
    return "";
}

// The wildcard receive that took `from`'s message before `b`, a receive naming `from`, was posted.
const CallRecord* wildcard_that_took(const Trace& trace, const BlockedCall& b, std::uint32_t& call_index) {
    for (const MessageRecord& m : trace.messages) {
        if (m.collective() || !m.received() || m.src != b.peer || m.dst != b.rank) continue;
        if (m.recv_call < trace.calls.size() && trace.calls[m.recv_call].peer == ANY_SOURCE) {
            call_index = m.recv_call;
            return &trace.calls[m.recv_call];
        }
    }
    return nullptr;
}

std::string wildcard_advice(const Trace& trace, const Spelling& spell) {
    for (const BlockedCall& b : trace.outcome.deadlock->blocked) {
        if (!waits_to_receive(trace, b)) continue;
        std::uint32_t wildcard = NONE;
        if (!wildcard_that_took(trace, b, wildcard)) continue;
        std::string text = "The receive from ANY_SOURCE at " + where(trace, wildcard) + " took rank " +
                           std::to_string(b.peer) + "'s message, so the receive naming rank " + std::to_string(b.peer) +
                           " at " + where(b) + " waits for a message rank " + std::to_string(b.peer) + " never sends";
        for (const MessageRecord& m : trace.messages) {
            if (m.collective() || m.received() || m.dst != b.rank) continue;
            text += ", while rank " + std::to_string(m.src) + "'s message (" + tag_text(m.tag) + ", sent at " +
                    where(trace, m.send_call) + ") is never received";
            break;
        }
        return text + ". Which message a wildcard receive takes depends on timing (`mpilab check` tries every "
                      "order): do not assume an order. Receive every message from ANY_SOURCE and look at " +
               spell.source_of_status + ", or name the source in every receive.";
    }
    return "";
}

// Whether `rank` received from ANY_SOURCE at some point.
bool used_wildcard(const Trace& trace, std::int32_t rank) {
    return std::any_of(trace.calls.begin(), trace.calls.end(), [rank](const CallRecord& c) {
        return c.rank == rank && c.peer == ANY_SOURCE && (is_receive_call(c.kind) || c.kind == CallKind::Sendrecv);
    });
}

std::string collective_advice(const Trace& trace) {
    const DeadlockInfo& info = *trace.outcome.deadlock;
    std::string name;
    for (const BlockedCall& b : info.blocked)
        if (blocked_in_collective(trace, b)) name = b.call_name;
    return "Every rank of a communicator must call the same collectives in the same order. " + name +
           " inside `if rank == ...` (or skipped by an early return) leaves the others waiting: move it out of the "
           "branch and use its result inside.";
}

}  // namespace

Language language_of(const Trace& trace) {
    const std::string& name = trace.run.scenario;
    if (ends_with(name, ".py")) return Language::Python;
    for (std::string_view end : {".c", ".cc", ".cpp", ".cxx", ".C", ".so"})
        if (ends_with(name, end)) return Language::C;
    return Language::Cpp;
}

std::string rank_ranges(std::vector<std::int32_t> ranks) {
    std::sort(ranks.begin(), ranks.end());
    ranks.erase(std::unique(ranks.begin(), ranks.end()), ranks.end());
    std::string out;
    for (std::size_t i = 0; i < ranks.size();) {
        std::size_t j = i;
        while (j + 1 < ranks.size() && ranks[j + 1] == ranks[j] + 1) ++j;
        if (!out.empty()) out += ", ";
        out += std::to_string(ranks[i]);
        if (j > i) out += (j == i + 1 ? ", " : "-") + std::to_string(ranks[j]);
        i = j + 1;
    }
    return out;
}

std::string ranks_text(const std::vector<std::int32_t>& ranks) {
    return (ranks.size() == 1 ? "rank " : "ranks ") + rank_ranges(ranks);
}

Explanation explain(const Trace& trace) {
    Explanation e;
    e.threshold = eager_threshold_text(trace.run);
    if (trace.outcome.status != OutcomeStatus::Deadlock || !trace.outcome.deadlock) return e;
    const DeadlockInfo& info = *trace.outcome.deadlock;
    const Spelling spell = spelling(language_of(trace));

    bool collective = false, wildcard = false, waits_on_finished = false, all_rendezvous_sends = !info.blocked.empty();
    for (const BlockedCall& b : info.blocked) {
        collective = collective || blocked_in_collective(trace, b);
        wildcard = wildcard || b.peer == ANY_SOURCE || used_wildcard(trace, b.rank);
        all_rendezvous_sends = all_rendezvous_sends && b.protocol == Protocol::Rendezvous;
    }
    for (const WaitArc& arc : info.arcs) waits_on_finished = waits_on_finished || arc.to_finished;
    const bool mutual = !info.cycle.empty() || info.knot.size() > 1;

    if (std::string tags = tag_advice(trace); !tags.empty()) e.advice.push_back(tags);
    if (collective) e.advice.push_back(collective_advice(trace));
    std::string race = wildcard ? wildcard_advice(trace, spell) : "";
    if (!race.empty()) {
        e.advice.push_back(race);
    } else if (wildcard) {
        e.advice.push_back("A receive from ANY_SOURCE takes whichever matching message comes first, which depends on "
                           "timing (`mpilab check` tries every order). Do not assume an order: name the source, "
                           "or handle the messages in the order they arrive (" + spell.source_of_status + ").");
    }
    if (waits_on_finished && !collective && e.advice.empty())
        e.advice.push_back("A rank waits for a rank that has already finished: a send or receive has no partner. Check "
                           "the destination, source and tag of the blocked call against the other rank's calls.");
    if (mutual && !collective && e.advice.empty()) {
        // Parity ("even ranks send first") is right for pairs only: on 3 or more ranks two even ranks
        // would send to each other. Ordering the pairs by rank is right for any exchange pattern.
        e.advice.push_back("Order the exchanges so that every send meets a posted receive: each rank handles its "
                           "partners in increasing rank order, and in each pair the lower rank sends first and then "
                           "receives while the higher rank receives first and then sends (scenario alltoall-ordered "
                           "shows it).");
        e.advice.push_back("Or exchange with " + spell.sendrecv + ", which posts the send and the receive together "
                           "(scenario sendrecv).");
        e.advice.push_back("Or start every transfer with " + spell.isend_irecv + " and complete them all with " +
                           spell.waitall + " (scenario alltoall-isend).");
    }
    // Only a deadlock of sends waiting for receives depends on buffering; one that waits for a message
    // never sent (or a collective never called) happens at every threshold.
    if (all_rendezvous_sends && mutual)
        e.note = "Making the messages smaller than the eager threshold only hides the bug: the program still relies "
                 "on the runtime buffering its sends, and hangs again when messages grow or another MPI buffers less. "
                 "`mpilab check` tests a program with zero buffering.";
    return e;
}

}  // namespace mpilab
