// Exact deadlock detection and its explanation: cycles, partial deadlocks, ranks waiting for finished
// ranks, OR arcs, livelocks — and the tutorial's exchanges at the eager threshold's edge.
#include "core/deadlock.hpp"
#include "support.hpp"

#include <algorithm>
#include <vector>

using namespace mpilab;
using namespace mpilab::test;

namespace {

// The tutorial's exchange: both ranks send first, then receive (with `count` int64 elements).
RunResult send_send(int ranks, std::int64_t count, std::int64_t eager) {
    return run(config(ranks, eager), [=](Comm& w) {
        const int partner = w.rank() ^ 1;
        if (partner >= w.size()) return;
        std::vector<std::int64_t> out(count, w.rank()), in(count);
        w.Send(out, partner, 0);
        w.Recv(in, partner, 0);
        w.check(in.empty() || in[0] == partner, "data from the partner");
    });
}

// The alltoall challenge, part 1: every rank sends to every other with blocking Send, then receives.
RunResult blocking_alltoall(int ranks, std::int64_t count, std::int64_t eager) {
    return run(config(ranks, eager), [=](Comm& w) {
        std::vector<std::int64_t> out(count, w.rank()), in(count);
        for (int dest = 0; dest < w.size(); ++dest)
            if (dest != w.rank()) w.Send(out, dest, 0);
        for (int source = 0; source < w.size(); ++source) {
            if (source == w.rank()) continue;
            w.Recv(in, source, 0);
            w.check(in[0] == source, "data from each source");
        }
    });
}

bool has_arc(const DeadlockInfo& d, int from, int to, ArcKind kind) {
    return std::any_of(d.arcs.begin(), d.arcs.end(),
                       [&](const WaitArc& a) { return a.from == from && a.to == to && a.kind == kind; });
}

}  // namespace

TEST_CASE("send-send completes at exactly the eager threshold and deadlocks one byte past it") {
    const std::int64_t eager = 800;   // 100 int64 elements
    for (int ranks : {2, 3, 4, 5, 8}) {
        CAPTURE(ranks);
        CHECK(status(send_send(ranks, 100, eager)) == "completed");
        CHECK(status(send_send(ranks, 100, eager - 1)) == "deadlock");
    }
}

TEST_CASE("alltoall with blocking sends completes at exactly the eager threshold and deadlocks one byte past it") {
    const std::int64_t eager = 80;   // 10 int64 elements
    for (int ranks : {2, 3, 4, 5, 8}) {
        CAPTURE(ranks);
        CHECK(status(blocking_alltoall(ranks, 10, eager)) == "completed");
        auto r = blocking_alltoall(ranks, 10, eager - 1);
        CHECK(status(r) == "deadlock");
        REQUIRE(r.outcome().deadlock);
        CHECK(r.outcome().deadlock->blocked.size() == static_cast<std::size_t>(ranks));
        CHECK_FALSE(r.outcome().deadlock->cycle.empty());
    }
}

TEST_CASE("a deadlock names the cycle, each blocked call's line, and why it blocks") {
    auto r = send_send(2, 10000, 65536);
    REQUIRE(status(r) == "deadlock");
    const DeadlockInfo& d = *r.outcome().deadlock;
    CHECK(d.cycle == std::vector<std::int32_t>{0, 1});
    CHECK(DeadlockAnalysis::cycle_text(d.cycle) == "rank 0 -> rank 1 -> rank 0");
    REQUIRE(d.blocked.size() == 2);
    const BlockedCall& b = d.blocked[0];
    CHECK(b.rank == 0);
    CHECK(b.call_name == "Send");
    CHECK(b.peer == 1);
    CHECK(b.bytes == 80000);
    CHECK(b.protocol == Protocol::Rendezvous);
    CHECK(b.file.find("test_deadlock.cpp") != std::string::npos);
    CHECK(b.line > 0);
    CHECK(b.reason.find("80,000 bytes > eager threshold 65,536 bytes") != std::string::npos);
    CHECK(has_arc(d, 0, 1, ArcKind::And));
    CHECK(has_arc(d, 1, 0, ArcKind::And));
    CHECK(d.knot == std::vector<std::int32_t>{0, 1});
    CHECK(r.trace.ranks[0].end == RankEnd::Deadlocked);
}

TEST_CASE("two ranks that both receive first deadlock at any message size") {
    auto r = run(config(2), [](Comm& w) {
        Value v = w.recv(1 - w.rank(), 0);
        w.send(1, 1 - w.rank(), 0);
    });
    CHECK(status(r) == "deadlock");
    CHECK(r.outcome().deadlock->blocked[0].reason.find("no matching message is waiting") != std::string::npos);
}

TEST_CASE("a partial deadlock is found while other ranks have finished") {
    auto r = run(config(4), [](Comm& w) {
        if (w.rank() >= 2) return;   // ranks 2 and 3 finish at once
        w.recv(1 - w.rank(), 0);
    });
    REQUIRE(status(r) == "deadlock");
    const DeadlockInfo& d = *r.outcome().deadlock;
    CHECK(d.blocked.size() == 2);
    CHECK(d.finished == std::vector<std::int32_t>{2, 3});
    CHECK(r.trace.ranks[2].end == RankEnd::Finished);
}

TEST_CASE("a rank waiting for a rank that has already finished is named as such") {
    auto r = run(config(2), [](Comm& w) {
        if (w.rank() == 0) w.recv(1, 0);
    });
    REQUIRE(status(r) == "deadlock");
    const DeadlockInfo& d = *r.outcome().deadlock;
    REQUIRE(d.arcs.size() == 1);
    CHECK(d.arcs[0].to_finished);
    CHECK(d.cycle.empty());
    CHECK(d.blocked[0].reason.find("already finished") != std::string::npos);
    CHECK(r.outcome().message.find("rank 1 will never answer") != std::string::npos);
}

TEST_CASE("an ANY_SOURCE receive waits on OR arcs to every other rank") {
    auto r = run(config(3), [](Comm& w) { w.recv(ANY_SOURCE, 0); });
    REQUIRE(status(r) == "deadlock");
    const DeadlockInfo& d = *r.outcome().deadlock;
    CHECK(has_arc(d, 0, 1, ArcKind::Or));
    CHECK(has_arc(d, 0, 2, ArcKind::Or));
    CHECK(d.blocked[0].peer == ANY_SOURCE);
}

TEST_CASE("waitany waits on OR arcs and waitall on AND arcs") {
    auto r = run(config(3), [](Comm& w) {
        if (w.rank() != 0) {
            w.recv(0, 5);
            return;
        }
        std::vector<Request> reqs{w.irecv(1, 0), w.irecv(2, 0)};
        w.waitany(reqs);
    });
    REQUIRE(status(r) == "deadlock");
    CHECK(has_arc(*r.outcome().deadlock, 0, 1, ArcKind::Or));
    CHECK(has_arc(*r.outcome().deadlock, 0, 2, ArcKind::Or));
    CHECK(r.outcome().deadlock->blocked[0].requests.size() == 2);

    auto all = run(config(3), [](Comm& w) {
        if (w.rank() != 0) {
            w.recv(0, 5);
            return;
        }
        std::vector<Request> reqs{w.irecv(1, 0), w.irecv(2, 0)};
        w.waitall(reqs);
    });
    REQUIRE(status(all) == "deadlock");
    CHECK(has_arc(*all.outcome().deadlock, 0, 1, ArcKind::And));
    CHECK(has_arc(*all.outcome().deadlock, 0, 2, ArcKind::And));
}

TEST_CASE("a receive with the wrong tag is explained by the message that did arrive") {
    auto r = run(config(2), [](Comm& w) {
        if (w.rank() == 0)
            w.send(1, 1, 5);
        else
            w.recv(0, 6);
    });
    REQUIRE(status(r) == "deadlock");
    CHECK(r.outcome().deadlock->blocked[0].reason.find("tag 5, which does not match") != std::string::npos);
}

TEST_CASE("polling with test for a message nobody will send ends as a livelock instead of hanging") {
    Config c = config(2);
    c.max_futile_polls = 1000;
    auto r = run(c, [](Comm& w) {
        if (w.rank() == 1) return;
        Request req = w.irecv(1, 0);
        while (!w.test(req)) {
        }
    });
    CHECK(status(r) == "deadlock");
    CHECK(r.outcome().message.find("livelock") != std::string::npos);
}

TEST_CASE("polling with test lets the rank it waits for make progress") {
    auto r = run(config(2), [](Comm& w) {
        if (w.rank() == 1) {
            w.compute(0.5);
            w.send(42, 0, 0);
            return;
        }
        Request req = w.irecv(1, 0);
        int polls = 0;
        while (!w.test(req)) ++polls;
        w.result("polls", polls);
    });
    CHECK(status(r) == "completed");
}

TEST_CASE("find_cycle returns the first cycle rotated to its lowest rank") {
    std::vector<WaitArc> arcs{{3, 1, ArcKind::And, "", false}, {1, 2, ArcKind::And, "", false},
                              {2, 3, ArcKind::And, "", false}, {0, 1, ArcKind::And, "", false}};
    CHECK(find_cycle({0, 1, 2, 3}, arcs) == std::vector<std::int32_t>{1, 2, 3});
    CHECK(find_knot({0, 1, 2, 3}, arcs) == std::vector<std::int32_t>{1, 2, 3});
    CHECK(find_cycle({0, 1}, {{0, 1, ArcKind::And, "", false}}).empty());
}
