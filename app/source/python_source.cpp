// Python scripts as a program source (see python_source.hpp).
#include "app/source/python_source.hpp"

#include "app/frontends/python/client/worker_client.hpp"

#include <fstream>
#include <regex>
#include <sstream>

namespace mpilab {

namespace {

constexpr int DEFAULT_RANKS = 4;

std::string read_script(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw SourceError("cannot read the Python script " + path + ": no such file, or no permission to read it");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string missing_front_end() {
    return "this mpilab was built without its Python front end (python3-dev was not installed when it was "
           "configured). Install Debian's Python development files and numpy, then rebuild:\n"
           "  sudo apt-get install python3-dev python3-numpy\n"
           "  cmake -S . -B build && cmake --build build\n"
           "(./setup.sh does both).";
}

}  // namespace

bool is_python_script(std::string_view name) { return name.size() > 3 && name.ends_with(".py"); }

PythonSource::PythonSource(std::string path) : path_(std::move(path)) {}

PythonSource::~PythonSource() = default;

// A script may say how it is meant to be launched, as the tutorials do ("# mpiexec -n 2 python x.py").
int PythonSource::default_ranks() const {
    std::string text;
    {
        std::lock_guard lock(mutex_);
        text = text_;
    }
    if (text.empty()) {
        try {
            text = read_script(path_);
        } catch (const SourceError&) {
            return DEFAULT_RANKS;
        }
    }
    static const std::regex launch(R"(^#.*\b(mpiexec|mpirun)\b.*\s-(n|np)\s+([0-9]+)\b)");
    std::istringstream lines(text);
    std::string line;
    for (int i = 0; i < 20 && std::getline(lines, line); ++i) {
        std::smatch m;
        if (std::regex_search(line, m, launch)) {
            const int n = std::stoi(m[3].str());
            if (n >= 1 && n <= MAX_RANKS) return n;
        }
    }
    return DEFAULT_RANKS;
}

std::vector<SourceFile> PythonSource::source_files() const {
    std::lock_guard lock(mutex_);
    return {SourceFile{path_, text_.empty() ? source_text_for(path_) : text_}};
}

void PythonSource::prepare() { prepare_text(); }

void PythonSource::prepare_text() const {
    const std::string text = read_script(path_);
    {
        std::lock_guard lock(mutex_);
        if (text == text_ && !idle_.empty()) return;
    }
    const std::string executable = python::worker_executable();
    if (executable.empty()) throw SourceError("mpilab cannot run " + path_ + ": " + missing_front_end());
    std::unique_ptr<python::PythonWorker> worker;
    try {
        worker = std::make_unique<python::PythonWorker>(executable, path_, text);
    } catch (const python::ScriptRejected& e) {
        throw SourceError(e.what());
    } catch (const std::exception& e) {
        throw SourceError("mpilab cannot run " + path_ + ": " + e.what());
    }
    std::lock_guard lock(mutex_);
    text_ = text;
    idle_.clear();   // workers of an older text
    idle_.push_back(std::move(worker));
}

std::unique_ptr<python::PythonWorker> PythonSource::take_worker() const {
    std::string text;
    {
        std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            auto worker = std::move(idle_.back());
            idle_.pop_back();
            return worker;
        }
        text = text_;
    }
    // Another run holds the prepared worker: start one more for this run, on the same text.
    try {
        return std::make_unique<python::PythonWorker>(python::worker_executable(), path_, text);
    } catch (const python::ScriptRejected& e) {
        throw SourceError(e.what());
    } catch (const std::exception& e) {
        throw SourceError("mpilab cannot run " + path_ + ": " + e.what());
    }
}

void PythonSource::give_back(std::unique_ptr<python::PythonWorker> worker) const {
    if (!worker || !worker->alive()) return;
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(worker));
}

RunResult PythonSource::run(Config config, const ProgramArgs& args) const {
    check_program_args(*this, args);
    bool prepared = false;
    {
        std::lock_guard lock(mutex_);
        prepared = !text_.empty();
    }
    if (!prepared) prepare_text();
    config.scenario = path_;   // the report and the GUI name the run after the script
    config.params = Value::object();
    std::unique_ptr<python::PythonWorker> worker = take_worker();
    RunResult result = worker->run(config, args.argv);
    give_back(std::move(worker));
    return result;
}

}  // namespace mpilab
