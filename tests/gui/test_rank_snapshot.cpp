// A rank's state and queues at a playhead time, derived from the trace alone.
#include "app/gui/demo_trace.hpp"
#include "tests/gui/trace_builder.hpp"
#include "app/gui/rank_snapshot.hpp"

#include <doctest/doctest.h>

#include <memory>

using namespace mpilab;
using namespace mpilab::gui;
using namespace mpilab::gui::testing;

namespace {

// Rank 1 posts an irecv at 1 (matched at 4 by rank 0's message posted at 3), waits [2, 5];
// rank 0 sends a second message at 3.5 that nobody receives.
Trace irecv_trace() {
    Trace t = two_rank_world();
    auto call = [&](int rank, CallKind kind, double enter, double leave, std::uint8_t flags = 0) {
        return add_call(t, rank, kind, enter, leave, flags);
    };
    auto irecv = call(1, CallKind::Irecv, 1.0, 1.0);
    t.calls[irecv].request = 7;
    t.calls[irecv].peer = 0;
    auto wait = call(1, CallKind::Wait, 2.0, 5.0, CALL_BLOCKED);
    t.calls[wait].request = 7;
    auto send = call(0, CallKind::Send, 3.0, 3.2);
    auto send2 = call(0, CallKind::Send, 3.5, 3.6);
    MessageRecord m;
    m.src = 0; m.dst = 1; m.post_time = 3.0; m.match_time = 4.0; m.arrival_time = 4.5; m.complete_time = 5.0;
    m.send_call = send; m.recv_call = irecv; m.flags = MSG_RECEIVED | MSG_MATCHED;
    t.messages.push_back(m);
    MessageRecord lost;
    lost.src = 0; lost.dst = 1; lost.post_time = 3.5; lost.tag = 9; lost.send_call = send2;
    t.messages.push_back(lost);
    t.calls[irecv].message = 0;
    t.calls[send].message = 0;
    t.calls[send2].message = 1;
    t.ranks.resize(2);
    t.ranks[0].end_time = 3.6;
    t.ranks[1].end_time = 5.0;
    return t;
}

}  // namespace

TEST_CASE("a posted irecv stays in the posted queue until its message matches it") {
    auto model = model_of(irecv_trace());
    CHECK(rank_snapshot(*model, 1, 0.5).posted_receives.empty());
    CHECK(rank_snapshot(*model, 1, 2.5).posted_receives.size() == 1);
    CHECK(rank_snapshot(*model, 1, 4.2).posted_receives.empty());
}

TEST_CASE("the irecv's request is pending until its receive completes") {
    auto model = model_of(irecv_trace());
    auto s = rank_snapshot(*model, 1, 4.2);
    REQUIRE(s.pending_requests.size() == 1);
    CHECK(s.pending_requests[0].done_at == doctest::Approx(5.0));
    CHECK(rank_snapshot(*model, 1, 5.5).pending_requests.empty());
}

TEST_CASE("a message nobody matched waits in the receiver's unexpected queue") {
    auto model = model_of(irecv_trace());
    CHECK(rank_snapshot(*model, 1, 3.4).unexpected_messages.size() == 1);   // the first, until its match at 4
    auto late = rank_snapshot(*model, 1, 4.5);
    REQUIRE(late.unexpected_messages.size() == 1);
    CHECK(model->trace().messages[late.unexpected_messages[0]].tag == 9);
}

TEST_CASE("the snapshot names the current call and the state") {
    auto model = model_of(irecv_trace());
    auto s = rank_snapshot(*model, 1, 3.0);
    REQUIRE(s.current_call != NONE);
    CHECK(model->trace().calls[s.current_call].kind == CallKind::Wait);
    CHECK(s.state == RankState::BlockedWait);
    CHECK(s.clock == doctest::Approx(3.0));
}

TEST_CASE("at a deadlock every rank is deadlocked in its send with its envelope unmatched") {
    auto model = model_of(synthetic_deadlock_trace(3));
    auto s = rank_snapshot(*model, 1, model->end_time());
    CHECK(s.state == RankState::Deadlocked);
    REQUIRE(s.current_call != NONE);
    CHECK(model->trace().calls[s.current_call].kind == CallKind::Send);
    CHECK(s.unexpected_messages.size() == 1);   // rank 0's rendezvous envelope
}

namespace {

// Rank 0 starts two igathers (requests 3 and 4) and completes both in one waitall, which the trace
// records by its first request only; `waitall_returns` false: the waitall is stuck for ever.
Trace igathers_and_waitall(bool waitall_returns) {
    Trace t = two_rank_world();
    auto first = add_call(t, 0, CallKind::Igather, 0.0, 0.0);
    t.calls[first].request = 3;
    auto second = add_call(t, 0, CallKind::Igather, 0.0, 0.0);
    t.calls[second].request = 4;
    auto wait = add_call(t, 0, CallKind::Waitall, 0.0, waitall_returns ? 2.0 : 0.0,
                         CALL_BLOCKED | (waitall_returns ? 0 : CALL_UNFINISHED));
    t.calls[wait].request = 3;
    t.ranks.resize(2);
    t.ranks[0].end_time = waitall_returns ? 2.0 : 0.0;
    t.ranks[0].end = waitall_returns ? RankEnd::Finished : RankEnd::Deadlocked;
    t.ranks[1].end_time = 0.0;
    if (!waitall_returns) t.outcome.status = OutcomeStatus::Deadlock;
    return t;
}

}  // namespace

TEST_CASE("every request a waitall completes is done when it returns, not only the one the trace names") {
    auto model = model_of(igathers_and_waitall(true));
    CHECK(request_completion(*model, 0) == doctest::Approx(2.0));
    CHECK(request_completion(*model, 1) == doctest::Approx(2.0));
    auto during = rank_snapshot(*model, 0, 1.0);
    CHECK(during.pending_requests.size() == 2);
    CHECK(rank_snapshot(*model, 0, 2.5).pending_requests.empty());
}

TEST_CASE("the requests of a waitall that never returns never complete") {
    auto model = model_of(igathers_and_waitall(false));
    CHECK(request_completion(*model, 0) < 0);
    CHECK(request_completion(*model, 1) < 0);
    auto s = rank_snapshot(*model, 0, model->end_time());
    REQUIRE(s.pending_requests.size() == 2);
    CHECK(s.pending_requests[0].done_at < 0);
    CHECK(s.pending_requests[1].done_at < 0);
}
