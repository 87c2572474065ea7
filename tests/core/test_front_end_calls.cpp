// The core calls a front end with its own objects relies on: a predefined op with the front end's own
// rule for generic values, the program's own errors beside its warnings, a Config as JSON for a worker
// process, and barrier() and Barrier() as one call.
#include "core/config_json.hpp"
#include "tests/core/support.hpp"

using namespace mpilab;
using namespace mpilab::test;

TEST_CASE("a predefined op can combine generic values by the front end's rule and keeps its name") {
    const Op concat = op::SUM.with_generic([](const Value& a, const Value& b) {
        return Value(a.get<std::string>() + "+" + b.get<std::string>());
    });
    CHECK(concat.kind() == OpKind::Sum);
    CHECK(concat.name() == "SUM");
    const RunResult r = run(config(3), [&concat](Comm& comm) {
        const Value all = comm.allreduce(Value(std::to_string(comm.rank())), concat);
        comm.check(all == "0+1+2", "combined in rank order by the front end's rule");
        std::int32_t one = 1, sum = 0;
        comm.Allreduce(one, sum, concat);   // typed buffers keep the built-in kernel
        comm.check(sum == 3, "typed SUM");
    });
    CHECK(status(r) == "completed");
    const CallRecord* call = find_call(r.trace, 0, CallKind::Allreduce);
    REQUIRE(call);
    CHECK(call->op == OpKind::Sum);
}

TEST_CASE("a front end ends the run with its program's own error at the program's line") {
    const RunResult r = run(config(2), [](Comm& comm) {
        if (comm.rank() == 1) {
            comm.warn("rank 1 was about to fail");
            comm.fail("", "Python exception", "rank 1 raised ValueError", Location("x.py", 12, "<module>"));
        }
        comm.recv(1);
    });
    REQUIRE(r.outcome().error);
    CHECK(r.outcome().error->kind == "Python exception");
    CHECK(r.outcome().error->file == "x.py");
    CHECK(r.outcome().error->line == 12);
    CHECK(r.outcome().error->rank == 1);
    REQUIRE(r.outcome().warnings.size() >= 1);
    CHECK(r.outcome().warnings[0] == "rank 1 was about to fail");
}

TEST_CASE("a config survives its JSON form, and a malformed one names the field") {
    Config c = config(5, 1234, SchedulePolicy::Random);
    c.seed = 7;
    c.buffer_cap = 99;
    c.algorithms["allreduce"] = "ring";
    c.params = {{"count", 3}};
    const Config back = config_from_json(config_to_json(c));
    CHECK(config_to_json(back) == config_to_json(c));
    Value broken = config_to_json(c);
    broken["ranks"] = "five";
    CHECK_THROWS_WITH_AS(config_from_json(broken), doctest::Contains("'ranks'"), ConfigError);
}

TEST_CASE("barrier() and Barrier() are one call: ranks may spell it differently, the trace keeps each spelling") {
    const RunResult r = run(config(2), [](Comm& comm) {
        if (comm.rank() == 0)
            comm.barrier();
        else
            comm.Barrier();
    });
    CHECK(status(r) == "completed");
    const CallRecord* lower = find_call(r.trace, 0, CallKind::Barrier);
    const CallRecord* upper = find_call(r.trace, 1, CallKind::Barrier);
    REQUIRE(lower);
    REQUIRE(upper);
    CHECK(call_name(lower->kind, lower->generic()) == "barrier");
    CHECK(call_name(upper->kind, upper->generic()) == "Barrier");
}
