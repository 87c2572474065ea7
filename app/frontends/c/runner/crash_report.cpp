// Wording of crash reports. A return address points just after its call, so every frame but the
// faulting one is looked up one byte earlier, inside the call instruction, to get the call's line.
#include "app/frontends/c/runner/crash_report.hpp"

#include <csignal>
#include <sstream>

namespace mpilab::c_runner {

namespace {

std::string hex(std::uintptr_t v) {
    std::ostringstream out;
    out << "0x" << std::hex << v;
    return out.str();
}

const char* signal_name(int signal) {
    switch (signal) {
        case SIGSEGV: return "SIGSEGV";
        case SIGBUS: return "SIGBUS";
        case SIGFPE: return "SIGFPE";
        case SIGILL: return "SIGILL";
        case SIGABRT: return "SIGABRT";
        case SIGTRAP: return "SIGTRAP";
        case SIGSYS: return "SIGSYS";
        default: return "a fatal signal";
    }
}

std::string signal_meaning(int signal, int code) {
    switch (signal) {
        case SIGSEGV:
            return code == SEGV_ACCERR ? "a write to read-only memory (a string literal?) or a jump into data"
                                       : "an access to memory the program does not own (a null or dangling pointer, "
                                         "or an index past the end of an array)";
        case SIGBUS: return "a misaligned or unmapped memory access";
        case SIGFPE:
            return code == FPE_INTDIV   ? "an integer division by zero"
                   : code == FPE_INTOVF ? "an integer overflow in a division"
                                        : "an arithmetic error";
        case SIGILL: return "an illegal instruction (often a call through a bad function pointer or a corrupted stack)";
        case SIGABRT: return "abort() was called (by the program, or by the C library after it found corrupted memory)";
        case SIGTRAP: return "a trap instruction (__builtin_trap)";
        case SIGSYS: return "a forbidden system call";
        default: return "a fatal signal";
    }
}

}  // namespace

std::string file_as_given(std::string file, const std::string& directory) {
    if (!directory.empty() && file.starts_with(directory + "/")) file = file.substr(directory.size() + 1);
    if (file.starts_with("./")) file = file.substr(2);
    return file;
}

SourcePlace innermost_program_place(const std::string& object, const std::vector<CrashFrame>& frames,
                                    const std::string& directory) {
    for (std::size_t i = 0; i < frames.size(); ++i) {
        if (!frames[i].in_program) continue;
        const std::uintptr_t address = frames[i].address - (i == 0 ? 0 : 1);
        std::vector<SourcePlace> places = symbolize(object, {address});
        SourcePlace place = places.empty() ? SourcePlace{} : places.front();
        if (place.known()) place.file = file_as_given(place.file, directory);
        return place;
    }
    return {};
}

std::string crash_message(const CrashFacts& f) {
    std::ostringstream text;
    text << "rank " << f.rank << " crashed (" << signal_name(f.signal) << (f.stack_overflow ? ": stack overflow" : "") << ")";
    const bool in_program = !f.program.function.empty() || f.program.known();
    if (f.in_mpi_call) {
        text << " inside its MPI call";
        if (f.last_call_line) text << " at " << f.last_call_file << ":" << f.last_call_line;
    } else {
        if (!f.outer_function.empty()) text << " in " << f.outer_function << (in_program ? ", called from" : "");
        if (!f.program.function.empty()) text << (f.outer_function.empty() ? " in " : " ") << f.program.function;
        if (f.program.known()) text << " at " << f.program.file << ":" << f.program.line;
        else if (f.last_call_line) text << " after its MPI call at " << f.last_call_file << ":" << f.last_call_line;
    }
    if (f.stack_overflow) {
        text << ": it used up its stack of " << (f.stack_bytes >> 20)
             << " MiB (endless recursion, or a local array too large for the stack: allocate big arrays with malloc)";
    } else if (f.in_mpi_call) {
        text << ": the call read or wrote memory the program does not own, through an argument it was given (a buffer "
                "smaller than count elements of the datatype, or an invalid pointer)";
    } else {
        text << ": " << signal_meaning(f.signal, f.code);
        if (f.signal == SIGSEGV || f.signal == SIGBUS)
            text << " (address " << hex(f.fault_address) << (f.fault_address < 4096 ? ": a null pointer)" : ")");
    }
    text << ". Every other rank was stopped";
    if (f.trace_kept) text << "; the trace ends at the crash.";
    else if (f.in_mpi_call) text << "; the trace of this run is lost, because the crash happened inside the MPI library.";
    else text << "; the trace of this run is lost: the run process could not recover from the crash and was ended.";
    return text.str();
}

}  // namespace mpilab::c_runner
