// A Python script written against mpi4py as a program source: `mpilab run alltoall.py -n 4`. Runs go
// through mpilab-python (app/frontends/python/), a separate process, so that nothing a script does
// can take the CLI or the GUI down; a pool of them keeps runs cheap (each holds Python, numpy and the
// compiled script) and lets runs go on concurrently. Trace locations name the script as the user did.
#pragma once

#include "app/source/program_source.hpp"

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace mpilab {

namespace python {
class PythonWorker;
}

class PythonSource final : public ProgramSource {
public:
    explicit PythonSource(std::string path);
    ~PythonSource() override;

    std::string kind() const override { return "Python script"; }
    std::string name() const override { return path_; }
    int default_ranks() const override;
    bool takes_argv() const override { return true; }
    std::vector<SourceFile> source_files() const override;
    std::vector<std::string> watched_files() const override { return {path_}; }
    // Reads the script and compiles it in a worker: a SyntaxError is a SourceError. Reading it again
    // after the file changed starts fresh workers on the new text.
    void prepare() override;
    RunResult run(Config config, const ProgramArgs& args) const override;

private:
    void prepare_text() const;
    std::unique_ptr<python::PythonWorker> take_worker() const;
    void give_back(std::unique_ptr<python::PythonWorker> worker) const;

    std::string path_;
    mutable std::mutex mutex_;   // guards text_, idle_
    mutable std::string text_;   // the text the workers run (empty until prepared)
    mutable std::vector<std::unique_ptr<python::PythonWorker>> idle_;
};

// "x.py": a name the Python kind accepts.
bool is_python_script(std::string_view name);

}  // namespace mpilab
