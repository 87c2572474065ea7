// `mpilab check`: safe programs are called safe; a program that relies on buffering is unsafe, with the
// smallest eager threshold at which it completes found by bisection; errors are reported as errors.
#include "app/cli/check.hpp"
#include "app/source/scenario_source.hpp"

#include <doctest/doctest.h>

using namespace mpilab;
using namespace mpilab::cli;

namespace {

CheckResult check_id(const char* id, int ranks, const Value& params = Value::object()) {
    Config config;
    config.ranks = ranks;
    ProgramArgs args;
    args.overrides = params;
    return check_program(ScenarioSource(*find_scenario(id)), config, args);
}

}  // namespace

TEST_CASE("a program that relies on buffering is unsafe, and the bisection finds its message size") {
    CheckResult r = check_id("send-send", 2, {{"count", 100}});
    CHECK(r.verdict == Verdict::Unsafe);
    REQUIRE(r.smallest_threshold);
    CHECK(*r.smallest_threshold == 800);
    CHECK(r.at_threshold.outcome.status == OutcomeStatus::Completed);
    CHECK(r.zero_buffering.outcome.status == OutcomeStatus::Deadlock);
    CHECK(exit_status(r) == 2);
    CHECK(format_check(r).find("unsafe: it completes only because messages up to 800 bytes are buffered") !=
          std::string::npos);
}

TEST_CASE("a program that deadlocks at the given threshold still gets its smallest threshold") {
    CheckResult r = check_id("alltoall-deadlock", 4, {{"count", 10000}});
    CHECK(r.verdict == Verdict::Unsafe);
    REQUIRE(r.smallest_threshold);
    CHECK(*r.smallest_threshold == 80000);
}

TEST_CASE("a program that deadlocks whatever the buffering is unsafe without a threshold") {
    CheckResult r = check_id("head-to-head", 2);
    CHECK(r.verdict == Verdict::Unsafe);
    CHECK(!r.smallest_threshold);
}

TEST_CASE("the fixed alltoalls and sendrecv are safe") {
    for (const char* id : {"alltoall-ordered", "alltoall-isend", "sendrecv", "ring", "waitall-exchange"}) {
        CAPTURE(id);
        CheckResult r = check_id(id, 3, Value::object());
        CHECK(r.verdict == Verdict::Safe);
        CHECK(exit_status(r) == 0);
    }
}

TEST_CASE("a program that fails is reported as an error, not judged") {
    CheckResult r = check_id("type-mismatch", 2);
    CHECK(r.verdict == Verdict::Error);
    CHECK(exit_status(r) == 3);
}

TEST_CASE("the check's JSON carries the verdict and the threshold") {
    Value json = check_to_json(check_id("send-send", 2, {{"count", 100}}));
    CHECK(json["verdict"] == "unsafe");
    CHECK(json["smallest_eager_threshold"] == 800);
    CHECK(json["outcome"]["status"] == "completed");
    CHECK(json["zero_buffering_outcome"]["status"] == "deadlock");
}
