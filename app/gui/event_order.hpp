// The run in the order its events happened: a copy of a Trace whose times are positions in the run's
// event order (Trace::events), so every view that shows "the state at time t" shows "the state after the
// first t events" when given it. Invariants: an event at step s (0-based) that starts something (a call's
// entry, a message's post, a rank's end, a printed line) is at logical time s + 1, one that ends
// something (a call's return, a delivery, a match) just before it (s + 1 - 1/64) — so at a playhead
// in [N, N + 1 - 1/64) exactly the first N events have happened, and a call that returns at once
// still has width. A message's arrow ends where its data is delivered. The ranks the run's end stopped all stop at one step: the step where it got stuck.
#pragma once

#include "core/trace.hpp"

#include <memory>
#include <string>
#include <vector>

namespace mpilab::gui {

struct EventOrder {
    std::shared_ptr<const Trace> trace;   // the logical trace (times are event positions)
    std::vector<TraceEvent> steps;        // the events shown, one per step (the run's end is one step)
    std::vector<double> virtual_time;     // per step: the virtual time of its event
    std::vector<std::int32_t> rank;       // per step: the rank the event happened on (-1: several)
    bool stopped = false;                 // the last step is the run's end (deadlock, error, cancel)

    std::size_t count() const { return steps.size(); }
    // Steps whose event happened at or before virtual time t (for switching from the time axis).
    std::size_t steps_until(double t) const;
    // A rank's virtual clock after `step` steps: the virtual time of its latest event so far (0: none).
    double rank_clock(int rank, std::size_t step) const;
};

// Null when the trace has no recorded event order.
std::shared_ptr<const EventOrder> make_event_order(const Trace& trace);

// "rank 0 enters Send to 1, tag 0, 80,000 B (rendezvous)": what step `step` (1-based) did, in words.
std::string describe_step(const Trace& trace, const EventOrder& order, std::size_t step);

}  // namespace mpilab::gui
