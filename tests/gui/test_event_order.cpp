// The run in event order: stepping the alltoall challenge one event at a time changes what the views
// show at every step, calls of zero duration get width, the outcome waits for the last step, and a
// trace without a recorded order has none.
#include "app/gui/event_order.hpp"
#include "app/gui/rank_snapshot.hpp"
#include "app/gui/trace_model.hpp"
#include "scenarios/registry.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

using namespace mpilab;
using namespace mpilab::gui;

namespace {

// The alltoall challenge, part 1, on 4 ranks: with its default count every send is a rendezvous and it
// deadlocks at once; with a small count every send is eager and it completes. Either way every call
// happens at virtual time 0 or within microseconds of it.
Trace alltoall_challenge(std::int64_t count = 0) {
    Config config;
    config.ranks = 4;
    Value params = count ? Value{{"count", count}} : Value::object();
    RunResult r = run_scenario(*find_scenario("alltoall-deadlock"), config, params);
    REQUIRE(r.outcome().status == (count ? OutcomeStatus::Completed : OutcomeStatus::Deadlock));
    return std::move(r.trace);
}

// Everything the rank inspector, topology, console and timeline derive at playhead t, as text.
std::string what_views_show(const TraceModel& model, double t) {
    std::string s;
    for (int r = 0; r < model.ranks(); ++r) {
        RankSnapshot snap = rank_snapshot(model, r, t);
        s += "rank " + std::to_string(r) + ": " + rank_state_name(snap.state) + " call " + std::to_string(snap.current_call) +
             " posted " + std::to_string(snap.posted_receives.size()) + " unexpected " +
             std::to_string(snap.unexpected_messages.size()) + " pending " + std::to_string(snap.pending_requests.size()) +
             " printed " + std::to_string(snap.output_lines) + "\n";
    }
    std::vector<std::uint32_t> flying;
    s += "in flight " + std::to_string(model.messages_in_flight(t, flying, 1000));
    for (auto id : flying) s += " " + std::to_string(id);
    s += "\noutput " + std::to_string(model.output_count_at(t));
    return s;
}

}  // namespace

TEST_CASE("stepping the alltoall challenge event by event changes what the views show at every step") {
  for (std::int64_t count : {0, 100}) {
    CAPTURE(count);
    Trace trace = alltoall_challenge(count);
    std::shared_ptr<const EventOrder> order = make_event_order(trace);
    REQUIRE(order);
    TraceModel model(order->trace);
    // every call of this run happens at (nearly) one virtual time, yet there are many steps to take
    REQUIRE(order->count() > (count ? 40u : 8u));
    CHECK(order->stopped == (count == 0));
    std::string before = what_views_show(model, 0);
    for (std::size_t step = 1; step <= order->count(); ++step) {
        CAPTURE(step);
        CAPTURE(describe_step(trace, *order, step));
        const std::string now = what_views_show(model, static_cast<double>(step));
        CHECK(now != before);
        // between two steps nothing changes: the state after step N holds until step N + 1
        CHECK(what_views_show(model, static_cast<double>(step) + 0.75) == now);
        before = now;
        // the outcome is not revealed before the last step (where the run got stuck)
        CHECK((static_cast<double>(step) >= model.last_activity()) == (step == order->count()));
    }
    // at the start no rank has done anything; at the end every rank is deadlocked or finished
    for (int r = 0; r < model.ranks(); ++r) {
        CHECK(model.state_at(r, 0) == gui::RankState::Running);
        CHECK(model.state_at(r, static_cast<double>(order->count())) ==
              (count ? gui::RankState::Finished : gui::RankState::Deadlocked));
    }
    CHECK(describe_step(trace, *order, 1).starts_with("rank 0 enters "));
    if (!count) CHECK(describe_step(trace, *order, order->count()) == "no rank can continue: the run is stuck");
  }
}

TEST_CASE("in event order a call that returns at once still has width, and the virtual times are kept") {
    Trace trace = alltoall_challenge(100);
    std::shared_ptr<const EventOrder> order = make_event_order(trace);
    REQUIRE(order);
    bool zero_length = false;
    for (std::size_t i = 0; i < trace.calls.size(); ++i) {
        const CallRecord& original = trace.calls[i];
        const CallRecord& logical = order->trace->calls[i];
        if (original.unfinished()) continue;
        zero_length = zero_length || original.leave == original.enter;
        CHECK(logical.leave > logical.enter);
    }
    CHECK(zero_length);
    REQUIRE(order->virtual_time.size() == order->count());
    for (double t : order->virtual_time) CHECK(t >= 0);
    CHECK(order->steps_until(-1) == 0);
    CHECK(order->steps_until(trace.end_time()) == order->count());
}

TEST_CASE("a trace without a recorded event order has none") {
    Trace trace = alltoall_challenge();
    trace.events.clear();
    CHECK(make_event_order(trace) == nullptr);
}

TEST_CASE("a damaged event list never makes a step point outside the trace") {
    Trace trace = alltoall_challenge();
    trace.events.push_back({9999, EventKind::Return});
    trace.events.insert(trace.events.begin(), {0, EventKind::Return});   // a return before its entry
    std::shared_ptr<const EventOrder> order = make_event_order(trace);
    REQUIRE(order);
    TraceModel model(order->trace);
    for (std::size_t step = 0; step <= order->count(); ++step) {
        (void)what_views_show(model, static_cast<double>(step));
        (void)describe_step(trace, *order, step);
    }
}
