// Ways a rank's code leaves without returning from main: exit(), _exit(), _Exit(), quick_exit() and a
// failed assert(). In a separate MPI process each would end that process only; here the rank is a thread,
// so ending the process would end every rank. On a rank thread these jump back to the runner's rank entry
// (rank_program.cpp), which reports what happened through the engine; anywhere else they are libc's.
#include "app/frontends/c/runner/rank_context.hpp"

#include <csetjmp>
#include <cstdlib>
#include <dlfcn.h>
#include <unistd.h>

using mpilab::c_runner::current_rank;
using mpilab::c_runner::RankContext;
using mpilab::c_runner::RankJump;

namespace {

[[noreturn]] void leave_rank(RankContext& rank, int status, const char* function, void* caller) {
    rank.exit_status = status;
    rank.exit_function = function;
    rank.exit_caller = reinterpret_cast<std::uintptr_t>(caller);
    siglongjmp(rank.jump, static_cast<int>(RankJump::Exited));
}

template <class F>
[[noreturn]] void libc_exit(const char* name, int status) {
    auto real = reinterpret_cast<F>(dlsym(RTLD_NEXT, name));
    real(status);
    __builtin_unreachable();
}

}  // namespace

extern "C" {

void __assert_fail(const char* assertion, const char* file, unsigned int line, const char* function) noexcept;

[[noreturn]] void exit(int status) noexcept {
    if (RankContext* rank = current_rank()) leave_rank(*rank, status, "exit", __builtin_return_address(0));
    libc_exit<void (*)(int)>("exit", status);
}

[[noreturn]] void _exit(int status) {
    if (RankContext* rank = current_rank()) leave_rank(*rank, status, "_exit", __builtin_return_address(0));
    libc_exit<void (*)(int)>("_exit", status);
}

[[noreturn]] void _Exit(int status) noexcept {
    if (RankContext* rank = current_rank()) leave_rank(*rank, status, "_Exit", __builtin_return_address(0));
    libc_exit<void (*)(int)>("_Exit", status);
}

[[noreturn]] void quick_exit(int status) noexcept {
    if (RankContext* rank = current_rank()) leave_rank(*rank, status, "quick_exit", __builtin_return_address(0));
    libc_exit<void (*)(int)>("quick_exit", status);
}

void __assert_fail(const char* assertion, const char* file, unsigned int line, const char* function) noexcept {
    if (RankContext* rank = current_rank()) {
        rank->assertion = assertion ? assertion : "";
        rank->assert_file = file ? file : "";
        rank->assert_line = line;
        rank->assert_function = function ? function : "";
        siglongjmp(rank->jump, static_cast<int>(RankJump::AssertFailed));
    }
    auto real = reinterpret_cast<void (*)(const char*, const char*, unsigned int, const char*)>(
        dlsym(RTLD_NEXT, "__assert_fail"));
    real(assertion, file, line, function);
    __builtin_unreachable();
}

}  // extern "C"
