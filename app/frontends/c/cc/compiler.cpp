// The compile and link flags, and the generated marker source.
#include "app/frontends/c/cc/compiler.hpp"

#include "app/frontends/c/cc/subprocess.hpp"

#include <climits>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

#ifndef MPILAB_C_INCLUDE_DIR
#error "MPILAB_C_INCLUDE_DIR must name the folder of mpilab's mpi.h (set by app/frontends/c/CMakeLists.txt)"
#endif

namespace mpilab::c_tools {

std::optional<Language> language_of(std::string_view path) {
    const auto dot = path.rfind('.');
    if (dot == std::string_view::npos || path.find('/', dot) != std::string_view::npos) return std::nullopt;
    const std::string_view ext = path.substr(dot);
    if (ext == ".c") return Language::C;
    if (ext == ".cpp" || ext == ".cc" || ext == ".cxx" || ext == ".C" || ext == ".c++") return Language::Cxx;
    return std::nullopt;
}

Toolchain default_toolchain() {
    Toolchain toolchain;
    if (const char* cc = std::getenv("MPILAB_CC"); cc && *cc) toolchain.c_compiler = cc;
    if (const char* cxx = std::getenv("MPILAB_CXX"); cxx && *cxx) toolchain.cxx_compiler = cxx;
    // An installation keeps mpi.h in <prefix>/include/mpilab; a build runs from the source tree.
    const std::string installed = executable_folder() + "/../include/mpilab";
    struct stat info;
    toolchain.include_dir = stat((installed + "/mpi.h").c_str(), &info) == 0 ? installed : MPILAB_C_INCLUDE_DIR;
    return toolchain;
}

std::vector<std::string> compile_flags(const Toolchain& toolchain, Language language, bool standard) {
    std::vector<std::string> flags;
    if (standard) flags.push_back(language == Language::C ? "-std=gnu17" : "-std=gnu++17");
    flags.insert(flags.end(), {"-I" + toolchain.include_dir, "-g", "-fPIC", "-fexceptions",
                               "-fasynchronous-unwind-tables", "-fstack-clash-protection"});
    return flags;
}

std::vector<std::string> link_flags() { return {"-shared", "-fPIC", "-lm"}; }

std::string add_marker(const std::string& program, const c_runner::ProgramMarker& marker) {
    const std::string json_path = program + ".marker.json";
    {
        std::ofstream out(json_path, std::ios::binary);
        out << c_runner::marker_to_json(marker);
        if (!out) return "cannot write " + json_path;
    }
    const std::string section = c_runner::PROGRAM_MARKER_SECTION;
    ProcessResult result = run_process({"objcopy", "--add-section", section + "=" + json_path, "--set-section-flags",
                                        section + "=readonly,contents", program});
    std::remove(json_path.c_str());
    if (!result.started) return "objcopy (from binutils) could not be started: " + result.start_error;
    if (!result.ok()) return "objcopy could not mark " + program + ": " + result.err;
    return "";
}

std::string current_folder() {
    char path[PATH_MAX];
    return getcwd(path, sizeof path) ? std::string(path) : std::string(".");
}

}  // namespace mpilab::c_tools
