// The wait-for graph of a real hang (see hang.hpp). Arcs name the rank that could release the waiter:
// a pending send waits for its destination to receive, a pending receive for its source to send (any
// member of the communicator for ANY_SOURCE), a collective for the members that have not called it.
#include "app/recorder/hang.hpp"

#include "core/deadlock.hpp"
#include "core/protocol.hpp"

#include <algorithm>
#include <set>
#include <sstream>

namespace mpilab::recorder {

namespace {

std::string tag_text(std::int32_t tag) { return tag == ANY_TAG ? "any tag" : "tag " + std::to_string(tag); }

std::string location_of(const Trace& t, std::uint32_t call, std::string& file, std::uint32_t& line) {
    const std::uint32_t loc = t.calls[call].location;
    if (loc == NONE) return "";
    file = t.locations[loc].file;
    line = t.locations[loc].line;
    return file;
}

// The same collective: its kind, communicator and sequence number there (the merge keeps it in the tag).
bool same_collective(const CallRecord& a, const CallRecord& b) { return a.kind == b.kind && a.comm == b.comm && a.tag == b.tag; }

// The members of the communicator of collective `call` for which `has_called` is false (the caller aside).
template <class HasCalled>
std::vector<std::int32_t> absent_members(const Trace& t, std::uint32_t call, HasCalled has_called) {
    std::vector<std::int32_t> absent;
    for (std::int32_t member : t.comms[t.calls[call].comm].members)
        if (member != t.calls[call].rank && !has_called(member)) absent.push_back(member);
    return absent;
}

// "; ranks 2, 3 have not called it" ("" when none).
std::string absent_text(const std::vector<std::int32_t>& absent) {
    if (absent.empty()) return "";
    std::string list;
    for (std::size_t i = 0; i < absent.size(); ++i) list += (i ? ", " : "") + std::to_string(absent[i]);
    return "; rank" + std::string(absent.size() == 1 ? " " : "s ") + list + (absent.size() == 1 ? " has" : " have") + " not called it";
}

}  // namespace

Outcome hang_outcome(const Trace& t, const std::vector<PendingCall>& pending, const std::vector<std::int32_t>& finished,
                     std::int64_t eager_limit, const std::string& mpi, double hang_timeout) {
    DeadlockInfo info;
    info.finished = finished;
    std::set<std::int32_t> done(finished.begin(), finished.end());
    std::vector<std::int32_t> blocked;
    for (const PendingCall& p : pending) blocked.push_back(p.rank);

    for (const PendingCall& p : pending) {
        const CallRecord& c = t.calls[p.call];
        BlockedCall b;
        b.rank = p.rank;
        b.call = p.call;
        b.call_name = call_name(c.kind, false);
        b.peer = c.peer;
        b.tag = c.tag;
        b.bytes = c.bytes;
        b.protocol = c.protocol;
        location_of(t, p.call, b.file, b.line);
        const ArcKind kind = p.any ? ArcKind::Or : ArcKind::And;
        auto arc = [&](std::int32_t to, const std::string& label) {
            if (to == p.rank) return;
            info.arcs.push_back(WaitArc{p.rank, to, kind, label, done.count(to) > 0});
        };
        std::string reason;
        if (p.operations.empty()) {   // a collective: the members that have not called it
            const std::vector<std::int32_t> absent = absent_members(t, p.call, [&](std::int32_t member) {
                auto other = std::find_if(pending.begin(), pending.end(), [&](const PendingCall& q) { return q.rank == member; });
                return other != pending.end() && same_collective(t.calls[other->call], c);
            });
            for (std::int32_t to : absent) arc(to, call_name(c.kind, false) + " on " + t.comms[c.comm].name);
            reason = b.call_name + " on " + t.comms[c.comm].name + " waits for every member to call it too" + absent_text(absent);
        }
        for (std::size_t i = 0; i < p.operations.size(); ++i) {
            const PendingOperation& op = p.operations[i];
            const std::string what = call_name(op.started_by, false);
            if (!reason.empty()) reason += "; ";
            if (op.collective_call != NONE) {
                // A non-blocking collective completes once every member has started it.
                const CallRecord& started = t.calls[op.collective_call];
                const std::vector<std::int32_t> absent = absent_members(t, op.collective_call, [&](std::int32_t member) {
                    return std::any_of(t.calls.begin(), t.calls.end(),
                                       [&](const CallRecord& o) { return o.rank == member && same_collective(o, started); });
                });
                for (std::int32_t to : absent) arc(to, what + " on " + t.comms[op.comm].name);
                reason += what + " on " + t.comms[op.comm].name + " has not completed: it waits for every member to start it" +
                          absent_text(absent);
            } else if (op.send) {
                arc(op.peer, "send of " + with_commas(op.bytes) + " bytes, " + tag_text(op.tag));
                reason += what + " of " + with_commas(op.bytes) + " bytes to rank " + std::to_string(op.peer) + " (" +
                          tag_text(op.tag) + ") has not completed: ";
                if (op.synchronous)
                    reason += "a synchronous send waits for rank " + std::to_string(op.peer) + " to post a matching receive";
                else if (eager_limit > 0 && op.bytes > eager_limit)
                    reason += "above " + mpi + "'s eager limit (" + with_commas(eager_limit) + " bytes) it waits for rank " +
                              std::to_string(op.peer) + " to post a matching receive (rendezvous)";
                else
                    reason += "rank " + std::to_string(op.peer) + " has not received it";
                if (done.count(op.peer)) reason += "; but rank " + std::to_string(op.peer) + " has already finished and never will";
            } else if (op.peer == ANY_SOURCE) {
                // Any member could send it: one OR arc each.
                for (std::int32_t member : t.comms[op.comm].members)
                    if (member != p.rank)
                        info.arcs.push_back(WaitArc{p.rank, member, ArcKind::Or, what + " from any source, " + tag_text(op.tag),
                                                    done.count(member) > 0});
                reason += what + " from any source (" + tag_text(op.tag) + "): no matching message came";
            } else {
                arc(op.peer, what + ", " + tag_text(op.tag));
                reason += what + " from rank " + std::to_string(op.peer) + " (" + tag_text(op.tag) + "): no matching message came";
                if (done.count(op.peer)) reason += "; rank " + std::to_string(op.peer) + " has already finished, so none will come";
            }
        }
        if (reason.empty()) reason = "blocked";
        b.reason = reason;
        info.blocked.push_back(std::move(b));
    }
    std::sort(blocked.begin(), blocked.end());
    info.cycle = find_cycle(blocked, info.arcs);
    info.knot = find_knot(blocked, info.arcs);

    std::ostringstream text;
    text << "Hang: every process is blocked";
    if (hang_timeout > 0) text << " (no progress for " << hang_timeout << " s)";
    if (!info.cycle.empty()) text << "; cycle " << DeadlockAnalysis::cycle_text(info.cycle);
    text << ".";
    const std::size_t shown = std::min<std::size_t>(info.blocked.size(), 8);
    for (std::size_t i = 0; i < shown; ++i) {
        const BlockedCall& b = info.blocked[i];
        text << " Rank " << b.rank << " is blocked in " << b.call_name;
        if (!b.file.empty()) text << " at " << b.file << ":" << b.line;
        text << ": " << b.reason << ".";
    }
    if (shown < info.blocked.size())
        text << " " << with_commas(static_cast<std::int64_t>(info.blocked.size() - shown))
             << " more ranks are blocked (each is listed with the blocked calls).";
    if (!finished.empty()) text << " " << finished.size() << (finished.size() == 1 ? " rank had" : " ranks had") << " already finished.";
    Outcome outcome;
    outcome.status = OutcomeStatus::Deadlock;
    outcome.message = text.str();
    outcome.deadlock = std::move(info);
    return outcome;
}

}  // namespace mpilab::recorder
