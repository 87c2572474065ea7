// A built C/C++ program as mpilab runs it: an ELF shared object (x86-64) compiled against mpilab's mpi.h,
// carrying the `.mpilab_program` note mpilab-cc links in (its sources and the folder they were compiled
// in). open() reads and checks the file once; every bad file gets a message saying what to do.
// Invariant: an opened image is a 64-bit little-endian ET_DYN object without PT_INTERP whose loadable
// part is `loadable_bytes()` (what a per-rank copy needs: no debug info, no section headers).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace mpilab::c_runner {

// The file cannot be run; what() says why and what to do.
struct ProgramImageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// What mpilab-cc records about the program (the `.mpilab_program` section, JSON text).
struct ProgramMarker {
    int abi = 0;                        // layout of mpi.h's handles the program was compiled with
    std::string directory;              // the folder the compiler ran in (absolute)
    std::vector<std::string> sources;   // each source as given on the command line (as __FILE__ names it)
};

inline constexpr int PROGRAM_ABI = 1;
inline constexpr const char* PROGRAM_MARKER_SECTION = ".mpilab_program";

class ProgramImage {
public:
    // Reads and checks `path` (as the user gave it: used in messages). Throws ProgramImageError.
    static ProgramImage open(const std::string& path);

    const std::string& path() const { return path_; }
    const ProgramMarker& marker() const { return marker_; }
    // The file's bytes up to the end of its last loadable segment: what dlopen maps.
    std::string_view loadable_bytes() const { return std::string_view(bytes_).substr(0, loadable_size_); }
    bool has_tls() const { return has_tls_; }
    // Offsets (in the file's virtual address space) of the executable segment, to tell the program's
    // own code from the runtime's in a backtrace.
    std::uint64_t text_begin() const { return text_begin_; }
    std::uint64_t text_end() const { return text_end_; }

private:
    std::string path_;
    std::string bytes_;
    std::size_t loadable_size_ = 0;
    bool has_tls_ = false;
    std::uint64_t text_begin_ = 0, text_end_ = 0;
    ProgramMarker marker_;
};

// The marker's JSON text, as mpilab-cc writes it into the section.
std::string marker_to_json(const ProgramMarker& marker);
ProgramMarker marker_from_json(std::string_view text);   // throws ProgramImageError

}  // namespace mpilab::c_runner
