// The client side of mpilab-run, in the CLI or GUI process: starts `mpilab-run --serve PROGRAM` (the
// zygote) once, then each run() sends a request and reads the run's records back. Whatever the
// program does — crash, loop, exit — run() returns an outcome: a crash that killed the run process
// is reported from its crash record; a run that hangs after a crash is ended after a grace period; a
// cancelled run whose ranks do not reach the runtime again is killed.
// Thread-safe: concurrent runs each get their own process and pipe.
#pragma once

#include "core/run.hpp"

#include <mutex>
#include <string>
#include <vector>

namespace mpilab::c_runner {

struct RunnerTimeouts {
    double after_crash = 5.0;    // seconds a crashed run may take to hand back its trace
    double after_cancel = 1.0;   // seconds a cancelled run may take to stop by itself
};

class RunnerClient {
public:
    // `runner`: the mpilab-run executable; `program`: the built program (a path relative to the
    // current folder or absolute). Checks the program (ProgramImageError) and starts the zygote;
    // throws std::runtime_error if it cannot.
    RunnerClient(std::string runner, std::string program, RunnerTimeouts timeouts = {});
    ~RunnerClient();
    RunnerClient(const RunnerClient&) = delete;
    RunnerClient& operator=(const RunnerClient&) = delete;

    // Loads the copies `ranks` ranks need. Throws std::runtime_error with the reason in words when the
    // program cannot be loaded (a function nobody defines, too many ranks for the system).
    void load(int ranks);

    // One run of the program with `argv` (argv[0] is its name). Uses config.cancel and config.progress.
    RunResult run(const Config& config, const std::vector<std::string>& argv);

    const std::string& program() const { return program_; }

private:
    void start();
    void stop();
    // Sends `text` with the write end of a new result pipe; returns the read end (-1: the zygote is gone).
    int send(const std::string& text);

    std::string runner_;
    std::string program_;
    std::string directory_;   // where the program was compiled (its marker), for crash reports
    RunnerTimeouts timeouts_;
    std::mutex mutex_;   // guards the zygote's control socket and pid
    int control_fd_ = -1;
    int zygote_pid_ = -1;
};

// mpilab-run next to the running executable (build/bin/ or an installed bin/).
std::string default_runner_path();

}  // namespace mpilab::c_runner
