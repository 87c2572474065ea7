// A trace the GUI is given is made drawable whatever it holds: out-of-range times are clamped (and
// said so), a sound trace is shared untouched, and duplicate wait-for arcs fold into one.
#include "app/gui/demo_trace.hpp"
#include "app/gui/trace_clamp.hpp"
#include "app/gui/trace_model.hpp"
#include "tests/gui/trace_builder.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <limits>

using namespace mpilab;
using namespace mpilab::gui;
using namespace mpilab::gui::testing;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

Trace trace_with_bad_times() {
    Trace t = two_rank_world();
    add_call(t, 0, CallKind::Send, 0.0, kInf);
    add_call(t, 1, CallKind::Recv, -1e300, 2.0);
    add_call(t, 1, CallKind::Compute, 3.0, 1.0);   // leaves before it enters
    MessageRecord m;
    m.src = 0;
    m.dst = 1;
    m.post_time = std::nan("");
    m.match_time = 9e307;
    m.arrival_time = -7;
    m.complete_time = kInf;
    t.messages.push_back(m);
    t.ranks.resize(2);
    t.ranks[0].end_time = kInf;
    t.output.push_back({0, -kInf, "hello"});
    return t;
}

bool drawable(double t) { return std::isfinite(t) && t >= 0 && t <= kMaxDisplayTime; }

}  // namespace

TEST_CASE("a sound trace is shown as it is, without a copy or a note") {
    auto trace = std::make_shared<const Trace>(synthetic_deadlock_trace(4));
    ClampedTrace c = clamp_for_display(trace);
    CHECK(c.trace == trace);
    CHECK(c.changed_values == 0);
    CHECK(c.note.empty());
}

TEST_CASE("infinite, NaN, negative and absurd times are clamped into the drawable range and counted") {
    ClampedTrace c = clamp_for_display(std::make_shared<const Trace>(trace_with_bad_times()));
    REQUIRE(c.trace);
    CHECK(c.changed_values == 9);
    CHECK(c.note.find("9 values") != std::string::npos);
    for (const auto& call : c.trace->calls) {
        CHECK(drawable(call.enter));
        CHECK(drawable(call.leave));
        CHECK(call.leave >= call.enter);
    }
    const MessageRecord& m = c.trace->messages[0];
    CHECK(m.post_time == 0);
    CHECK(m.match_time == kMaxDisplayTime);
    CHECK(m.arrival_time == -1);   // a negative time reads as "never"
    CHECK(m.complete_time == kMaxDisplayTime);
    CHECK(drawable(c.trace->ranks[0].end_time));
    CHECK(drawable(c.trace->output[0].time));
}

TEST_CASE("the model of a damaged trace answers every query with finite times") {
    TraceModel model(std::make_shared<const Trace>(trace_with_bad_times()));
    CHECK(!model.display_note().empty());
    CHECK(std::isfinite(model.end_time()));
    CHECK(model.end_time() <= kMaxDisplayTime * 1.2);
    CHECK(std::isfinite(model.next_event(0)));
    CHECK(std::isfinite(model.prev_event(model.end_time())));
    std::vector<LaneItem> items;
    model.visible_calls(0, 0, model.end_time(), model.end_time() / 1000, items);
    for (const auto& it : items) CHECK(std::isfinite(it.end));
}

TEST_CASE("a record naming a huge rank is not drawn instead of allocating lanes for it") {
    Trace t = two_rank_world();
    add_call(t, 2'000'000'000, CallKind::Send, 0, 1);
    add_call(t, 1, CallKind::Recv, 0, 1);
    t.run.ranks = 2'100'000'000;
    TraceModel model(std::make_shared<const Trace>(std::move(t)));
    CHECK(model.ranks() <= kMaxLanes);
    CHECK(model.lane_calls(1).size() == 1);
}

TEST_CASE("300,000 copies of one wait-for arc fold into one, in well under a second") {
    Trace t = synthetic_deadlock_trace(4);
    DeadlockInfo& info = *t.outcome.deadlock;
    const WaitArc first = info.arcs[0];
    for (int i = 0; i < 300'000; ++i) info.arcs.push_back(first);
    auto begin = std::chrono::steady_clock::now();
    std::vector<DrawnArc> arcs = distinct_wait_arcs(info, 4);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    CHECK(arcs.size() == 4);
    CHECK(seconds < 1.0);
    for (const auto& a : arcs) CHECK(a.in_cycle);   // 0 -> 1 -> 2 -> 3 -> 0
    auto [lo, hi] = arcs_from(arcs, 2);
    REQUIRE(hi - lo == 1);
    CHECK(lo->to == 3);
}

TEST_CASE("arcs to ranks outside the trace are dropped, OR and AND arcs between one pair are both kept") {
    DeadlockInfo info;
    info.arcs.push_back({0, 1, ArcKind::And, "", false});
    info.arcs.push_back({0, 1, ArcKind::Or, "", false});
    info.arcs.push_back({0, 7, ArcKind::And, "", false});
    info.arcs.push_back({-3, 1, ArcKind::And, "", false});
    std::vector<DrawnArc> arcs = distinct_wait_arcs(info, 2);
    REQUIRE(arcs.size() == 2);
    CHECK(arcs[0].kind == ArcKind::And);
    CHECK(arcs[1].kind == ArcKind::Or);
    CHECK_FALSE(arcs[0].in_cycle);
}
