// The state of one rank thread of a C program inside mpilab-run: its world communicator, its copy of
// the program, its output lines in progress, and the place to jump back to when its code crashes, calls
// exit() or fails an assert(). Invariant: current_rank() is non-null exactly on a rank thread while the
// runner runs that rank's program; only that thread (and its own signal handler) touches its context.
#pragma once

#include "core/comm.hpp"

#include <csetjmp>
#include <cstdint>
#include <string>

namespace mpilab::c_runner {

struct ProgramCopy;

// Why the rank's code jumped back to the runner (the value given to siglongjmp).
enum class RankJump : int { None = 0, Crashed = 1, Exited = 2, AssertFailed = 3 };

inline constexpr int MAX_CRASH_FRAMES = 48;

// Filled by the signal handler (async-signal-safe: plain data, no allocation).
struct CrashInfo {
    int signal = 0;
    int code = 0;                  // si_code
    std::uintptr_t address = 0;    // si_addr: the address that faulted
    std::uintptr_t pc = 0;         // the instruction that faulted
    bool stack_overflow = false;   // the fault hit the guard below the rank's stack
    bool in_mpi_call = false;      // the rank was inside the runtime (its engine lock may be held)
    int frame_count = 0;
    std::uintptr_t frames[MAX_CRASH_FRAMES] = {};   // return addresses, innermost first
};

struct RankContext {
    Comm* world = nullptr;
    int rank = 0;
    const ProgramCopy* copy = nullptr;
    sigjmp_buf jump;

    // exit() / _exit() / quick_exit() in the rank.
    int exit_status = 0;
    const char* exit_function = "exit";
    std::uintptr_t exit_caller = 0;

    // assert() that failed.
    std::string assertion;
    const char* assert_file = "";
    unsigned assert_line = 0;
    const char* assert_function = "";

    CrashInfo crash;

    // Output not yet ended by a newline: [0] stdout, [1] stderr.
    std::string pending[2];

    // The rank thread's stack, to recognise a stack overflow.
    std::uintptr_t stack_low = 0;
    std::uintptr_t stack_high = 0;
};

RankContext* current_rank();
void set_current_rank(RankContext* context);

// The engine's state of the rank (its current or last call), or null before the rank is bound.
inline const RankState* rank_state(const RankContext& rank) {
    return rank.world ? static_cast<const Comm*>(rank.world)->self() : nullptr;
}

// Output of the rank: complete lines go to its world communicator's print_text (the trace's output,
// with the rank's virtual time); a partial line waits for its newline or for flush_rank_output().
// `stream` is 0 for stdout and 1 for stderr.
void rank_write(RankContext& rank, int stream, const char* data, std::size_t size);
void flush_rank_output(RankContext& rank);

}  // namespace mpilab::c_runner
