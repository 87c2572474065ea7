// Helpers of the C front end's tests: the test programs' folder as the current folder (so their
// paths are given relative, as a student gives them), a private compile cache, and running a program
// in mpilab-run-test.
#pragma once

#include "app/frontends/c/cc/compile_cache.hpp"
#include "app/frontends/c/cc/subprocess.hpp"
#include "app/frontends/c/runner/runner_client.hpp"

#include <cstdlib>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace mpilab::test {

// While it lives: the current folder is the test programs' folder and the compile cache is private.
class InProgramsFolder {
public:
    InProgramsFolder() {
        char here[4096];
        previous_ = getcwd(here, sizeof here) ? here : ".";
        setenv("XDG_CACHE_HOME", MPILAB_TEST_CACHE, 1);
        if (chdir(MPILAB_TEST_PROGRAMS) != 0) throw std::runtime_error("no test programs folder");
    }
    ~InProgramsFolder() {
        if (chdir(previous_.c_str()) != 0) {
        }
    }

private:
    std::string previous_;
};

inline std::string test_runner() { return c_tools::executable_folder() + "/mpilab-run-test"; }

// The line of `file` that holds `marker` (1-based; 0 if none).
inline unsigned line_of(const std::string& file, const std::string& marker) {
    std::ifstream in(file);
    std::string line;
    for (unsigned n = 1; std::getline(in, line); ++n)
        if (line.find(marker) != std::string::npos) return n;
    return 0;
}

// Every line the ranks printed, as "[rank N] text" (for failure messages).
inline std::string all_output(const Trace& trace) {
    std::string text;
    for (const OutputLine& line : trace.output) text += "[rank " + std::to_string(line.rank) + "] " + line.text + "\n";
    return text + "outcome: " + trace.outcome.message;
}

// What `rank` printed, line by line.
inline std::vector<std::string> output_of(const Trace& trace, int rank) {
    std::vector<std::string> lines;
    for (const OutputLine& line : trace.output)
        if (line.rank == rank) lines.push_back(line.text);
    return lines;
}

struct TestRun {
    InProgramsFolder folder;
    c_tools::CompiledProgram program;
    c_runner::RunnerClient client;
    explicit TestRun(const std::string& source, c_runner::RunnerTimeouts timeouts = {})
        : program(c_tools::compile_program(source)), client(test_runner(), program.path, timeouts) {}
    RunResult run(int ranks, Config config = {}, std::vector<std::string> argv = {"program"}) {
        config.ranks = ranks;
        return client.run(config, argv);
    }
};

}  // namespace mpilab::test
