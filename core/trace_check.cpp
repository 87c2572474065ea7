// The trace's invariants (see trace_check.hpp). Every check is a constant amount of work per row
// (membership through sorted copies of the communicators' members), and a message is spelled out only
// when a check fails, so checking a million-row trace costs a few milliseconds.
#include "trace_check.hpp"

#include "trace_json.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

namespace mpilab {

namespace {

[[noreturn]] void invalid(const std::string& what) { throw TraceFormatError(what); }

// Names a checked field, e.g. calls[3].comm or comms[1].members[2]; spelled out only on failure.
struct Where {
    const char* table;
    std::size_t row = NONE;      // NONE: the table is a single object
    const char* field = nullptr;
    std::size_t item = NONE;     // position inside an array field
    std::string str() const {
        std::string s = table;
        if (row != NONE) s += "[" + std::to_string(row) + "]";
        if (field) s += std::string(".") + field;
        if (item != NONE) s += "[" + std::to_string(item) + "]";
        return s;
    }
};

std::string plural(std::size_t n, const char* what) { return std::to_string(n) + " " + what + (n == 1 ? "" : "s"); }

std::string number(double x) {
    if (std::isnan(x)) return "NaN";
    if (std::isinf(x)) return x > 0 ? "Infinity" : "-Infinity";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", x);
    return buf;
}

// A time: finite and >= 0. An event time may also be -1 ("never happened").
void check_time(double t, const Where& where, bool may_be_never = false) {
    if (std::isfinite(t) && t >= 0) return;
    if (may_be_never && t == -1) return;
    invalid(where.str() + " = " + number(t) + " but a time must be a finite number of seconds >= 0" +
            (may_be_never ? " (or null: never)" : ""));
}

void check_bytes(std::int64_t bytes, const Where& where) {
    if (bytes < 0) invalid(where.str() + " = " + std::to_string(bytes) + " but a byte count cannot be negative");
}

// Adds without overflowing; false if the sum would not fit in 64 bits.
bool add_bytes(std::int64_t& sum, std::int64_t bytes) {
    if (bytes > std::numeric_limits<std::int64_t>::max() - sum) return false;
    sum += bytes;
    return true;
}

class Checker {
public:
    explicit Checker(const Trace& t) : t_(t), ranks_(t.run.ranks) {}

    void check() {
        check_run();
        check_comms();
        check_calls();
        check_messages();
        check_output_and_ranks();
        check_events();
        check_outcome();
    }

private:
    const Trace& t_;
    const std::int64_t ranks_;
    std::vector<std::vector<std::int32_t>> sorted_members_;

    void rank(std::int64_t r, const Where& where) const {
        if (r < 0 || r >= ranks_)
            invalid(where.str() + " = " + std::to_string(r) + " but the run has " + plural(static_cast<std::size_t>(ranks_), "rank"));
    }
    // A peer: a rank, ANY_SOURCE or PROC_NULL.
    void peer(std::int64_t r, const Where& where) const {
        if (r == ANY_SOURCE || r == PROC_NULL) return;
        if (r < 0 || r >= ranks_)
            invalid(where.str() + " = " + std::to_string(r) + " but the run has " + plural(static_cast<std::size_t>(ranks_), "rank") +
                    " (a peer is a rank, " + std::to_string(ANY_SOURCE) + " for any source or " + std::to_string(PROC_NULL) +
                    " for none)");
    }
    void index(std::uint32_t i, std::size_t size, const char* what, const Where& where, bool nullable) const {
        if ((nullable && i == NONE) || i < size) return;
        invalid(where.str() + " = " + (i == NONE ? std::string("null") : std::to_string(i)) + " but the trace has " + plural(size, what));
    }
    bool member(std::uint32_t comm, std::int32_t world_rank) const {
        const auto& m = sorted_members_[comm];
        return std::binary_search(m.begin(), m.end(), world_rank);
    }

    void check_run() {
        const RunInfo& r = t_.run;
        if (r.ranks < 1) invalid("run.ranks = " + std::to_string(r.ranks) + " but a run has at least 1 rank");
        if (r.eager_threshold < 0)
            invalid("run.eager_threshold = " + std::to_string(r.eager_threshold) + " but the eager threshold cannot be negative");
        if (r.buffer_cap && *r.buffer_cap < 0)
            invalid("run.buffer_cap = " + std::to_string(*r.buffer_cap) + " but the buffer cap cannot be negative");
        if (!(std::isfinite(r.latency) && r.latency >= 0))
            invalid("run.latency = " + number(r.latency) + " but the latency must be a finite number of seconds >= 0");
        if (!(std::isfinite(r.bandwidth) && r.bandwidth > 0))
            invalid("run.bandwidth = " + number(r.bandwidth) + " but the bandwidth must be a finite number of bytes per second > 0");
        if (!(std::isfinite(r.wall_seconds) && r.wall_seconds >= 0))
            invalid("run.wall_seconds = " + number(r.wall_seconds) + " but it must be a finite number of seconds >= 0");
        if (t_.ranks.size() != static_cast<std::size_t>(r.ranks))
            invalid("ranks: the table has " + std::to_string(t_.ranks.size()) + (t_.ranks.size() == 1 ? " entry" : " entries") +
                    " but run.ranks = " + std::to_string(r.ranks));
    }

    void check_comms() {
        if (t_.comms.empty()) invalid("comms: the table is empty but every run has the world communicator as comms[0]");
        const CommRecord& world = t_.comms[0];
        if (world.parent != NONE) invalid("comms[0].parent = " + std::to_string(world.parent) + " but the world communicator has no parent");
        if (world.members.size() != static_cast<std::size_t>(ranks_))
            invalid("comms[0].members: the world communicator has " + plural(world.members.size(), "member") + " but run.ranks = " +
                    std::to_string(ranks_));
        for (std::size_t k = 0; k < world.members.size(); ++k) {
            if (world.members[k] != static_cast<std::int32_t>(k))
                invalid(Where{"comms", 0, "members", k}.str() + " = " + std::to_string(world.members[k]) +
                        " but the world communicator's members are the ranks 0.." + std::to_string(ranks_ - 1) + " in order");
        }
        sorted_members_.resize(t_.comms.size());
        for (std::size_t i = 0; i < t_.comms.size(); ++i) {
            const CommRecord& c = t_.comms[i];
            if (c.parent != NONE && c.parent >= i)
                invalid(Where{"comms", i, "parent"}.str() + " = " + std::to_string(c.parent) +
                        " but a communicator's parent must be an earlier communicator");
            if (i > 0 && c.parent == NONE)
                invalid(Where{"comms", i, "parent"}.str() + " = null but only the world communicator has no parent");
            for (std::size_t k = 0; k < c.members.size(); ++k) rank(c.members[k], {"comms", i, "members", k});
            auto& sorted = sorted_members_[i];
            sorted = c.members;
            std::sort(sorted.begin(), sorted.end());
            auto twice = std::adjacent_find(sorted.begin(), sorted.end());
            if (twice != sorted.end()) {
                auto k = static_cast<std::size_t>(std::find(c.members.begin(), c.members.end(), *twice) - c.members.begin());
                invalid(Where{"comms", i, "members"}.str() + " lists rank " + std::to_string(*twice) + " twice (at " +
                        std::to_string(k) + " and later): a communicator has each member once");
            }
        }
    }

    void check_calls() {
        std::int64_t total = 0;
        for (std::size_t i = 0; i < t_.calls.size(); ++i) {
            const CallRecord& c = t_.calls[i];
            rank(c.rank, {"calls", i, "rank"});
            // A failed call may name the invalid rank that made it fail; any other names a real one.
            if (!(c.flags & CALL_FAILED)) peer(c.peer, {"calls", i, "peer"});
            index(c.comm, t_.comms.size(), "communicator", {"calls", i, "comm"}, false);
            index(c.location, t_.locations.size(), "location", {"calls", i, "location"}, true);
            index(c.message, t_.messages.size(), "message", {"calls", i, "message"}, true);
            index(c.algorithm, t_.algorithms.size(), "algorithm name", {"calls", i, "algorithm"}, false);
            check_time(c.enter, {"calls", i, "enter"});
            check_time(c.leave, {"calls", i, "leave"});
            if (c.leave < c.enter)
                invalid(Where{"calls", i, "leave"}.str() + " = " + number(c.leave) + " but calls[" + std::to_string(i) +
                        "].enter = " + number(c.enter) + ": a call cannot return before it starts");
            check_bytes(c.bytes, {"calls", i, "bytes"});
            if (!add_bytes(total, c.bytes))
                invalid(Where{"calls", i, "bytes"}.str() + " = " + std::to_string(c.bytes) +
                        ": the bytes of the calls up to here add up to more than 2^63");
            if (!member(c.comm, c.rank))
                invalid(Where{"calls", i, "rank"}.str() + " = " + std::to_string(c.rank) + " but rank " + std::to_string(c.rank) +
                        " is not a member of its communicator comms[" + std::to_string(c.comm) + "]");
            if (c.message != NONE) {
                const MessageRecord& m = t_.messages[c.message];
                if (m.src != c.rank && m.dst != c.rank)
                    invalid(Where{"calls", i, "message"}.str() + " = " + std::to_string(c.message) + " but that message goes from rank " +
                            std::to_string(m.src) + " to rank " + std::to_string(m.dst) + ", not from or to rank " + std::to_string(c.rank));
            }
        }
    }

    void check_messages() {
        std::int64_t total = 0;
        for (std::size_t i = 0; i < t_.messages.size(); ++i) {
            const MessageRecord& m = t_.messages[i];
            rank(m.src, {"messages", i, "src"});
            rank(m.dst, {"messages", i, "dst"});
            index(m.comm, t_.comms.size(), "communicator", {"messages", i, "comm"}, false);
            index(m.send_call, t_.calls.size(), "call", {"messages", i, "send_call"}, true);
            index(m.recv_call, t_.calls.size(), "call", {"messages", i, "recv_call"}, true);
            check_bytes(m.bytes, {"messages", i, "bytes"});
            if (!add_bytes(total, m.bytes))
                invalid(Where{"messages", i, "bytes"}.str() + " = " + std::to_string(m.bytes) +
                        ": the bytes of the messages up to here add up to more than 2^63");
            check_time(m.post_time, {"messages", i, "post_time"});
            check_time(m.match_time, {"messages", i, "match_time"}, true);
            check_time(m.arrival_time, {"messages", i, "arrival_time"}, true);
            check_time(m.complete_time, {"messages", i, "complete_time"}, true);
            if (!m.received() && m.complete_time != -1)
                invalid(Where{"messages", i, "complete_time"}.str() + " = " + number(m.complete_time) +
                        " but the message was never received (its flags lack \"received\"): it cannot have completed");
            if (m.send_call != NONE && t_.calls[m.send_call].rank != m.src)
                invalid(Where{"messages", i, "send_call"}.str() + " = " + std::to_string(m.send_call) + " is a call of rank " +
                        std::to_string(t_.calls[m.send_call].rank) + " but the message comes from rank " + std::to_string(m.src));
            if (m.recv_call != NONE && t_.calls[m.recv_call].rank != m.dst)
                invalid(Where{"messages", i, "recv_call"}.str() + " = " + std::to_string(m.recv_call) + " is a call of rank " +
                        std::to_string(t_.calls[m.recv_call].rank) + " but the message goes to rank " + std::to_string(m.dst));
            if (!member(m.comm, m.src))
                invalid(Where{"messages", i, "src"}.str() + " = " + std::to_string(m.src) + " but rank " + std::to_string(m.src) +
                        " is not a member of the message's communicator comms[" + std::to_string(m.comm) + "]");
            if (!member(m.comm, m.dst))
                invalid(Where{"messages", i, "dst"}.str() + " = " + std::to_string(m.dst) + " but rank " + std::to_string(m.dst) +
                        " is not a member of the message's communicator comms[" + std::to_string(m.comm) + "]");
        }
    }

    void check_output_and_ranks() {
        for (std::size_t i = 0; i < t_.output.size(); ++i) {
            rank(t_.output[i].rank, {"output", i, "rank"});
            check_time(t_.output[i].time, {"output", i, "time"});
        }
        for (std::size_t i = 0; i < t_.ranks.size(); ++i) {
            index(t_.ranks[i].last_location, t_.locations.size(), "location", {"ranks", i, "last_location"}, true);
            check_time(t_.ranks[i].end_time, {"ranks", i, "end_time"});
        }
        for (std::size_t i = 0; i < t_.choices.size(); ++i) {
            rank(t_.choices[i].rank, {"choices", i, "rank"});
            index(t_.choices[i].call, t_.calls.size(), "call", {"choices", i, "call"}, true);
            for (std::size_t k = 0; k < t_.choices[i].alternatives.size(); ++k)
                check_time(t_.choices[i].alternatives[k].time, {"choices", i, "times", k});
        }
    }

    // Every event names a row of the table its kind points into.
    void check_events() {
        for (std::size_t i = 0; i < t_.events.size(); ++i) {
            const TraceEvent& e = t_.events[i];
            const Where where{"events", i, nullptr, 1};
            switch (e.kind) {
                case EventKind::Enter:
                case EventKind::Return: index(e.index, t_.calls.size(), "call", where, false); break;
                case EventKind::Post:
                case EventKind::Deliver:
                case EventKind::Match: index(e.index, t_.messages.size(), "message", where, false); break;
                case EventKind::Finish: index(e.index, t_.ranks.size(), "rank", where, false); break;
                case EventKind::Print: index(e.index, t_.output.size(), "output line", where, false); break;
            }
        }
    }

    void check_outcome() {
        const Outcome& o = t_.outcome;
        const std::string status = "outcome.status = \"" + std::string(outcome_status_name(o.status)) + "\"";
        switch (o.status) {
            case OutcomeStatus::Completed:
            case OutcomeStatus::Cancelled:
                if (o.deadlock) invalid(status + " but the outcome has a deadlock: its status would be \"deadlock\"");
                if (o.error) invalid(status + " but the outcome has an error: its status would be \"error\"");
                break;
            case OutcomeStatus::Deadlock:
                if (!o.deadlock) invalid(status + " but outcome.deadlock is missing (which ranks wait for what?)");
                if (o.error) invalid(status + " but the outcome also has an error");
                if (o.deadlock->blocked.empty())
                    invalid("outcome.deadlock.blocked is empty but the status is \"deadlock\": a deadlock has blocked ranks");
                break;
            case OutcomeStatus::Error:
                if (!o.error) invalid(status + " but outcome.error is missing (what went wrong, and where?)");
                if (o.deadlock) invalid(status + " but the outcome also has a deadlock");
                break;
        }
        if (o.status == OutcomeStatus::Completed) {
            for (std::size_t i = 0; i < t_.ranks.size(); ++i) {
                if (t_.ranks[i].end != RankEnd::Finished)
                    invalid(Where{"ranks", i, "end"}.str() + " = \"" + std::string(rank_end_name(t_.ranks[i].end)) +
                            "\" but outcome.status = \"completed\": in a completed run every rank finished");
            }
        }
        if (o.deadlock) {
            const DeadlockInfo& d = *o.deadlock;
            for (std::size_t k = 0; k < d.cycle.size(); ++k) rank(d.cycle[k], {"outcome.deadlock.cycle", k});
            for (std::size_t k = 0; k < d.knot.size(); ++k) rank(d.knot[k], {"outcome.deadlock.knot", k});
            for (std::size_t k = 0; k < d.finished.size(); ++k) rank(d.finished[k], {"outcome.deadlock.finished", k});
            for (std::size_t k = 0; k < d.blocked.size(); ++k) {
                const BlockedCall& b = d.blocked[k];
                rank(b.rank, {"outcome.deadlock.blocked", k, "rank"});
                peer(b.peer, {"outcome.deadlock.blocked", k, "peer"});
                check_bytes(b.bytes, {"outcome.deadlock.blocked", k, "bytes"});
                index(b.call, t_.calls.size(), "call", {"outcome.deadlock.blocked", k, "call"}, true);
                if (b.call != NONE && t_.calls[b.call].rank != b.rank)
                    invalid(Where{"outcome.deadlock.blocked", k, "call"}.str() + " = " + std::to_string(b.call) + " is a call of rank " +
                            std::to_string(t_.calls[b.call].rank) + " but the blocked rank is " + std::to_string(b.rank));
            }
            for (std::size_t k = 0; k < d.arcs.size(); ++k) {
                rank(d.arcs[k].from, {"outcome.deadlock.arcs", k, "from"});
                rank(d.arcs[k].to, {"outcome.deadlock.arcs", k, "to"});
            }
        }
        if (o.error) {
            const ErrorInfo& e = *o.error;
            if (e.rank != -1) rank(e.rank, {"outcome.error.rank"});
            index(e.call_index, t_.calls.size(), "call", {"outcome.error.call_index"}, true);
        }
    }
};

}  // namespace

void check_trace(const Trace& trace) { Checker(trace).check(); }

}  // namespace mpilab
