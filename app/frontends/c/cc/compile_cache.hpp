// `mpilab run ring.c`: the source compiled into a program mpilab can run, through a cache keyed by a
// content hash of the source, its path as given, the folder, the compiler, the flags and mpilab's
// headers, so a re-run starts at once. The headers the source includes from the user's folders are
// recorded at compile time (-MMD) with their own hashes and checked on every lookup, as ccache's
// direct mode does. Entries live in $XDG_CACHE_HOME/mpilab/programs (or ~/.cache/mpilab/programs);
// each is written in a folder of its own and renamed into place, so concurrent compiles never see
// half an entry.
#pragma once

#include "app/frontends/c/cc/compiler.hpp"

#include <stdexcept>
#include <string>

namespace mpilab::c_tools {

// The compiler refused the source: what() is its messages, exactly as it printed them.
struct CompileError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct CompiledProgram {
    std::string path;          // the program (a shared object in the cache)
    std::string diagnostics;   // the compiler's warnings (empty when it had none)
    bool from_cache = false;
};

// Compiles `source` (a path as the user gave it, relative to `folder` or absolute; `folder` empty: the
// current one) unless the cache holds it already. The compiler runs in `folder`, so __FILE__ is
// `source` as given. Extra flags come from MPILAB_CFLAGS (C) or MPILAB_CXXFLAGS (C++).
// Throws CompileError, or std::runtime_error when no compiler can be started.
CompiledProgram compile_program(const std::string& source, const std::string& folder = "",
                                const Toolchain& toolchain = default_toolchain());

// Where the cache lives.
std::string cache_folder();

}  // namespace mpilab::c_tools
