// The per-lane index of a trace and the queries the views ask every frame. See trace_model.hpp.
#include "trace_model.hpp"

#include "trace_clamp.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace mpilab::gui {

const char* rank_state_name(RankState s) {
    switch (s) {
    case RankState::Running: return "running";
    case RankState::Computing: return "computing";
    case RankState::InCall: return "in a call";
    case RankState::BlockedSend: return "blocked in send";
    case RankState::BlockedRecv: return "blocked in receive";
    case RankState::BlockedWait: return "blocked in wait";
    case RankState::Collective: return "in a collective";
    case RankState::Finished: return "finished";
    case RankState::Deadlocked: return "deadlocked";
    case RankState::Failed: return "failed";
    case RankState::Stopped: return "stopped";
    case RankState::Count_: break;
    }
    return "?";
}

RankState call_state(const CallRecord& call) {
    if (is_collective(call.kind)) return RankState::Collective;
    if (call.kind == CallKind::Compute) return RankState::Computing;
    if (!call.blocked() && !call.unfinished()) return RankState::InCall;
    switch (call.kind) {
    case CallKind::Send: case CallKind::Ssend: case CallKind::Isend: case CallKind::Issend:
    case CallKind::Bsend: case CallKind::Rsend: case CallKind::Ibsend: case CallKind::Irsend:
        return RankState::BlockedSend;
    case CallKind::Recv: case CallKind::Irecv: case CallKind::Probe: case CallKind::Iprobe:
    case CallKind::Sendrecv:
        return RankState::BlockedRecv;
    default:
        return RankState::BlockedWait;
    }
}

RankState end_state(RankEnd end) {
    switch (end) {
    case RankEnd::Finished: return RankState::Finished;
    case RankEnd::Deadlocked: return RankState::Deadlocked;
    case RankEnd::Failed: return RankState::Failed;
    case RankEnd::Aborted: break;
    }
    return RankState::Stopped;
}

std::size_t first_at_or_after(const std::vector<double>& values, double x) {
    return static_cast<std::size_t>(std::lower_bound(values.begin(), values.end(), x) - values.begin());
}

static std::size_t first_after(const std::vector<double>& values, double x) {
    return static_cast<std::size_t>(std::upper_bound(values.begin(), values.end(), x) - values.begin());
}

TraceModel::TraceModel(std::shared_ptr<const Trace> trace) {
    ClampedTrace clamped = clamp_for_display(std::move(trace));
    trace_ = std::move(clamped.trace);
    display_note_ = std::move(clamped.note);
    const Trace& t = *trace_;
    explanation_ = explain(t);
    double end = 0;
    for (const auto& c : t.calls) end = std::max(end, std::max(c.enter, c.leave));
    for (const auto& m : t.messages) {
        end = std::max(end, std::max(m.post_time, std::max(m.arrival_time, m.complete_time)));
    }
    for (const auto& r : t.ranks) end = std::max(end, r.end_time);
    for (const auto& o : t.output) end = std::max(end, o.time);
    last_activity_ = end;
    bool stuck = t.outcome.status != OutcomeStatus::Completed;
    for (const auto& c : t.calls) stuck = stuck || c.unfinished();
    end_time_ = stuck ? end + std::max(end * 0.1, 1e-6) : end;
    build_lanes();
    build_request_spans();
    build_collectives();
    build_in_flight_index();
    build_statistics();
    if (t.outcome.deadlock) wait_arcs_ = distinct_wait_arcs(*t.outcome.deadlock, ranks());
    output_by_time_.resize(t.output.size());
    for (std::uint32_t i = 0; i < output_by_time_.size(); ++i) output_by_time_[i] = i;
    std::stable_sort(output_by_time_.begin(), output_by_time_.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return t.output[a].time < t.output[b].time; });
    output_time_.resize(output_by_time_.size());
    for (std::size_t i = 0; i < output_by_time_.size(); ++i) output_time_[i] = t.output[output_by_time_[i]].time;
}

std::size_t TraceModel::first_after_time(const std::vector<double>& values, double t) {
    return first_after(values, t);
}

double TraceModel::message_end(const MessageRecord& m) const {
    if (m.complete_time >= 0) return m.complete_time;
    if (m.arrival_time >= 0) return m.arrival_time;
    return -1;
}

double TraceModel::call_end(const CallRecord& c) const {
    return c.unfinished() ? std::max(end_time_, c.enter) : std::max(c.leave, c.enter);
}

void TraceModel::build_lanes() {
    const Trace& t = *trace_;
    // A lane per rank the trace names, up to kMaxLanes: a record naming a rank beyond that (a
    // damaged file) is not drawn rather than allocating lanes for it.
    auto lane_count = [](std::int64_t rank) { return std::clamp<std::int64_t>(rank, 0, kMaxLanes); };
    std::int64_t ranks = std::max<std::int64_t>(lane_count(t.run.ranks), lane_count(static_cast<std::int64_t>(t.ranks.size())));
    for (const auto& c : t.calls) {
        if (c.rank < kMaxLanes) ranks = std::max(ranks, lane_count(std::int64_t{c.rank} + 1));
    }
    for (const auto& m : t.messages) {
        if (m.src < kMaxLanes && m.dst < kMaxLanes) ranks = std::max(ranks, lane_count(std::int64_t{std::max(m.src, m.dst)} + 1));
    }
    lanes_.assign(static_cast<std::size_t>(ranks), Lane{});

    for (std::uint32_t i = 0; i < t.calls.size(); ++i) {
        const auto& c = t.calls[i];
        if (c.rank >= 0 && c.rank < ranks) lanes_[c.rank].calls.push_back(i);
    }
    // Messages whose arrow spans more than a small slice of the trace are kept apart (long_sends), so
    // a visible-range query on the short ones needs to look back only that slice.
    const double long_span = std::max(end_time_ / 512.0, 1e-15);
    for (std::uint32_t i = 0; i < t.messages.size(); ++i) {
        const auto& m = t.messages[i];
        if (m.src >= 0 && m.src < ranks) {
            double e = message_end(m);
            if (e < 0 || e - m.post_time > long_span) lanes_[m.src].long_sends.push_back(i);
            else lanes_[m.src].sends.push_back(i);
        }
        if (m.dst >= 0 && m.dst < ranks) lanes_[m.dst].receives.push_back(i);
    }
    for (auto& lane : lanes_) {
        std::stable_sort(lane.calls.begin(), lane.calls.end(),
                         [&](std::uint32_t a, std::uint32_t b) { return t.calls[a].enter < t.calls[b].enter; });
        lane.call_enter.resize(lane.calls.size());
        lane.call_leave.resize(lane.calls.size());
        double running = -INFINITY;
        for (std::size_t k = 0; k < lane.calls.size(); ++k) {
            const auto& c = t.calls[lane.calls[k]];
            lane.call_enter[k] = c.enter;
            running = std::max(running, call_end(c));
            lane.call_leave[k] = running;
        }
        auto by_post = [&](std::uint32_t a, std::uint32_t b) { return t.messages[a].post_time < t.messages[b].post_time; };
        std::stable_sort(lane.sends.begin(), lane.sends.end(), by_post);
        std::stable_sort(lane.long_sends.begin(), lane.long_sends.end(), by_post);
        std::stable_sort(lane.receives.begin(), lane.receives.end(), by_post);
        lane.send_post.resize(lane.sends.size());
        for (std::size_t k = 0; k < lane.sends.size(); ++k) {
            const auto& m = t.messages[lane.sends[k]];
            lane.send_post[k] = m.post_time;
            lane.longest_message = std::max(lane.longest_message, message_end(m) - m.post_time);
        }
    }
}

void TraceModel::build_collectives() {
    const Trace& t = *trace_;
    std::unordered_map<std::uint64_t, std::uint32_t> index;
    for (std::uint32_t i = 0; i < t.calls.size(); ++i) {
        const auto& c = t.calls[i];
        if (!is_collective(c.kind)) continue;
        std::uint64_t key = (static_cast<std::uint64_t>(c.comm) << 32) | static_cast<std::uint32_t>(c.tag);
        auto [it, inserted] = index.try_emplace(key, static_cast<std::uint32_t>(collectives_.size()));
        if (inserted) {
            CollectiveGroup g;
            g.begin = c.enter;
            g.end = call_end(c);
            g.kind = c.kind;
            g.comm = c.comm;
            collectives_.push_back(std::move(g));
        }
        auto& g = collectives_[it->second];
        g.begin = std::min(g.begin, c.enter);
        g.end = std::max(g.end, call_end(c));
        g.calls.push_back(i);
    }
    std::vector<std::uint32_t> order(collectives_.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return collectives_[a].begin < collectives_[b].begin; });
    std::vector<CollectiveGroup> sorted;
    sorted.reserve(order.size());
    for (auto i : order) sorted.push_back(std::move(collectives_[i]));
    collectives_ = std::move(sorted);
    collective_max_end_.resize(collectives_.size());
    double running = -INFINITY;
    call_to_group_.assign(collectives_.empty() ? 0 : t.calls.size(), NONE);
    for (std::uint32_t g = 0; g < collectives_.size(); ++g) {
        running = std::max(running, collectives_[g].end);
        collective_max_end_[g] = running;
        for (auto c : collectives_[g].calls) call_to_group_[c] = g;
    }
}

std::uint32_t TraceModel::collective_group_of_call(std::uint32_t call) const {
    return call < call_to_group_.size() ? call_to_group_[call] : NONE;
}

void TraceModel::build_in_flight_index() {
    const Trace& t = *trace_;
    const double long_span = std::max(end_time_ / 512.0, 1e-15);
    for (std::uint32_t i = 0; i < t.messages.size(); ++i) {
        const auto& m = t.messages[i];
        double e = message_end(m);
        if (e < 0 || e - m.post_time > long_span) {
            long_messages_.push_back(i);
        } else {
            short_by_post_.push_back(i);
            short_longest_ = std::max(short_longest_, e - m.post_time);
        }
    }
    std::stable_sort(short_by_post_.begin(), short_by_post_.end(), [&](std::uint32_t a, std::uint32_t b) {
        return t.messages[a].post_time < t.messages[b].post_time;
    });
    short_post_.resize(short_by_post_.size());
    for (std::size_t k = 0; k < short_by_post_.size(); ++k) short_post_[k] = t.messages[short_by_post_[k]].post_time;
}

void TraceModel::build_statistics() {
    const Trace& t = *trace_;
    auto& s = statistics_;
    s.ranks.assign(lanes_.size(), RankStatistics{});
    s.calls = t.calls.size();
    for (const auto& c : t.calls) {
        if (c.rank < 0 || c.rank >= ranks()) continue;
        auto& r = s.ranks[c.rank];
        ++r.calls;
        double d = call_end(c) - c.enter;
        if (c.blocked() || c.unfinished()) r.blocked_time += d;
        if (is_collective(c.kind)) r.collective_time += d;
        if (c.kind == CallKind::Compute) r.compute_time += d;
    }
    for (std::size_t r = 0; r < s.ranks.size(); ++r) {
        const auto& lane = lanes_[r];
        double e = lane.call_leave.empty() ? 0 : lane.call_leave.back();
        if (r < t.ranks.size()) e = t.ranks[r].end_time;
        s.ranks[r].end_time = e;
    }
    const int n = ranks();
    auto& mx = matrix_;
    mx.side = std::min(n, 256);
    mx.ranks_per_cell = mx.side > 0 ? (n + mx.side - 1) / mx.side : 1;
    if (mx.side > 0) mx.side = (n + mx.ranks_per_cell - 1) / mx.ranks_per_cell;
    mx.count.assign(static_cast<std::size_t>(mx.side) * mx.side, 0);
    mx.bytes.assign(mx.count.size(), 0);
    for (const auto& m : t.messages) {
        ++s.messages;
        s.bytes += static_cast<std::uint64_t>(std::max<std::int64_t>(m.bytes, 0));
        if (m.protocol == Protocol::Rendezvous) ++s.rendezvous;
        else ++s.eager;
        if (m.collective()) ++s.collective_messages;
        if (!m.received()) ++s.unreceived;
        if (m.src >= 0 && m.src < n) {
            ++s.ranks[m.src].messages_sent;
            s.ranks[m.src].bytes_sent += static_cast<std::uint64_t>(std::max<std::int64_t>(m.bytes, 0));
        }
        if (m.dst >= 0 && m.dst < n) ++s.ranks[m.dst].messages_received;
        if (m.src >= 0 && m.src < n && m.dst >= 0 && m.dst < n) {
            std::size_t cell = static_cast<std::size_t>(m.src / mx.ranks_per_cell) * mx.side + m.dst / mx.ranks_per_cell;
            ++mx.count[cell];
            mx.bytes[cell] += static_cast<std::uint64_t>(std::max<std::int64_t>(m.bytes, 0));
        }
    }
    for (std::size_t i = 0; i < mx.count.size(); ++i) {
        mx.max_count = std::max(mx.max_count, mx.count[i]);
        mx.max_bytes = std::max(mx.max_bytes, mx.bytes[i]);
    }
}

// ---- state at a playhead time ------------------------------------------------------------------

std::uint32_t TraceModel::last_call_before(int rank, double t) const {
    if (rank < 0 || rank >= ranks()) return NONE;
    const auto& lane = lanes_[rank];
    std::size_t i = first_after(lane.call_enter, t);
    return i == 0 ? NONE : lane.calls[i - 1];
}

std::uint32_t TraceModel::call_at(int rank, double t) const {
    if (rank < 0 || rank >= ranks()) return NONE;
    const auto& lane = lanes_[rank];
    std::size_t i = first_after(lane.call_enter, t);
    // Walk back over zero-length calls entered at t to the one that still contains t; prefer the
    // widest (a blocked call over an instantaneous isend at the same instant).
    std::uint32_t best = NONE;
    double best_width = -1;
    while (i > 0) {
        const auto& c = trace_->calls[lane.calls[i - 1]];
        double e = call_end(c);
        if (e >= t && e - c.enter > best_width) {
            best = lane.calls[i - 1];
            best_width = e - c.enter;
        }
        if (c.enter < t) break;
        --i;
    }
    return best;
}

std::uint32_t TraceModel::next_call_after(int rank, double t) const {
    if (rank < 0 || rank >= ranks()) return NONE;
    const auto& lane = lanes_[rank];
    std::size_t i = first_after(lane.call_enter, t);
    return i < lane.calls.size() ? lane.calls[i] : NONE;
}

RankState TraceModel::state_at(int rank, double t) const {
    const Trace& tr = *trace_;
    const bool has_record = rank >= 0 && static_cast<std::size_t>(rank) < tr.ranks.size();
    std::uint32_t c = call_at(rank, t);
    if (c != NONE) {
        const auto& call = tr.calls[c];
        if (call.unfinished() && t >= last_activity_ && has_record) {
            const RankState end = end_state(tr.ranks[rank].end);
            if (end != RankState::Finished) return end;
        }
        if (call.flags & CALL_FAILED && t >= last_activity_) return RankState::Failed;
        // At the instant a rank's last call returns, the rank has finished.
        if (has_record && !call.unfinished() && call.leave <= t && tr.ranks[rank].end == RankEnd::Finished &&
            t >= tr.ranks[rank].end_time) {
            return RankState::Finished;
        }
        return call_state(call);
    }
    if (has_record) {
        const auto& r = tr.ranks[rank];
        if (t >= r.end_time) {
            if (r.end == RankEnd::Deadlocked && t < last_activity_) return RankState::BlockedWait;
            return end_state(r.end);
        }
        return RankState::Running;
    }
    const auto& lane = lanes_[rank];
    if (!lane.call_leave.empty() && t > lane.call_leave.back()) return RankState::Finished;
    return RankState::Running;
}

double TraceModel::clock_at(int rank, double t) const {
    if (rank >= 0 && static_cast<std::size_t>(rank) < trace_->ranks.size()) {
        return std::min(t, trace_->ranks[rank].end_time);
    }
    return t;
}

double TraceModel::next_event(double t) const {
    double best = INFINITY;
    for (int r = 0; r < ranks(); ++r) {
        const auto& lane = lanes_[r];
        std::size_t i = first_after(lane.call_enter, t);
        if (i < lane.calls.size()) best = std::min(best, lane.call_enter[i]);
        for (std::size_t j = i; j > 0 && j + 2 > i; --j) {   // the call entered last at or before t
            double e = call_end(trace_->calls[lane.calls[j - 1]]);
            if (e > t) best = std::min(best, e);
        }
        if (static_cast<std::size_t>(r) < trace_->ranks.size() && trace_->ranks[r].end_time > t) {
            best = std::min(best, trace_->ranks[r].end_time);
        }
    }
    if (end_time_ > t) best = std::min(best, end_time_);
    return std::isfinite(best) ? best : t;
}

double TraceModel::prev_event(double t) const {
    double best = -INFINITY;
    for (int r = 0; r < ranks(); ++r) {
        const auto& lane = lanes_[r];
        std::size_t i = first_at_or_after(lane.call_enter, t);   // calls [0, i) entered before t
        if (i > 0) {
            best = std::max(best, lane.call_enter[i - 1]);
            for (std::size_t j = i; j > 0 && j + 2 > i; --j) {
                double e = call_end(trace_->calls[lane.calls[j - 1]]);
                if (e < t) best = std::max(best, e);
            }
        }
        if (static_cast<std::size_t>(r) < trace_->ranks.size() && trace_->ranks[r].end_time < t) {
            best = std::max(best, trace_->ranks[r].end_time);
        }
    }
    if (t > 0) best = std::max(best, 0.0);
    return std::isfinite(best) ? best : t;
}

// ---- visible ranges ----------------------------------------------------------------------------

void TraceModel::visible_calls(int rank, double t0, double t1, double merge_seconds,
                               std::vector<LaneItem>& out) const {
    out.clear();
    if (rank < 0 || rank >= ranks()) return;
    const auto& lane = lanes_[rank];
    const std::size_t n = lane.calls.size();
    std::size_t i = first_at_or_after(lane.call_leave, t0);   // running maximum: first call reaching t0
    while (i < n && lane.call_enter[i] <= t1) {
        const auto& c = trace_->calls[lane.calls[i]];
        double b = c.enter, e = call_end(c);
        if (e - b >= merge_seconds) {
            out.push_back({b, e, static_cast<std::uint32_t>(i), 1});
            ++i;
            continue;
        }
        // Merge every call entered within merge_seconds of this one, found by binary search.
        auto stop = std::upper_bound(lane.call_enter.begin() + static_cast<std::ptrdiff_t>(i), lane.call_enter.end(),
                                     b + merge_seconds);
        std::size_t j = static_cast<std::size_t>(stop - lane.call_enter.begin());
        if (j <= i + 1) {
            out.push_back({b, e, static_cast<std::uint32_t>(i), 1});
            ++i;
            continue;
        }
        // Never swallow a wide call (one of a pair, too): merge only up to the first call that ends far
        // after this one began, found on the running maximum of ends; it is drawn as its own bar.
        if (lane.call_leave[j - 1] - b > 2 * merge_seconds) {
            auto wide = std::upper_bound(lane.call_leave.begin() + static_cast<std::ptrdiff_t>(i),
                                         lane.call_leave.begin() + static_cast<std::ptrdiff_t>(j), b + 2 * merge_seconds);
            j = std::max(i + 1, static_cast<std::size_t>(wide - lane.call_leave.begin()));
            if (j == i + 1) {
                out.push_back({b, e, static_cast<std::uint32_t>(i), 1});
                ++i;
                continue;
            }
        }
        out.push_back({b, std::max(lane.call_leave[j - 1], b + merge_seconds), static_cast<std::uint32_t>(i),
                       static_cast<std::uint32_t>(j - i)});
        i = j;
    }
}

RankState StateShares::dominant() const {
    return kCallStates[static_cast<std::size_t>(std::max_element(share.begin(), share.end()) - share.begin())];
}

StateShares TraceModel::merged_states(int rank, std::uint32_t first, std::uint32_t count, std::uint32_t samples) const {
    StateShares shares;
    if (rank < 0 || rank >= ranks() || count == 0) return shares;
    const auto& lane = lanes_[rank].calls;
    if (first >= lane.size()) return shares;
    count = std::min<std::uint32_t>(count, static_cast<std::uint32_t>(lane.size() - first));
    const std::uint32_t taken = std::clamp<std::uint32_t>(samples, 1, count);
    std::array<double, kCallStateCount> time{}, number{};
    for (std::uint32_t k = 0; k < taken; ++k) {
        // Evenly spread: the middle of each of `taken` equal slices.
        const std::uint64_t at = first + (std::uint64_t{2} * k + 1) * count / (std::uint64_t{2} * taken);
        const CallRecord& c = trace_->calls[lane[at]];
        const auto state = std::find(std::begin(kCallStates), std::end(kCallStates), call_state(c)) - std::begin(kCallStates);
        if (state >= static_cast<std::ptrdiff_t>(kCallStateCount)) continue;
        time[static_cast<std::size_t>(state)] += std::max(0.0, call_end(c) - c.enter);
        number[static_cast<std::size_t>(state)] += 1;
    }
    double total_time = 0, total_number = 0;
    for (std::size_t s = 0; s < kCallStateCount; ++s) {
        total_time += time[s];
        total_number += number[s];
    }
    const auto& weight = total_time > 0 ? time : number;
    const double total = total_time > 0 ? total_time : total_number;
    if (total > 0)
        for (std::size_t s = 0; s < kCallStateCount; ++s) shares.share[s] = static_cast<float>(weight[s] / total);
    return shares;
}

namespace {

bool nonblocking_point_to_point(CallKind kind) {
    return kind == CallKind::Isend || kind == CallKind::Issend || kind == CallKind::Ibsend || kind == CallKind::Irsend ||
           kind == CallKind::Irecv;
}

}  // namespace

void TraceModel::build_request_spans() {
    const Trace& t = *trace_;
    const double never = end_time_;
    // When each non-blocking call's operation completed, from the messages it sent and received.
    struct Progress {
        double done = -1;
        bool open = false;      // a message of it never completed
        bool any = false;
    };
    std::unordered_map<std::uint32_t, Progress> progress;
    for (std::uint32_t i = 0; i < t.calls.size(); ++i)
        if (nonblocking_point_to_point(t.calls[i].kind) || is_nonblocking_collective(t.calls[i].kind)) progress[i];
    if (progress.empty()) return;
    auto note = [&](std::uint32_t call, double when) {
        auto it = progress.find(call);
        if (it == progress.end()) return;
        it->second.any = true;
        if (when < 0) it->second.open = true;
        else it->second.done = std::max(it->second.done, when);
    };
    for (const MessageRecord& m : t.messages) {
        if (m.send_call != NONE) {
            // An eager send is done once posted, a synchronous one once matched, a rendezvous one once its
            // data arrived (-1: never).
            double sent = m.post_time;
            if (m.protocol == Protocol::Rendezvous) sent = m.arrival_time;
            else if (m.flags & MSG_SYNCHRONOUS) sent = m.match_time;
            note(m.send_call, sent);
        }
        if (m.recv_call != NONE) note(m.recv_call, m.complete_time);
    }
    for (const auto& [call, p] : progress) {
        const CallRecord& c = t.calls[call];
        if (c.rank < 0 || c.rank >= ranks()) continue;
        // A receive that no message reached never completed; an operation without messages (a send to
        // PROC_NULL, a collective of one rank) was done when its call returned.
        const bool receive_unmatched = c.kind == CallKind::Irecv && !p.any;
        const bool completes = !p.open && !receive_unmatched && !c.unfinished();
        const double end = completes ? std::max(p.done, c.leave) : never;
        if (end <= c.leave) continue;   // nothing outlasted the call
        lanes_[c.rank].requests.push_back({c.enter, end, call, completes});
    }
    for (auto& lane : lanes_) {
        std::sort(lane.requests.begin(), lane.requests.end(), [](const RequestSpan& a, const RequestSpan& b) {
            return a.begin != b.begin ? a.begin < b.begin : a.call < b.call;
        });
        lane.request_end_max.resize(lane.requests.size());
        double running = -INFINITY;
        for (std::size_t k = 0; k < lane.requests.size(); ++k) lane.request_end_max[k] = running = std::max(running, lane.requests[k].end);
    }
}

void TraceModel::visible_requests(int rank, double t0, double t1, std::vector<std::uint32_t>& out, std::size_t limit) const {
    out.clear();
    if (rank < 0 || rank >= ranks()) return;
    const Lane& lane = lanes_[rank];
    for (std::size_t i = first_at_or_after(lane.request_end_max, t0); i < lane.requests.size() && out.size() < limit; ++i) {
        const RequestSpan& s = lane.requests[i];
        if (s.begin > t1) break;
        if (s.end >= t0) out.push_back(static_cast<std::uint32_t>(i));
    }
}

void TraceModel::visible_sends(int rank, double t0, double t1, double merge_seconds, std::vector<LaneItem>& out) const {
    out.clear();
    if (rank < 0 || rank >= ranks()) return;
    const auto& lane = lanes_[rank];
    const std::size_t n = lane.sends.size();
    std::size_t i = first_at_or_after(lane.send_post, t0 - lane.longest_message);
    while (i < n && lane.send_post[i] <= t1) {
        double b = lane.send_post[i];
        auto stop = std::upper_bound(lane.send_post.begin() + static_cast<std::ptrdiff_t>(i), lane.send_post.end(),
                                     b + merge_seconds);
        std::size_t j = static_cast<std::size_t>(stop - lane.send_post.begin());
        if (j <= i + 1) {
            const auto& m = trace_->messages[lane.sends[i]];
            double e = message_end(m);
            if (e >= t0) out.push_back({b, e, static_cast<std::uint32_t>(i), 1});
            ++i;
            continue;
        }
        if (b + merge_seconds >= t0) {
            out.push_back({b, lane.send_post[j - 1], static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j - i)});
        }
        i = j;
    }
}

void TraceModel::visible_collectives(double t0, double t1, std::vector<std::uint32_t>& out, std::size_t limit) const {
    out.clear();
    std::size_t g = first_at_or_after(collective_max_end_, t0);
    for (; g < collectives_.size() && collectives_[g].begin <= t1 && out.size() < limit; ++g) {
        if (collectives_[g].end >= t0) out.push_back(static_cast<std::uint32_t>(g));
    }
}

std::size_t TraceModel::messages_in_flight(double t, std::vector<std::uint32_t>& out, std::size_t limit) const {
    out.clear();
    std::size_t total = 0;
    auto consider = [&](std::uint32_t id) {
        const auto& m = trace_->messages[id];
        if (m.post_time > t) return;
        double e = message_end(m);
        if (e >= 0 && e <= t) return;
        ++total;
        if (out.size() < limit) out.push_back(id);
    };
    std::size_t i = first_at_or_after(short_post_, t - short_longest_);
    for (; i < short_by_post_.size() && short_post_[i] <= t; ++i) consider(short_by_post_[i]);
    for (auto id : long_messages_) consider(id);
    return total;
}

bool TraceModel::location_in_file(std::uint32_t location, const std::string& source_file) const {
    if (location >= trace_->locations.size() || source_file.empty()) return false;
    const std::string& file = trace_->locations[location].file;
    // Match on "scenarios/<name>": the trace may hold an absolute path or one relative to the repository.
    std::string key = source_file;
    auto slash = key.rfind('/');
    if (slash != std::string::npos) {
        auto prev = key.rfind('/', slash - 1);
        key = key.substr(prev == std::string::npos ? 0 : prev + 1);
    }
    return file.size() >= key.size() && file.compare(file.size() - key.size(), key.size(), key) == 0;
}

}  // namespace mpilab::gui
