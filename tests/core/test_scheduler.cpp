// Scheduling: the ready set, the policies, determinism (byte-identical traces), free mode, scale.
#include "core/scheduler.hpp"
#include "core/trace_json.hpp"
#include "support.hpp"

#include <set>
#include <vector>

using namespace mpilab;
using namespace mpilab::test;

namespace {

// A program with a wildcard race (ANY_SOURCE): the messages all arrive at the same virtual time.
void racing(Comm& w) {
    if (w.rank() == 0) {
        Value order = Value::array();
        for (int i = 1; i < w.size(); ++i) order.push_back(w.recv(ANY_SOURCE, 0));
        w.result("order", order);
    } else {
        w.compute(0.001);
        w.send(w.rank(), 0, 0);
    }
}

std::string serialised(const RunResult& r) {
    JsonOptions options;
    options.wall_time = false;
    return trace_to_json(r.trace, options);
}

}  // namespace

TEST_CASE("the ready set finds the lowest, the next after a rank cyclically, and the n-th") {
    ReadySet s(130);
    for (int r : {3, 64, 129}) s.insert(r);
    CHECK(s.size() == 3);
    CHECK(s.lowest() == 3);
    CHECK(s.next_after(3) == 64);
    CHECK(s.next_after(64) == 129);
    CHECK(s.next_after(129) == 3);
    CHECK(s.next_after(5) == 64);
    CHECK(s.nth(2) == 129);
    s.erase(64);
    CHECK(s.next_after(3) == 129);
    CHECK(s.size() == 2);
}

TEST_CASE("the same program, config and seed give a byte-identical trace") {
    for (SchedulePolicy p : {SchedulePolicy::RunUntilBlocked, SchedulePolicy::RoundRobin, SchedulePolicy::Random}) {
        CAPTURE(schedule_name(p));
        Config c = config(6, 65536, p);
        c.seed = 42;
        std::string first = serialised(run(c, racing));
        std::string second = serialised(run(c, racing));
        CHECK(first == second);
    }
}

TEST_CASE("no seed of the random policy changes which message a wildcard receive takes: virtual time does") {
    std::set<std::string> orders;
    for (std::uint64_t seed = 0; seed < 12; ++seed) {
        Config c = config(4, 65536, SchedulePolicy::Random);
        c.seed = seed;
        orders.insert(run(c, racing).outcome().results["order"].dump());
    }
    CHECK(orders == std::set<std::string>{"[1,2,3]"});   // all arrive at 1 ms: ties go to the lower rank
}

TEST_CASE("run-until-blocked runs the lowest ready rank and round-robin interleaves at every call") {
    auto order_of = [](SchedulePolicy p) {
        auto r = run(config(3, 65536, p), [](Comm& w) {
            w.compute(0);
            w.compute(0);
        });
        std::vector<int> ranks;
        for (const CallRecord& c : r.trace.calls) ranks.push_back(c.rank);
        return ranks;
    };
    CHECK(order_of(SchedulePolicy::RunUntilBlocked) == std::vector<int>{0, 0, 1, 1, 2, 2});
    CHECK(order_of(SchedulePolicy::RoundRobin) == std::vector<int>{0, 1, 2, 0, 1, 2});
}

TEST_CASE("free mode runs ranks concurrently and still detects deadlocks exactly") {
    auto ok = run(config(4, 65536, SchedulePolicy::Free), [](Comm& w) {
        for (int i = 0; i < 200; ++i)
            w.sendrecv(i, (w.rank() + 1) % w.size(), 0, (w.rank() + w.size() - 1) % w.size(), 0);
    });
    CHECK(status(ok) == "completed");
    auto stuck = run(config(4, 65536, SchedulePolicy::Free), [](Comm& w) { w.recv((w.rank() + 1) % w.size(), 0); });
    CHECK(status(stuck) == "deadlock");
    CHECK(stuck.outcome().deadlock->cycle.size() == 4);
}

// Thousands of ranks are thousands of threads: under ThreadSanitizer (which shadows every one of them,
// many times slower) the same exchange runs on 1024 ranks so that the sanitizer stage stays bounded.
#if defined(__SANITIZE_THREAD__)
constexpr int MANY_RANKS = 1024;
#else
constexpr int MANY_RANKS = 4096;
#endif

TEST_CASE("thousands of ranks start, exchange with their neighbours and finish") {
    Config c = config(MANY_RANKS);
    c.stack_bytes = 256 * 1024;
    auto r = run(c, [](Comm& w) {
        const int right = (w.rank() + 1) % w.size(), left = (w.rank() + w.size() - 1) % w.size();
        Value v = w.sendrecv(w.rank(), right, 0, left, 0);
        w.check(v == left, "neighbour's rank");
    });
    CHECK(status(r) == "completed");
    CHECK(r.trace.messages.size() == MANY_RANKS);
}

TEST_CASE("a cancelled run ends with outcome cancelled") {
    std::atomic<bool> cancel{true};
    Config c = config(2);
    c.cancel = &cancel;
    auto r = run(c, [](Comm& w) { w.compute(1); });
    CHECK(status(r) == "cancelled");
}

TEST_CASE("ranks polling with test step aside in turn so that every other rank gets to run") {
    auto r = run(config(4), [](Comm& w) {
        // Ranks 0 and 1 poll for messages that ranks 2 and 3 send only when they get to run.
        if (w.rank() < 2) {
            Request req = w.irecv(w.rank() + 2, 0);
            int polls = 0;
            while (!w.test(req)) ++polls;
            w.check(polls < 100, "the senders ran after a few polls");
        } else {
            w.send(w.rank(), w.rank() - 2, 0);
        }
    });
    CHECK(status(r) == "completed");
}
