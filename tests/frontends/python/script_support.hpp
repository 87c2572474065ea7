// Running a Python script text on N ranks in this process, for the front end's tests: the text is
// written to a file of a fresh folder (so locations name "<name>.py"), compiled and run.
#pragma once

#include "app/frontends/python/script_runner.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace mpilab::test {

inline std::filesystem::path script_folder() {
    static const std::filesystem::path folder = [] {
        auto p = std::filesystem::temp_directory_path() / ("mpilab-python-tests-" + std::to_string(::getpid()));
        std::filesystem::create_directories(p);
        return p;
    }();
    return folder;
}

// Writes `text` to <folder>/<name> and returns its path.
inline std::string write_script(const std::string& name, const std::string& text) {
    const auto path = script_folder() / name;
    std::ofstream(path) << text;
    return path.string();
}

inline RunResult run_script(const std::string& text, int ranks, Config config = {},
                            const std::vector<std::string>& argv = {}, const std::string& name = "script.py") {
    const python::CompiledScript script(write_script(name, text));
    config.ranks = ranks;
    return script.run(config, argv);
}

// The rank's printed lines, in order.
inline std::vector<std::string> output_of(const RunResult& result, int rank) {
    std::vector<std::string> lines;
    for (const OutputLine& line : result.trace.output)
        if (line.rank == rank) lines.push_back(line.text);
    return lines;
}

inline std::string all_output(const RunResult& result) {
    std::string text;
    for (const OutputLine& line : result.trace.output)
        text += "[" + std::to_string(line.rank) + "] " + line.text + "\n";
    return text;
}

}  // namespace mpilab::test
