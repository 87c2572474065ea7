// How mpilab compiles a C or C++ program for its runner, shared by `mpilab run ring.c` (compile.hpp's
// cache) and the mpilab-cc wrapper: the system's compiler (cc / c++, or MPILAB_CC / MPILAB_CXX) with
// mpilab's mpi.h, debug information (crash reports name lines), position-independent code linked as a
// shared object (one private copy per rank), unwind tables (the runtime ends a rank by unwinding through
// the program's frames), stack-clash protection (a too-large local array hits the stack's guard page
// instead of another rank's stack), and the `.mpilab_program` marker section added after linking
// (program_image.hpp).
#pragma once

#include "app/frontends/c/runner/program_image.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mpilab::c_tools {

enum class Language { C, Cxx };

// By the file name: .c is C; .cpp, .cc, .cxx, .C and .c++ are C++; anything else: nullopt.
std::optional<Language> language_of(std::string_view path);

struct Toolchain {
    std::string c_compiler = "cc";
    std::string cxx_compiler = "c++";
    std::string include_dir;   // the folder of mpilab's mpi.h
    const std::string& compiler(Language language) const { return language == Language::C ? c_compiler : cxx_compiler; }
};

// cc / c++ unless MPILAB_CC / MPILAB_CXX say otherwise; mpi.h from the installation or source tree.
Toolchain default_toolchain();

// Flags for compiling (with -c or not): language standard, mpi.h, -g, -fPIC, unwind tables, stack
// clash protection. `standard`: add -std=gnu17 / -std=gnu++17 (mpilab run does; mpilab-cc leaves the
// user's choice alone and adds nothing when the user gave -std).
std::vector<std::string> compile_flags(const Toolchain& toolchain, Language language, bool standard);
// Flags for linking the program: a shared object (whatever its name), with the C math library.
std::vector<std::string> link_flags();

// Adds the marker section to a linked program with objcopy (from binutils, which every C compiler
// needs). Returns "" on success, else what went wrong.
std::string add_marker(const std::string& program, const c_runner::ProgramMarker& marker);

// The current folder (absolute).
std::string current_folder();

}  // namespace mpilab::c_tools
