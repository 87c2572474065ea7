// A crash in words, the same whether the run process reports it through the engine (the trace is kept)
// or the client reports it from the crash record alone (the process died): which rank, which signal,
// where in the program's own source, and what that signal usually means in a student's program.
#pragma once

#include "app/frontends/c/runner/crash_record.hpp"
#include "app/frontends/c/runner/symbolize.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace mpilab::c_runner {

struct CrashFacts {
    int rank = -1;
    int signal = 0;
    int code = 0;
    std::uintptr_t fault_address = 0;
    bool stack_overflow = false;
    std::uintptr_t stack_bytes = 0;   // the rank's stack size (for a stack overflow)
    bool in_mpi_call = false;         // inside the MPI library, whose state cannot be saved
    bool trace_kept = true;           // false: the run process died or had to be ended
    std::string outer_function;       // the function that faulted when it is not the program's ("strlen")
    SourcePlace program;              // the innermost frame in the program's own code
    std::string last_call_file;       // the rank's current or last MPI call
    unsigned last_call_line = 0;
};

// The innermost frame of `frames` that lies in the program (file addresses of `object`), symbolised,
// its file named as the program's __FILE__ does (relative to `directory`, the compile folder).
SourcePlace innermost_program_place(const std::string& object, const std::vector<CrashFrame>& frames,
                                    const std::string& directory);

// "rank 2 crashed (SIGSEGV) in main at ring.c:17: an access to memory ... (address 0x0: a null pointer)."
std::string crash_message(const CrashFacts& facts);

// A file name from the debug info, as the program's own __FILE__ spells it.
std::string file_as_given(std::string file, const std::string& directory);

}  // namespace mpilab::c_runner
