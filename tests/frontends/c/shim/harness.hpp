// Runs a C test program (a function `int name(void)` from programs/, compiled as C) on N ranks:
// mpilab::run with the shim bound to each rank thread, the way a runner binds it, without private
// copies of the program's globals. The program returns 0; a failed EXPECT ends the run through
// MPI_Abort with its line as the error code.
#pragma once

#include "app/frontends/c/shim/rank_binding.hpp"
#include "core/run.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <functional>
#include <string>

namespace mpilab::test {

using CProgram = int (*)(void);

inline RunResult run_c(CProgram program, int ranks, const std::function<void(Config&)>& adjust = {}) {
    Config config;
    config.ranks = ranks;
    if (adjust) adjust(config);
    return run(config, [program](Comm& world) {
        cshim::RankBinding binding(world);
        const int rc = program();
        const std::string warning =
            cshim::missing_finalize_warning(world.rank(), binding.release(), "returned from main");
        if (!warning.empty()) world.warn(warning);
        world.check(rc == 0, "the C program's main returned 0");
    });
}

inline std::string outcome_of(const RunResult& r) { return std::string(outcome_status_name(r.outcome().status)); }

// Runs `program` on each rank count and checks it completes.
inline void completes_on(CProgram program, std::initializer_list<int> rank_counts) {
    for (int ranks : rank_counts) {
        const RunResult r = run_c(program, ranks);
        INFO(ranks, " ranks: ", r.outcome().message);
        CHECK(outcome_of(r) == "completed");
    }
}

// The path the trace names a test program by, and the line of the `occurrence`-th line holding `text`.
inline std::string program_file(const std::string& name) { return "tests/frontends/c/shim/programs/" + name; }
inline std::uint32_t line_of(const std::string& name, const std::string& text, int occurrence = 1) {
    std::ifstream in(std::string(MPILAB_SOURCE_DIR) + "/" + program_file(name));
    std::string line;
    for (std::uint32_t n = 1; std::getline(in, line); ++n)
        if (line.find(text) != std::string::npos && --occurrence == 0) return n;
    FAIL("no line of " << name << " holds " << text);
    return 0;
}
inline std::string at(const std::string& name, const std::string& text, int occurrence = 1) {
    return program_file(name) + ":" + std::to_string(line_of(name, text, occurrence));
}

inline bool has_warning(const RunResult& r, const std::string& text) {
    for (const std::string& w : r.outcome().warnings)
        if (w.find(text) != std::string::npos) return true;
    return false;
}

}  // namespace mpilab::test
