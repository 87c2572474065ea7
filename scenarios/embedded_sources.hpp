// The text of the scenario sources, embedded at build time by scenarios/embed_sources.cmake.
#pragma once

#include <string_view>

namespace mpilab {

// The text of a file given by its path relative to the repository ("scenarios/ring.cpp"), or an empty
// view for a file that was not embedded.
std::string_view embedded_source(std::string_view repo_path);

}  // namespace mpilab
