// Choices in virtual-time order: wildcard receives and probes, the waitany family, their record in the
// trace, and replaying forced choices.
#include "core/trace_json.hpp"
#include "support.hpp"

#include <cstdint>
#include <vector>

using namespace mpilab;
using namespace mpilab::test;

namespace {

// Workers 1..size-1 compute (size - rank) ms, so the last rank's message arrives first.
void staggered_workers(Comm& w) {
    if (w.rank() != 0) {
        w.compute(1e-3 * (w.size() - w.rank()));
        w.send(static_cast<std::int64_t>(w.rank()), 0, 0);
    }
}

// The trace's text without the measured wall time: what must be byte-identical from run to run.
std::string content(const Trace& t) { return trace_to_json(t, JsonOptions{.wall_time = false}); }

// Rank 0 receives one message from each other rank with ANY_SOURCE and reports the senders' order.
void collect_from_any(Comm& w, int tag) {
    if (w.rank() != 0) return;
    Value order = Value::array();
    for (int i = 1; i < w.size(); ++i) {
        Status status;
        w.recv(ANY_SOURCE, tag, &status);
        order.push_back(status.source);
    }
    w.result("order", order);
}

std::vector<int> arrival_order(const RunResult& r) {
    return r.outcome().results.at("order").get<std::vector<int>>();
}

}  // namespace

TEST_CASE("waitany returns the request that completes first in virtual time, not the lowest rank's") {
    auto program = [](Comm& w) {
        staggered_workers(w);
        if (w.rank() != 0) return;
        std::vector<Request> requests;
        for (int worker = 1; worker < w.size(); ++worker) requests.push_back(w.irecv(worker, 0));
        Value order = Value::array();
        for (int done = 1; done < w.size(); ++done) {
            Status status;
            w.waitany(requests, &status);
            order.push_back(status.source);
        }
        w.result("order", order);
    };
    auto first = run(config(4), program);
    REQUIRE_MESSAGE(status(first) == "completed", first.outcome().message);
    CHECK(arrival_order(first) == std::vector<int>{3, 2, 1});
    // The clock of rank 0 after its first waitany is rank 3's arrival (1 ms), not rank 1's (3 ms).
    const CallRecord* waitany = find_call(first.trace, 0, CallKind::Waitany);
    REQUIRE(waitany != nullptr);
    CHECK(waitany->leave < 1.5e-3);
    // The same run twice gives the same bytes.
    CHECK(content(first.trace) == content(run(config(4), program).trace));
}

TEST_CASE("a receive from ANY_SOURCE takes the message that arrives first in virtual time") {
    auto r = run(config(5), [](Comm& w) {
        staggered_workers(w);
        collect_from_any(w, 0);
    });
    REQUIRE(status(r) == "completed");
    CHECK(arrival_order(r) == std::vector<int>{4, 3, 2, 1});
}

TEST_CASE("a receive from ANY_SOURCE takes the earliest arrival under every deterministic schedule") {
    for (SchedulePolicy policy : {SchedulePolicy::RunUntilBlocked, SchedulePolicy::RoundRobin, SchedulePolicy::Random}) {
        Config c = config(4, 65536, policy);
        c.seed = 7;
        auto r = run(c, [](Comm& w) {
            staggered_workers(w);
            collect_from_any(w, ANY_TAG);
        });
        REQUIRE(status(r) == "completed");
        CHECK(arrival_order(r) == std::vector<int>{3, 2, 1});
    }
}

TEST_CASE("messages that arrive at the same virtual time are taken in rank order") {
    auto r = run(config(4), [](Comm& w) {
        if (w.rank() != 0) w.send(w.rank(), 0, 0);
        collect_from_any(w, 0);
    });
    REQUIRE(status(r) == "completed");
    CHECK(arrival_order(r) == std::vector<int>{1, 2, 3});
}

TEST_CASE("each choice is recorded with the alternatives it had and the one it took") {
    auto r = run(config(4), wildcard_race);
    REQUIRE(status(r) == "completed");
    REQUIRE(r.trace.choices.size() == 2);
    const ChoicePoint& first = r.trace.choices[0];
    CHECK(first.rank == 0);
    CHECK(first.ordinal == 0);
    CHECK(first.kind == CallKind::Recv);
    REQUIRE(first.alternatives.size() == 3);
    CHECK(first.alternatives[0].key == 1);
    CHECK(first.taken == 1);
    CHECK_FALSE(first.forced);
    REQUIRE(first.call != NONE);
    CHECK(r.trace.calls[first.call].kind == CallKind::Recv);
    CHECK(r.trace.choices[1].ordinal == 1);
    CHECK(r.trace.choices[1].alternatives.size() == 2);
}

TEST_CASE("a program without wildcards makes no choices") {
    auto r = run(config(3), [](Comm& w) {
        if (w.rank() == 0) {
            w.recv(1, 0);
            w.recv(2, 0);
        } else {
            w.send(w.rank(), 0, 0);
        }
    });
    REQUIRE(status(r) == "completed");
    CHECK(r.trace.choices.empty());
}

TEST_CASE("forced choices replay another match order, and the recorded choices reproduce it exactly") {
    Config c = config(3);
    c.choices = {ForcedChoice{0, 0, 2}};   // rank 0's first wildcard receive takes rank 2's message
    auto r = run(c, wildcard_race);
    CHECK(status(r) == "deadlock");
    REQUIRE(r.trace.choices.size() == 1);
    CHECK(r.trace.choices[0].taken == 2);
    CHECK(r.trace.choices[0].forced);

    Config replay = config(3);
    for (const ChoicePoint& p : r.trace.choices) replay.choices.push_back({p.rank, p.ordinal, p.taken});
    auto again = run(replay, wildcard_race);
    CHECK(content(again.trace) == content(r.trace));
}

TEST_CASE("a forced choice waits for its message when it is not there yet") {
    // Rank 2 sends only after rank 1's message was received: the choice of rank 2 is postponed.
    auto program = [](Comm& w) {
        if (w.rank() == 0) {
            Status a, b;
            w.recv(ANY_SOURCE, 0, &a);
            w.send(0, 2, 0);
            w.recv(ANY_SOURCE, 0, &b);
            w.result("order", Value::array({a.source, b.source}));
        } else if (w.rank() == 1) {
            w.send(1, 0, 0);
        } else {
            w.recv(0, 0);
            w.send(2, 0, 0);
        }
    };
    auto natural = run(config(3), program);
    REQUIRE(status(natural) == "completed");
    CHECK(arrival_order(natural) == std::vector<int>{1, 2});

    Config c = config(3);
    c.choices = {ForcedChoice{0, 0, 2}};   // cannot happen: rank 2 sends only after rank 0's first receive
    auto r = run(c, program);
    REQUIRE(status(r) == "error");
    CHECK(r.outcome().error->kind == "choice not reproducible");
    CHECK(r.outcome().message.find("rank 0's choice #1") != std::string::npos);
}

TEST_CASE("a receive posted after a pending ANY_SOURCE receive leaves it the first claim") {
    auto r = run(config(3), [](Comm& w) {
        if (w.rank() == 0) {
            std::int64_t a = 0, b = 0, c = 0;
            std::vector<Request> requests{w.Irecv(a, ANY_SOURCE, 0), w.Irecv(b, 1, 0), w.Irecv(c, 2, 0)};
            w.waitall(requests);
            w.result("values", Value::array({a, b, c}));
        } else if (w.rank() == 1) {
            w.Send(std::int64_t{10}, 0, 0);
            w.Send(std::int64_t{11}, 0, 0);
        } else {
            w.compute(1e-3);
            w.Send(std::int64_t{20}, 0, 0);
        }
    });
    REQUIRE(status(r) == "completed");
    CHECK(r.outcome().results.at("values") == Value::array({10, 11, 20}));
}

TEST_CASE("a probe for ANY_SOURCE reports the earliest arrival") {
    auto r = run(config(4), [](Comm& w) {
        staggered_workers(w);
        if (w.rank() != 0) return;
        Value order = Value::array();
        for (int i = 1; i < w.size(); ++i) {
            Status status = w.probe(ANY_SOURCE, 0);
            w.recv(status.source, 0);
            order.push_back(status.source);
        }
        w.result("order", order);
    });
    REQUIRE(status(r) == "completed");
    CHECK(arrival_order(r) == std::vector<int>{3, 2, 1});
}

TEST_CASE("waitsome returns the requests complete by the time the first one completes") {
    auto r = run(config(4), [](Comm& w) {
        if (w.rank() == 0) {
            std::vector<std::int64_t> values(4);
            std::vector<Request> requests;
            for (int k = 1; k < 4; ++k) requests.push_back(w.Irecv(values[k], k, 0));
            Value rounds = Value::array();
            int left = 3;
            while (left > 0) {
                std::vector<int> done = w.waitsome(requests);
                rounds.push_back(done);
                left -= static_cast<int>(done.size());
            }
            w.result("rounds", rounds);
        } else {
            w.compute(w.rank() == 3 ? 2e-3 : 0.0);   // ranks 1 and 2 at once, rank 3 later
            w.Send(std::int64_t{w.rank()}, 0, 0);
        }
    });
    REQUIRE(status(r) == "completed");
    CHECK(r.outcome().results.at("rounds") == Value::array({Value::array({0, 1}), Value::array({2})}));
}

TEST_CASE("a testany polling loop over ANY_SOURCE receives ends without a livelock") {
    auto r = run(config(3), [](Comm& w) {
        if (w.rank() == 0) {
            std::int64_t a = 0, b = 0;
            std::vector<Request> requests{w.Irecv(a, ANY_SOURCE, 0), w.Irecv(b, ANY_SOURCE, 0)};
            int received = 0;
            while (received < 2) {
                if (w.testany(requests) >= 0) ++received;
            }
            w.result("sum", a + b);
        } else {
            w.Send(std::int64_t{w.rank()}, 0, 0);
        }
    });
    REQUIRE(status(r) == "completed");
    CHECK(r.outcome().results.at("sum") == 3);
}

TEST_CASE("replayed choices are refused in free mode") {
    Config c = config(3, 65536, SchedulePolicy::Free);
    c.choices = {ForcedChoice{0, 0, 2}};
    CHECK_THROWS_WITH_AS(run(c, wildcard_race), doctest::Contains("deterministic schedule"), ConfigError);
}

TEST_CASE("the recorded choices survive a trip through the trace file, byte for byte") {
    Config c = config(4);
    c.choices = {ForcedChoice{0, 1, 3}};
    auto r = run(c, wildcard_race);
    REQUIRE(r.trace.choices.size() == 2);
    const std::string text = content(r.trace);
    Trace loaded = trace_from_json(text);
    REQUIRE(loaded.choices.size() == 2);
    CHECK(loaded.choices[1].taken == 3);
    CHECK(loaded.choices[1].forced);
    CHECK(loaded.choices[1].alternatives.size() == 2);
    CHECK(content(loaded) == text);
}
