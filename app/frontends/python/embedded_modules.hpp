// The Python sources of mpilab's mpi4py and its boot module, embedded at build time (by
// scenarios/embed_sources.cmake), so the front end never depends on files installed anywhere.
#pragma once

#include <string_view>

namespace mpilab::python {

// The text of a file given by its path relative to the repository, or empty if not embedded.
std::string_view embedded_source(std::string_view repo_path);

}  // namespace mpilab::python
