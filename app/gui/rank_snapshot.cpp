// A rank's state and queues at a playhead time. See rank_snapshot.hpp.
#include "rank_snapshot.hpp"

#include <algorithm>

namespace mpilab::gui {

namespace {

bool is_receive(CallKind k) { return k == CallKind::Recv || k == CallKind::Irecv || k == CallKind::Sendrecv; }
bool creates_request(CallKind k) {
    return k == CallKind::Isend || k == CallKind::Issend || k == CallKind::Ibsend || k == CallKind::Irsend ||
           k == CallKind::Irecv || is_nonblocking_collective(k);
}

}  // namespace

double request_completion(const TraceModel& model, std::uint32_t call_index) {
    const Trace& t = model.trace();
    const CallRecord& c = t.calls[call_index];
    if (is_nonblocking_collective(c.kind)) {
        // Done when the wait that covers it returns: a wait or test that names its request, or the
        // first waitall after it (the trace names only a waitall's first request, which is never a
        // later one than this). A wait that never returns completes nothing.
        const auto& lane = model.lane_calls(c.rank);
        // From the calls entered at its time on (a zero-cost wait may share it), those after it.
        auto it = std::lower_bound(lane.begin(), lane.end(), c.enter,
                                   [&](std::uint32_t k, double x) { return t.calls[k].enter < x; });
        for (; it != lane.end(); ++it) {
            const auto& w = t.calls[*it];
            if (*it <= call_index) continue;   // a rank's calls are recorded in the order it made them
            const bool covers = w.request == c.request ||
                                (w.kind == CallKind::Waitall && w.request != 0 && w.request <= c.request);
            if (covers) return w.unfinished() ? -1 : w.leave;
        }
        return -1;
    }
    if (c.message == NONE || c.message >= t.messages.size()) return -1;
    const MessageRecord& m = t.messages[c.message];
    if (c.kind == CallKind::Irecv) return m.complete_time;
    // A send request completes once the data has left: at once for eager, after the match for rendezvous.
    if (m.protocol == Protocol::Eager && !(m.flags & MSG_SYNCHRONOUS)) return m.post_time;
    return m.arrival_time >= 0 ? m.arrival_time : -1;
}

RankSnapshot rank_snapshot(const TraceModel& model, int rank, double t, std::size_t scan_limit) {
    RankSnapshot s;
    s.rank = rank;
    if (rank < 0 || rank >= model.ranks()) return s;
    const Trace& tr = model.trace();
    s.state = model.state_at(rank, t);
    s.clock = model.clock_at(rank, t);
    s.current_call = model.call_at(rank, t);
    s.last_call = model.last_call_before(rank, t);
    std::uint32_t where = s.current_call != NONE ? s.current_call : s.last_call;
    if (where != NONE) s.location = tr.calls[where].location;
    else if (static_cast<std::size_t>(rank) < tr.ranks.size()) s.location = tr.ranks[rank].last_location;

    // Calls entered at or before t, newest first.
    const auto& lane = model.lane_calls(rank);
    auto end = std::upper_bound(lane.begin(), lane.end(), t,
                                [&](double x, std::uint32_t k) { return x < tr.calls[k].enter; });
    std::size_t scanned = 0;
    for (auto it = end; it != lane.begin() && scanned < scan_limit; ++scanned) {
        --it;
        const std::uint32_t k = *it;
        const CallRecord& c = tr.calls[k];
        if (is_receive(c.kind) && c.kind != CallKind::Sendrecv) {
            // Posted until its message matched it; a blocking receive at most until it returned.
            double matched = -1;
            if (c.message != NONE && c.message < tr.messages.size()) matched = tr.messages[c.message].match_time;
            bool waiting = matched < 0 ? (c.kind == CallKind::Irecv || c.unfinished() || model.call_end(c) > t)
                                       : matched > t;
            if (c.kind == CallKind::Recv && !c.unfinished() && c.leave <= t && c.leave > c.enter) waiting = false;
            if (waiting) s.posted_receives.push_back(k);
        }
        if (creates_request(c.kind)) {
            double done = request_completion(model, k);
            if (done < 0 || done > t) s.pending_requests.push_back({k, done});
        }
    }
    std::reverse(s.posted_receives.begin(), s.posted_receives.end());
    std::reverse(s.pending_requests.begin(), s.pending_requests.end());

    // Messages for this rank posted at or before t and not matched yet wait in its unexpected queue
    // (unless a posted receive took them at once: then their match time is their post time).
    const auto& incoming = model.lane_receives(rank);
    auto in_end = std::upper_bound(incoming.begin(), incoming.end(), t,
                                   [&](double x, std::uint32_t m) { return x < tr.messages[m].post_time; });
    scanned = 0;
    for (auto it = in_end; it != incoming.begin() && scanned < scan_limit; ++scanned) {
        --it;
        const MessageRecord& m = tr.messages[*it];
        if (m.match_time < 0 || m.match_time > t) s.unexpected_messages.push_back(*it);
    }
    std::reverse(s.unexpected_messages.begin(), s.unexpected_messages.end());

    const auto& order = model.output_by_time();
    const std::size_t printed = model.output_count_at(t);
    for (std::size_t i = 0; i < printed; ++i) {
        if (tr.output[order[i]].rank == rank) ++s.output_lines;
    }
    return s;
}

}  // namespace mpilab::gui
