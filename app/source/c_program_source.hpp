// The program-source kind for a student's own C or C++ program: a source file (`ring.c`, compiled
// through the compile cache) or a program built with mpilab-cc (`./libring.so`). It runs in mpilab-run,
// a process of its own (app/frontends/c/runner/), so nothing the program does can take the CLI or the
// GUI down; the process is started once per source and forks once per run.
#pragma once

#include "app/source/program_source.hpp"

#include <memory>
#include <mutex>
#include <string>

namespace mpilab {

namespace c_runner {
class RunnerClient;
}

class CProgramSource : public ProgramSource {
public:
    // `path` as the user gave it: a .c / .cpp / .cc / .cxx source, or a built program; relative to
    // `folder` (empty: the current folder), where a source is compiled, so its __FILE__ is `path`.
    explicit CProgramSource(std::string path, std::string folder = "");
    ~CProgramSource() override;

    std::string kind() const override;
    std::string name() const override { return path_; }
    std::string summary() const override;
    int default_ranks() const override { return 4; }
    void check_ranks(int ranks) const override;
    bool takes_argv() const override { return true; }
    std::vector<SourceFile> source_files() const override;
    std::vector<std::string> watched_files() const override;
    // Compiles (a source; through the cache) and loads one copy, so a compile error or a function
    // nobody defines is a SourceError here. The compiler's warnings are printed to stderr.
    void prepare() override;
    RunResult run(Config config, const ProgramArgs& args) const override;

    // The compiler's warnings of the last prepare() (empty when none or for a built program).
    std::string compiler_warnings() const;

private:
    c_runner::RunnerClient& client() const;   // prepares first

    std::string on_disk() const;   // path_ from the current folder

    std::string path_;
    std::string folder_;
    bool is_source_ = false;
    // Preparing is caching (run() prepares too, and is const): guarded by mutex_.
    mutable std::mutex mutex_;
    mutable std::string program_;   // the built program
    mutable std::string warnings_;
    mutable std::unique_ptr<c_runner::RunnerClient> client_;
};

// For the table of source kinds (registry.cpp): a C/C++ source file, or a built program (an existing
// file ending in .so, or any existing ELF shared object named as a path, such as mpilab-cc's `./ring`).
bool is_c_program_name(std::string_view name);
std::unique_ptr<ProgramSource> open_c_program(std::string_view name);
// One of mpilab's C example programs ("example:ring.c", app/frontends/c/examples/c_examples.hpp).
bool is_c_example_name(std::string_view name);
std::unique_ptr<ProgramSource> open_c_example(std::string_view name);

}  // namespace mpilab
