// Choices in virtual-time order (deterministic mode). A receive from ANY_SOURCE, a probe for one, and
// waitany / testany / waitsome / testsome may each go more than one way. None of them is decided when
// its rank gets there: a wildcard receive stays posted and the messages it could take wait in the
// unexpected queue; a rank in the wait/test family or a wildcard probe waits (`deciding`). Only at
// quiescence — no rank can run — is a choice committed: the pending one whose earliest alternative is
// earliest in virtual time, taking that alternative (ties by the lower key), or the alternative the
// Config forces. No rank can then still produce an earlier arrival: every rank that could run has run
// until it blocked, and whatever a committed choice sets off happens later in virtual time.
// Each committed choice is recorded (Trace::choices) with its alternatives, so that a run can be
// replayed (Config::choices) and `check` can explore the other ways.
// Lock discipline: everything here runs with the engine lock held.
#include "engine.hpp"
#include "explore.hpp"

#include <algorithm>
#include <string>

namespace mpilab {

namespace {

// The first message of each sender that matches the pattern: what a receive or probe of this pattern
// could take (a sender's later messages cannot overtake its first). In arrival order.
std::vector<const Message*> first_per_sender(const MatchQueues& queues, std::uint32_t context, int source, int tag) {
    std::vector<const Message*> out;
    for (const auto& m : queues.unexpected) {
        if (!matches(context, source, tag, m->envelope)) continue;
        const bool seen = std::any_of(out.begin(), out.end(),
                                      [&](const Message* o) { return o->envelope.source == m->envelope.source; });
        if (!seen) out.push_back(m.get());
    }
    return out;
}

bool earlier(const ChoiceAlternative& a, const ChoiceAlternative& b) {
    return a.time != b.time ? a.time < b.time : a.key < b.key;
}

}  // namespace

void Engine::note_wildcard(RankState& r) {
    if (r.has_wildcard) return;
    r.has_wildcard = true;
    wildcard_ranks_.push_back(r.world);
}

int Engine::forced_key(int rank, std::uint32_t ordinal) const {
    auto it = forced_.find({rank, ordinal});
    return it == forced_.end() ? -1 : it->second;
}

bool Engine::held_by_wildcard(const RankState& r, const Envelope& envelope, const RequestState* before) const {
    for (const RequestState* p = r.queues.posted_head; p && p != before; p = p->next_posted)
        if (p->peer == ANY_SOURCE && matches(p->context, ANY_SOURCE, p->tag, envelope)) return true;
    return false;
}

void Engine::resolve_posted(RankState& r) {
    for (bool changed = true; changed;) {
        changed = false;
        for (RequestState* p = r.queues.posted_head; p; p = p->next_posted) {
            if (p->peer == ANY_SOURCE) continue;
            const Message* m = r.queues.find_unexpected(p->context, p->peer, p->tag);
            if (!m || held_by_wildcard(r, m->envelope, p)) continue;
            r.queues.remove_posted(p);
            match(r, *p, r.queues.take_message(m));
            changed = true;
            break;
        }
    }
}

int Engine::choose(RankState& me, Lock& lock) {
    me.deciding = true;
    me.granted = -1;
    deciders_.push_back(me.world);
    struct Done {
        Engine& engine;
        RankState& me;
        ~Done() {
            me.deciding = false;
            std::erase(engine.deciders_, me.world);
        }
    } done{*this, me};
    block_until_satisfied(me, lock);
    return me.granted;
}

Engine::Commit Engine::commit_next_choice() {
    struct Pending {
        RankState* rank = nullptr;
        RequestState* recv = nullptr;              // a wildcard receive, or nullptr: the rank's choose()
        std::vector<ChoiceAlternative> alternatives;
        std::vector<const Message*> messages;      // receives and probes: the message of each alternative
        std::vector<std::int32_t> later;
        int pick = -1;                             // index into alternatives; -1: the forced key is not there yet
        bool forced = false;
    };
    std::vector<Pending> pending;
    auto add = [&](Pending p) {
        if (p.alternatives.empty()) return;
        // Earliest first; messages stay paired with their alternatives.
        std::vector<std::size_t> order(p.alternatives.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::sort(order.begin(), order.end(),
                  [&](std::size_t a, std::size_t b) { return earlier(p.alternatives[a], p.alternatives[b]); });
        Pending sorted = p;
        for (std::size_t i = 0; i < order.size(); ++i) {
            sorted.alternatives[i] = p.alternatives[order[i]];
            if (!p.messages.empty()) sorted.messages[i] = p.messages[order[i]];
        }
        const int forced = forced_key(sorted.rank->world, sorted.rank->choices_made);
        sorted.forced = forced >= 0;
        sorted.pick = forced < 0 ? 0 : -1;
        for (std::size_t i = 0; forced >= 0 && i < sorted.alternatives.size(); ++i)
            if (sorted.alternatives[i].key == forced) sorted.pick = static_cast<int>(i);
        pending.push_back(std::move(sorted));
    };

    // Wildcard receives: a rank's first posted ANY_SOURCE receive that has a message to take (one
    // posted earlier takes precedence over it for every message both match).
    std::erase_if(wildcard_ranks_, [&](int world) {
        RankState& r = *ranks_[world];
        bool any = false;
        for (RequestState* p = r.queues.posted_head; p; p = p->next_posted) {
            if (p->peer != ANY_SOURCE) continue;
            any = true;
            Pending c;
            c.rank = &r;
            c.recv = p;
            for (const Message* m : first_per_sender(r.queues, p->context, ANY_SOURCE, p->tag)) {
                c.alternatives.push_back({m->src_world, m->arrival_time});
                c.messages.push_back(m);
            }
            if (!c.alternatives.empty()) {
                add(std::move(c));
                break;
            }
        }
        r.has_wildcard = any;
        return !any;
    });
    // Ranks waiting in choose(): their requests (wait/test family) or their probe's messages.
    for (int world : deciders_) {
        RankState& r = *ranks_[world];
        if (r.granted >= 0) continue;
        Pending c;
        c.rank = &r;
        const WaitSpec& w = r.wait;
        if (w.kind == WaitSpec::Any) {
            for (std::size_t i = 0; i < w.requests.size(); ++i) {
                const RequestState* s = w.requests[i];
                if (!s) continue;
                if (s->complete)
                    c.alternatives.push_back({static_cast<std::int32_t>(i), s->complete_time});
                else
                    c.later.push_back(static_cast<std::int32_t>(i));
            }
        } else if (w.kind == WaitSpec::Probe) {
            for (const Message* m : first_per_sender(r.queues, w.context, w.source, w.tag)) {
                c.alternatives.push_back({m->src_world, m->arrival_time});
                c.messages.push_back(m);
            }
        }
        add(std::move(c));
    }
    if (pending.empty()) return Commit::NonePending;

    Pending* next = nullptr;
    for (Pending& p : pending) {
        if (p.pick < 0) continue;
        if (!next) {
            next = &p;
            continue;
        }
        const ChoiceAlternative& a = p.alternatives[p.pick];
        const ChoiceAlternative& b = next->alternatives[next->pick];
        if (a.time < b.time || (a.time == b.time && p.rank->world < next->rank->world)) next = &p;
    }
    if (!next) return Commit::Stuck;

    RankState& r = *next->rank;
    ChoicePoint point;
    point.rank = r.world;
    point.ordinal = r.choices_made++;
    point.alternatives = next->alternatives;
    point.later = next->later;
    point.taken = next->alternatives[next->pick].key;
    point.forced = next->forced;
    if (next->recv) {
        point.call = next->recv->call;
        point.kind = next->recv->call_kind;
    } else {
        point.call = r.call;
        point.kind = r.call_kind;
    }
    trace_.choices.push_back(std::move(point));

    if (next->recv) {
        RequestState& recv = *next->recv;
        std::unique_ptr<Message> message = r.queues.take_message(next->messages[next->pick]);
        r.queues.remove_posted(&recv);
        match(r, recv, std::move(message));
        resolve_posted(r);
    } else {
        r.granted = next->alternatives[next->pick].key;
        if (r.phase == Phase::Blocked) wake(r);
    }
    return Commit::Made;
}

bool Engine::commit_until_ready(bool throws) {
    bool committed = false;
    while (scheduler_.ready().size() == 0 && !aborted_) {
        Commit c = commit_next_choice();
        if (c == Commit::NonePending) break;
        if (c == Commit::Stuck) {
            choices_stuck();
            if (throws) throw RunAborted{};
            break;
        }
        committed = true;
    }
    return committed;
}

int Engine::settle(int me, bool throws) {
    commit_until_ready(throws);
    if (aborted_) {
        if (throws) throw RunAborted{};
        return -1;
    }
    return scheduler_.pick_instead_of(me);
}

void Engine::choices_stuck() {
    // Some forced choice waits for an alternative that can no longer come: the run differs from the
    // one whose choices are being replayed.
    std::string which;
    for (const auto& [key, value] : forced_) {
        const RankState& r = *ranks_[key.first];
        if (key.second != r.choices_made) continue;
        if (!r.deciding && !r.has_wildcard) continue;
        which = "rank " + std::to_string(key.first) + "'s choice #" + std::to_string(key.second + 1) +
                " was recorded as taking " + (r.deciding && r.wait.kind == WaitSpec::Any ? "request " : "the message from rank ") +
                std::to_string(value);
        break;
    }
    ErrorInfo e;
    e.kind = std::string(CHOICE_NOT_REPRODUCIBLE);
    e.message = (which.empty() ? std::string("a recorded choice") : which) +
                ", but that cannot happen in this run: the program, its parameters or its settings differ from the "
                "run whose choices are replayed. Replay it with the same program and settings, or run it without "
                "--replay.";
    Outcome outcome;
    outcome.status = OutcomeStatus::Error;
    outcome.message = "The recorded choices cannot be replayed: " + e.message;
    outcome.error = std::move(e);
    abort_run(std::move(outcome));
}

}  // namespace mpilab
