// Building the wait-for graph of a deadlocked run and explaining each blocked call.
#include "deadlock.hpp"

#include "engine.hpp"
#include "explanation.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <sstream>

namespace mpilab {

namespace {

std::string where(const Location& loc) {
    return std::string(loc.file_name()) + ":" + std::to_string(loc.line());
}

std::string rank_list(const std::vector<int>& ranks) {
    return ranks_text(std::vector<std::int32_t>(ranks.begin(), ranks.end()));
}

// A message stays readable at any rank count: at most this many blocked calls are spelled out in it
// (the outcome's blocked list keeps them all).
constexpr std::size_t kBlockedInMessage = 6;

std::string tag_text(int tag) { return tag == ANY_TAG ? "any tag" : "tag " + std::to_string(tag); }

}  // namespace

std::string DeadlockAnalysis::cycle_text(const std::vector<std::int32_t>& cycle) {
    if (cycle.empty()) return "";
    // A long cycle shows its first and last steps: the middle follows the same pattern.
    constexpr std::size_t kHead = 4, kTail = 2;
    std::string out;
    for (std::size_t i = 0; i < cycle.size(); ++i) {
        if (cycle.size() > kHead + kTail + 2 && i == kHead) {
            out += "... (" + with_commas(static_cast<std::int64_t>(cycle.size() - kHead - kTail)) + " more) -> ";
            i = cycle.size() - kTail - 1;
            continue;
        }
        out += "rank " + std::to_string(cycle[i]) + " -> ";
    }
    return out + "rank " + std::to_string(cycle.front());
}

std::string DeadlockAnalysis::state_of(int rank) const {
    const RankState& r = *engine_.ranks_[rank];
    const std::string call = call_name(r.call_kind, r.call_generic);
    if (r.phase == Phase::Finished) {
        if (r.call_loc.line() == 0) return "returned from the program";
        return "finished (last call " + call + " at " + where(r.call_loc) + ")";
    }
    if (r.phase == Phase::Blocked) return "blocked in " + call + " at " + where(r.call_loc);
    return "running (last call " + call + " at " + where(r.call_loc) + ")";
}

std::string DeadlockAnalysis::whereabouts(int rank) const { return "rank " + std::to_string(rank) + " " + state_of(rank); }

std::string DeadlockAnalysis::whereabouts(const std::vector<int>& ranks) const {
    // Ranks in the same state at the same line form one group: "ranks 1-999 finished (...)".
    std::vector<std::pair<std::string, std::vector<std::int32_t>>> groups;
    for (int r : ranks) {
        std::string state = state_of(r);
        auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == state; });
        if (it == groups.end()) groups.push_back({std::move(state), {r}});
        else it->second.push_back(r);
    }
    std::string out;
    for (std::size_t i = 0; i < groups.size(); ++i) {
        if (i == kBlockedInMessage) {
            out += "; and " + with_commas(static_cast<std::int64_t>(groups.size() - i)) + " more places";
            break;
        }
        out += (i ? "; " : "") + ranks_text(groups[i].second) + " " + groups[i].first;
    }
    return out;
}

void DeadlockAnalysis::describe_request(const RankState& rank, const RequestState& request, ArcKind kind,
                                        BlockedCall& call, std::vector<WaitArc>& arcs, std::string& reason) const {
    const Engine& e = engine_;
    const CommState& comm = e.comms_[request.comm];
    auto finished = [&](int world) { return e.ranks_[world]->phase == Phase::Finished; };
    auto add_arc = [&](int to, ArcKind k, std::string label) {
        arcs.push_back(WaitArc{rank.world, to, k, std::move(label), finished(to)});
    };
    const std::string what = call_name(request.call_kind, request.call_generic);
    if (call.requests.empty() && request.id) call.requests.push_back(request.id);

    if (request.kind == RequestKind::Send) {
        const int to = comm.members[request.peer];
        if (call.peer == PROC_NULL) {
            call.peer = to;
            call.tag = request.tag;
            call.bytes = request.bytes;
            call.protocol = request.protocol;
        }
        // Inside a collective the tag is the call's sequence number: not the program's, so not shown.
        const std::string tag_note = request.parent ? "" : " (" + tag_text(request.tag) + ")";
        std::string label = "rendezvous " + what + " of " + with_commas(request.bytes) + " bytes" +
                            (request.parent ? "" : ", " + tag_text(request.tag));
        add_arc(to, kind, label);
        reason += (request.parent ? "its message" : what) + " of " + with_commas(request.bytes) + " bytes to rank " +
                  std::to_string(to) + tag_note + ": " +
                  rendezvous_reason(e.config_, request.bytes, request.synchronous, request.call_kind,
                                    e.ranks_[to]->queues.buffered_bytes) +
                  ", so it waits for rank " + std::to_string(to) + " to post a matching receive (rendezvous)";
        if (finished(to)) reason += "; but rank " + std::to_string(to) + " has already finished and never will";
        return;
    }
    if (request.kind == RequestKind::Recv) {
        if (call.peer == PROC_NULL) {
            call.peer = request.peer == ANY_SOURCE ? ANY_SOURCE : comm.members[request.peer];
            call.tag = request.tag;
            call.bytes = request.bytes;
        }
        if (request.peer == ANY_SOURCE) {
            for (int world : comm.members)
                if (world != rank.world) add_arc(world, ArcKind::Or, what + " from any source, " + tag_text(request.tag));
            reason += what + " from any source (" + tag_text(request.tag) + "): no rank has sent a matching message";
            return;
        }
        const int from = comm.members[request.peer];
        if (request.parent) {
            add_arc(from, kind, what);
            reason += "it waits for a message from rank " + std::to_string(from) + ", and none is waiting for it";
        } else {
            add_arc(from, kind, what + ", " + tag_text(request.tag));
            reason += what + " from rank " + std::to_string(from) + " (" + tag_text(request.tag) +
                      "): no matching message is waiting (none was sent, or another receive took it)";
        }
        // A message from that rank with another tag is the classic tag mistake: say so.
        for (const auto& m : rank.queues.unexpected) {
            if (m->envelope.context == request.context && m->envelope.source == request.peer) {
                reason += "; rank " + std::to_string(from) + " did send one with tag " + std::to_string(m->envelope.tag) +
                          ", which does not match";
                break;
            }
        }
        if (finished(from)) reason += "; rank " + std::to_string(from) + " has already finished, so none will come";
        return;
    }
    // A collective: what its current round still waits for.
    const CollectiveRun& run = *request.collective;
    bool any = false;
    for (const auto& op : run.ops) {
        if (op->complete) continue;
        std::string sub;
        BlockedCall scratch = call;
        describe_request(rank, *op, ArcKind::And, scratch, arcs, sub);
        if (call.peer == PROC_NULL) {
            call.peer = scratch.peer;
            call.tag = scratch.tag;
            call.bytes = scratch.bytes;
            call.protocol = scratch.protocol;
        }
        // The algorithm's rounds mean something only to a student who chose the algorithm.
        if (!any && e.config_.algorithms.empty())
            reason += "inside " + what + ": ";
        else if (!any)
            reason += "inside " + what + " (round " + std::to_string(run.next_round) + " of " +
                      std::to_string(run.schedule->rounds.size()) + " of its algorithm): ";
        else
            reason += "; ";
        reason += sub;
        any = true;
    }
    if (!any) reason += what + " has not completed";
}

std::string DeadlockAnalysis::not_arrived_note(const RankState& rank) const {
    const Engine& e = engine_;
    if (!is_collective(rank.call_kind) && rank.call_kind != CallKind::CommSplit && rank.call_kind != CallKind::CommDup)
        return "";
    const CommState& comm = e.comms_[rank.call_comm];
    const int local = comm.local_of[rank.world];
    if (local < 0) return "";
    const std::uint32_t seq = comm.next_seq[local] - 1;
    auto it = comm.entries.find(seq);
    if (it == comm.entries.end()) return "";
    std::vector<int> missing;
    for (int i = 0; i < comm.size(); ++i)
        if (!it->second.arrived[i]) missing.push_back(comm.members[i]);
    if (missing.empty()) return "";
    return "; " + rank_list(missing) + (missing.size() == 1 ? " has" : " have") + " not called " +
           call_name(rank.call_kind, rank.call_generic) + " on " + e.comm_name(rank.call_comm) +
           " (instead: " + whereabouts(missing) + ")";
}

void DeadlockAnalysis::describe(const RankState& rank, BlockedCall& call, std::vector<WaitArc>& arcs) const {
    const Engine& e = engine_;
    call.rank = rank.world;
    call.call = rank.call;
    call.call_name = call_name(rank.call_kind, rank.call_generic);
    call.file = rank.call_loc.file_name();
    call.line = rank.call_loc.line();
    const WaitSpec& w = rank.wait;
    std::string reason;
    switch (w.kind) {
        case WaitSpec::All:
        case WaitSpec::Any: {
            std::vector<const RequestState*> pending;
            if (w.single) {
                if (!w.single->complete) pending.push_back(w.single);
            } else {
                for (const RequestState* r : w.requests)
                    if (r && !r->complete) pending.push_back(r);
            }
            const ArcKind kind = w.kind == WaitSpec::Any && pending.size() > 1 ? ArcKind::Or : ArcKind::And;
            if (pending.size() > 1 || w.kind == WaitSpec::Any)
                reason = call.call_name + (w.kind == WaitSpec::Any ? " needs any one of " : " needs all of ") +
                         std::to_string(pending.size()) + " requests, and none can complete: ";
            for (std::size_t i = 0; i < pending.size(); ++i) {
                if (i) reason += "; ";
                describe_request(rank, *pending[i], kind, call, arcs, reason);
                if (pending[i]->id && std::find(call.requests.begin(), call.requests.end(), pending[i]->id) == call.requests.end())
                    call.requests.push_back(pending[i]->id);
            }
            break;
        }
        case WaitSpec::Probe: {
            const CommState* comm = nullptr;
            for (std::size_t i = 0; i < e.comms_.size(); ++i)
                if (e.comms_[i].p2p_context() == w.context) comm = &e.comms_[i];
            call.tag = w.tag;
            if (w.source == ANY_SOURCE) {
                call.peer = ANY_SOURCE;
                if (comm)
                    for (int world : comm->members)
                        if (world != rank.world)
                            arcs.push_back(WaitArc{rank.world, world, ArcKind::Or, "probe, " + tag_text(w.tag),
                                                   e.ranks_[world]->phase == Phase::Finished});
                reason = "probe for a message from any source (" + tag_text(w.tag) + "): none has arrived";
            } else if (comm) {
                const int from = comm->members[w.source];
                call.peer = from;
                arcs.push_back(WaitArc{rank.world, from, ArcKind::And, "probe, " + tag_text(w.tag),
                                       e.ranks_[from]->phase == Phase::Finished});
                reason = "probe for a message from rank " + std::to_string(from) + " (" + tag_text(w.tag) +
                         "): none has arrived";
            }
            break;
        }
        case WaitSpec::Sync: {
            const CommState& comm = e.comms_[w.comm];
            auto it = comm.entries.find(w.seq);
            std::vector<int> missing;
            if (it != comm.entries.end())
                for (int i = 0; i < comm.size(); ++i)
                    if (!it->second.arrived[i]) missing.push_back(comm.members[i]);
            for (int world : missing)
                arcs.push_back(WaitArc{rank.world, world, ArcKind::And, call.call_name,
                                       e.ranks_[world]->phase == Phase::Finished});
            reason = call.call_name + " on " + e.comm_name(w.comm) + " waits for every member to call it too";
            break;
        }
        case WaitSpec::None: reason = "blocked"; break;
    }
    reason += not_arrived_note(rank);
    call.reason = reason;
}

Outcome DeadlockAnalysis::outcome(const std::string& prefix) const {
    const Engine& e = engine_;
    DeadlockInfo info;
    std::vector<std::int32_t> blocked;
    for (const auto& r : e.ranks_) {
        if (r->phase == Phase::Blocked) {
            blocked.push_back(r->world);
            BlockedCall call;
            describe(*r, call, info.arcs);
            info.blocked.push_back(std::move(call));
        } else if (r->phase == Phase::Finished) {
            info.finished.push_back(r->world);
        }
    }
    info.cycle = find_cycle(blocked, info.arcs);
    info.knot = find_knot(blocked, info.arcs);

    std::ostringstream text;
    text << prefix << "Deadlock: ";
    if (blocked.size() == 1 && info.cycle.empty())
        text << "rank " << blocked.front() << " can never continue";
    else
        text << "no rank can continue";
    if (!info.cycle.empty()) text << "; cycle " << cycle_text(info.cycle);
    text << ".";
    for (std::size_t i = 0; i < info.blocked.size(); ++i) {
        const BlockedCall& b = info.blocked[i];
        if (i == kBlockedInMessage) {
            text << " " << with_commas(static_cast<std::int64_t>(info.blocked.size() - i))
                 << " more ranks are blocked (each is listed with the blocked calls).";
            break;
        }
        text << " Rank " << b.rank << " is blocked in " << b.call_name << " at " << b.file << ":" << b.line << ": "
             << b.reason << ".";
    }
    std::vector<int> waited_finished;
    for (const WaitArc& a : info.arcs)
        if (a.to_finished) waited_finished.push_back(a.to);
    std::sort(waited_finished.begin(), waited_finished.end());
    waited_finished.erase(std::unique(waited_finished.begin(), waited_finished.end()), waited_finished.end());
    if (!info.finished.empty()) {
        std::vector<int> f(info.finished.begin(), info.finished.end());
        text << " " << rank_list(f) << (f.size() == 1 ? " had" : " had") << " already finished";
        if (!waited_finished.empty()) text << " (" << rank_list(waited_finished) << " will never answer)";
        text << ".";
    }
    Outcome outcome;
    outcome.status = OutcomeStatus::Deadlock;
    outcome.message = text.str();
    outcome.deadlock = std::move(info);
    return outcome;
}

std::vector<std::int32_t> find_cycle(const std::vector<std::int32_t>& blocked, const std::vector<WaitArc>& arcs) {
    std::map<int, std::vector<int>> next;
    std::set<int> nodes(blocked.begin(), blocked.end());
    for (const WaitArc& a : arcs)
        if (nodes.count(a.to)) next[a.from].push_back(a.to);
    for (auto& [from, to] : next) {
        std::sort(to.begin(), to.end());
        to.erase(std::unique(to.begin(), to.end()), to.end());
    }
    // Iterative DFS in ascending order; the first back edge closes the cycle reported.
    std::map<int, int> state;   // 0 new, 1 on stack, 2 done
    for (int start : blocked) {
        if (state[start]) continue;
        std::vector<std::pair<int, std::size_t>> stack{{start, 0}};
        state[start] = 1;
        while (!stack.empty()) {
            auto& [node, index] = stack.back();
            const std::vector<int>& out = next[node];
            if (index == out.size()) {
                state[node] = 2;
                stack.pop_back();
                continue;
            }
            int to = out[index++];
            if (state[to] == 1) {
                std::vector<std::int32_t> cycle;
                bool in = false;
                for (auto& [n, i] : stack) {
                    if (n == to) in = true;
                    if (in) cycle.push_back(n);
                }
                std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
                return cycle;
            }
            if (state[to] == 0) {
                state[to] = 1;
                stack.push_back({to, 0});
            }
        }
    }
    return {};
}

std::vector<std::int32_t> find_knot(const std::vector<std::int32_t>& blocked, const std::vector<WaitArc>& arcs) {
    // Tarjan's strongly connected components over the blocked ranks; a knot is a component with a
    // cycle inside and no arc leaving it to another blocked rank.
    std::set<int> nodes(blocked.begin(), blocked.end());
    std::map<int, std::vector<int>> next;
    for (const WaitArc& a : arcs)
        if (nodes.count(a.to)) next[a.from].push_back(a.to);
    std::map<int, int> index, low, component;
    std::vector<int> stack;
    std::set<int> on_stack;
    int counter = 0, components = 0;
    std::function<void(int)> visit = [&](int v) {
        index[v] = low[v] = counter++;
        stack.push_back(v);
        on_stack.insert(v);
        for (int w : next[v]) {
            if (!index.count(w)) {
                visit(w);
                low[v] = std::min(low[v], low[w]);
            } else if (on_stack.count(w)) {
                low[v] = std::min(low[v], index[w]);
            }
        }
        if (low[v] == index[v]) {
            int w;
            do {
                w = stack.back();
                stack.pop_back();
                on_stack.erase(w);
                component[w] = components;
            } while (w != v);
            ++components;
        }
    };
    for (int v : blocked)
        if (!index.count(v)) visit(v);
    std::vector<std::int32_t> knot;
    for (int c = 0; c < components; ++c) {
        std::vector<int> members;
        bool cyclic = false, exits = false;
        for (int v : blocked) {
            if (component[v] != c) continue;
            members.push_back(v);
            for (int w : next[v]) {
                if (component[w] == c) cyclic = true;
                else exits = true;
            }
        }
        if (cyclic && !exits) knot.insert(knot.end(), members.begin(), members.end());
    }
    std::sort(knot.begin(), knot.end());
    return knot;
}

}  // namespace mpilab
