// A Python script as a program source: `x.py` opens the Python kind, its own arguments reach sys.argv,
// a SyntaxError or a missing file is a SourceError before any rank starts, runs name the script's
// lines, and an edited script is run as it now reads.
#include "app/source/program_source.hpp"
#include "tests/frontends/python/script_support.hpp"

#include <filesystem>
#include <fstream>

using namespace mpilab;
using namespace mpilab::test;

namespace {

RunResult run_source(const ProgramSource& source, int ranks, std::vector<std::string> argv = {}) {
    Config config;
    config.ranks = ranks;
    ProgramArgs args;
    args.argv = std::move(argv);
    return source.run(config, args);
}

}  // namespace

TEST_CASE("a .py name opens a Python script source that takes the program's own arguments") {
    const std::string path = write_script("argv_source.py", R"(
import sys
from mpi4py import MPI
print(MPI.COMM_WORLD.size, sys.argv[1:])
)");
    auto source = open_program_source(path);
    CHECK(source->kind() == "Python script");
    CHECK(source->name() == path);
    CHECK(source->takes_argv());
    CHECK(source->watched_files() == std::vector<std::string>{path});
    REQUIRE(source->source_files().size() == 1);
    CHECK(source->source_files()[0].text.find("sys.argv") != std::string::npos);
    source->prepare();
    const RunResult r = run_source(*source, 3, {"--size", "100"});
    INFO(r.outcome().message << "\n" << all_output(r));
    REQUIRE(r.outcome().status == OutcomeStatus::Completed);
    CHECK(r.trace.run.scenario == path);
    CHECK(output_of(r, 2) == std::vector<std::string>{"3 ['--size', '100']"});
}

TEST_CASE("a script's SyntaxError and a missing script are source errors before any rank starts") {
    const std::string broken = write_script("broken_source.py", "from mpi4py import MPI\nprint(MPI.COMM_WORLD.rank\n");
    auto source = open_program_source(broken);
    CHECK_THROWS_WITH_AS(source->prepare(), doctest::Contains("broken_source.py:2: SyntaxError"), SourceError);
    auto missing = open_program_source("no_such_folder/no_such_script.py");
    CHECK_THROWS_WITH_AS(missing->prepare(), doctest::Contains("cannot read the Python script"), SourceError);
}

TEST_CASE("a deadlock of a script run through its source names the script's lines") {
    const std::string path = write_script("deadlock_source.py", R"(from mpi4py import MPI
comm = MPI.COMM_WORLD
comm.recv(source=1 - comm.rank)
)");
    auto source = open_program_source(path);
    source->prepare();
    const RunResult r = run_source(*source, 2);
    REQUIRE(r.outcome().status == OutcomeStatus::Deadlock);
    REQUIRE(r.outcome().deadlock);
    for (const auto& blocked : r.outcome().deadlock->blocked) {
        CHECK(blocked.file == path);
        CHECK(blocked.line == 3);
    }
}

TEST_CASE("the launch line a tutorial prints gives the default rank count") {
    auto source = open_program_source(write_script("launch_line.py", "# mpiexec -n 6 python launch_line.py\nprint(1)\n"));
    CHECK(source->default_ranks() == 6);
    auto plain = open_program_source(write_script("no_launch_line.py", "print(1)\n"));
    CHECK(plain->default_ranks() == 4);
}

TEST_CASE("a script edited after it was prepared runs as it now reads once prepared again") {
    const std::string path = write_script("edited_source.py", "print('before')\n");
    auto source = open_program_source(path);
    source->prepare();
    CHECK(output_of(run_source(*source, 1), 0) == std::vector<std::string>{"before"});
    std::ofstream(path) << "print('after')\n";
    source->prepare();
    CHECK(output_of(run_source(*source, 1), 0) == std::vector<std::string>{"after"});
}
