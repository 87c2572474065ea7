// Virtual time: latency + bytes / bandwidth per message, the rendezvous handshake, receives that
// complete at max(posting, arrival), and compute().
#include "core/clock.hpp"
#include "support.hpp"

#include <vector>

using namespace mpilab;
using namespace mpilab::test;

namespace {
Config costed(std::int64_t eager) {
    Config c = config(2, eager);
    c.cost.latency = 1e-6;
    c.cost.bandwidth = 1e9;   // 1 byte per ns
    return c;
}
}  // namespace

TEST_CASE("the cost model's formulas") {
    CostModel cost{2e-6, 1e9};
    EagerTimes e = eager_times(cost, 1.0, 1000);
    CHECK(e.sender_done == doctest::Approx(1.0 + 1e-6));
    CHECK(e.arrival == doctest::Approx(1.0 + 3e-6));
    RendezvousTimes r = rendezvous_times(cost, 1.0, 0.5, 1000);
    CHECK(r.match == doctest::Approx(1.0 + 2e-6));   // the envelope's arrival
    CHECK(r.sender_done == doctest::Approx(1.0 + 5e-6));
    CHECK(r.arrival == doctest::Approx(1.0 + 7e-6));  // a round trip more than eager
    CHECK(rendezvous_times(cost, 1.0, 3.0, 0).match == 3.0);
}

TEST_CASE("an eager message arrives after latency plus transfer, and the receive completes then") {
    auto r = run(costed(1 << 20), [](Comm& w) {
        std::vector<char> data(1000);
        if (w.rank() == 0) {
            w.Send(data, 1, 0);
            w.result("sender", w.wtime());
        } else {
            w.Recv(data, 0, 0);
            w.result("receiver", w.wtime());
        }
    });
    REQUIRE(status(r) == "completed");
    CHECK(r.outcome().results["sender"].get<double>() == doctest::Approx(1e-6));
    CHECK(r.outcome().results["receiver"].get<double>() == doctest::Approx(2e-6));
    const MessageRecord& m = r.trace.messages.at(0);
    CHECK(m.arrival_time == doctest::Approx(2e-6));
    CHECK(m.complete_time == doctest::Approx(2e-6));
}

TEST_CASE("a receive posted after the data arrived completes at its posting time") {
    auto r = run(costed(1 << 20), [](Comm& w) {
        std::vector<char> data(1000);
        if (w.rank() == 0) {
            w.Send(data, 1, 0);
        } else {
            w.compute(5.0);
            w.Recv(data, 0, 0);
            w.result("receiver", w.wtime());
        }
    });
    CHECK(r.outcome().results["receiver"].get<double>() == doctest::Approx(5.0));
}

TEST_CASE("a rendezvous send pays the handshake and waits for the late receive") {
    auto r = run(costed(10), [](Comm& w) {
        std::vector<char> data(1000);
        if (w.rank() == 0) {
            w.Send(data, 1, 0);
            w.result("sender", w.wtime());
        } else {
            w.compute(2.0);
            w.Recv(data, 0, 0);
            w.result("receiver", w.wtime());
        }
    });
    // match at 2.0; clear-to-send back 1 us; data 1 us transfer + 1 us latency.
    CHECK(r.outcome().results["sender"].get<double>() == doctest::Approx(2.0 + 2e-6));
    CHECK(r.outcome().results["receiver"].get<double>() == doctest::Approx(2.0 + 3e-6));
    CHECK(r.trace.messages.at(0).match_time == doctest::Approx(2.0));
}

TEST_CASE("virtual time does not depend on the schedule") {
    auto program = [](Comm& w) {
        w.compute(0.1 * w.rank());
        Value v = w.sendrecv(w.rank(), (w.rank() + 1) % w.size(), 0, (w.rank() + w.size() - 1) % w.size(), 0);
        w.result("t" + std::to_string(w.rank()), w.wtime());
    };
    auto a = run(config(4, 65536, SchedulePolicy::RunUntilBlocked), program);
    auto b = run(config(4, 65536, SchedulePolicy::RoundRobin), program);
    CHECK(a.outcome().results == b.outcome().results);
}

TEST_CASE("compute rejects negative or non-finite durations") {
    auto r = run(config(1), [](Comm& w) { w.compute(-1); });
    CHECK(status(r) == "error");
    CHECK(r.outcome().error->call == "compute");
}
