// A crash in one rank is an outcome: the rank, the signal, the function and the line of the program,
// with the trace up to the crash — and never the end of the process that asked for the run.
#include "tests/frontends/c/support.hpp"

#include <doctest/doctest.h>

using namespace mpilab;
using mpilab::test::line_of;
using mpilab::test::output_of;
using mpilab::test::TestRun;

namespace {

const ErrorInfo& crash_of(const RunResult& result) {
    REQUIRE(result.outcome().status == OutcomeStatus::Error);
    REQUIRE(result.outcome().error);
    CHECK(result.outcome().error->kind == "crash");
    MESSAGE(result.outcome().error->message);
    return *result.outcome().error;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a null pointer in one rank is reported with its function and line, and the trace is kept") {
    TestRun t("segfault.c");
    RunResult result = t.run(4);
    const ErrorInfo& error = crash_of(result);
    const unsigned line = line_of("segfault.c", "CRASH HERE");
    CHECK(error.rank == 2);
    CHECK(error.file == "segfault.c");
    CHECK(error.line == line);
    CHECK(contains(error.message, "rank 2 crashed (SIGSEGV) in read_through at segfault.c:" + std::to_string(line)));
    CHECK(contains(error.message, "a null pointer"));
    CHECK(output_of(result.trace, 2) == std::vector<std::string>{"rank 2 before"});
    CHECK(result.trace.ranks[2].end == RankEnd::Failed);
}

TEST_CASE("endless recursion is reported as a stack overflow") {
    TestRun t("overflow.c");
    RunResult result = t.run(2);
    const ErrorInfo& error = crash_of(result);
    CHECK(error.rank == 1);
    CHECK(contains(error.message, "rank 1 crashed (SIGSEGV: stack overflow) in depth at overflow.c:"));
    CHECK(contains(error.message, "endless recursion"));
}

TEST_CASE("an integer division by zero is reported as such") {
    TestRun t("divzero.c");
    RunResult result = t.run(2);
    const ErrorInfo& error = crash_of(result);
    CHECK(error.rank == 0);
    CHECK(error.line == line_of("divzero.c", "DIVIDE HERE"));
    CHECK(contains(error.message, "(SIGFPE) in main at divzero.c:"));
    CHECK(contains(error.message, "integer division by zero"));
}

TEST_CASE("abort() is reported at the line that called it") {
    TestRun t("abort.c");
    RunResult result = t.run(2);
    const ErrorInfo& error = crash_of(result);
    CHECK(error.rank == 1);
    CHECK(error.line == line_of("abort.c", "ABORT HERE"));
    CHECK(contains(error.message, "(SIGABRT)"));
    CHECK(contains(error.message, "main at abort.c:"));
}

TEST_CASE("a crash inside a C library function names it and the program's line that called it") {
    TestRun t("strlen_null.c");
    RunResult result = t.run(2);
    const ErrorInfo& error = crash_of(result);
    CHECK(error.rank == 1);
    CHECK(error.line == line_of("strlen_null.c", "STRLEN HERE"));
    CHECK(contains(error.message, "rank 1 crashed (SIGSEGV) in a function of libc.so.6, called from main at strlen_null.c:"));
}

TEST_CASE("a crash inside the runtime (a bad buffer) is reported from the crash record when the process dies") {
    TestRun t("bad_buffer.c");
    RunResult result = t.run(2);
    const ErrorInfo& error = crash_of(result);
    CHECK(error.rank == 0);
    CHECK(error.file == "bad_buffer.c");
    CHECK(contains(error.message, "inside its MPI call at bad_buffer.c:"));
    CHECK(contains(error.message, "the trace of this run is lost, because the crash happened inside the MPI library"));
    CHECK(result.trace.ranks.size() == 2);
}

TEST_CASE("a crash that leaves the C library's heap locked is ended by the watchdog and still reported") {
    TestRun t("heap.c", c_runner::RunnerTimeouts{1.0, 1.0});
    RunResult result = t.run(2);
    const ErrorInfo& error = crash_of(result);
    CHECK(error.rank == 1);
    CHECK(contains(error.message, "rank 1 crashed (SIGABRT) in main at heap.c:"));
    CHECK(contains(error.message, "the run process could not recover from the crash and was ended"));
}

TEST_CASE("the same program keeps running after a crash: the next run starts clean") {
    TestRun t("segfault.c");
    for (int run = 0; run < 3; ++run) {
        RunResult result = t.run(3);
        CHECK(crash_of(result).rank == 2);
    }
}
