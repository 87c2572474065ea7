// What a run records: calls with enter/leave times and blocking, messages with their calls and
// protocol, communicators, rank ends, the order in which the runtime executed its events, and the
// record sizes.
#include "core/trace.hpp"
#include "support.hpp"

#include <algorithm>
#include <vector>

using namespace mpilab;
using namespace mpilab::test;

TEST_CASE("calls and messages are linked and carry protocol, peer, tag and bytes") {
    auto r = run(config(2, 100), [](Comm& w) {
        std::vector<std::int32_t> small(4), big(100);
        if (w.rank() == 0) {
            w.Send(small, 1, 1);
            w.Send(big, 1, 2);
        } else {
            w.compute(1.0);
            w.Recv(small, 0, 1);
            w.Recv(big, 0, 2);
        }
    });
    REQUIRE(status(r) == "completed");
    const Trace& t = r.trace;
    REQUIRE(t.messages.size() == 2);
    const MessageRecord& eager = t.messages[0];
    const MessageRecord& rendezvous = t.messages[1];
    CHECK(eager.protocol == Protocol::Eager);
    CHECK(rendezvous.protocol == Protocol::Rendezvous);
    CHECK(eager.bytes == 16);
    CHECK(rendezvous.tag == 2);
    const CallRecord& send = t.calls.at(rendezvous.send_call);
    const CallRecord& recv = t.calls.at(rendezvous.recv_call);
    CHECK(send.kind == CallKind::Send);
    CHECK(send.rank == 0);
    CHECK(send.peer == 1);
    CHECK(send.blocked());
    CHECK(send.leave > send.enter);
    CHECK(recv.rank == 1);
    CHECK(recv.message == 1);
    CHECK(t.locations.at(send.location).file.find("test_trace.cpp") != std::string::npos);
    CHECK_FALSE(t.calls[0].blocked());
    CHECK(eager.received());
}

TEST_CASE("an unfinished call is flagged and the deadlocked ranks' ends are recorded") {
    auto r = run(config(2), [](Comm& w) { w.recv(1 - w.rank(), 0); });
    REQUIRE(r.trace.calls.size() == 2);
    CHECK(r.trace.calls[0].unfinished());
    CHECK(r.trace.ranks[0].end == RankEnd::Deadlocked);
}

namespace {

// The step of the first event of this kind about this call, message or rank (-1: none).
long step_of(const Trace& t, EventKind kind, std::uint32_t index) {
    for (std::size_t i = 0; i < t.events.size(); ++i)
        if (t.events[i].kind == kind && t.events[i].index == index) return static_cast<long>(i);
    return -1;
}

long count_of(const Trace& t, EventKind kind, std::uint32_t index) {
    return std::count_if(t.events.begin(), t.events.end(), [&](const TraceEvent& e) { return e.kind == kind && e.index == index; });
}

// Every call entered once and returned at most once after; every message posted once, then delivered
// and matched at most once each; every rank finished once.
void check_event_invariants(const Trace& t) {
    for (std::uint32_t c = 0; c < t.calls.size(); ++c) {
        CAPTURE(c);
        CHECK(count_of(t, EventKind::Enter, c) == 1);
        CHECK(count_of(t, EventKind::Return, c) == (t.calls[c].unfinished() ? 0 : 1));
        if (!t.calls[c].unfinished()) CHECK(step_of(t, EventKind::Return, c) > step_of(t, EventKind::Enter, c));
    }
    for (std::uint32_t m = 0; m < t.messages.size(); ++m) {
        CAPTURE(m);
        CHECK(count_of(t, EventKind::Post, m) == 1);
        CHECK(count_of(t, EventKind::Deliver, m) <= 1);
        CHECK(count_of(t, EventKind::Match, m) == (t.messages[m].flags & MSG_MATCHED ? 1 : 0));
        for (EventKind later : {EventKind::Deliver, EventKind::Match})
            if (count_of(t, later, m)) CHECK(step_of(t, later, m) > step_of(t, EventKind::Post, m));
        // the sending call was entered before it posted the message
        if (t.messages[m].send_call != NONE) CHECK(step_of(t, EventKind::Enter, t.messages[m].send_call) < step_of(t, EventKind::Post, m));
    }
    for (std::uint32_t r = 0; r < t.ranks.size(); ++r) CHECK(count_of(t, EventKind::Finish, r) == 1);
    for (std::uint32_t o = 0; o < t.output.size(); ++o) CHECK(count_of(t, EventKind::Print, o) == 1);
}

}  // namespace

TEST_CASE("the trace records the order in which the runtime executed each call, message and rank end") {
    // Every call of this run happens at virtual time 0 or close to it; the order of events still says
    // who did what first.
    auto r = run(config(2, 100), [](Comm& w) {
        std::vector<std::int32_t> small(4), big(100);
        if (w.rank() == 0) {
            w.Send(small, 1, 1);   // eager: delivered into rank 1's unexpected queue at once
            w.Send(big, 1, 2);     // rendezvous: waits for rank 1's receive
        } else {
            w.Recv(small, 0, 1);
            w.print("got it");
            w.Recv(big, 0, 2);
        }
    });
    REQUIRE(status(r) == "completed");
    const Trace& t = r.trace;
    check_event_invariants(t);
    REQUIRE(t.calls.size() == 4);
    REQUIRE(t.messages.size() == 2);
    // the default schedule runs rank 0 until it blocks: its eager send completes before rank 1 starts
    const std::vector<TraceEvent> first{{0, EventKind::Enter}, {0, EventKind::Post}, {0, EventKind::Deliver},
                                        {0, EventKind::Return}, {1, EventKind::Enter}, {1, EventKind::Post}};
    REQUIRE(t.events.size() > first.size());
    CHECK(std::vector<TraceEvent>(t.events.begin(), t.events.begin() + 6) == first);
    // the eager message was delivered when posted and matched only when rank 1 received it
    const std::uint32_t recv_small = t.messages[0].recv_call;
    CHECK(step_of(t, EventKind::Match, 0) > step_of(t, EventKind::Enter, recv_small));
    // the line was printed between rank 1's two receives
    REQUIRE(t.output.size() == 1);
    CHECK(step_of(t, EventKind::Print, 0) > step_of(t, EventKind::Return, recv_small));
    CHECK(step_of(t, EventKind::Print, 0) < step_of(t, EventKind::Enter, t.messages[1].recv_call));
    // the rendezvous message is matched first, then its data is delivered
    CHECK(step_of(t, EventKind::Match, 1) < step_of(t, EventKind::Deliver, 1));
    CHECK(step_of(t, EventKind::Deliver, 1) > step_of(t, EventKind::Enter, t.messages[1].recv_call));
    // rank 0 returns from its rendezvous send only after the match
    CHECK(step_of(t, EventKind::Return, t.messages[1].send_call) > step_of(t, EventKind::Match, 1));
    CHECK(t.events.back().kind == EventKind::Finish);
}

TEST_CASE("the same run gives the same order of events, step for step") {
    auto program = [](Comm& w) {
        const int n = w.size();
        std::vector<std::int32_t> data(64, w.rank()), got(64), sum(64);
        for (int k = 1; k < n; ++k) w.Sendrecv(data, (w.rank() + k) % n, 0, got, (w.rank() - k + n) % n, 0);
        w.Barrier();
        w.Allreduce(data, sum, op::SUM);
    };
    for (SchedulePolicy policy : {SchedulePolicy::RunUntilBlocked, SchedulePolicy::RoundRobin, SchedulePolicy::Random}) {
        Config c = config(5, 128, policy);
        c.seed = 7;
        auto a = run(c, program);
        auto b = run(c, program);
        REQUIRE(status(a) == "completed");
        check_event_invariants(a.trace);
        CHECK(a.trace.events.size() > a.trace.calls.size() * 2);
        CHECK(a.trace.events == b.trace.events);
    }
}

TEST_CASE("at a deadlock the stopped ranks finish together, in rank order, after everything else") {
    // Rank 3 finishes; ranks 0-2 each wait for the next in a ring of receives.
    auto r = run(config(4), [](Comm& w) {
        if (w.rank() < 3) w.recv((w.rank() + 1) % 3, 0);
    });
    REQUIRE(status(r) == "deadlock");
    const Trace& t = r.trace;
    check_event_invariants(t);
    REQUIRE(t.events.size() >= 4);
    CHECK(step_of(t, EventKind::Finish, 3) < step_of(t, EventKind::Finish, 0));
    const std::vector<TraceEvent> last(t.events.end() - 3, t.events.end());
    CHECK(last == std::vector<TraceEvent>{{0, EventKind::Finish}, {1, EventKind::Finish}, {2, EventKind::Finish}});
    for (std::uint32_t rank = 0; rank < 3; ++rank) CHECK(t.ranks[rank].end == RankEnd::Deadlocked);
}

TEST_CASE("an error stops the other ranks at the failing call's step") {
    auto r = run(config(3), [](Comm& w) {
        if (w.rank() == 1) w.send(1, 7, 0);   // rank 7 does not exist
        w.Barrier();
    });
    REQUIRE(status(r) == "error");
    const Trace& t = r.trace;
    check_event_invariants(t);
    const std::uint32_t failed = r.outcome().error->call_index;
    REQUIRE(failed != NONE);
    // after the failing call's entry, only the ranks' ends follow
    const long entered = step_of(t, EventKind::Enter, failed);
    for (std::size_t i = static_cast<std::size_t>(entered) + 1; i < t.events.size(); ++i) CHECK(t.events[i].kind == EventKind::Finish);
}

TEST_CASE("trace records stay compact") {
    CHECK(sizeof(CallRecord) == 64);
    CHECK(sizeof(MessageRecord) <= 72);
    CHECK(sizeof(TraceEvent) == 8);
}

TEST_CASE("recording can be switched off for benchmarks while the outcome stays exact") {
    Config c = config(2);
    c.record_trace = false;
    auto r = run(c, [](Comm& w) { w.recv(1 - w.rank(), 0); });
    CHECK(status(r) == "deadlock");
    CHECK(r.trace.calls.empty());
    CHECK(r.trace.events.empty());
    CHECK(r.outcome().deadlock->blocked[0].line > 0);
}

TEST_CASE("names of calls follow mpi4py's spelling and read back") {
    CHECK(call_name(CallKind::Send, true) == "send");
    CHECK(call_name(CallKind::Send, false) == "Send");
    CHECK(call_name(CallKind::Waitall, true) == "waitall");
    CallKind kind;
    bool generic;
    REQUIRE(call_kind_from_name("alltoall", kind, generic));
    CHECK(kind == CallKind::Alltoall);
    CHECK(generic);
    CHECK_FALSE(call_kind_from_name("Sned", kind, generic));
}
