// Every scenario reaches its expected outcome at its defaults and at 2, 3, 4, 5 and 8 ranks (where it
// runs with that many). Each scenario checks its own results, so a wrong runtime shows up as an error;
// every trace, under every schedule and with zero buffering, keeps the trace's invariants and round-trips.
// The rank sweep uses small parameter values to keep the binary fast; the defaults test uses the defaults.
#include "core/trace_check.hpp"
#include "core/trace_json.hpp"
#include "scenarios/registry.hpp"
#include "tests/scenarios/support.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace mpilab;

using test::allows;
using test::describe;
using test::small_params_for;

TEST_CASE("every scenario reaches its expected outcome at its defaults") {
    for (const Scenario& s : all_scenarios()) {
        CAPTURE(s.id);
        Config config;
        config.ranks = s.default_ranks;
        RunResult result = run_scenario(s, config);
        INFO(describe(result.outcome()));
        CHECK(result.outcome().status == s.expect);
    }
}

TEST_CASE("every scenario reaches its expected outcome at 2, 3, 4, 5 and 8 ranks") {
    for (const Scenario& s : all_scenarios()) {
        for (int ranks : {2, 3, 4, 5, 8}) {
            if (!allows(s, ranks)) continue;
            CAPTURE(s.id);
            CAPTURE(ranks);
            Config config;
            config.ranks = ranks;
            RunResult result = run_scenario(s, config, small_params_for(s.id));
            INFO(describe(result.outcome()));
            CHECK(result.outcome().status == s.expect);
        }
    }
}

TEST_CASE("every scenario that completes is correct MPI: it completes with zero buffering too") {
    for (const Scenario& s : all_scenarios()) {
        if (s.expect != OutcomeStatus::Completed) continue;
        CAPTURE(s.id);
        Config config;
        config.ranks = s.default_ranks;
        config.synchronous_sends = true;
        RunResult result = run_scenario(s, config, small_params_for(s.id));
        INFO(describe(result.outcome()));
        CHECK(result.outcome().status == OutcomeStatus::Completed);
    }
}

TEST_CASE("the deadlock scenarios explain their deadlock with a cycle and the blocked lines") {
    for (const char* id : {"head-to-head", "send-send", "alltoall-deadlock"}) {
        CAPTURE(id);
        const Scenario& s = *find_scenario(id);
        Config config;
        config.ranks = 2;
        RunResult result = run_scenario(s, config);
        REQUIRE(result.outcome().status == OutcomeStatus::Deadlock);
        REQUIRE(result.outcome().deadlock);
        const DeadlockInfo& info = *result.outcome().deadlock;
        CHECK(info.cycle == std::vector<std::int32_t>{0, 1});
        REQUIRE(info.blocked.size() == 2);
        for (const BlockedCall& b : info.blocked) {
            CHECK(scenario_for_file(b.file) == &s);
            CHECK(b.line > 0);
            CHECK(!b.reason.empty());
        }
    }
}

TEST_CASE("the error scenarios name the rank and the line of the failing call") {
    const Scenario& s = *find_scenario("type-mismatch");
    Config config;
    config.ranks = 2;
    RunResult result = run_scenario(s, config);
    REQUIRE(result.outcome().status == OutcomeStatus::Error);
    REQUIRE(result.outcome().error);
    CHECK(result.outcome().error->rank == 1);
    CHECK(result.outcome().error->call == "Recv");
    CHECK(scenario_for_file(result.outcome().error->file) == &s);
}

TEST_CASE("collective-in-branch deadlocks with rank 0 in reduce and the others finished") {
    Config config;
    config.ranks = 4;
    RunResult result = run_scenario(*find_scenario("collective-in-branch"), config);
    REQUIRE(result.outcome().status == OutcomeStatus::Deadlock);
    REQUIRE(result.outcome().deadlock);
    REQUIRE(result.outcome().deadlock->blocked.size() == 1);
    CHECK(result.outcome().deadlock->blocked[0].rank == 0);
    CHECK(result.outcome().deadlock->blocked[0].call_name == "reduce");
}

TEST_CASE("wildcard-race: every schedule completes, and the other match order deadlocks") {
    const Scenario& s = *find_scenario("wildcard-race");
    for (std::uint64_t seed = 0; seed < 10; ++seed) {
        Config config;
        config.ranks = 3;
        config.schedule = SchedulePolicy::Random;
        config.seed = seed;
        CHECK(run_scenario(s, config).outcome().status == OutcomeStatus::Completed);
    }
    Config config;
    config.ranks = 3;
    config.choices = {ForcedChoice{0, 0, 2}};   // the wildcard receive takes the last rank's message
    CHECK(run_scenario(s, config).outcome().status == OutcomeStatus::Deadlock);
}

TEST_CASE("waitany: rank 0 takes the results in the order they arrive in virtual time") {
    Config config;
    config.ranks = 4;
    RunResult result = run_scenario(*find_scenario("waitany"), config);
    REQUIRE(result.outcome().status == OutcomeStatus::Completed);
    CHECK(result.outcome().results.at("arrival order") == Value::array({3, 2, 1}));
}

TEST_CASE("a deterministic run of a scenario exports the same bytes every time") {
    for (const char* id : {"ring", "send-send", "bcast-reduce", "wildcard-race"}) {
        CAPTURE(id);
        const Scenario& s = *find_scenario(id);
        Config config;
        config.ranks = s.default_ranks;
        JsonOptions options;
        options.wall_time = false;
        std::string first = trace_to_json(run_scenario(s, config).trace, options);
        std::string second = trace_to_json(run_scenario(s, config).trace, options);
        CHECK(first == second);
    }
}

TEST_CASE("every scenario's trace keeps the trace's invariants and comes back from JSON byte for byte") {
    struct Variant {
        const char* name;
        int ranks;   // 0: the scenario's default
        SchedulePolicy schedule;
        bool synchronous;
    };
    const Variant variants[] = {
        {"defaults", 0, SchedulePolicy::RunUntilBlocked, false},
        {"round-robin on 3 ranks", 3, SchedulePolicy::RoundRobin, false},
        {"random schedule on 5 ranks", 5, SchedulePolicy::Random, false},
        {"zero buffering", 0, SchedulePolicy::RunUntilBlocked, true},
        {"free mode", 0, SchedulePolicy::Free, false},
    };
    JsonOptions options;
    options.wall_time = false;
    for (const Scenario& s : all_scenarios()) {
        for (const Variant& v : variants) {
            const int ranks = v.ranks ? v.ranks : s.default_ranks;
            if (!allows(s, ranks)) continue;
            CAPTURE(s.id);
            CAPTURE(v.name);
            Config config;
            config.ranks = ranks;
            config.schedule = v.schedule;
            config.seed = 7;
            config.synchronous_sends = v.synchronous;
            RunResult result = run_scenario(s, config, small_params_for(s.id));
            INFO(describe(result.outcome()));
            std::string broken;
            try {
                check_trace(result.trace);
            } catch (const TraceFormatError& e) {
                broken = e.what();
            }
            CHECK_MESSAGE(broken.empty(), broken);
            const std::string text = trace_to_json(result.trace, options);
            std::string again;
            try {
                again = trace_to_json(trace_from_json(text), options);
            } catch (const TraceFormatError& e) {
                again = e.what();
            }
            CHECK(again == text);
        }
    }
}

TEST_CASE("scenarios with integer results compute them without overflow at their largest rank counts") {
    auto results_at = [](std::string_view id, int ranks) {
        Config config;
        config.ranks = ranks;
        RunResult result = run_scenario(*find_scenario(id), config);
        INFO(describe(result.outcome()));
        REQUIRE(result.outcome().status == OutcomeStatus::Completed);
        return result.outcome().results;
    };
    CHECK(results_at("pipeline", 63)["final"] == std::int64_t{1} << 62);
    CHECK(results_at("reduce-custom-op", 20)["product"] == std::int64_t{2'432'902'008'176'640'000});   // 20!
    // 1291^3 is the first cube past 2^31: the gathered cubes are 64-bit.
    CHECK(results_at("scatter-work-gather", 1300)["largest_cube"] == std::int64_t{1299} * 1299 * 1299);
}

TEST_CASE("one rank more than fits is refused before the run, saying why") {
    auto refusal = [](std::string_view id, int ranks) -> std::string {
        Config config;
        config.ranks = ranks;
        try {
            run_scenario(*find_scenario(id), config);
        } catch (const ScenarioError& e) {
            return e.what();
        }
        return "accepted";
    };
    CHECK(refusal("pipeline", 64) ==
          "scenario 'pipeline' cannot run on 64 ranks: it runs on at most 63 ranks: the last rank receives "
          "2^(size-1), and from 64 ranks on that no longer fits in a 64-bit integer (its default is -n 5)");
    CHECK(refusal("reduce-custom-op", 1000).find("at most 20 ranks: the root gets size!, and 21! no longer fits") !=
          std::string::npos);
    CHECK(refusal("send-send", 1).find("cannot run on 1 rank: it needs at least 2 ranks") != std::string::npos);
}
