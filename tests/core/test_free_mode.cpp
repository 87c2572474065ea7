// Free mode without a trace: the ranks run truly concurrently, and a rank woken by the one that
// completed its send or receive returns without taking the engine lock again. These tests drive that
// path hard (they are also run under ThreadSanitizer in CI): data must arrive intact and in order,
// deadlocks and errors must still end the run exactly.
#include "support.hpp"

#include <cstdint>
#include <numeric>
#include <vector>

using namespace mpilab;
using namespace mpilab::test;

namespace {

Config free_untraced(int ranks, std::int64_t eager = 1024) {
    Config c = config(ranks, eager, SchedulePolicy::Free);
    c.record_trace = false;
    return c;
}

// Ranks 0 and 1 pass a token back and forth `rounds` times: traffic that works, before the test's point.
void ping_pong(Comm& w, int rounds) {
    for (std::int32_t i = 0; i < rounds; ++i) {
        std::int32_t token = i;
        if (w.rank() == 0) {
            w.Send(token, 1);
            w.Recv(token, 1);
        } else {
            w.Recv(token, 0);
            w.Send(token, 0);
        }
    }
}

}  // namespace

TEST_CASE("in free mode without a trace, a ping-pong of eager and rendezvous messages delivers every byte") {
    auto r = run(free_untraced(2), [](Comm& w) {
        const int peer = 1 - w.rank();
        for (int i = 0; i < 400; ++i) {
            // Alternate below and above the 1,024-byte eager threshold.
            std::vector<std::int32_t> data(i % 2 ? 1000 : 3, 0), back(data.size(), -1);
            if (w.rank() == 0) {
                std::iota(data.begin(), data.end(), i);
                w.Send(data, peer, i);
                w.Recv(back, peer, i);
                for (std::size_t k = 0; k < back.size(); ++k)
                    w.check(back[k] == data[k] + 1, "rank 1 added one to every element");
            } else {
                w.Recv(back, peer, i);
                for (std::size_t k = 0; k < back.size(); ++k) w.check(back[k] == i + static_cast<int>(k), "data in order");
                for (auto& x : back) ++x;
                w.Send(back, peer, i);
            }
        }
    });
    CHECK(status(r) == "completed");
    CHECK(r.trace.messages.empty());   // nothing recorded
}

TEST_CASE("in free mode without a trace, a token ring with sendrecv counts every hop") {
    auto r = run(free_untraced(4), [](Comm& w) {
        const int right = (w.rank() + 1) % w.size(), left = (w.rank() + w.size() - 1) % w.size();
        std::int64_t sum = 0;
        for (int lap = 0; lap < 300; ++lap) {
            std::int64_t mine = w.rank() + lap, theirs = -1;
            w.Sendrecv(mine, right, 0, theirs, left, 0);
            w.check(theirs == left + lap, "the left neighbour's value of this lap");
            sum += theirs;
        }
        w.check(sum > 0 || w.rank() == 1, "summed");
    });
    CHECK(status(r) == "completed");
}

TEST_CASE("in free mode without a trace, ANY_SOURCE receives take every message exactly once and in order per sender") {
    auto r = run(free_untraced(4), [](Comm& w) {
        constexpr int per_sender = 300;
        if (w.rank() == 0) {
            std::vector<int> next(w.size(), 0);
            for (int i = 0; i < per_sender * (w.size() - 1); ++i) {
                std::int32_t v = -1;
                Status st = w.Recv(v, ANY_SOURCE, ANY_TAG);
                w.check(st.source >= 1 && v == next[st.source]++, "messages of one sender arrive in order");
            }
            for (int s = 1; s < w.size(); ++s) w.check(next[s] == per_sender, "every message arrived once");
        } else {
            for (std::int32_t i = 0; i < per_sender; ++i) w.Send(i, 0, 7);
        }
    });
    CHECK(status(r) == "completed");
}

TEST_CASE("in free mode without a trace, head-to-head rendezvous sends are still an exact deadlock") {
    auto r = run(free_untraced(2), [](Comm& w) {
        std::vector<std::int64_t> big(1000, w.rank()), in(1000);
        ping_pong(w, 50);   // first some traffic that works
        w.Send(big, 1 - w.rank());   // 8,000 bytes > 1,024: both wait for a receive
        w.Recv(in, 1 - w.rank());
    });
    REQUIRE(status(r) == "deadlock");
    CHECK(r.outcome().deadlock->cycle.size() == 2);
    CHECK(r.outcome().deadlock->blocked.size() == 2);
}

TEST_CASE("in free mode without a trace, a truncated receive ends the run with an error naming the receive") {
    auto r = run(free_untraced(2), [](Comm& w) {
        ping_pong(w, 20);
        if (w.rank() == 0) {
            std::vector<std::int32_t> four(4, 1);
            w.Send(four, 1);
        } else {
            std::vector<std::int32_t> two(2);
            w.Recv(two, 0);
        }
    });
    REQUIRE(status(r) == "error");
    CHECK(r.outcome().error->rank == 1);
    CHECK(r.outcome().error->kind == "truncation");
}

TEST_CASE("in free mode without a trace, a rank that throws stops a rank blocked in a receive") {
    auto r = run(free_untraced(2), [](Comm& w) {
        ping_pong(w, 100);
        if (w.rank() == 0) throw std::runtime_error("rank 0 gives up");
        std::int32_t never = 0;
        w.Recv(never, 0);
    });
    REQUIRE(status(r) == "error");
    CHECK(r.outcome().error->rank == 0);
    CHECK(r.outcome().error->kind == "exception");
}

TEST_CASE("in free mode, ranks read their communicators while other ranks create new ones") {
    Config c = config(4, 65536, SchedulePolicy::Free);
    auto r = run(c, [](Comm& w) {
        Comm half = w.split(w.rank() % 2);   // {0, 2} and {1, 3}
        const int partner = 1 - half.rank();
        for (int i = 0; i < 150; ++i) {
            if (w.rank() % 2 == 0) {
                Comm dup = half.dup();   // even ranks keep creating communicators...
                w.check(dup.size() == 2, "a dup has the size of its parent");
            } else {   // ...while odd ranks look theirs up and talk on them
                w.check(half.size() == 2 && half.name().find("split") != std::string::npos, "own communicator");
                std::int32_t v = i, got = -1;
                half.Sendrecv(v, partner, 0, got, partner, 0);
                w.check(got == i && half.to_world(partner) == (w.rank() == 1 ? 3 : 1), "partner's value and rank");
            }
        }
    });
    CHECK(status(r) == "completed");
    CHECK(r.trace.comms.size() == 3 + 150);   // world, two halves, one dup per round of the even half
}

TEST_CASE("in free mode without a trace, blocking and non-blocking receives interleave without lost or early wake-ups") {
    auto r = run(free_untraced(3), [](Comm& w) {
        constexpr int rounds = 400;
        if (w.rank() == 0) {
            for (std::int32_t i = 0; i < rounds; ++i) {
                std::int32_t a = -1, b = -1;
                w.Recv(a, ANY_SOURCE, 1);                    // a receive senders may take directly...
                Request req = w.Irecv(b, ANY_SOURCE, 2);     // ...then one that only the locked path matches
                w.wait(req);
                w.check(a == i && b == i, "both values of this round");
                const std::int32_t go = i;
                w.Send(go, 1, 3);                            // release the senders for the next round
                w.Send(go, 2, 3);
            }
        } else {
            for (std::int32_t i = 0; i < rounds; ++i) {
                w.Send(i, 0, w.rank());   // rank 1 sends tag 1, rank 2 tag 2
                std::int32_t go = -1;
                w.Recv(go, 0, 3);
                w.check(go == i, "released for this round");
            }
        }
    });
    CHECK(status(r) == "completed");
}
