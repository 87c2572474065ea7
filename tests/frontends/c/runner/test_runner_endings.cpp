// How a rank may leave main: return, return without MPI_Finalize (a warning), exit() before
// MPI_Finalize (an error naming the line), exit() after it (fine), a failed assert() (an error).
#include "tests/frontends/c/support.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>

using namespace mpilab;
using mpilab::test::line_of;
using mpilab::test::output_of;
using mpilab::test::TestRun;

TEST_CASE("exit() in one rank before MPI_Finalize ends the run with an error naming the call and its line") {
    TestRun t("exit_early.c");
    RunResult result = t.run(3);
    REQUIRE(result.outcome().status == OutcomeStatus::Error);
    const ErrorInfo& error = *result.outcome().error;
    CHECK(error.rank == 1);
    CHECK(error.kind == "exit before MPI_Finalize");
    CHECK(error.call == "exit");
    CHECK(error.file == "exit_early.c");
    CHECK(error.line == line_of("exit_early.c", "EXIT HERE"));
    CHECK(error.message.find("rank 1 called exit(3) at exit_early.c:") != std::string::npos);
    CHECK(output_of(result.trace, 1) == std::vector<std::string>{"rank 1 leaves"});
}

TEST_CASE("exit() after MPI_Finalize ends the rank as a return from main does") {
    TestRun t("exit_after_finalize.c");
    RunResult result = t.run(3);
    CHECK(result.outcome().status == OutcomeStatus::Completed);
    CHECK(result.outcome().warnings.empty());
}

TEST_CASE("returning from main without MPI_Finalize is a warning") {
    TestRun t("no_finalize.c");
    RunResult result = t.run(2);
    REQUIRE(result.outcome().status == OutcomeStatus::Completed);
    REQUIRE(result.outcome().warnings.size() == 1);
    CHECK(result.outcome().warnings[0] == "rank 0 returned from main without calling MPI_Finalize");
}

TEST_CASE("a failed assert() ends the run with an error at the assertion's line") {
    TestRun t("assert.c");
    RunResult result = t.run(3);
    REQUIRE(result.outcome().status == OutcomeStatus::Error);
    const ErrorInfo& error = *result.outcome().error;
    CHECK(error.rank == 2);
    CHECK(error.kind == "assertion failed");
    CHECK(error.file == "assert.c");
    CHECK(error.line == line_of("assert.c", "ASSERT HERE"));
    CHECK(error.message.find("failed assert(value == 1) in main at assert.c:") != std::string::npos);
}

TEST_CASE("a rank that loops forever without calling MPI is stopped when the run is cancelled") {
    TestRun t("loop.c", c_runner::RunnerTimeouts{5.0, 0.2});
    std::atomic<bool> cancel{false};
    Config config;
    config.cancel = &cancel;
    std::thread canceller([&cancel] {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        cancel = true;
    });
    RunResult result = t.run(2, config);
    canceller.join();
    CHECK(result.outcome().status == OutcomeStatus::Cancelled);
    CHECK(result.trace.ranks.size() == 2);
}
