// A real hang and a real failure as outcomes: blocked calls become a deadlock with its wait-for graph
// and the core's explanation; a crash, MPI_Abort and an early exit become errors.
#include "app/recorder/merge.hpp"
#include "core/explanation.hpp"
#include "core/trace_check.hpp"
#include "tests/recorder/support.hpp"

#include <doctest/doctest.h>

#include <csignal>

using namespace mpilab;
using namespace mpilab::recorder;
using mpilab::test::FakeProcess;

namespace {

RunFacts hung_run() {
    RunFacts facts;
    facts.launcher = "mpiexec -n 2 ./send_send";
    facts.exit_status = 143;
    facts.hung = true;
    facts.hang_timeout = 5;
    return facts;
}

}  // namespace

TEST_CASE("A send-send exchange above MPICH's eager limit is a hang: both sends blocked, a cycle, advice") {
    FakeProcess r0(0, 2), r1(1, 2);
    for (FakeProcess* p : {&r0, &r1}) {
        p->p.info.state = REC_STATE_RUNNING;
        p->p.info.in_call = true;
        p->call(REC_SEND, 1000, 0, 1 - p->p.info.rank, 0, 8256);
    }
    Trace t = merge_records(test::processes({r0, r1}), hung_run());
    CHECK_NOTHROW(check_trace(t));
    REQUIRE(t.outcome.status == OutcomeStatus::Deadlock);
    CHECK(t.outcome.message.starts_with("Hang: every process is blocked (no progress for 5 s); cycle rank 0 -> rank 1 -> rank 0."));
    REQUIRE(t.outcome.deadlock);
    const DeadlockInfo& d = *t.outcome.deadlock;
    REQUIRE(d.blocked.size() == 2);
    CHECK(d.blocked[0].call_name == "Send");
    CHECK(d.blocked[0].reason.find("above MPICH 4.0.2's eager limit (8,255 bytes)") != std::string::npos);
    CHECK(d.cycle == std::vector<std::int32_t>{0, 1});
    CHECK(d.arcs.size() == 2);
    CHECK(t.calls[d.blocked[0].call].unfinished());
    CHECK(t.ranks[0].end == RankEnd::Deadlocked);
    CHECK_FALSE(explain(t).advice.empty());
}

TEST_CASE("A receive from any source in a hang waits for any other rank (OR arcs), a finished rank is named") {
    FakeProcess r0(0, 3), r1(1, 3), r2(2, 3);
    r0.p.info.state = REC_STATE_RUNNING;
    r0.p.info.in_call = true;
    r0.call(REC_IRECV, 100, 200, MPILAB_REC_ANY_SOURCE, 4, 8).u.call.request = 1;
    r0.call(REC_WAITANY, 300, 0).u.call.extra = 1;
    r0.extra(REC_WAITS_ON, 1);
    r1.p.info.state = REC_STATE_RUNNING;
    r1.p.info.in_call = true;
    r1.call(REC_RECV, 100, 0, 0, 9, 8);
    r2.call(REC_BARRIER, 10, 20, MPILAB_REC_NO_PEER, 0, 0, 0);   // finalized
    Trace t = merge_records(test::processes({r0, r1, r2}), hung_run());
    REQUIRE(t.outcome.status == OutcomeStatus::Deadlock);
    const DeadlockInfo& d = *t.outcome.deadlock;
    CHECK(d.finished == std::vector<std::int32_t>{2});
    int or_arcs = 0;
    for (const WaitArc& a : d.arcs)
        if (a.from == 0) {
            CHECK(a.kind == ArcKind::Or);
            ++or_arcs;
        }
    CHECK(or_arcs == 2);
    CHECK(d.blocked[0].reason.find("Irecv from any source (tag 4)") != std::string::npos);
}

TEST_CASE("A crash, MPI_Abort and an exit before MPI_Finalize are errors naming the rank") {
    SUBCASE("crash") {
        FakeProcess r0(0, 2), r1(1, 2);
        r1.p.info.state = REC_STATE_CRASHED;
        r1.p.info.signal = SIGSEGV;
        RunFacts facts;
        facts.exit_status = 139;
        Trace t = merge_records(test::processes({r0, r1}), facts);
        REQUIRE(t.outcome.status == OutcomeStatus::Error);
        CHECK(t.outcome.message.starts_with("rank 1 crashed (SIGSEGV)"));
        CHECK(t.outcome.error->rank == 1);
    }
    SUBCASE("abort") {
        FakeProcess r0(0, 2), r1(1, 2);
        r0.p.info.state = REC_STATE_ABORTED;
        r0.p.info.abort_code = 3;
        RunFacts facts;
        facts.exit_status = 3;
        Trace t = merge_records(test::processes({r0, r1}), facts);
        REQUIRE(t.outcome.status == OutcomeStatus::Error);
        CHECK(t.outcome.message.starts_with("rank 0 called MPI_Abort with error code 3"));
    }
    SUBCASE("exit") {
        FakeProcess r0(0, 2), r1(1, 2);
        r1.p.info.state = REC_STATE_EXITED;
        r1.call(REC_BARRIER, 10, 20);
        RunFacts facts;
        facts.exit_status = 1;
        Trace t = merge_records(test::processes({r0, r1}), facts);
        REQUIRE(t.outcome.status == OutcomeStatus::Error);
        CHECK(t.outcome.message.starts_with("rank 1 exited before calling MPI_Finalize (its last MPI call was Barrier)"));
    }
}

TEST_CASE("A wait for a non-blocking collective that one member never started waits for that member") {
    FakeProcess r0(0, 3), r1(1, 3), r2(2, 3);
    for (FakeProcess* p : {&r0, &r1}) {
        p->p.info.state = REC_STATE_RUNNING;
        p->p.info.in_call = true;
        p->call(REC_IBARRIER, 100, 200).u.call.request = 1;
        p->call(REC_WAIT, 300, 0).u.call.request = 1;
    }
    r2.p.info.state = REC_STATE_RUNNING;
    r2.p.info.in_call = true;
    r2.call(REC_RECV, 100, 0, 0, 7, 4);
    Trace t = merge_records(test::processes({r0, r1, r2}), hung_run());
    CHECK_NOTHROW(check_trace(t));
    REQUIRE(t.outcome.status == OutcomeStatus::Deadlock);
    const DeadlockInfo& d = *t.outcome.deadlock;
    REQUIRE(d.blocked.size() == 3);
    CHECK(d.blocked[0].call_name == "wait");
    CHECK(d.blocked[0].reason == "Ibarrier on world has not completed: it waits for every member to start it; rank 2 has not called it");
    CHECK(d.cycle == std::vector<std::int32_t>{0, 2});
    std::size_t arcs_to_2 = 0;
    for (const WaitArc& a : d.arcs) arcs_to_2 += a.to == 2;
    CHECK(arcs_to_2 == 2);   // from rank 0 and rank 1
    CHECK(t.calls[0].kind == CallKind::Ibarrier);
}
