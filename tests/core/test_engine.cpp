// The engine's contract with a program: errors a student makes end the run with a message naming
// rank, call and line; exceptions stop every rank; PROC_NULL; output; results; config validation.
#include "core/engine.hpp"
#include "support.hpp"

#include <stdexcept>
#include <vector>

using namespace mpilab;
using namespace mpilab::test;

TEST_CASE("an invalid config is rejected before any thread starts") {
    Config c;
    c.ranks = 0;
    CHECK_THROWS_AS(run(c, [](Comm&) {}), ConfigError);
    c.ranks = 4097;
    CHECK_THROWS_WITH_AS(run(c, [](Comm&) {}), doctest::Contains("between 1 and 4096"), ConfigError);
    c = Config{};
    c.eager_threshold = -5;
    CHECK_THROWS_AS(run(c, [](Comm&) {}), ConfigError);
    c = Config{};
    c.cost.bandwidth = 0;
    CHECK_THROWS_AS(run(c, [](Comm&) {}), ConfigError);
    c = Config{};
    c.algorithms["alltoall"] = "bruk";
    CHECK_THROWS_WITH_AS(run(c, [](Comm&) {}), doctest::Contains("linear, pairwise, bruck"), ConfigError);
    c.algorithms = {{"alltoal", "bruck"}};
    CHECK_THROWS_WITH_AS(run(c, [](Comm&) {}), doctest::Contains("no collective is called 'alltoal'"), ConfigError);
}

TEST_CASE("sending to a rank that does not exist names the valid ranks") {
    auto r = run(config(4), [](Comm& w) {
        if (w.rank() == 2) w.send(1, 4, 0);
    });
    REQUIRE(status(r) == "error");
    const ErrorInfo& e = *r.outcome().error;
    CHECK(e.rank == 2);
    CHECK(e.call == "send");
    CHECK(e.kind == "invalid rank");
    CHECK(e.message.find("ranks 0..3") != std::string::npos);
    CHECK(r.trace.ranks[2].end == RankEnd::Failed);
}

TEST_CASE("a negative tag on a send and a negative count are errors") {
    auto tag = run(config(2), [](Comm& w) { w.send(1, 1 - w.rank(), -3); });
    CHECK(tag.outcome().error->kind == "invalid tag");
    auto count = run(config(2), [](Comm& w) {
        std::int32_t x = 0;
        w.Send(ConstBuffer(&x, -1, datatype_of<std::int32_t>), 1 - w.rank(), 0);
    });
    CHECK(count.outcome().error->kind == "invalid count");
}

TEST_CASE("a rank that throws ends the run with an error and every other rank is unblocked") {
    auto r = run(config(4), [](Comm& w) {
        if (w.rank() == 3) throw std::runtime_error("index out of range");
        w.recv(ANY_SOURCE, 0);   // would block forever
    });
    REQUIRE(status(r) == "error");
    CHECK(r.outcome().error->rank == 3);
    CHECK(r.outcome().error->kind == "exception");
    CHECK(r.outcome().message.find("index out of range") != std::string::npos);
}

TEST_CASE("a failed check names the program's line") {
    auto r = run(config(2), [](Comm& w) { w.check(w.rank() == 0, "only rank 0 passes"); });
    REQUIRE(status(r) == "error");
    CHECK(r.outcome().error->rank == 1);
    CHECK(r.outcome().error->file.find("test_engine.cpp") != std::string::npos);
    CHECK(r.outcome().message.find("only rank 0 passes") != std::string::npos);
}

TEST_CASE("PROC_NULL sends and receives return at once") {
    auto r = run(config(2), [](Comm& w) {
        w.send(1, PROC_NULL, 0);
        Status st;
        Value v = w.recv(PROC_NULL, 0, &st);
        w.check(v.is_null() && st.source == PROC_NULL, "null receive");
        const int right = w.rank() + 1 < w.size() ? w.rank() + 1 : PROC_NULL;
        const int left = w.rank() > 0 ? w.rank() - 1 : PROC_NULL;
        std::int32_t out = w.rank(), in = -1;
        w.Sendrecv(out, right, 0, in, left, 0);
        w.check(w.rank() == 0 ? in == -1 : in == 0, "shifted along a line");
    });
    CHECK(status(r) == "completed");
}

TEST_CASE("each rank's printed output is captured with its virtual time") {
    auto r = run(config(2), [](Comm& w) {
        w.compute(0.5 * w.rank());
        w.print("hello from ", w.rank(), " of ", w.size());
    });
    REQUIRE(r.trace.output.size() == 2);
    CHECK(r.trace.output[1].rank == 1);
    CHECK(r.trace.output[1].text == "hello from 1 of 2");
    CHECK(r.trace.output[1].time == doctest::Approx(0.5));
}

TEST_CASE("split groups ranks by colour, orders them by key, and isolates their traffic") {
    auto r = run(config(6), [](Comm& w) {
        Comm half = w.split(w.rank() % 2, -w.rank());   // keys reverse the order
        w.check(half.size() == 3, "three per colour");
        w.check(half.rank() == 2 - w.rank() / 2, "ordered by key");
        Value sum = 0;
        if (half.rank() == 0) {
            for (int i = 1; i < half.size(); ++i) sum = sum.get<int>() + half.recv(i, 0).get<int>();
            w.check(sum == (w.rank() % 2 == 0 ? 0 + 2 : 1 + 3), "sum of the two others' world ranks");
        } else {
            half.send(w.rank(), 0, 0);
        }
        Comm none = w.split(w.rank() == 0 ? 0 : UNDEFINED);
        w.check(none.is_null() == (w.rank() != 0), "UNDEFINED gives a null communicator");
    });
    CHECK(status(r) == "completed");
    CHECK(r.trace.comms.size() == 4);
}

TEST_CASE("using a null communicator is an error that says how to avoid it") {
    auto r = run(config(2), [](Comm& w) {
        Comm none = w.split(UNDEFINED);
        none.send(1, 0, 0);
    });
    REQUIRE(status(r) == "error");
    CHECK(r.outcome().error->kind == "invalid communicator");
}

TEST_CASE("mismatched communicator calls are reported with both lines") {
    auto r = run(config(2), [](Comm& w) {
        if (w.rank() == 0)
            w.dup();
        else
            w.split(0);
    });
    REQUIRE(status(r) == "error");
    CHECK(r.outcome().error->kind == "collective mismatch");
    CHECK(r.outcome().message.find("where rank 0 called dup") != std::string::npos);
}
