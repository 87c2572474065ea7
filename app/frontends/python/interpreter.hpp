// The embedded Python: Debian's libpython3.11 started once per process, isolated from the environment
// (no PYTHONPATH, no user site, no pyenv: its home is the prefix libpython was configured with), with
// Debian's own packages (numpy) on its path and mpilab's mpi4py served from the embedded sources
// ahead of any installed mpi4py — inside this interpreter only. Signal handlers stay the host's.
#pragma once

#include <stdexcept>
#include <string>

namespace mpilab::python {

// Starts the interpreter if it is not running (thread-safe, once); on return the calling thread does
// not hold the GIL. Throws std::runtime_error saying what failed.
void start_interpreter();

// Imports `module` once in the started interpreter (e.g. numpy, so a fork serves runs with it loaded);
// false if it cannot be imported.
bool preload_module(const std::string& module);

}  // namespace mpilab::python
