// mpilab-cc, for Makefiles: the same options as cc; compiling gives objects, linking gives a program
// mpilab runs whatever it is called; -show prints the command.
#include "tests/frontends/c/support.hpp"

#include "app/frontends/c/runner/program_image.hpp"

#include <doctest/doctest.h>

using namespace mpilab;

namespace {

std::string mpilab_cc() { return c_tools::executable_folder() + "/mpilab-cc"; }
std::string scratch(const std::string& name) { return std::string(MPILAB_TEST_CACHE) + "/" + name; }

}  // namespace

TEST_CASE("mpilab-cc -show prints the compiler command with mpilab's flags and the user's") {
    const c_tools::ProcessResult result = c_tools::run_process({mpilab_cc(), "-show", "-O2", "-o", "ring", "ring.c", "-lm"});
    REQUIRE(result.ok());
    CHECK(result.out.starts_with("cc -std=gnu17 -I"));
    CHECK(result.out.find(" -g -fPIC ") != std::string::npos);
    CHECK(result.out.find(" -O2 -o ring ring.c -lm -shared -fPIC -lm\n") != std::string::npos);
}

TEST_CASE("mpilab-cc -c then a link gives a program named as -o says, which mpilab accepts") {
    test::InProgramsFolder folder;
    const std::string object = scratch("globals.o"), program = scratch("globals");
    REQUIRE(c_tools::run_process({mpilab_cc(), "-c", "-o", object, "globals.c"}).ok());
    REQUIRE(c_tools::run_process({mpilab_cc(), "-o", program, object}).ok());
    CHECK_NOTHROW(c_runner::ProgramImage::open(program));
    c_runner::RunnerClient client(test::test_runner(), program);
    Config config;
    config.ranks = 3;
    RunResult result = client.run(config, {"globals"});
    CHECK(result.outcome().status == OutcomeStatus::Completed);
    CHECK(test::output_of(result.trace, 2) == std::vector<std::string>{"rank 2 counter 13 global 44"});
}

TEST_CASE("mpilab-cc records the sources it compiled and the folder it ran in") {
    test::InProgramsFolder folder;
    const std::string program = scratch("libargv.so");
    REQUIRE(c_tools::run_process({mpilab_cc(), "-o", program, "argv.c"}).ok());
    const c_runner::ProgramImage image = c_runner::ProgramImage::open(program);
    CHECK(image.marker().sources == std::vector<std::string>{"argv.c"});
    CHECK(image.marker().directory == MPILAB_TEST_PROGRAMS);
}

TEST_CASE("mpilab-cc passes the compiler's errors through and fails with its status") {
    test::InProgramsFolder folder;
    const c_tools::ProcessResult result = c_tools::run_process({mpilab_cc(), "-o", scratch("x"), "no-such-file.c"});
    CHECK(result.exit_code != 0);
    CHECK(result.err.find("no-such-file.c") != std::string::npos);
}
