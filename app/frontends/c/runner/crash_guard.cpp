// The crash handler. Everything between the signal and the siglongjmp is async-signal-safe: plain
// stores into the rank's CrashInfo, backtrace() (warmed up at installation, so it loads nothing), text
// formatted by hand into a stack buffer, and one write(2) system call.
#include "app/frontends/c/runner/crash_guard.hpp"

#include "app/frontends/c/runner/program_copies.hpp"
#include "app/frontends/c/runner/rank_context.hpp"
#include "core/engine.hpp"

#include <algorithm>
#include <csignal>
#include <cstring>
#include <execinfo.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

namespace mpilab::c_runner {

namespace {

const ProgramCopies* guarded_copies = nullptr;
int crash_record_fd = -1;

constexpr int CRASH_SIGNALS[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS};

// A fixed buffer and hand-written number formatting: snprintf is not async-signal-safe.
struct RecordText {
    char text[3800];
    std::size_t size = 0;
    void put(const char* s) {
        while (*s && size < sizeof text - 1) text[size++] = *s++;
    }
    void put_char(char c) {
        if (size < sizeof text - 1) text[size++] = c;
    }
    void put_decimal(long long value) {
        char digits[24];
        int n = 0;
        const bool negative = value < 0;
        unsigned long long v = negative ? 0ULL - static_cast<unsigned long long>(value) : static_cast<unsigned long long>(value);
        do {
            digits[n++] = static_cast<char>('0' + v % 10);
            v /= 10;
        } while (v);
        if (negative) put_char('-');
        while (n) put_char(digits[--n]);
    }
    void put_hex(std::uintptr_t v) {
        char digits[20];
        int n = 0;
        do {
            digits[n++] = "0123456789abcdef"[v & 15];
            v >>= 4;
        } while (v);
        while (n) put_char(digits[--n]);
    }
};

std::uintptr_t faulting_pc(void* ucontext) {
#if defined(__x86_64__)
    return static_cast<std::uintptr_t>(static_cast<ucontext_t*>(ucontext)->uc_mcontext.gregs[REG_RIP]);
#elif defined(__aarch64__)
    return static_cast<std::uintptr_t>(static_cast<ucontext_t*>(ucontext)->uc_mcontext.pc);
#endif
}

void put_frame(RecordText& out, std::uintptr_t pc) {
    const int copy = guarded_copies ? guarded_copies->copy_holding(pc) : -1;
    out.put_char(' ');
    if (copy >= 0) {
        out.put_char('p');
        out.put_hex(pc - (*guarded_copies)[copy].base);
    } else {
        out.put_char('x');
        out.put_hex(pc);
    }
}

void write_record(const RankContext& rank) {
    const CrashInfo& c = rank.crash;
    RecordText out;
    out.put("crash ");
    out.put_decimal(rank.rank);
    out.put_char(' ');
    out.put_decimal(c.signal);
    out.put_char(' ');
    out.put_decimal(c.code);
    out.put_char(' ');
    out.put_hex(c.address);
    out.put_char(' ');
    out.put_hex(c.pc);
    out.put(c.in_mpi_call ? " 1" : " 0");
    out.put(c.stack_overflow ? " 1\nframes" : " 0\nframes");
    put_frame(out, c.pc);
    for (int i = 0; i < c.frame_count; ++i) put_frame(out, c.frames[i]);
    out.put_char('\n');
    const RankState* state = rank_state(rank);
    if (state && state->call_loc.line() != 0) {
        out.put("call ");
        out.put_decimal(state->call_loc.line());
        out.put_char(' ');
        out.put(state->call_loc.file_name());
        out.put_char('\n');
    }
    out.put("end\n");
    if (crash_record_fd >= 0) {
        std::size_t done = 0;
        while (done < out.size) {
            const long n = syscall(SYS_write, crash_record_fd, out.text + done, out.size - done);
            if (n <= 0) break;
            done += static_cast<std::size_t>(n);
        }
    }
}

// The rest of the process cannot be trusted to continue: let the signal take its default course.
void die_of(int signal) {
    struct sigaction action = {};
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    sigaction(signal, &action, nullptr);
    // Returning re-executes a faulting instruction (SIGSEGV, ...); for raised signals, raise it again.
    if (signal == SIGABRT || signal == SIGTRAP || signal == SIGSYS) raise(signal);
}

void on_crash(int signal, siginfo_t* info, void* ucontext) {
    RankContext* rank = current_rank();
    if (!rank || rank->crash.signal != 0) {
        // Not a rank, or a second crash while handling the first: nothing can be saved in-process.
        die_of(signal);
        return;
    }
    CrashInfo& c = rank->crash;
    c.signal = signal;
    c.code = info->si_code;
    c.address = reinterpret_cast<std::uintptr_t>(info->si_addr);
    c.pc = faulting_pc(ucontext);
    const RankState* state = rank_state(*rank);
    c.in_mpi_call = state && state->in_call;
    c.stack_overflow = signal == SIGSEGV && rank->stack_low != 0 && c.address + (1 << 20) >= rank->stack_low &&
                       c.address < rank->stack_low + 4096;
    // The unwinder walks from this handler through the signal frame; keep what follows the faulting pc.
    void* raw[MAX_CRASH_FRAMES + 8];
    const int n = backtrace(raw, MAX_CRASH_FRAMES + 8);
    int first = 0;
    for (int i = 0; i < n; ++i)
        if (reinterpret_cast<std::uintptr_t>(raw[i]) == c.pc) first = i + 1;
    c.frame_count = 0;
    for (int i = first; i < n && c.frame_count < MAX_CRASH_FRAMES; ++i)
        c.frames[c.frame_count++] = reinterpret_cast<std::uintptr_t>(raw[i]);
    write_record(*rank);
    if (c.in_mpi_call) {
        die_of(signal);
        return;
    }
    siglongjmp(rank->jump, static_cast<int>(RankJump::Crashed));
}

}  // namespace

void install_crash_handlers(const ProgramCopies& copies, int record_fd) {
    guarded_copies = &copies;
    crash_record_fd = record_fd;
    void* warm[4];
    backtrace(warm, 4);   // loads the unwinder now, not inside the first crash
    struct sigaction action = {};
    action.sa_sigaction = on_crash;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&action.sa_mask);
    for (int signal : CRASH_SIGNALS) sigaction(signal, &action, nullptr);
}

RankSignalStack::RankSignalStack() {
    size_ = std::max<std::size_t>(64 * 1024, static_cast<std::size_t>(SIGSTKSZ));
    memory_ = mmap(nullptr, size_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (memory_ == MAP_FAILED) {
        memory_ = nullptr;
        return;   // without an alternate stack a crash is still handled, except a stack overflow
    }
    stack_t stack = {};
    stack.ss_sp = memory_;
    stack.ss_size = size_;
    sigaltstack(&stack, nullptr);
}

RankSignalStack::~RankSignalStack() {
    if (!memory_) return;
    stack_t stack = {};
    stack.ss_flags = SS_DISABLE;
    sigaltstack(&stack, nullptr);
    munmap(memory_, size_);
}

}  // namespace mpilab::c_runner
