// The client side of mpilab-python, in the CLI's or the GUI's process (which never load Python
// themselves): a PythonWorker is one `mpilab-python --serve` process holding Debian's Python with
// numpy loaded and the script compiled, which forks one process per run. Whatever the script does —
// crash the interpreter, loop, call os._exit — run() returns an outcome: a run process that dies is
// reported with what Python's faulthandler saw (the rank and the script's line); a cancel that the
// ranks do not reach in time ends the run process.
#pragma once

#include "core/run.hpp"

#include <stdexcept>
#include <string>
#include <sys/types.h>
#include <vector>

namespace mpilab::python {

// The script does not compile (a SyntaxError): the message says where and why.
struct ScriptRejected : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class PythonWorker {
public:
    // Starts `executable --serve` and hands it the script. Throws ScriptRejected for a SyntaxError,
    // std::runtime_error if the worker cannot start (the message says what to do).
    PythonWorker(const std::string& executable, const std::string& path, const std::string& text);
    ~PythonWorker();
    PythonWorker(const PythonWorker&) = delete;
    PythonWorker& operator=(const PythonWorker&) = delete;

    // One run (config.cancel and config.progress are honoured). Always returns an outcome.
    RunResult run(const Config& config, const std::vector<std::string>& argv);
    bool alive() const { return pid_ > 0; }

private:
    void stop();

    std::string path_;
    pid_t pid_ = -1;
    int to_worker_ = -1;
    int from_worker_ = -1;
};

// mpilab-python next to the running executable (build/bin/ or an installed bin/), or "" if absent.
std::string worker_executable();

// A run that produced no trace (the run process died, or could not run): its settings and `outcome`.
RunResult outcome_without_trace(const Config& config, Outcome outcome);

}  // namespace mpilab::python
