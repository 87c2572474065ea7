// The mistakes a student makes with collectives end the run with an explained outcome: mismatched
// calls name both calls with file:line, a collective only some ranks call is a deadlock (or, when it
// returned because its messages were buffered, an error that says real MPI may hang), and bad
// arguments (root, sizes, aliasing, op, algorithm) are errors that say what to change.
#include "collective_support.hpp"

using namespace mpilab;
using namespace mpilab::test;

namespace {

std::string error_text(const RunResult& r) {
    std::string s = r.outcome().message;
    if (r.outcome().error) s += " | " + r.outcome().error->kind + " | " + r.outcome().error->message;
    return s;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("ranks calling different collectives end the run with an error naming both calls and lines") {
    int bcast_line = 0, allgather_line = 0;
    const RunResult r = run_collective_program(2, {}, [&](Comm& c) {
        if (c.rank() == 0) {
            bcast_line = __LINE__ + 1;
            c.bcast(1, 0);
        } else {
            allgather_line = __LINE__ + 1;
            c.allgather(1);
        }
    });
    REQUIRE(status(r) == "error");
    const std::string text = error_text(r);
    INFO(text);
    CHECK(contains(text, "bcast"));
    CHECK(contains(text, "allgather"));
    CHECK(contains(text, "test_collective_errors.cpp:" + std::to_string(bcast_line)));
    CHECK(contains(text, "test_collective_errors.cpp:" + std::to_string(allgather_line)));
}

TEST_CASE("ranks disagreeing on the root, the op or the count of a collective end the run with an error") {
    const RunResult root = run_collective_program(3, {}, [](Comm& c) { c.bcast(1, c.rank() == 2 ? 1 : 0); });
    CHECK(status(root) == "error");
    const RunResult op = run_collective_program(3, {}, [](Comm& c) {
        int sum = 0;
        c.Allreduce(c.rank(), sum, c.rank() == 1 ? op::MAX : op::SUM);
    });
    CHECK(status(op) == "error");
    const RunResult count = run_collective_program(3, {}, [](Comm& c) {
        std::vector<int> b(c.rank() == 0 ? 4 : 5);
        c.Bcast(b, 0);
    });
    CHECK(status(count) == "error");
}

TEST_CASE("a collective called by only some ranks ends the run as a deadlock") {
    const RunResult r = run_collective_program(4, {}, [](Comm& c) {
        if (c.rank() == 0) c.bcast("hello", 0);
        c.recv(ANY_SOURCE, 99);   // the other ranks wait elsewhere
    });
    REQUIRE(status(r) == "deadlock");
    REQUIRE(r.outcome().deadlock);
    CHECK(!r.outcome().deadlock->blocked.empty());
}

TEST_CASE("a collective only rank 0 calls, that returned because its messages were buffered, is an error") {
    int bcast_line = 0;
    const RunResult r = run_collective_program(4, {}, [&](Comm& c) {
        bcast_line = __LINE__ + 1;
        if (c.rank() == 0) c.bcast("hello", 0);   // the tutorial's mistake: the others never receive
        c.print("done");
    });
    REQUIRE(status(r) == "error");
    REQUIRE(r.outcome().error);
    const ErrorInfo& e = *r.outcome().error;
    INFO(error_text(r));
    CHECK(e.rank == 0);
    CHECK(e.call == "bcast");
    CHECK(e.kind == "collective not called by every rank");
    CHECK(e.line == static_cast<std::uint32_t>(bcast_line));
    CHECK(contains(e.file, "test_collective_errors.cpp"));
    CHECK(contains(e.message, "bcast called by rank 0 only; it returned because its messages were buffered, real MPI may hang"));
    CHECK(contains(e.message, "ranks 1-3 of world never called it"));
    CHECK_FALSE(contains(r.outcome().message, "Deadlock"));
    CHECK(e.call_index != NONE);
    for (const RankRecord& rank : r.trace.ranks) CHECK(rank.end == RankEnd::Finished);
}

TEST_CASE("the same broadcast called by every rank, used only by rank 0, is not reported") {
    const RunResult r = run_collective_program(4, {}, [](Comm& c) {
        Value greeting = c.bcast(c.rank() == 0 ? Value("hello") : Value(), 0);
        if (c.rank() == 0) c.print(greeting);
        c.print("done");
    });
    CHECK(status(r) == "completed");
    CHECK(r.outcome().warnings.empty());
    CHECK_FALSE(r.outcome().error);
}

TEST_CASE("a reduce that only the non-root ranks call returns on them and is an error naming them") {
    const RunResult r = run_collective_program(3, {}, [](Comm& c) {
        if (c.rank() != 0) c.reduce(c.rank(), op::SUM, 0);
    });
    REQUIRE(status(r) == "error");
    INFO(error_text(r));
    CHECK(r.outcome().error->rank == 1);
    CHECK(contains(r.outcome().error->message, "reduce called by ranks 1, 2 only"));
    CHECK(contains(r.outcome().error->message, "rank 0 of world never called it"));
}

TEST_CASE("blocking gather called by all but one rank deadlocks with large messages") {
    const RunResult r = run_collective_program(3, {{"gather", "linear"}}, [](Comm& c) {
        if (c.rank() == 2) return;
        std::vector<double> mine(100, 1.0), all(c.rank() == 0 ? 300 : 0);
        c.Gather(mine, all, 0);
    });
    CHECK(status(r) == "deadlock");
}

TEST_CASE("an invalid root is an error naming the valid ranks") {
    const RunResult r = run_collective_program(3, {}, [](Comm& c) {
        std::vector<int> b(2);
        c.Bcast(b, 3);
    });
    REQUIRE(status(r) == "error");
    CHECK(contains(error_text(r), "invalid root"));
    CHECK(contains(error_text(r), "0..2"));
}

TEST_CASE("a receive buffer of the wrong size is an error saying the size it needs") {
    const RunResult r = run_collective_program(4, {}, [](Comm& c) {
        std::vector<int> all(3);   // needs 4
        c.Allgather(c.rank(), all);
    });
    REQUIRE(status(r) == "error");
    CHECK(contains(error_text(r), "buffer size mismatch"));
    CHECK(contains(error_text(r), "must hold 4"));
}

TEST_CASE("using the send buffer as the receive buffer is an error suggesting in_place()") {
    const RunResult r = run_collective_program(2, {}, [](Comm& c) {
        std::vector<double> v(4, 1.0);
        c.Allreduce(v, v, op::SUM);
    });
    REQUIRE(status(r) == "error");
    CHECK(contains(error_text(r), "aliased"));
    CHECK(contains(error_text(r), "in_place()"));
}

TEST_CASE("a bitwise op on doubles is an error explaining which types it takes") {
    const RunResult r = run_collective_program(2, {}, [](Comm& c) {
        double x = 1, y = 0;
        c.Allreduce(x, y, op::BAND);
    });
    REQUIRE(status(r) == "error");
    CHECK(contains(error_text(r), "BAND"));
    CHECK(contains(error_text(r), "integer"));
}

TEST_CASE("a generic op that cannot combine the values is an error") {
    const RunResult r = run_collective_program(2, {}, [](Comm& c) { c.allreduce("text", op::PROD); });
    REQUIRE(status(r) == "error");
    CHECK(contains(error_text(r), "PROD"));
}

TEST_CASE("an unknown algorithm in the config is refused before the run, listing the valid choices") {
    auto program = [](Comm& c) {
        std::vector<int> s(4), got(4);
        c.Alltoall(s, got);
    };
    try {
        run_collective_program(4, {{"alltoall", "butterfly"}}, program);
        FAIL("the config was accepted");
    } catch (const ConfigError& e) {
        CHECK(contains(e.what(), "butterfly"));
        CHECK(contains(e.what(), "linear, pairwise, bruck"));
    }
}

TEST_CASE("an alltoall send buffer that is not size() equal blocks is an error") {
    const RunResult r = run_collective_program(3, {}, [](Comm& c) {
        std::vector<int> s(4), got(4);
        c.Alltoall(s, got);
    });
    REQUIRE(status(r) == "error");
    CHECK(contains(error_text(r), "not size() (3) equal blocks"));
}

TEST_CASE("a generic scatter whose root passes the wrong number of items is an error") {
    const RunResult r = run_collective_program(3, {}, [](Comm& c) { c.scatter(Value::array({1, 2}), 0); });
    REQUIRE(status(r) == "error");
    CHECK(contains(error_text(r), "size() (3) items"));
}
