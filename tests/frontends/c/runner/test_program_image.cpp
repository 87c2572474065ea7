// A built program is checked before it is loaded: everything that is not a program built by mpilab-cc
// is refused with a message saying what to do.
#include "tests/frontends/c/support.hpp"

#include "app/frontends/c/runner/program_image.hpp"

#include <doctest/doctest.h>

#include <fstream>

using namespace mpilab;
using mpilab::c_runner::ProgramImage;
using mpilab::c_runner::ProgramImageError;

namespace {

std::string refusal(const std::string& path) {
    try {
        ProgramImage::open(path);
    } catch (const ProgramImageError& e) {
        return e.what();
    }
    return "";
}

std::string scratch(const std::string& name) { return std::string(MPILAB_TEST_CACHE) + "/" + name; }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a program compiled by mpilab is accepted and knows its source and folder") {
    test::InProgramsFolder folder;
    const c_tools::CompiledProgram program = c_tools::compile_program("globals.c");
    ProgramImage image = ProgramImage::open(program.path);
    CHECK(image.marker().sources == std::vector<std::string>{"globals.c"});
    CHECK(image.marker().directory == MPILAB_TEST_PROGRAMS);
    CHECK(image.loadable_bytes().size() > 0);
}

TEST_CASE("a missing file, a text file, an executable and an object file are refused with advice") {
    test::InProgramsFolder folder;
    CHECK(contains(refusal("no-such-program.so"), "cannot read no-such-program.so"));
    CHECK(contains(refusal("globals.c"), "not an ELF shared object"));

    const std::string executable = scratch("plain-executable");
    REQUIRE(c_tools::run_process({"cc", "-o", executable, "loop.c", "-Wl,--unresolved-symbols=ignore-all"}).ok());
    CHECK(contains(refusal(executable), "is an executable, not a program built by mpilab-cc"));

    const std::string object = scratch("object.o");
    REQUIRE(c_tools::run_process({"cc", "-c", "-o", object, "loop.c"}).ok());
    CHECK(contains(refusal(object), "object file"));

    const std::string library = scratch("plain.so");
    REQUIRE(c_tools::run_process({"cc", "-shared", "-fPIC", "-o", library, "loop.c"}).ok());
    CHECK(contains(refusal(library), "was not built by mpilab-cc"));
}
