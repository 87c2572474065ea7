// The exploration of match orders (see explore.hpp): a depth-first search over recorded choices.
// Invariant: every script on the stack is a distinct set of forced choices, and every counted run a
// distinct match order (the set of choices it made), so nothing is run or counted twice.
#include "explore.hpp"

#include <algorithm>
#include <chrono>
#include <set>
#include <string>
#include <vector>

namespace mpilab {

namespace {

bool chooses_a_request(CallKind kind) {
    return kind == CallKind::Waitany || kind == CallKind::Waitsome || kind == CallKind::Testany ||
           kind == CallKind::Testsome;
}

// A canonical text for a set of choices: by rank, then ordinal.
std::string key_of(std::vector<ForcedChoice> choices) {
    std::sort(choices.begin(), choices.end(), [](const ForcedChoice& a, const ForcedChoice& b) {
        return a.rank != b.rank ? a.rank < b.rank : a.ordinal < b.ordinal;
    });
    std::string key;
    for (const ForcedChoice& c : choices)
        key += std::to_string(c.rank) + ":" + std::to_string(c.ordinal) + "=" + std::to_string(c.key) + " ";
    return key;
}

// Everything choice `p` could have taken besides what it took: the alternatives it had, and those that
// came later — requests still incomplete then, and senders whose matching messages arrived after it
// (not consumed by an earlier receive of the rank; taken by a later call, or never received).
std::vector<std::int32_t> other_keys(const Trace& t, const ChoicePoint& p) {
    std::vector<std::int32_t> keys;
    auto add = [&](std::int32_t key) {
        if (key != p.taken && std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
    };
    for (const ChoiceAlternative& a : p.alternatives) add(a.key);
    for (std::int32_t k : p.later) add(k);
    if (chooses_a_request(p.kind) || p.call == NONE || p.call >= t.calls.size()) return keys;
    const CallRecord& c = t.calls[p.call];
    for (const MessageRecord& m : t.messages) {
        if (m.dst != p.rank || m.comm != c.comm || m.collective()) continue;
        // A sendrecv records its send's tag; its receive's pattern is not in the trace: any tag may do.
        if (c.kind != CallKind::Sendrecv && c.tag != ANY_TAG && m.tag != c.tag) continue;
        if (m.recv_call != NONE && m.recv_call < p.call) continue;
        add(m.src);
    }
    return keys;
}

}  // namespace

std::vector<ForcedChoice> replay_choices(const Trace& trace) {
    std::vector<ForcedChoice> out;
    out.reserve(trace.choices.size());
    for (const ChoicePoint& p : trace.choices) out.push_back({p.rank, p.ordinal, p.taken});
    return out;
}

Exploration explore(const std::function<Trace(const Config&)>& run_one, const Config& config,
                    const ExploreLimits& limits) {
    Exploration ex;
    const auto start = std::chrono::steady_clock::now();
    const auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
    std::vector<std::vector<ForcedChoice>> stack{config.choices};
    std::set<std::string> scripts{key_of(config.choices)};
    std::set<std::string> orders;
    bool first_run = true;
    while (!stack.empty()) {
        if (!first_run && ex.runs >= limits.max_runs) {
            ex.exhaustive = false;
            break;
        }
        if (!first_run && elapsed() >= limits.max_seconds) {
            ex.exhaustive = false;
            ex.stopped_by_time = true;
            break;
        }
        Config c = config;
        c.reuse_threads = true;   // many short runs: starting threads would cost more than running them
        c.choices = std::move(stack.back());
        stack.pop_back();
        Trace t = run_one(c);
        ++ex.runs;
        const Outcome& outcome = t.outcome;
        if (outcome.status == OutcomeStatus::Cancelled) {
            ex.cancelled = true;
            if (first_run) ex.first = std::move(t);
            break;
        }
        // A forced alternative that could not happen: no match order of its own.
        if (!first_run && outcome.error && outcome.error->kind == CHOICE_NOT_REPRODUCIBLE) continue;
        if (!orders.insert(key_of(replay_choices(t))).second) continue;
        ++ex.orders;
        ex.choices = ex.choices || !t.choices.empty();
        if (outcome.status == OutcomeStatus::Deadlock) ++ex.deadlocks;
        if (outcome.status == OutcomeStatus::Error) ++ex.errors;

        // Branch at every choice the run made freely: the choices before it as they were, another
        // alternative there. Pushed latest first, so that the earliest alternative is tried next.
        std::vector<ForcedChoice> prefix;
        std::vector<std::vector<ForcedChoice>> children;
        for (const ChoicePoint& p : t.choices) {
            if (!p.forced) {
                for (std::int32_t key : other_keys(t, p)) {
                    std::vector<ForcedChoice> child = prefix;
                    child.push_back({p.rank, p.ordinal, key});
                    if (scripts.insert(key_of(child)).second) children.push_back(std::move(child));
                }
            }
            prefix.push_back({p.rank, p.ordinal, p.taken});
        }
        for (auto it = children.rbegin(); it != children.rend(); ++it) stack.push_back(std::move(*it));

        // The first error, else the first deadlock: an error says more about the program.
        const bool error = outcome.status == OutcomeStatus::Error;
        if ((error || outcome.status == OutcomeStatus::Deadlock) &&
            (!ex.first_failing || (error && ex.first_failing->outcome.status != OutcomeStatus::Error)))
            ex.first_failing = t;
        if (first_run) ex.first = std::move(t);
        first_run = false;
    }
    return ex;
}

}  // namespace mpilab
