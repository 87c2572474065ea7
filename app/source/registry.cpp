// The table of program-source kinds (see registry.hpp). Each row: what it is called, what it accepts,
// and how to open it.
#include "app/source/registry.hpp"

#include "app/source/c_program_source.hpp"
#include "app/source/python_source.hpp"
#include "app/source/scenario_source.hpp"

namespace mpilab {

namespace {

bool is_scenario_id(std::string_view name) { return !name.empty(); }

std::unique_ptr<ProgramSource> open_scenario(std::string_view name) {
    return std::make_unique<ScenarioSource>(scenario_named(name));
}

std::unique_ptr<ProgramSource> open_python(std::string_view name) {
    return std::make_unique<PythonSource>(std::string(name));
}

}  // namespace

const std::vector<SourceKind>& source_kinds() {
    static const std::vector<SourceKind> kinds = {
        {"C example", "an example C program (`example:ring.c`, `mpilab list`)", is_c_example_name, open_c_example},
        {"C program", "a .c, .cpp, .cc or .cxx file, or a program built with mpilab-cc", is_c_program_name,
         open_c_program},
        {"Python script", "a Python script using mpi4py (.py)", is_python_script, open_python},
        {"scenario", "a scenario id (`mpilab list`)", is_scenario_id, open_scenario},
    };
    return kinds;
}

}  // namespace mpilab
