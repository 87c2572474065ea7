// The crash record a rank's signal handler writes to the result pipe the moment it crashes, before it
// tries anything else: one short text block (atomic in a pipe: under PIPE_BUF bytes), so the client can
// report the crash even when the process dies right after. Program frames are file addresses of the
// program's shared object (each rank's copy is the same file), ready for the symboliser.
//
//   crash RANK SIGNAL CODE ADDRESS PC IN_MPI_CALL STACK_OVERFLOW
//   frames p1a2b x7f00... ...        (p: in the program, as a file address; x: elsewhere; innermost first)
//   call LINE FILE                   (the rank's current or last MPI call, if it made one)
//   end
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mpilab::c_runner {

struct CrashFrame {
    bool in_program = false;
    std::uintptr_t address = 0;   // in_program: file address; else the absolute address
};

struct CrashRecord {
    int rank = -1;
    int signal = 0;
    int code = 0;
    std::uintptr_t fault_address = 0;
    bool in_mpi_call = false;
    bool stack_overflow = false;
    std::vector<CrashFrame> frames;   // frames[0]: the faulting instruction; later: return addresses
    unsigned call_line = 0;
    std::string call_file;
};

// Parses one record (from "crash" to "end"); nullopt if the text is not a whole record.
std::optional<CrashRecord> parse_crash_record(std::string_view text);

}  // namespace mpilab::c_runner
