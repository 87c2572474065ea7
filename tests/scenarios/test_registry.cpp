// The registry: one entry per id, each with its source text embedded, and parameters that are
// validated with messages a student can act on.
#include "scenarios/registry.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>

using namespace mpilab;

TEST_CASE("every scenario has a unique id, a category, a summary and its own source text") {
    std::set<std::string> ids;
    const std::set<std::string> categories{"Basics", "Collectives", "Non-blocking", "Applications",
                                           "Deadlocks and errors"};
    REQUIRE(all_scenarios().size() >= 35);
    for (const Scenario& s : all_scenarios()) {
        CAPTURE(s.id);
        CHECK(ids.insert(s.id).second);
        CHECK(categories.count(s.category) == 1);
        CHECK(!s.title.empty());
        CHECK(s.summary.size() > 40);
        CHECK(s.source_file.starts_with("scenarios/"));
        CHECK(s.source_text.find("\"" + s.id + "\"") != std::string_view::npos);
        CHECK(s.min_ranks <= s.default_ranks);
        CHECK(s.default_ranks <= s.max_ranks);
        CHECK(s.program);
    }
}

TEST_CASE("the ids the course needs are all there") {
    for (const char* id :
         {"hello", "send-recv", "pingpong", "pipeline", "ring", "bcast-reduce", "scatter-gather", "allreduce",
          "parallel-sum", "comm-split", "nonblocking-overlap", "igather-vs-gather", "monte-carlo-pi", "trapezoid",
          "matmul", "game-of-life", "head-to-head", "send-send", "sendrecv", "alltoall-deadlock", "alltoall-ordered",
          "alltoall-isend", "collective-in-branch", "collective-mismatch", "type-mismatch", "wildcard-race"}) {
        CAPTURE(id);
        CHECK(find_scenario(id) != nullptr);
    }
    CHECK(find_scenario("no-such-scenario") == nullptr);
}

TEST_CASE("a source location's file maps back to its scenario") {
    CHECK(repo_relative_path("/home/student/mpilab/scenarios/ring.cpp") == "scenarios/ring.cpp");
    CHECK(repo_relative_path("../../scenarios/ring.cpp") == "scenarios/ring.cpp");
    CHECK(repo_relative_path("/src/mpilab/core/engine.cpp") == "core/engine.cpp");
    CHECK(repo_relative_path("/x/myscenarios/ring.cpp") == "/x/myscenarios/ring.cpp");
    CHECK(repo_relative_path("main.cpp") == "main.cpp");
    const Scenario* ring = scenario_for_file("/anywhere/scenarios/ring.cpp");
    REQUIRE(ring != nullptr);
    CHECK(ring->id == "ring");
    CHECK(scenario_for_file("/anywhere/core/engine.cpp") == nullptr);
    CHECK(scenario_source_text("/anywhere/scenarios/alltoall_challenge.cpp").find("run_challenge") !=
          std::string_view::npos);
    CHECK(scenario_source_text("/anywhere/scenarios/ring.cpp") == ring->source_text);
    CHECK(scenario_source_text("/anywhere/core/engine.cpp").empty());
}

TEST_CASE("parameters take their defaults, accept text of the right type and reject everything else") {
    const Scenario& s = *find_scenario("pingpong");
    Params defaults = resolve_params(s, Value::object());
    CHECK(defaults.integer("bytes") == 1024);
    CHECK(resolve_params(s, {{"bytes", "70000"}}).integer("bytes") == 70000);
    CHECK(resolve_params(s, {{"bytes", "70_000"}}).integer("bytes") == 70000);
    CHECK(resolve_params(s, {{"bytes", 12}}).integer("bytes") == 12);
    CHECK_THROWS_WITH_AS(resolve_params(s, {{"size", "3"}}),
                         doctest::Contains("has no parameter 'size'; its parameters are: bytes, iters"), ScenarioError);
    CHECK_THROWS_WITH_AS(resolve_params(s, {{"bytes", "lots"}}), doctest::Contains("must be an integer, not 'lots'"),
                         ScenarioError);
    CHECK_THROWS_WITH_AS(resolve_params(s, {{"bytes", "1.5"}}), doctest::Contains("must be an integer"), ScenarioError);
    CHECK_THROWS_WITH_AS(resolve_params(s, {{"iters", "0"}}), doctest::Contains("must be between 1 and 100,000, not 0"),
                         ScenarioError);

    const Scenario& overlap = *find_scenario("nonblocking-overlap");
    CHECK(resolve_params(overlap, {{"overlap", "false"}}).boolean("overlap") == false);
    CHECK(resolve_params(overlap, {{"work", "0.5"}}).number("work") == 0.5);
    CHECK_THROWS_AS(resolve_params(overlap, {{"overlap", "maybe"}}), ScenarioError);
    CHECK_THROWS_AS(resolve_params(overlap, {{"work", "nan"}}), ScenarioError);
}

TEST_CASE("a scenario refuses a rank count it cannot run with, and says which it can") {
    CHECK_THROWS_WITH_AS(check_ranks(*find_scenario("matmul"), 3), doctest::Contains("square grid"), ScenarioError);
    CHECK_THROWS_WITH_AS(check_ranks(*find_scenario("send-recv"), 3), doctest::Contains("exactly 2 ranks"),
                         ScenarioError);
    CHECK_THROWS_WITH_AS(check_ranks(*find_scenario("wildcard-race"), 2), doctest::Contains("at least 3 ranks"),
                         ScenarioError);
    CHECK_THROWS_WITH_AS(check_ranks(*find_scenario("head-to-head"), 3), doctest::Contains("even number"),
                         ScenarioError);
    CHECK_NOTHROW(check_ranks(*find_scenario("matmul"), 9));
    Config config;
    config.ranks = 3;
    CHECK_THROWS_AS(run_scenario(*find_scenario("matmul"), config), ScenarioError);
}
