// Every scenario at the most ranks it accepts (4096 unless it says fewer), or, where its memory estimate
// says that would need more than a gigabyte, at the most ranks that fit in one: the rank arithmetic of
// each program (products, powers, offsets of rank * count) is exercised at its limit, and `.ci/run` runs
// these tests under AddressSanitizer and UndefinedBehaviorSanitizer, where an overflow fails them. One
// test case per category, so ctest runs them side by side. Parameters are the small ones of the outcome
// tests (the limits are about ranks, not message sizes); game-of-life gets a row for every rank.
#include "scenarios/registry.hpp"
#include "tests/scenarios/support.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>

using namespace mpilab;
using test::allows;
using test::describe;
using test::small_params_for;

namespace {

constexpr double kMemoryCap = 1024.0 * 1024 * 1024;
constexpr std::size_t kStackBytes = 256 * 1024;   // 4096 threads of the default 1 MiB reserve 4 GiB

Value limit_params(const Scenario& s, int ranks) {
    Value params = small_params_for(s.id);
    if (s.id == "game-of-life") params["rows"] = ranks;   // every rank needs a row of its own
    return params;
}

Config limit_config(int ranks) {
    Config config;
    config.ranks = ranks;
    config.stack_bytes = kStackBytes;
    // The scenarios of a category run one after another on the same 4096 threads: under the sanitizers,
    // starting a thread costs far more than the run it is for.
    config.reuse_threads = true;
    return config;
}

// The most ranks `s` runs on whose memory estimate (if it has one) stays under kMemoryCap; 0 if none.
int limit_ranks(const Scenario& s) {
    for (int ranks = s.max_ranks; ranks >= s.min_ranks; --ranks) {
        if (!allows(s, ranks)) continue;
        if (!s.memory_bytes) return ranks;
        const Params params = resolve_params(s, limit_params(s, ranks));
        if (s.memory_bytes(limit_config(ranks), params) <= kMemoryCap) return ranks;
    }
    return 0;
}

void run_category_at_its_limits(const std::string& category) {
    int scenarios = 0;
    for (const Scenario& s : all_scenarios()) {
        if (s.category != category) continue;
        ++scenarios;
        const int ranks = limit_ranks(s);
        CAPTURE(s.id);
        CAPTURE(ranks);
        REQUIRE(ranks > 0);
        RunResult result = run_scenario(s, limit_config(ranks), limit_params(s, ranks));
        INFO(describe(result.outcome()));
        CHECK(result.outcome().status == s.expect);
    }
    CHECK(scenarios > 0);
}

const std::set<std::string>& categories() {
    static const std::set<std::string> names{"Basics", "Collectives", "Non-blocking", "Applications",
                                             "Deadlocks and errors"};
    return names;
}

}  // namespace

TEST_CASE("the limit tests cover every category of the registry") {
    for (const Scenario& s : all_scenarios()) {
        CAPTURE(s.id);
        CHECK(categories().count(s.category) == 1);
    }
}

TEST_CASE("every Basics scenario reaches its expected outcome at the most ranks it accepts") {
    run_category_at_its_limits("Basics");
}

TEST_CASE("every Collectives scenario reaches its expected outcome at the most ranks it accepts") {
    run_category_at_its_limits("Collectives");
}

TEST_CASE("every Non-blocking scenario reaches its expected outcome at the most ranks it accepts") {
    run_category_at_its_limits("Non-blocking");
}

TEST_CASE("every Applications scenario reaches its expected outcome at the most ranks it accepts") {
    run_category_at_its_limits("Applications");
}

TEST_CASE("every Deadlocks and errors scenario reaches its expected outcome at the most ranks it accepts") {
    run_category_at_its_limits("Deadlocks and errors");
}

TEST_CASE("the scenarios whose memory grows with the square of the ranks are refused before they start") {
    for (const char* id : {"alltoall-deadlock", "alltoall-ordered", "alltoall-isend", "igather-vs-gather"}) {
        CAPTURE(id);
        const Scenario& s = *find_scenario(id);
        REQUIRE(s.memory_bytes);
        try {
            run_scenario(s, limit_config(MAX_RANKS));
            FAIL("a run at the defaults on 4096 ranks was not refused");
        } catch (const ScenarioError& e) {
            CHECK(std::string(e.what()).find("more than its memory budget") != std::string::npos);
        }
    }
}
