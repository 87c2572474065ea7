// Where in the user's script a call or an exception happened, from Python's frames: the innermost
// frame of the script itself (so a call made inside a helper function of the script names the
// helper's line), or failing that the innermost frame outside mpilab's own modules. Locations carry
// interned strings, as the core requires (they outlive the run).
#pragma once

#include <Python.h>

#include "core/location.hpp"

#include <string>

namespace mpilab::python {

struct RankContext;

// The location of the running Python code's call into _mpilab. Needs the GIL.
Location caller_location(RankContext& context);

// Where an exception was raised, in the script's terms: the last traceback entry in the script.
struct ExceptionSite {
    Location where{};
    std::string function;   // "<module>", "alltoall"
};
ExceptionSite exception_site(RankContext& context, PyObject* exception);

// True for the file names of mpilab's own embedded modules ("<mpilab>/mpi4py/_comm.py").
bool is_mpilab_file(PyObject* filename);

}  // namespace mpilab::python
