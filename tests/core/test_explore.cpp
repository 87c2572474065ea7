// Exploring match orders: every distinct order is run once, deadlocks found in any of them, budgets
// respected, and the failing order replayable.
#include "core/explore.hpp"
#include "core/trace_json.hpp"
#include "support.hpp"

#include <cstdint>
#include <vector>

using namespace mpilab;
using namespace mpilab::test;

namespace {

std::function<Trace(const Config&)> runner(const Program& program) {
    return [program](const Config& c) { return run(c, program).trace; };
}

std::uint64_t factorial(int n) { return n <= 1 ? 1 : n * factorial(n - 1); }

}  // namespace

TEST_CASE("every match order of a wildcard race is run once, and the deadlocking ones are found") {
    for (int ranks = 3; ranks <= 5; ++ranks) {
        CAPTURE(ranks);
        Exploration ex = explore(runner(wildcard_race), config(ranks), ExploreLimits{});
        CHECK(ex.exhaustive);
        CHECK(ex.choices);
        // Rank 0's size-2 wildcard receives take an ordered selection of size-2 of the size-1 senders.
        const std::uint64_t orders = factorial(ranks - 1);
        CHECK(ex.orders == orders);
        // It deadlocks whenever the last rank's message is among them: all but (size-2)! orders.
        CHECK(ex.deadlocks == orders - factorial(ranks - 2));
        CHECK(ex.errors == 0);
        REQUIRE(ex.first_failing);
        CHECK(ex.first_failing->outcome.status == OutcomeStatus::Deadlock);
        CHECK(ex.first.outcome.status == OutcomeStatus::Completed);
    }
}

TEST_CASE("the first failing match order replays exactly from its recorded choices") {
    Exploration ex = explore(runner(wildcard_race), config(4), ExploreLimits{});
    REQUIRE(ex.first_failing);
    Config replay = config(4);
    replay.choices = replay_choices(*ex.first_failing);
    Trace again = run(replay, wildcard_race).trace;
    JsonOptions content;
    content.wall_time = false;
    CHECK(trace_to_json(again, content) == trace_to_json(*ex.first_failing, content));
}

TEST_CASE("a program without choices takes exactly one run") {
    Exploration ex = explore(runner([](Comm& w) {
                                 if (w.rank() == 0) w.recv(1, 0);
                                 if (w.rank() == 1) w.send(1, 0, 0);
                             }),
                             config(2), ExploreLimits{});
    CHECK(ex.runs == 1);
    CHECK(ex.orders == 1);
    CHECK_FALSE(ex.choices);
    CHECK(ex.exhaustive);
}

TEST_CASE("a choice whose message is only sent later is explored by postponing it") {
    // Rank 2 sends only after rank 1 has received from rank 0, so at rank 0's first wildcard receive
    // only rank 1's message is there; a real network could still deliver rank 2's first.
    auto program = [](Comm& w) {
        if (w.rank() == 0) {
            w.recv(ANY_SOURCE, 0);
            w.recv(ANY_SOURCE, 0);
            w.recv(ANY_SOURCE, 1);   // the last one must be rank 1's second message
        } else if (w.rank() == 1) {
            w.send(1, 0, 0);
            w.send(0, 2, 5);
            w.send(1, 0, 1);
        } else {
            w.recv(1, 5);
            w.send(2, 0, 0);
        }
    };
    Exploration ex = explore(runner(program), config(3), ExploreLimits{});
    CHECK(ex.exhaustive);
    CHECK(ex.orders == 2);   // rank 1 then 2, or 2 then 1 (the second only by postponing the first choice)
    CHECK(ex.deadlocks == 0);
}

TEST_CASE("waitany's choices are explored, including requests that complete later") {
    // Rank 0 waits for any of two receives; the order decides whether it later deadlocks.
    auto program = [](Comm& w) {
        if (w.rank() == 0) {
            std::vector<Request> requests{w.irecv(1, 0), w.irecv(2, 0)};
            Status status;
            w.waitany(requests, &status);
            if (status.source == 2) w.recv(1, 7);   // rank 1 never sends tag 7: a deadlock in that order
            w.waitall(requests);
        } else {
            w.compute(w.rank() * 1e-3);
            w.send(w.rank(), 0, 0);
        }
    };
    Exploration ex = explore(runner(program), config(3), ExploreLimits{});
    CHECK(ex.first.outcome.status == OutcomeStatus::Completed);   // rank 1's at 1 ms comes first
    CHECK(ex.orders == 2);
    CHECK(ex.deadlocks == 1);
}

TEST_CASE("exploration stops at its budget and says it was not exhaustive") {
    ExploreLimits limits;
    limits.max_runs = 3;
    Exploration ex = explore(runner(wildcard_race), config(5), limits);
    CHECK(ex.runs == 3);
    CHECK_FALSE(ex.exhaustive);
    CHECK_FALSE(ex.stopped_by_time);
    limits.max_runs = 1'000'000;
    limits.max_seconds = 0;
    ex = explore(runner(wildcard_race), config(5), limits);
    CHECK(ex.runs == 1);
    CHECK_FALSE(ex.exhaustive);
    CHECK(ex.stopped_by_time);
}
