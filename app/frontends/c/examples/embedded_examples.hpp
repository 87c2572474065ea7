// The text of the C example programs (tests/frontends/c/corpus/), embedded at build time by
// scenarios/embed_sources.cmake.
#pragma once

#include <string_view>

namespace mpilab {

// The text of a corpus file given by its path relative to the repository
// ("tests/frontends/c/corpus/ring.c"), or an empty view for a file that was not embedded.
std::string_view embedded_c_example(std::string_view repo_path);

}  // namespace mpilab
