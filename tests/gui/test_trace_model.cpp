// The GUI's trace index: lanes sorted per rank, the state of a rank at a time, visible ranges found
// by binary search with tiny items merged, messages in flight, collective groups and the matrix.
#include "app/gui/demo_trace.hpp"
#include "tests/gui/trace_builder.hpp"
#include "app/gui/trace_model.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <memory>

using namespace mpilab;
using namespace mpilab::gui;
using namespace mpilab::gui::testing;

namespace {

// Rank 0: Send [1,2] eager to 1, Recv [3,6] blocked; rank 1: Recv [0.5,2.5] blocked, compute [3,4].
Trace small_trace() {
    Trace t = two_rank_world();
    auto call = [&](int rank, CallKind kind, double enter, double leave, std::uint8_t flags = 0) {
        return add_call(t, rank, kind, enter, leave, flags);
    };
    // Recorded out of time order on purpose: the model sorts per lane.
    auto r1 = call(1, CallKind::Recv, 0.5, 2.5, CALL_BLOCKED);
    auto s0 = call(0, CallKind::Send, 1.0, 2.0);
    call(0, CallKind::Recv, 3.0, 6.0, CALL_BLOCKED);
    call(1, CallKind::Compute, 3.0, 4.0);
    MessageRecord m;
    m.src = 0; m.dst = 1; m.post_time = 1.0; m.match_time = 1.5; m.arrival_time = 2.0; m.complete_time = 2.5;
    m.send_call = s0; m.recv_call = r1; m.flags = MSG_RECEIVED | MSG_MATCHED; m.bytes = 8;
    t.messages.push_back(m);
    t.calls[s0].message = 0;
    t.calls[r1].message = 0;
    t.ranks.resize(2);
    t.ranks[0].end_time = 6.0;
    t.ranks[1].end_time = 4.0;
    return t;
}

// Rank 0 fails in its recv at 2 (the run's error); rank 1 is stopped in its recv by that abort; or,
// with `cancelled`, both are stopped by a cancel and nobody failed.
Trace stopped_trace(bool cancelled) {
    Trace t = two_rank_world();
    add_call(t, 0, CallKind::Recv, 1.0, 1.0, CALL_UNFINISHED | (cancelled ? 0 : CALL_FAILED));
    add_call(t, 1, CallKind::Recv, 0.5, 0.5, CALL_BLOCKED | CALL_UNFINISHED);
    add_call(t, 1, CallKind::Compute, 0.0, 0.5);
    t.ranks.resize(2);
    t.ranks[0].end_time = 2.0;
    t.ranks[0].end = cancelled ? RankEnd::Aborted : RankEnd::Failed;
    t.ranks[1].end_time = 0.5;
    t.ranks[1].end = RankEnd::Aborted;
    t.outcome.status = cancelled ? OutcomeStatus::Cancelled : OutcomeStatus::Error;
    return t;
}

}  // namespace

TEST_CASE("a rank stopped by another rank's error is drawn stopped, only the failing rank failed") {
    auto model = model_of(stopped_trace(false));
    const double end = model->end_time();
    CHECK(model->state_at(1, 0.7) == RankState::BlockedRecv);   // before the run ended: still waiting
    CHECK(model->state_at(0, end) == RankState::Failed);
    CHECK(model->state_at(1, end) == RankState::Stopped);
}

TEST_CASE("every rank of a cancelled run that did not finish is stopped, not failed, blocked or finished") {
    auto model = model_of(stopped_trace(true));
    const double end = model->end_time();
    CHECK(model->state_at(0, end) == RankState::Stopped);
    CHECK(model->state_at(1, end) == RankState::Stopped);
    CHECK(end_state(RankEnd::Aborted) == RankState::Stopped);
    CHECK(end_state(RankEnd::Finished) == RankState::Finished);
}

TEST_CASE("calls are sorted per lane by their enter time") {
    auto model = model_of(small_trace());
    CHECK(model->ranks() == 2);
    const auto& lane = model->lane_calls(0);
    REQUIRE(lane.size() == 2);
    CHECK(model->trace().calls[lane[0]].enter < model->trace().calls[lane[1]].enter);
    CHECK(model->end_time() == doctest::Approx(6.0));
}

TEST_CASE("the state of a rank at a time follows its calls and its end") {
    auto model = model_of(small_trace());
    CHECK(model->state_at(0, 0.2) == RankState::Running);
    CHECK(model->state_at(0, 1.5) == RankState::InCall);
    CHECK(model->state_at(0, 2.5) == RankState::Running);
    CHECK(model->state_at(0, 4.0) == RankState::BlockedRecv);
    CHECK(model->state_at(1, 1.0) == RankState::BlockedRecv);
    CHECK(model->state_at(1, 3.5) == RankState::Computing);
    CHECK(model->state_at(1, 5.0) == RankState::Finished);
    CHECK(model->clock_at(1, 5.0) == doctest::Approx(4.0));
}

TEST_CASE("a deadlocked rank is blocked in its send until the end, then deadlocked") {
    auto model = model_of(synthetic_deadlock_trace(4));
    const double found = model->last_activity();   // rank 3 blocks last: then the deadlock is found
    CHECK(model->end_time() > found);               // the axis runs on past it
    CHECK(model->state_at(2, found * 0.95) == RankState::BlockedSend);
    for (int r = 0; r < 4; ++r) CHECK(model->state_at(r, found) == RankState::Deadlocked);
    for (int r = 0; r < 4; ++r) CHECK(model->state_at(r, model->end_time()) == RankState::Deadlocked);
    CHECK(model->state_at(3, 0.0) == RankState::Running);
}

TEST_CASE("next and previous events step over call boundaries") {
    auto model = model_of(small_trace());
    CHECK(model->next_event(0.0) == doctest::Approx(0.5));
    CHECK(model->next_event(0.5) == doctest::Approx(1.0));
    CHECK(model->next_event(2.0) == doctest::Approx(2.5));
    CHECK(model->prev_event(3.0) == doctest::Approx(2.5));
    CHECK(model->prev_event(0.5) == doctest::Approx(0.0));
    CHECK(model->next_event(6.0) == doctest::Approx(6.0));
}

TEST_CASE("visible calls are found by binary search and tiny ones merge into one counted item") {
    auto model = model_of(synthetic_exchange_trace(4, 40000));
    const double end = model->end_time();
    std::vector<LaneItem> items;

    // Fully zoomed out at 1000 px: merged items, and together they cover every call of the lane.
    model->visible_calls(0, 0, end, end / 1000 * 3, items);
    std::uint64_t covered = 0;
    for (const auto& it : items) covered += it.count;
    CHECK(items.size() < 1000);
    CHECK(covered == model->lane_calls(0).size());

    // A narrow window holds only the calls overlapping it, none merged at a fine resolution.
    const double a = end * 0.5, b = end * 0.5 + 20e-6;
    model->visible_calls(0, a, b, 1e-12, items);
    REQUIRE(!items.empty());
    for (const auto& it : items) {
        CHECK(it.count == 1);
        CHECK(it.end >= a);
        CHECK(it.begin <= b);
    }
    // Every call of the lane that overlaps the window is among them.
    std::size_t expected = 0;
    for (auto c : model->lane_calls(0)) {
        const auto& call = model->trace().calls[c];
        if (call.enter <= b && model->call_end(call) >= a) ++expected;
    }
    CHECK(items.size() == expected);
}

TEST_CASE("a merged marker's state shares follow the time its calls spent in each state and add up to one") {
    Trace t = two_rank_world();
    // Rank 0: three quick calls (1 s in all) and a receive blocked for 3 s.
    add_call(t, 0, CallKind::Send, 0.0, 0.5);
    add_call(t, 0, CallKind::Isend, 0.5, 0.75);
    add_call(t, 0, CallKind::Send, 0.75, 1.0);
    add_call(t, 0, CallKind::Recv, 1.0, 4.0, CALL_BLOCKED);
    // Rank 1: two receives that take no time.
    add_call(t, 1, CallKind::Recv, 1.0, 1.0);
    add_call(t, 1, CallKind::Recv, 2.0, 2.0);
    auto model = model_of(t);
    auto share_of = [](const StateShares& shares, RankState state) {
        return shares.share[static_cast<std::size_t>(std::find(std::begin(kCallStates), std::end(kCallStates), state) -
                                                     std::begin(kCallStates))];
    };
    const StateShares all = model->merged_states(0, 0, 4);
    CHECK(share_of(all, RankState::InCall) == doctest::Approx(0.25));
    CHECK(share_of(all, RankState::BlockedRecv) == doctest::Approx(0.75));
    CHECK(all.dominant() == RankState::BlockedRecv);
    float sum = 0;
    for (float s : all.share) sum += s;
    CHECK(sum == doctest::Approx(1.0));
    // Calls that last no time count by number; one sample takes the middle call.
    CHECK(share_of(model->merged_states(1, 0, 2), RankState::InCall) == doctest::Approx(1.0));
    CHECK(model->merged_states(0, 0, 4, 1).dominant() == RankState::InCall);        // call 2 of 0..3
    CHECK(model->merged_states(0, 2, 2, 1).dominant() == RankState::BlockedRecv);   // call 3 of 2..3
    // Out of range asks for nothing.
    const StateShares none = model->merged_states(0, 10, 4);
    CHECK(std::all_of(none.share.begin(), none.share.end(), [](float s) { return s == 0; }));
}

TEST_CASE("a non-blocking operation is in flight from its call until it completed, or to the end if it never did") {
    Trace t = two_rank_world();
    // Rank 0: Isend of a rendezvous message at 1 whose data arrives at 5; an Isend that is eager (done at once).
    const auto isend = add_call(t, 0, CallKind::Isend, 1.0, 1.0);
    const auto eager = add_call(t, 0, CallKind::Isend, 2.0, 2.0);
    add_call(t, 0, CallKind::Wait, 3.0, 5.0, CALL_BLOCKED);
    // Rank 1: Irecv at 0.5 that completes at 5; an Irecv that nothing ever reaches.
    const auto irecv = add_call(t, 1, CallKind::Irecv, 0.5, 0.5);
    const auto lost = add_call(t, 1, CallKind::Irecv, 0.6, 0.6);
    add_call(t, 1, CallKind::Wait, 4.0, 5.0, CALL_BLOCKED);
    auto message = [&](std::uint32_t send, std::uint32_t recv, Protocol p, double post, double arrival) {
        MessageRecord m;
        m.src = 0; m.dst = 1; m.post_time = post; m.match_time = post; m.arrival_time = arrival; m.complete_time = arrival;
        m.send_call = send; m.recv_call = recv; m.protocol = p; m.flags = MSG_RECEIVED | MSG_MATCHED; m.bytes = 8;
        t.messages.push_back(m);
    };
    message(isend, irecv, Protocol::Rendezvous, 1.0, 5.0);
    message(eager, NONE, Protocol::Eager, 2.0, 2.1);
    t.ranks.resize(2);
    t.ranks[0].end_time = t.ranks[1].end_time = 5.0;
    t.outcome.status = OutcomeStatus::Completed;
    auto model = model_of(t);

    REQUIRE(model->lane_requests(0).size() == 1);   // the eager Isend was over when its call returned
    CHECK(model->lane_requests(0)[0].call == isend);
    CHECK(model->lane_requests(0)[0].end == 5.0);
    CHECK(model->lane_requests(0)[0].completes);
    REQUIRE(model->lane_requests(1).size() == 2);
    CHECK(model->lane_requests(1)[0].call == irecv);
    CHECK(model->lane_requests(1)[0].end == 5.0);
    CHECK(model->lane_requests(1)[1].call == lost);
    CHECK(!model->lane_requests(1)[1].completes);
    CHECK(model->lane_requests(1)[1].end == model->end_time());

    std::vector<std::uint32_t> shown;
    model->visible_requests(1, 0.0, 0.55, shown, 10);
    CHECK(shown == std::vector<std::uint32_t>{0});
    model->visible_requests(1, 4.5, 4.6, shown, 10);
    CHECK(shown.size() == 2);
    model->visible_requests(0, 0.0, 0.9, shown, 10);
    CHECK(shown.empty());
    model->visible_requests(1, 0.0, 10.0, shown, 1);
    CHECK(shown.size() == 1);
}

TEST_CASE("visible sends merge messages posted within a few pixels") {
    auto model = model_of(synthetic_exchange_trace(8, 80000));
    const double end = model->end_time();
    std::vector<LaneItem> items;
    model->visible_sends(3, 0, end, end / 800 * 3, items);
    std::uint64_t covered = 0;
    for (const auto& it : items) covered += it.count;
    CHECK(covered == model->lane_sends(3).size());
    CHECK(items.size() <= 800);
}

TEST_CASE("merged items follow each other without gaps and hold only what entered within the merge window") {
    auto model = model_of(synthetic_exchange_trace(4, 40000));
    const double end = model->end_time();
    std::vector<LaneItem> items;
    // Each item begins where the previous one ended, and the last one ends with the lane.
    auto chained = [&](std::size_t lane_size) {
        REQUIRE(!items.empty());
        for (std::size_t k = 0; k + 1 < items.size(); ++k) CHECK(items[k].first + items[k].count == items[k + 1].first);
        CHECK(items.back().first + items.back().count == lane_size);
    };
    for (double pixels : {100.0, 1000.0, 20000.0}) {
        CAPTURE(pixels);
        const double merge = end / pixels * 3;
        const auto& calls = model->lane_calls(1);
        model->visible_calls(1, 0, end, merge, items);
        chained(calls.size());
        for (const LaneItem& it : items) {
            if (it.count > 1) CHECK(model->trace().calls[calls[it.first + it.count - 1]].enter <= it.begin + merge);
        }

        const auto& sends = model->lane_sends(1);
        auto posted = [&](std::size_t i) { return model->trace().messages[sends[i]].post_time; };
        model->visible_sends(1, 0, end, merge, items);
        chained(sends.size());
        for (const LaneItem& it : items) {
            CHECK(posted(it.first + it.count - 1) <= it.begin + merge);
            // The next send is outside this item's window, or the item would have taken it.
            if (it.first + it.count < sends.size()) CHECK(posted(it.first + it.count) > it.begin + merge);
        }
    }
}

TEST_CASE("a wide call is never merged into a marker, not even with one tiny call before it") {
    // As in igather-vs-gather: a zero-length call, then a one-second Gather right after it.
    Trace t = two_rank_world();
    add_call(t, 0, CallKind::Igather, 0.0, 0.0);
    add_call(t, 0, CallKind::Gather, 1e-6, 1.0, CALL_BLOCKED);
    add_call(t, 1, CallKind::Gather, 0.0, 1.0, CALL_BLOCKED);
    auto model = model_of(t);
    std::vector<LaneItem> items;
    // 3 px of a 1000-px plot: the tiny call and the Gather's start fall within one merge window
    model->visible_calls(0, 0, 1.0, 1.0 / 1000 * 3, items);
    REQUIRE(items.size() == 2);
    CHECK(items[0].count == 1);
    CHECK(items[1].count == 1);
    CHECK(model->trace().calls[model->lane_calls(0)[items[1].first]].kind == CallKind::Gather);
    CHECK(items[1].end == doctest::Approx(1.0));
}

TEST_CASE("messages in flight at a time are exactly those posted and not yet completed") {
    auto model = model_of(synthetic_exchange_trace(4, 4000));
    const Trace& t = model->trace();
    for (double f : {0.1, 0.37, 0.8}) {
        const double at = model->end_time() * f;
        std::vector<std::uint32_t> ids;
        std::size_t total = model->messages_in_flight(at, ids, 1u << 30);
        std::size_t expected = 0;
        for (const auto& m : t.messages) {
            if (m.post_time <= at && model->message_end(m) > at) ++expected;
        }
        CHECK(total == expected);
        CHECK(ids.size() == expected);
    }
    // A never-received rendezvous message stays in flight to the end.
    auto stuck = model_of(synthetic_deadlock_trace(3));
    std::vector<std::uint32_t> ids;
    CHECK(stuck->messages_in_flight(stuck->end_time(), ids, 100) == 3);
}

TEST_CASE("collective calls with the same communicator and sequence form one group") {
    auto model = model_of(synthetic_exchange_trace(4, 4 * 64 * 3));
    REQUIRE(model->collectives().size() == 3);
    for (const auto& g : model->collectives()) CHECK(g.calls.size() == 4);
    std::vector<std::uint32_t> visible;
    model->visible_collectives(0, model->end_time(), visible, 100);
    CHECK(visible.size() == 3);
    model->visible_collectives(-2, -1, visible, 100);
    CHECK(visible.empty());
}

TEST_CASE("the communication matrix counts sender x receiver and groups ranks above 256") {
    auto model = model_of(small_trace());
    const CommMatrix& mx = model->matrix();
    CHECK(mx.side == 2);
    CHECK(mx.count[0 * 2 + 1] == 1);
    CHECK(mx.bytes[0 * 2 + 1] == 8);
    CHECK(mx.count[1 * 2 + 0] == 0);
    auto big = model_of(synthetic_exchange_trace(600, 6000));
    CHECK(big->matrix().side <= 256);
    CHECK(big->matrix().ranks_per_cell == 3);
    std::uint64_t total = 0;
    for (auto c : big->matrix().count) total += c;
    CHECK(total == big->trace().messages.size());
}

TEST_CASE("statistics count protocols and blocked time per rank") {
    auto model = model_of(synthetic_deadlock_trace(4));
    const auto& s = model->statistics();
    CHECK(s.messages == 4);
    CHECK(s.rendezvous == 4);
    CHECK(s.unreceived == 4);
    CHECK(s.ranks.size() == 4);
    CHECK(s.ranks[0].blocked_time > 0);
}

TEST_CASE("a location matches the scenario source by its scenarios/<file> suffix") {
    Trace t = synthetic_deadlock_trace(2);
    t.locations.push_back({"/home/student/mpilab/scenarios/alltoall_deadlock.cpp", 7, "f"});
    t.locations.push_back({"/home/student/mpilab/scenarios/ring.cpp", 7, "f"});
    auto model = model_of(std::move(t));
    CHECK(model->location_in_file(0, "scenarios/alltoall_deadlock.cpp"));
    CHECK(model->location_in_file(2, "scenarios/alltoall_deadlock.cpp"));
    CHECK_FALSE(model->location_in_file(3, "scenarios/alltoall_deadlock.cpp"));
    CHECK_FALSE(model->location_in_file(NONE, "scenarios/alltoall_deadlock.cpp"));
}

TEST_CASE("a million-message trace indexes and answers a frame's queries") {
    auto model = model_of(synthetic_exchange_trace(16, 1000000));
    CHECK(model->trace().messages.size() == 1000000);
    std::vector<LaneItem> items;
    std::size_t drawn = 0;
    for (int r = 0; r < model->ranks(); ++r) {
        model->visible_calls(r, 0, model->end_time(), model->end_time() / 1800 * 3, items);
        drawn += items.size();
    }
    CHECK(drawn <= 16u * 600u + 16u);
    std::vector<std::uint32_t> ids;
    CHECK(model->messages_in_flight(model->end_time() / 2, ids, 4000) < 1000);
}
