// The report reads as a student needs it: output prefixed by rank, the deadlock's cycle, each blocked call
// with its file:line and reason, the standard fixes; errors with rank, call and line; and the traffic.
#include "app/cli/report.hpp"
#include "scenarios/registry.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace mpilab;
using namespace mpilab::cli;

namespace {

Trace run_id(const char* id, int ranks, const Value& params = Value::object(), std::int64_t eager = 65536) {
    Config config;
    config.ranks = ranks;
    config.eager_threshold = eager;
    return run_scenario(*find_scenario(id), config, params).trace;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("numbers, sizes and times are formatted for reading") {
    CHECK(format_number(0) == "0");
    CHECK(format_number(999) == "999");
    CHECK(format_number(80000) == "80,000");
    CHECK(format_number(-1234567) == "-1,234,567");
    CHECK(format_bytes(1) == "1 byte");
    CHECK(format_bytes(65536) == "65,536 bytes");
    CHECK(format_seconds(0) == "0 s");
    CHECK(format_seconds(2.5e-6) == "2.5 us");
    CHECK(format_seconds(0.0125) == "12.5 ms");
    CHECK(format_seconds(3.0) == "3 s");
}

TEST_CASE("exit statuses follow the outcome") {
    CHECK(exit_status(OutcomeStatus::Completed) == 0);
    CHECK(exit_status(OutcomeStatus::Deadlock) == 2);
    CHECK(exit_status(OutcomeStatus::Error) == 3);
}

TEST_CASE("a deadlock report shows the cycle, each blocked line and why, and the fixes") {
    std::string report = format_report(run_id("send-send", 2));
    INFO(report);
    CHECK(contains(report, "send-send on 2 ranks, schedule run-until-blocked\neager threshold 65,536 bytes (--eager default: "));
    CHECK(contains(report, "parameters: count=10000"));
    CHECK(contains(report, "DEADLOCK"));
    CHECK(contains(report, "Cycle: rank 0 -> rank 1 -> rank 0"));
    CHECK(contains(report, "rank 0: Send (to rank 1, tag 0, 80,000 bytes, rendezvous) at scenarios/send_send.cpp:"));
    CHECK(contains(report, "rank 1: Send (to rank 0, tag 0, 80,000 bytes, rendezvous) at scenarios/send_send.cpp:"));
    CHECK(contains(report, "the lower rank sends first"));
    CHECK(contains(report, "sendrecv"));
    CHECK(contains(report, "waitall"));
    CHECK(contains(report, "only hides the bug"));
    CHECK(!contains(report, "/work/"));   // paths are relative to the repository
}

TEST_CASE("a head-to-head deadlock needs no rendezvous note") {
    std::string report = format_report(run_id("head-to-head", 2));
    INFO(report);
    CHECK(contains(report, "rank 0: recv (from rank 1, tag 0) at scenarios/head_to_head.cpp:"));
    CHECK(!contains(report, "only hides the bug"));
}

TEST_CASE("an error report names the rank, the call and the line") {
    std::string report = format_report(run_id("type-mismatch", 2));
    INFO(report);
    CHECK(contains(report, "ERROR"));
    CHECK(contains(report, "rank 1 in Recv at scenarios/type_mismatch.cpp:"));
}

TEST_CASE("a completion report shows output by rank, results, traffic and virtual time") {
    std::string report = format_report(run_id("trapezoid", 3, {{"n", 30}}));
    INFO(report);
    CHECK(contains(report, "[rank 0] Number of ranks = 3"));
    CHECK(contains(report, "[rank 1] PE 1 -> 0"));
    CHECK(contains(report, "COMPLETED: all 3 ranks returned."));
    CHECK(contains(report, "integral = 2.66"));
    CHECK(contains(report, "Messages: 2 ("));
    CHECK(contains(report, "2 eager, 0 rendezvous"));
    CHECK(contains(report, "virtual time"));
}

TEST_CASE("a large message is counted as rendezvous") {
    std::string report = format_report(run_id("pingpong", 2, {{"bytes", 70000}, {"iters", 2}}));
    INFO(report);
    CHECK(contains(report, "Messages: 4 (280,000 bytes): 0 eager, 4 rendezvous"));
}

TEST_CASE("a trace's paths can be made relative to the repository, messages included") {
    Trace trace = run_id("type-mismatch", 2);
    make_paths_relative(trace);
    for (const SourceLocation& location : trace.locations) {
        CAPTURE(location.file);
        CHECK((location.file.starts_with("scenarios/") || location.file.starts_with("core/")));
    }
    REQUIRE(trace.outcome.error);
    CHECK(trace.outcome.error->file == "scenarios/type_mismatch.cpp");
    CHECK(contains(trace.outcome.message, " scenarios/type_mismatch.cpp:"));
}

TEST_CASE("a deadlock after a wildcard receive points at the wildcard, not at reordering sends") {
    Config config;
    config.ranks = 3;
    config.choices = {ForcedChoice{0, 0, 2}};   // the wildcard receive takes the last rank's message
    Trace trace = run_scenario(*find_scenario("wildcard-race"), config).trace;
    REQUIRE(trace.outcome.status == OutcomeStatus::Deadlock);
    std::string report = format_report(trace);
    INFO(report);
    CHECK(contains(report, "The receive from ANY_SOURCE at scenarios/wildcard_race.cpp:"));
    CHECK(contains(report, "took rank 2's message"));
    CHECK(contains(report, "which has already finished"));
    CHECK(contains(report, "1 never received"));
    CHECK(!contains(report, "sends first"));
}

TEST_CASE("a report stays under 60 lines at a thousand ranks, and --verbose lists every blocked rank") {
    for (const char* id : {"collective-in-branch", "head-to-head"}) {
        const Trace trace = run_id(id, 1000);
        const std::string report = format_report(trace);
        INFO(report);
        CHECK(std::count(report.begin(), report.end(), '\n') < 60);
        for (std::size_t start = 0, end; (end = report.find('\n', start)) != std::string::npos; start = end + 1)
            CHECK(end - start < 300);
        const std::string verbose = format_report(trace, true);
        CHECK(std::count(verbose.begin(), verbose.end(), '\n') > 990);
    }
    const std::string report = format_report(run_id("collective-in-branch", 1000));
    CHECK(contains(report, "Already finished: ranks 1-999"));
    CHECK(contains(report, "ranks 1-999 have not called reduce"));
}
