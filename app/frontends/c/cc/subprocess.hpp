// Running a tool (the C compiler, addr2line) and collecting what it prints: posix_spawnp with pipes for
// its stdout and stderr, read together so neither can fill up and stall the tool.
#pragma once

#include <string>
#include <vector>

namespace mpilab::c_tools {

struct ProcessResult {
    bool started = false;       // false: the tool could not be started (start_error says why)
    std::string start_error;
    int exit_code = -1;         // when it exited
    int signal = 0;             // when a signal ended it
    std::string out;            // its stdout
    std::string err;            // its stderr
    bool ok() const { return started && signal == 0 && exit_code == 0; }
};

// Runs argv[0] (looked up on PATH) with argv, in `folder` (empty: the current one); stdin is /dev/null.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& folder = "");

// The folder of the running executable (from /proc/self/exe), without a trailing slash.
std::string executable_folder();

}  // namespace mpilab::c_tools
