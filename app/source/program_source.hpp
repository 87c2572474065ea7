// A program source: whatever can produce a trace — a built-in scenario, a student's C/C++ program, a
// Python script. `mpilab run/check` and the GUI's Run take any program source through this one
// interface; nothing else in app/ needs to know which kind it is. The kinds are listed in one table
// (registry.cpp): a new kind is one class in its own folder plus one row there.
#pragma once

#include "core/run.hpp"
#include "scenarios/registry.hpp"

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace mpilab {

// A file the source view can show; `path` is spelled exactly as the trace's locations name it.
struct SourceFile {
    std::string path;
    std::string text;
};

// What a user gives a run besides the Config.
struct ProgramArgs {
    Value overrides = Value::object();   // scenario parameters (--set NAME=VALUE); other kinds take none
    std::vector<std::string> argv;       // the program's own arguments (after `--`); scenarios take none
};

// Bad input for a source — an unknown scenario, a compile error, a SyntaxError, a bad parameter or rank
// count. The message is shown as it is; the CLI exits with status 1.
struct SourceError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class ProgramSource {
public:
    virtual ~ProgramSource() = default;
    virtual std::string kind() const = 0;                  // "scenario", "C program", "Python script"
    virtual std::string name() const = 0;                  // "alltoall-deadlock", "ring.c"
    virtual std::string summary() const { return {}; }     // what it teaches (scenarios)
    virtual int default_ranks() const = 0;
    virtual void check_ranks(int ranks) const {}           // SourceError saying which counts work
    virtual std::vector<ParamSpec> params() const { return {}; }
    virtual bool takes_argv() const { return false; }
    virtual std::vector<SourceFile> source_files() const = 0;
    // Files whose change on disk makes the GUI offer a re-run (a student's edit-run loop).
    virtual std::vector<std::string> watched_files() const { return {}; }
    // Compiles, loads or checks the syntax, once; SourceError with the message to show (the compiler's
    // own output, for instance). run() calls it too, so calling it first only moves the wait.
    virtual void prepare() {}
    // One run on `config` (ranks, eager threshold, schedule, seed, algorithms, cancel and progress set
    // by the caller; the source fills config.scenario and config.params). Once prepared, always returns
    // an outcome: a crash of foreign code is an error outcome, not an exception. SourceError only for
    // arguments the source cannot take. Safe to call from several threads at once.
    virtual RunResult run(Config config, const ProgramArgs& args) const = 0;
};

// Opens a scenario id ("alltoall-deadlock") or a program file ("ring.c", "./libring.so", "hello.py"),
// whichever kind of the table accepts it; SourceError with a "did you mean" hint otherwise.
std::unique_ptr<ProgramSource> open_program_source(std::string_view name);

// Throws SourceError if `args` give what `source` does not take (--set for a program, argv for a
// scenario), saying what to do instead.
void check_program_args(const ProgramSource& source, const ProgramArgs& args);

// The text of a file a trace location names: a scenario's embedded source, or the file on disk (a
// user's program, relative to the current folder). Empty if neither exists.
std::string source_text_for(std::string_view file);

// The closest of `candidates` to `word` by edit distance, if it is close enough to be a likely typo.
std::string nearest_name(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace mpilab
