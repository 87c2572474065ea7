// Builds the logical trace of a run from its recorded event order. See event_order.hpp.
#include "event_order.hpp"

#include "format.hpp"

#include <algorithm>

namespace mpilab::gui {

namespace {

// An event that ends something is drawn just before the step's integer time: views take a call or a
// message as ongoing up to and including its end, and at playhead N it must be over.
constexpr double kEndsBefore = 1.0 / 64;

// The first event of the run's end: a Finish of a rank that did not return from its program.
std::size_t first_stop(const Trace& t) {
    for (std::size_t s = 0; s < t.events.size(); ++s) {
        const TraceEvent& e = t.events[s];
        if (e.kind == EventKind::Finish && e.index < t.ranks.size() && t.ranks[e.index].end != RankEnd::Finished) return s;
    }
    return t.events.size();
}

}  // namespace

std::shared_ptr<const EventOrder> make_event_order(const Trace& t) {
    if (t.events.empty()) return nullptr;
    auto order = std::make_shared<EventOrder>();
    auto logical = std::make_shared<Trace>(t);
    Trace& l = *logical;
    // Anything no event names (a damaged file) sits at the start.
    for (CallRecord& c : l.calls) c.enter = c.leave = 0;
    for (MessageRecord& m : l.messages) {
        m.post_time = 0;
        m.match_time = m.arrival_time = m.complete_time = -1;
    }
    for (RankRecord& r : l.ranks) r.end_time = 0;
    for (OutputLine& o : l.output) o.time = 0;

    const std::size_t stop = first_stop(t);
    order->stopped = stop < t.events.size();
    const std::size_t shown = order->stopped ? stop + 1 : t.events.size();
    order->steps.assign(t.events.begin(), t.events.begin() + static_cast<std::ptrdiff_t>(shown));
    order->virtual_time.assign(shown, 0.0);
    order->rank.assign(shown, -1);
    for (std::size_t s = 0; s < t.events.size(); ++s) {
        const TraceEvent& e = t.events[s];
        const std::size_t step = std::min(s, shown - 1);
        const double begins = static_cast<double>(step) + 1.0, ends = begins - kEndsBefore;
        double virtual_time = 0;
        std::int32_t rank = -1;
        switch (e.kind) {
            case EventKind::Enter:
            case EventKind::Return: {
                if (e.index >= l.calls.size()) continue;
                CallRecord& c = l.calls[e.index];
                const CallRecord& original = t.calls[e.index];
                rank = c.rank;
                if (e.kind == EventKind::Enter) {
                    c.enter = c.leave = begins;
                    virtual_time = original.enter;
                } else {
                    c.leave = std::max(ends, c.enter);
                    virtual_time = original.leave;
                }
                break;
            }
            case EventKind::Post:
            case EventKind::Deliver:
            case EventKind::Match: {
                if (e.index >= l.messages.size()) continue;
                MessageRecord& m = l.messages[e.index];
                const MessageRecord& original = t.messages[e.index];
                if (e.kind == EventKind::Post) {
                    m.post_time = begins;
                    rank = m.src;
                    virtual_time = original.post_time;
                } else if (e.kind == EventKind::Deliver) {
                    m.arrival_time = std::max(ends, m.post_time);
                    rank = m.dst;
                    virtual_time = original.arrival_time >= 0 ? original.arrival_time : original.post_time;
                } else {
                    m.match_time = std::max(ends, m.post_time);
                    rank = m.dst;
                    virtual_time = original.match_time >= 0 ? original.match_time : original.post_time;
                }
                // Its arrow ends where its data arrives: from there an eager message that no receive
                // has matched yet waits in the receiver's unexpected queue, no longer in flight.
                if (original.complete_time >= 0 && m.arrival_time >= 0) m.complete_time = m.arrival_time;
                break;
            }
            case EventKind::Finish:
                if (e.index >= l.ranks.size()) continue;
                l.ranks[e.index].end_time = begins;
                rank = static_cast<std::int32_t>(e.index);
                virtual_time = t.ranks[e.index].end_time;
                break;
            case EventKind::Print:
                if (e.index >= l.output.size()) continue;
                l.output[e.index].time = begins;
                rank = l.output[e.index].rank;
                virtual_time = t.output[e.index].time;
                break;
        }
        if (s < shown) {
            order->virtual_time[step] = virtual_time;
            order->rank[step] = s + 1 == shown && order->stopped ? -1 : rank;
        }
    }
    // The run's end is one step at the latest virtual time anything happened.
    if (order->stopped) {
        double latest = 0;
        for (double v : order->virtual_time) latest = std::max(latest, v);
        for (const RankRecord& r : t.ranks) latest = std::max(latest, r.end_time);
        order->virtual_time.back() = latest;
    }
    order->trace = std::move(logical);
    return order;
}

std::size_t EventOrder::steps_until(double t) const {
    std::size_t n = 0;
    for (std::size_t s = 0; s < virtual_time.size(); ++s)
        if (virtual_time[s] <= t) n = s + 1;
    return n;
}

double EventOrder::rank_clock(int r, std::size_t step) const {
    for (std::size_t s = std::min(step, rank.size()); s > 0; --s)
        if (rank[s - 1] == r) return virtual_time[s - 1];
    return 0;
}

std::string describe_step(const Trace& t, const EventOrder& order, std::size_t step) {
    if (step == 0 || step > order.steps.size()) return "the start: no rank has called anything yet";
    const TraceEvent& e = order.steps[step - 1];
    if (order.stopped && step == order.steps.size()) {
        switch (t.outcome.status) {
            case OutcomeStatus::Deadlock: return "no rank can continue: the run is stuck";
            case OutcomeStatus::Error: return "the run ends with an error";
            case OutcomeStatus::Cancelled: return "the run was cancelled";
            case OutcomeStatus::Completed: break;
        }
        return "the run ends";
    }
    switch (e.kind) {
        case EventKind::Enter:
        case EventKind::Return: {
            if (e.index >= t.calls.size()) break;
            const CallRecord& c = t.calls[e.index];
            return "rank " + std::to_string(c.rank) + (e.kind == EventKind::Enter ? " enters " : " returns from ") +
                   describe_call(t, c);
        }
        case EventKind::Post:
        case EventKind::Deliver:
        case EventKind::Match: {
            if (e.index >= t.messages.size()) break;
            const MessageRecord& m = t.messages[e.index];
            // A step tells what happened so far: that a message is never received is the outcome's to say.
            const std::string what = "message " + describe_message(t, m, false);
            if (e.kind == EventKind::Post)
                return "rank " + std::to_string(m.src) + (m.protocol == Protocol::Rendezvous ? " posts the envelope of " : " posts ") + what;
            if (e.kind == EventKind::Match) return "rank " + std::to_string(m.dst) + "'s receive matches " + what;
            return what + " arrives at rank " + std::to_string(m.dst);
        }
        case EventKind::Finish:
            if (e.index >= t.ranks.size()) break;
            return "rank " + std::to_string(e.index) + " returns from its program";
        case EventKind::Print:
            if (e.index >= t.output.size()) break;
            return "rank " + std::to_string(t.output[e.index].rank) + " prints \"" + t.output[e.index].text + "\"";
    }
    return "event " + std::to_string(step);
}

}  // namespace mpilab::gui
