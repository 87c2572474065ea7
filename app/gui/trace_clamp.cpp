// Clamping a trace's values into what the views can draw, and folding duplicate wait-for arcs.
// See trace_clamp.hpp.
#include "trace_clamp.hpp"

#include "core/protocol.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace mpilab::gui {

namespace {

bool drawable_time(double t) { return std::isfinite(t) && t >= 0 && t <= kMaxDisplayTime; }
// A message time is a time, or -1 for "never happened".
bool drawable_event_time(double t) { return t == -1 || drawable_time(t); }

double clamp_time(double t) {
    if (std::isnan(t)) return 0;
    return std::clamp(t, 0.0, kMaxDisplayTime);
}

double clamp_event_time(double t) {
    if (std::isnan(t) || t < 0) return -1;
    return std::min(t, kMaxDisplayTime);
}

// Walks every time of the trace: `time(value)` for times that must be drawable, `event_time(value)`
// for message times that may be -1 ("never"), `span(enter, leave)` for each call. The same walk
// counts (const trace) and fixes (mutable copy), so the two can never disagree.
template <class TraceT, class Time, class EventTime, class Span>
void walk_times(TraceT& t, Time time, EventTime event_time, Span span) {
    for (auto& c : t.calls) {
        time(c.enter);
        time(c.leave);
        span(c.enter, c.leave);
    }
    for (auto& m : t.messages) {
        time(m.post_time);
        event_time(m.match_time);
        event_time(m.arrival_time);
        event_time(m.complete_time);
    }
    for (auto& r : t.ranks) time(r.end_time);
    for (auto& o : t.output) time(o.time);
}

std::uint64_t count_out_of_range(const Trace& t) {
    std::uint64_t bad = 0;
    walk_times(
        t, [&](double v) { bad += !drawable_time(v); }, [&](double v) { bad += !drawable_event_time(v); },
        [&](double enter, double leave) { bad += leave < enter; });
    return bad;
}

void clamp_in_place(Trace& t) {
    // Times first, then the order of each call's pair (the span check sees the clamped values).
    walk_times(
        t, [](double& v) { v = drawable_time(v) ? v : clamp_time(v); },
        [](double& v) { v = drawable_event_time(v) ? v : clamp_event_time(v); },
        [](double& enter, double& leave) {
            enter = drawable_time(enter) ? enter : clamp_time(enter);
            leave = drawable_time(leave) ? leave : clamp_time(leave);
            if (leave < enter) leave = enter;
        });
}

}  // namespace

ClampedTrace clamp_for_display(std::shared_ptr<const Trace> trace) {
    ClampedTrace out;
    if (!trace) return out;
    const std::uint64_t bad = count_out_of_range(*trace);
    if (bad == 0) {
        out.trace = std::move(trace);
        return out;
    }
    auto copy = std::make_shared<Trace>(*trace);
    clamp_in_place(*copy);
    out.trace = std::move(copy);
    out.changed_values = bad;
    out.note = with_commas(bad) + (bad == 1 ? " value" : " values") +
               " of this trace could not be drawn as recorded (a time that is not finite, negative or beyond "
               "10^12 s, or a call that returns before it enters) and " + (bad == 1 ? "is" : "are") +
               " shown clamped. The file is probably damaged; `mpilab show` checks it.";
    return out;
}

std::vector<DrawnArc> distinct_wait_arcs(const DeadlockInfo& info, int ranks) {
    auto key_of = [](std::int64_t from, std::int64_t to, ArcKind kind) {
        return (static_cast<std::uint64_t>(from) << 33) | (static_cast<std::uint64_t>(to) << 1) |
               (kind == ArcKind::Or ? 1u : 0u);
    };
    // The cycle's steps, as keys without the kind.
    std::unordered_map<std::uint64_t, bool> cycle_steps;
    const std::size_t n = info.cycle.size();
    for (std::size_t i = 0; i < n; ++i) cycle_steps.emplace(key_of(info.cycle[i], info.cycle[(i + 1) % n], ArcKind::And), true);

    std::unordered_map<std::uint64_t, std::uint32_t> seen;
    std::vector<DrawnArc> arcs;
    for (std::size_t i = 0; i < info.arcs.size(); ++i) {
        const WaitArc& a = info.arcs[i];
        if (a.from < 0 || a.from >= ranks || a.to < 0 || a.to >= ranks) continue;
        auto [it, inserted] = seen.try_emplace(key_of(a.from, a.to, a.kind), static_cast<std::uint32_t>(arcs.size()));
        if (!inserted) {
            arcs[it->second].to_finished = arcs[it->second].to_finished || a.to_finished;
            continue;
        }
        DrawnArc d;
        d.from = a.from;
        d.to = a.to;
        d.kind = a.kind;
        d.to_finished = a.to_finished;
        d.in_cycle = cycle_steps.count(key_of(a.from, a.to, ArcKind::And)) > 0;
        d.label = static_cast<std::uint32_t>(i);
        arcs.push_back(d);
    }
    std::sort(arcs.begin(), arcs.end(), [](const DrawnArc& a, const DrawnArc& b) {
        if (a.from != b.from) return a.from < b.from;
        if (a.to != b.to) return a.to < b.to;
        return a.kind < b.kind;
    });
    return arcs;
}

std::pair<const DrawnArc*, const DrawnArc*> arcs_from(const std::vector<DrawnArc>& arcs, int rank) {
    const DrawnArc* first = arcs.data();
    const DrawnArc* last = first + arcs.size();
    auto lo = std::lower_bound(first, last, rank, [](const DrawnArc& a, int r) { return a.from < r; });
    auto hi = std::upper_bound(lo, last, rank, [](int r, const DrawnArc& a) { return r < a.from; });
    return {lo, hi};
}

}  // namespace mpilab::gui
