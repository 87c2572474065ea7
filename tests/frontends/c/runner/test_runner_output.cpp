// The runner gives every rank its own copy of the program (globals, statics, argv) and its own output,
// and a run of the default schedule is the same every time.
#include "tests/frontends/c/support.hpp"

#include "core/trace_json.hpp"

#include <doctest/doctest.h>

using namespace mpilab;
using mpilab::test::output_of;
using mpilab::test::TestRun;

TEST_CASE("each rank has its own globals and statics") {
    TestRun t("globals.c");
    RunResult result = t.run(4);
    INFO(test::all_output(result.trace));
    REQUIRE(result.outcome().status == OutcomeStatus::Completed);
    for (int rank = 0; rank < 4; ++rank) {
        const std::string expected = "rank " + std::to_string(rank) + " counter " + std::to_string(rank + 11) +
                                     " global " + std::to_string(42 + rank);
        CHECK(output_of(result.trace, rank) == std::vector<std::string>{expected});
    }
}

TEST_CASE("every rank runs copy 0's pages of code and constants, and keeps globals of its own") {
    // 1,024 private copies of the code made the 1,024-rank ring 20% slower than one shared copy.
    TestRun t("shared_code.c");
    RunResult result = t.run(3);
    INFO(test::all_output(result.trace));
    REQUIRE(result.outcome().status == OutcomeStatus::Completed);
    for (int rank = 0; rank < 3; ++rank) {
        const std::string r = std::to_string(rank);
        const auto lines = output_of(result.trace, rank);
        REQUIRE(lines.size() == 3);
        CHECK(lines[0] == "rank " + r + " code /memfd:mpilab-rank-0 (deleted)");
        CHECK(lines[1] == "rank " + r + " constant /memfd:mpilab-rank-0 (deleted)");
        CHECK(lines[2] == "rank " + r + " data /memfd:mpilab-rank-" + r + " (deleted) global " + std::to_string(1 + rank));
    }
}

TEST_CASE("a rank's globals start fresh in every run of the same process") {
    TestRun t("globals.c");
    for (int run = 0; run < 3; ++run) {
        RunResult result = t.run(2);
        CHECK(output_of(result.trace, 1) == std::vector<std::string>{"rank 1 counter 12 global 43"});
    }
}

TEST_CASE("what a rank prints through any stdio call becomes its own lines, cut at newlines") {
    TestRun t("output.c");
    RunResult result = t.run(2);
    REQUIRE(result.outcome().status == OutcomeStatus::Completed);
    for (int rank = 0; rank < 2; ++rank) {
        const std::string r = std::to_string(rank);
        CHECK(output_of(result.trace, rank) ==
              std::vector<std::string>{"printf " + r, "puts", "c", "fputs", "stderr " + r, "fwrite", "write", "one line",
                                       "perror: No such file or directory", "unterminated " + r});
    }
}

TEST_CASE("std::cout and std::cerr of a C++ program are attributed to their rank") {
    TestRun t("output.cpp");
    RunResult result = t.run(3);
    REQUIRE(result.outcome().status == OutcomeStatus::Completed);
    for (int rank = 0; rank < 3; ++rank) {
        const std::string r = std::to_string(rank);
        CHECK(output_of(result.trace, rank) == std::vector<std::string>{"cout " + r, "cerr " + r, "pi 3.5"});
    }
}

TEST_CASE("every rank gets the program's arguments in an argv of its own") {
    TestRun t("argv.c");
    RunResult result = t.run(2, {}, {"argv", "first", "second word"});
    REQUIRE(result.outcome().status == OutcomeStatus::Completed);
    CHECK(output_of(result.trace, 0) == std::vector<std::string>{"rank 0 argc 3: argv first second word"});
    CHECK(output_of(result.trace, 1) == std::vector<std::string>{"rank 1 argc 3: argv first second word"});
}

TEST_CASE("a program's run under the default schedule gives the same trace every time") {
    TestRun t("output.c");
    JsonOptions options;
    options.wall_time = false;
    const std::string first = trace_to_json(t.run(4).trace, options);
    for (int run = 0; run < 3; ++run) CHECK(trace_to_json(t.run(4).trace, options) == first);
}
