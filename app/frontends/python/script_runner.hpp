// One Python script on N ranks: compiled once (a SyntaxError is reported before any rank starts),
// then each rank runs it in its own __main__ module on its own thread, with its own Python thread
// state. How a rank's script ends decides the run: returning finishes the rank; an exception ends the
// run with an error naming the rank, the exception and its line in the script (the traceback goes to
// the rank's output, as Python prints it); sys.exit(0) finishes the rank, another exit status ends
// the run as mpiexec would; a run that ended elsewhere stops the rank where it is.
#pragma once

#include <Python.h>

#include "core/run.hpp"

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace mpilab::python {

struct RankContext;

// A script that does not compile: the message says where and why, as Python would.
struct ScriptError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// What every rank of a run shares.
struct ScriptRun {
    std::string path;                    // the script, as its locations name it
    PyObject* path_object = nullptr;     // the same as the code objects' co_filename (owned)
    PyObject* code = nullptr;            // the compiled module (owned)
    std::vector<std::unique_ptr<RankContext>> ranks;   // filled by each rank thread; freed after the run
};

class CompiledScript {
public:
    // Reads and compiles `path` (as the user named it). Starts the interpreter if needed. Throws
    // ScriptError for a SyntaxError or an unreadable file, std::runtime_error if Python cannot start.
    explicit CompiledScript(std::string path);
    // Compiles `text` as the script `path`.
    CompiledScript(std::string path, std::string text);
    ~CompiledScript();
    CompiledScript(const CompiledScript&) = delete;
    CompiledScript& operator=(const CompiledScript&) = delete;

    const std::string& path() const { return path_; }
    const std::string& text() const { return text_; }

    // One run on `config` with the script's own arguments. Always returns an outcome. Python's
    // random and numpy.random start from config.seed, so a run is reproducible. `on_rank_start` is
    // called in each rank's thread before the script starts.
    RunResult run(const Config& config, const std::vector<std::string>& argv,
                  const std::function<void(int rank)>& on_rank_start = {}) const;

private:
    void compile();

    std::string path_;
    std::string text_;
    PyObject* code_ = nullptr;
    PyObject* path_object_ = nullptr;
};

// Rank threads run Python: they get stacks as large as a process's main thread.
inline constexpr std::size_t PYTHON_STACK_BYTES = std::size_t{8} << 20;

}  // namespace mpilab::python
