// The program-source abstraction: a name opens the kind that accepts it, mistakes say what to do, and a
// scenario runs through it exactly as through the scenario library.
#include "app/source/program_source.hpp"
#include "app/source/scenario_source.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

using namespace mpilab;

TEST_CASE("a scenario id opens the scenario as a program source") {
    auto source = open_program_source("send-send");
    CHECK(source->kind() == "scenario");
    CHECK(source->name() == "send-send");
    CHECK(source->default_ranks() == 2);
    REQUIRE(source->params().size() == 1);
    CHECK(source->params()[0].name == "count");
    REQUIRE(source->source_files().size() == 1);
    CHECK(source->source_files()[0].path == "scenarios/send_send.cpp");
    CHECK(source->source_files()[0].text.find("Send") != std::string::npos);
}

TEST_CASE("a misspelt scenario id is refused with the nearest id and where to look") {
    CHECK_THROWS_WITH_AS(open_program_source("send-sned"), doctest::Contains("did you mean 'send-send'?"), SourceError);
    CHECK_THROWS_WITH_AS(open_program_source("zzzzzzzzzz"), "there is no scenario 'zzzzzzzzzz'. Run `mpilab list` to see every scenario.",
                         SourceError);
    CHECK_THROWS_AS(open_program_source(""), SourceError);
}

TEST_CASE("a scenario run through its source gives the scenario's outcome and repository-relative paths") {
    auto source = open_program_source("send-send");
    Config config;
    config.ranks = 2;
    RunResult deadlocked = source->run(config, ProgramArgs{});
    CHECK(deadlocked.outcome().status == OutcomeStatus::Deadlock);
    REQUIRE(deadlocked.outcome().deadlock);
    CHECK(deadlocked.outcome().deadlock->blocked.front().file == "scenarios/send_send.cpp");
    ProgramArgs small;
    small.overrides = {{"count", 100}};
    CHECK(source->run(config, small).outcome().status == OutcomeStatus::Completed);
    CHECK(deadlocked.trace.run.scenario == "send-send");
}

TEST_CASE("arguments a source does not take are refused with what to do instead") {
    auto hello = open_program_source("hello");
    ProgramArgs argv;
    argv.argv = {"10"};
    CHECK_THROWS_WITH_AS(check_program_args(*hello, argv), doctest::Contains("takes no arguments after `--`"), SourceError);
    ProgramArgs set;
    set.overrides = {{"count", 3}};
    CHECK_THROWS_WITH_AS(check_program_args(*hello, set), doctest::Contains("has no parameters"), SourceError);
    auto send_send = open_program_source("send-send");
    CHECK_THROWS_WITH_AS(check_program_args(*send_send, argv), doctest::Contains("--set NAME=VALUE"), SourceError);
    CHECK_NOTHROW(check_program_args(*send_send, set));
}

TEST_CASE("a rank count a scenario cannot run with is a source error naming the counts it takes") {
    auto matmul = open_program_source("matmul");
    CHECK_THROWS_WITH_AS(matmul->check_ranks(3), doctest::Contains("square grid"), SourceError);
    CHECK_NOTHROW(matmul->check_ranks(4));
}

TEST_CASE("the text of a traced file comes from the embedded scenarios or from the disk") {
    CHECK(source_text_for("scenarios/ring.cpp").find("ring") != std::string::npos);
    const std::string path = "mpilab-test-source-text.c";
    {
        std::ofstream out(path);
        out << "int main(void) { return 0; }\n";
    }
    CHECK(source_text_for(path) == "int main(void) { return 0; }\n");
    std::filesystem::remove(path);
    CHECK(source_text_for(path).empty());
    CHECK(source_text_for("").empty());
    CHECK(source_text_for("/").empty());   // a folder is not a source file
}

TEST_CASE("the nearest name is offered only when it is a likely typo") {
    CHECK(nearest_name("rnig", {"ring", "hello"}) == "ring");
    CHECK(nearest_name("completely-different", {"ring", "hello"}).empty());
    CHECK(nearest_name("x", {}).empty());
}
