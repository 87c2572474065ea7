// The GUI's read-only index over one Trace: calls and messages sorted per lane (rank), the state of
// every rank at a playhead time, the visible items of a time window with tiny items merged, messages
// in flight, collective groups, the communication matrix and per-rank statistics. Nothing here draws.
// Invariants: built once per trace (in a worker thread for big traces) and never modified after;
// every query is a binary search or a walk over a visible range, so a frame costs O(visible) not O(trace).
#pragma once

#include "trace_clamp.hpp"

#include "core/explanation.hpp"
#include "core/trace.hpp"

#include <array>
#include <cstdint>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

namespace mpilab::gui {

// What a rank is doing at one instant. The colour language (theme.hpp) has one colour per state.
enum class RankState : std::uint8_t {
    Running,       // in its own code, between calls
    Computing,     // inside compute()
    InCall,        // inside a call that did not block
    BlockedSend,   // blocked in a send (rendezvous waiting for a receive, or ssend)
    BlockedRecv,   // blocked in a receive or probe
    BlockedWait,   // blocked in wait/waitall/waitany/...
    Collective,    // inside a collective
    Finished,      // returned from its program
    Deadlocked,    // stuck for ever at the end of the run
    Failed,        // ended by its own error (the rank whose call failed)
    Stopped,       // ended without finishing: the run was cancelled, or another rank's error aborted it
    Count_
};
const char* rank_state_name(RankState s);

// How a rank that stopped looks at the end: only the rank whose call failed is "failed"; one that a
// cancel or another rank's error ended is "stopped", neither blocked nor finished.
RankState end_state(RankEnd end);

// The state a call shows while a rank is inside it.
RankState call_state(const CallRecord& call);

// The states a call can show (call_state), in the order a merged marker stacks them, top to bottom.
inline constexpr RankState kCallStates[] = {RankState::Computing,   RankState::InCall,      RankState::Collective,
                                            RankState::BlockedSend, RankState::BlockedRecv, RankState::BlockedWait};
inline constexpr std::size_t kCallStateCount = std::size(kCallStates);

// What a merged marker stands for: the share of each of kCallStates among its calls, by the time spent
// in them (by their number where none lasts any time). The shares add up to 1.
struct StateShares {
    std::array<float, kCallStateCount> share{};
    RankState dominant() const;   // the state with the largest share
};

// A non-blocking operation in flight: from its Isend / Irecv / Igather... until the operation completed
// (the send's data left, the receive's message landed, the collective's last message of this rank was
// done), not until the Wait that noticed it. `completes` false: it never did; the span runs to the end.
struct RequestSpan {
    double begin = 0;
    double end = 0;
    std::uint32_t call = 0;      // the call that started it
    bool completes = true;
};

// One item of a lane in a time window: a single call or message, or several merged into one marker.
struct LaneItem {
    double begin = 0;
    double end = 0;
    std::uint32_t first = 0;     // position in the lane's sorted index of the first item covered
    std::uint32_t count = 1;     // > 1: merged marker covering `count` consecutive items
};

// Calls of one collective operation across the ranks of its communicator (same comm, same sequence).
struct CollectiveGroup {
    double begin = 0;
    double end = 0;
    CallKind kind = CallKind::Barrier;
    std::uint32_t comm = 0;
    std::vector<std::uint32_t> calls;
};

struct RankStatistics {
    std::uint64_t calls = 0;
    std::uint64_t messages_sent = 0;
    std::uint64_t bytes_sent = 0;
    std::uint64_t messages_received = 0;
    double blocked_time = 0;     // sum of the durations of calls that blocked
    double collective_time = 0;
    double compute_time = 0;
    double end_time = 0;
};

struct TraceStatistics {
    std::uint64_t messages = 0;
    std::uint64_t bytes = 0;
    std::uint64_t eager = 0;
    std::uint64_t rendezvous = 0;
    std::uint64_t collective_messages = 0;
    std::uint64_t unreceived = 0;
    std::uint64_t calls = 0;
    std::vector<RankStatistics> ranks;
};

// The communication matrix, sender x receiver. Above `max_cells_per_side` ranks, ranks are grouped
// into blocks so the matrix stays small (each cell then sums a block of ranks).
struct CommMatrix {
    int side = 0;                 // cells per side
    int ranks_per_cell = 1;
    std::vector<std::uint64_t> count;   // side * side, row = sender
    std::vector<std::uint64_t> bytes;
    std::uint64_t max_count = 0;
    std::uint64_t max_bytes = 0;
};

class TraceModel {
public:
    explicit TraceModel(std::shared_ptr<const Trace> trace);

    // The trace as drawn: the given one, or a copy with out-of-range values clamped (see trace_clamp.hpp).
    const Trace& trace() const { return *trace_; }
    // Says what was clamped, for the user; empty for a sound trace.
    const std::string& display_note() const { return display_note_; }
    // The deadlock's wait-for arcs, each (from, to, kind) once, sorted by from (empty without a deadlock).
    const std::vector<DrawnArc>& wait_arcs() const { return wait_arcs_; }
    // What to change after a deadlock: the same advice the CLI report and the trace JSON give.
    const Explanation& explanation() const { return explanation_; }
    std::shared_ptr<const Trace> shared_trace() const { return trace_; }
    int ranks() const { return static_cast<int>(lanes_.size()); }
    // The end of the time axis. For a run that did not complete, a margin after the last recorded
    // instant so that calls which never return show as bars running into the end.
    double end_time() const { return end_time_; }
    // The last instant anything happened: where a deadlock was found or an error ended the run.
    double last_activity() const { return last_activity_; }

    // Per-lane indices, sorted by time.
    const std::vector<std::uint32_t>& lane_calls(int rank) const { return lanes_[rank].calls; }
    const std::vector<std::uint32_t>& lane_sends(int rank) const { return lanes_[rank].sends; }   // by post time
    const std::vector<std::uint32_t>& lane_receives(int rank) const { return lanes_[rank].receives; }
    // Sends whose arrow is long (more than 1/512 of the trace) or never delivered: drawn one by one.
    const std::vector<std::uint32_t>& lane_long_sends(int rank) const { return lanes_[rank].long_sends; }

    // The time a message's arrow ends: receive completion, else arrival, else -1 (never delivered).
    double message_end(const MessageRecord& m) const;
    // The time a call ends on screen: its leave time, or the end of the trace for an unfinished call.
    double call_end(const CallRecord& c) const;

    // ---- state at a playhead time ---------------------------------------------------------------
    std::uint32_t call_at(int rank, double t) const;          // the call containing t, or NONE
    std::uint32_t last_call_before(int rank, double t) const; // the last call entered at or before t, or NONE
    std::uint32_t next_call_after(int rank, double t) const;  // the first call entered after t, or NONE
    RankState state_at(int rank, double t) const;
    // The rank's virtual clock at global time t: t itself until the rank stopped, then its end time.
    double clock_at(int rank, double t) const;

    double next_event(double t) const;   // the first call enter/leave strictly after t (or t)
    double prev_event(double t) const;   // the last call enter/leave strictly before t (or t)

    // ---- visible ranges ------------------------------------------------------------------------
    // Calls of `rank` overlapping [t0, t1]; consecutive calls whose union is narrower than
    // `merge_seconds` become one merged item (the few-pixels rule, expressed in time).
    void visible_calls(int rank, double t0, double t1, double merge_seconds, std::vector<LaneItem>& out) const;
    // The states of calls [first, first + count) of `rank`'s lane (a merged item), estimated from at most
    // `samples` calls spread evenly over them, so that a frame's cost does not grow with the trace.
    StateShares merged_states(int rank, std::uint32_t first, std::uint32_t count, std::uint32_t samples = 16) const;
    // Short messages sent by `rank` whose arrow overlaps [t0, t1]; messages posted within
    // `merge_seconds` of each other merge into one item. LaneItem::first indexes lane_sends().
    void visible_sends(int rank, double t0, double t1, double merge_seconds, std::vector<LaneItem>& out) const;
    // The non-blocking operations of `rank` in flight during [t0, t1], at most `limit` of them, in the
    // order they started (indices into lane_requests()).
    void visible_requests(int rank, double t0, double t1, std::vector<std::uint32_t>& out, std::size_t limit) const;
    const std::vector<RequestSpan>& lane_requests(int rank) const { return lanes_[rank].requests; }
    // Collective groups overlapping [t0, t1].
    void visible_collectives(double t0, double t1, std::vector<std::uint32_t>& out, std::size_t limit) const;
    const std::vector<CollectiveGroup>& collectives() const { return collectives_; }
    std::uint32_t collective_group_of_call(std::uint32_t call) const;

    // Messages in flight at t (posted, not yet completed); at most `limit` ids, plus the total.
    std::size_t messages_in_flight(double t, std::vector<std::uint32_t>& out, std::size_t limit) const;

    // Output lines in time order, and how many of them were printed at or before t.
    const std::vector<std::uint32_t>& output_by_time() const { return output_by_time_; }
    std::size_t output_count_at(double t) const { return static_cast<std::size_t>(first_after_time(output_time_, t)); }

    const TraceStatistics& statistics() const { return statistics_; }
    const CommMatrix& matrix() const { return matrix_; }

    // Index of the location whose file ends with "scenarios/<name>" of `source_file`, for the source view.
    bool location_in_file(std::uint32_t location, const std::string& source_file) const;

private:
    struct Lane {
        std::vector<std::uint32_t> calls;
        std::vector<double> call_enter;   // parallel to calls, for cache-friendly binary search
        std::vector<double> call_leave;   // running maximum of call_end over the lane (monotone)
        std::vector<std::uint32_t> sends;        // short messages only, by post time
        std::vector<double> send_post;    // parallel to sends
        std::vector<std::uint32_t> long_sends;
        std::vector<std::uint32_t> receives;
        double longest_message = 0;       // the longest post-to-end span among this lane's sends
        std::vector<RequestSpan> requests;      // by begin; only those that outlast their call
        std::vector<double> request_end_max;    // running maximum of their ends, for the visible search
    };

    void build_lanes();
    void build_request_spans();
    void build_collectives();
    void build_in_flight_index();
    void build_statistics();

    std::shared_ptr<const Trace> trace_;
    std::string display_note_;
    std::vector<DrawnArc> wait_arcs_;
    Explanation explanation_;
    double end_time_ = 0;
    double last_activity_ = 0;
    std::vector<Lane> lanes_;
    std::vector<CollectiveGroup> collectives_;     // sorted by begin
    std::vector<double> collective_max_end_;       // running maximum of end, for the visible search
    std::vector<std::uint32_t> call_to_group_;     // collective call -> group (only if any)
    // In-flight index: short messages sorted by post time (with their longest span) and the long
    // ones kept apart, so a query scans only what can overlap t.
    std::vector<std::uint32_t> short_by_post_;
    std::vector<double> short_post_;
    double short_longest_ = 0;
    std::vector<std::uint32_t> long_messages_;
    std::vector<std::uint32_t> output_by_time_;
    std::vector<double> output_time_;
    TraceStatistics statistics_;
    CommMatrix matrix_;

    static std::size_t first_after_time(const std::vector<double>& values, double t);
};

// The smallest index i in sorted `values` with values[i] >= x (a named binary search used by the views).
std::size_t first_at_or_after(const std::vector<double>& values, double x);

}  // namespace mpilab::gui
