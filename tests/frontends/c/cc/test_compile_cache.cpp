// `mpilab run ring.c` compiles through a cache: a second run of the same source reuses the program;
// a change to the source or to a header it includes compiles again; compile errors are the compiler's.
#include "tests/frontends/c/support.hpp"

#include "app/frontends/c/runner/program_image.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <vector>

using namespace mpilab;
namespace fs = std::filesystem;

namespace {

// A scratch folder with a program and a header of its own, as the current folder. ctest runs each test
// case as its own process, several at once: each process has a folder of its own.
struct ScratchProgram {
    std::string previous;
    fs::path folder = fs::path(MPILAB_TEST_CACHE) / ("scratch-" + std::to_string(getpid()));
    std::string stamp;
    ScratchProgram() {
        setenv("XDG_CACHE_HOME", MPILAB_TEST_CACHE, 1);
        previous = fs::current_path().string();
        fs::remove_all(folder);
        fs::create_directories(folder);
        fs::current_path(folder);
        write("value.h", "#define VALUE 1\n");
        // Unique text: an entry of an earlier test run must not be found.
        stamp = "/* " + std::to_string(getpid()) + " " +
                std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + " */\n";
        write("prog.c", stamp + "#include \"value.h\"\nint main(void) { return VALUE - 1; }\n");
    }
    ~ScratchProgram() {
        fs::current_path(previous);
        std::error_code ignored;
        fs::remove_all(folder, ignored);
    }
    void write(const std::string& name, const std::string& text) { std::ofstream(folder / name) << text; }
};

}  // namespace

TEST_CASE("the language of a source file follows its extension") {
    CHECK(c_tools::language_of("ring.c") == c_tools::Language::C);
    CHECK(c_tools::language_of("dir.d/ring.cpp") == c_tools::Language::Cxx);
    CHECK(c_tools::language_of("a.cc") == c_tools::Language::Cxx);
    CHECK(c_tools::language_of("a.cxx") == c_tools::Language::Cxx);
    CHECK(c_tools::language_of("libring.so") == std::nullopt);
    CHECK(c_tools::language_of("dir.c/ring") == std::nullopt);
}

TEST_CASE("a second compile of the same source comes from the cache; an edit of an included header does not") {
    ScratchProgram scratch;
    const c_tools::CompiledProgram first = c_tools::compile_program("prog.c");
    CHECK_FALSE(first.from_cache);
    const c_tools::CompiledProgram second = c_tools::compile_program("prog.c");
    CHECK(second.from_cache);
    CHECK(second.path == first.path);

    scratch.write("value.h", "#define VALUE 2\n");
    CHECK_FALSE(c_tools::compile_program("prog.c").from_cache);
    CHECK(c_tools::compile_program("prog.c").from_cache);

    scratch.write("prog.c", scratch.stamp + "#include \"value.h\"\nint main(void) { return VALUE - 2; }\n");
    CHECK_FALSE(c_tools::compile_program("prog.c").from_cache);
}

TEST_CASE("compiles of the same source at once all end with a program in place, none removing another's") {
    // Two corpus tests compiling one file at once used to fail: the second to finish removed the entry
    // the first had just put in place, and was about to load.
    ScratchProgram scratch;
    std::vector<std::future<c_tools::CompiledProgram>> compiles;
    for (int i = 0; i < 4; ++i)
        compiles.push_back(std::async(std::launch::async, [] { return c_tools::compile_program("prog.c"); }));
    std::vector<c_tools::CompiledProgram> programs;
    for (auto& c : compiles) programs.push_back(c.get());
    for (const c_tools::CompiledProgram& p : programs) {
        CHECK(p.path == programs.front().path);
        CHECK(fs::is_regular_file(p.path));
    }
    CHECK(c_tools::compile_program("prog.c").from_cache);
    std::size_t leftovers = 0;
    for (const auto& item : fs::directory_iterator(fs::path(programs.front().path).parent_path().parent_path()))
        if (item.path().filename().string().find(".tmp-") != std::string::npos &&
            item.path().filename().string().starts_with(fs::path(programs.front().path).parent_path().filename().string()))
            ++leftovers;
    CHECK(leftovers == 0);
}

TEST_CASE("a compile error is the compiler's own text, naming the file as given") {
    ScratchProgram scratch;
    scratch.write("broken.c", "int main(void) { return undeclared; }\n");
    try {
        c_tools::compile_program("broken.c");
        FAIL("the broken program compiled");
    } catch (const c_tools::CompileError& e) {
        const std::string text = e.what();
        CHECK(text.find("broken.c:1:") != std::string::npos);
        CHECK(text.find("error:") != std::string::npos);
        CHECK(text.find("undeclared") != std::string::npos);
    }
}

TEST_CASE("warnings of a successful compile are kept and given again from the cache") {
    ScratchProgram scratch;
    scratch.write("warns.c", "#warning \"look here\"\nint main(void) { return 0; }\n");
    CHECK(c_tools::compile_program("warns.c").diagnostics.find("look here") != std::string::npos);
    const c_tools::CompiledProgram again = c_tools::compile_program("warns.c");
    CHECK(again.from_cache);
    CHECK(again.diagnostics.find("look here") != std::string::npos);
}

TEST_CASE("a file that is not C or C++ source, or is missing, is refused") {
    ScratchProgram scratch;
    CHECK_THROWS_WITH_AS(c_tools::compile_program("prog.txt"), doctest::Contains("not a C or C++ source"), c_tools::CompileError);
    CHECK_THROWS_WITH_AS(c_tools::compile_program("missing.c"), doctest::Contains("no such file"), c_tools::CompileError);
}

TEST_CASE("a source compiled in a given folder is named as given there, whatever the current folder") {
    ScratchProgram scratch;   // the current folder is the scratch folder, not the programs'
    const c_tools::CompiledProgram program = c_tools::compile_program("globals.c", MPILAB_TEST_PROGRAMS);
    const c_runner::ProgramImage image = c_runner::ProgramImage::open(program.path);
    CHECK(image.marker().directory == MPILAB_TEST_PROGRAMS);
    CHECK(image.marker().sources == std::vector<std::string>{"globals.c"});
    CHECK_THROWS_WITH_AS(c_tools::compile_program("prog.c", MPILAB_TEST_PROGRAMS), doctest::Contains("no such file"),
                         c_tools::CompileError);
}
