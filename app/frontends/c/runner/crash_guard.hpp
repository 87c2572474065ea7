// A crash in a rank (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS) must become an outcome.
// The handler runs on the rank's own alternate signal stack (so a stack overflow is handled too), notes
// where the rank was (CrashInfo) and writes a crash record to the result pipe at once, with
// async-signal-safe calls only. Then:
//  - when the rank was running its own code (not inside the runtime, whose lock it may hold), it jumps
//    back to the rank's entry (siglongjmp), which ends the run through the engine: the trace is kept;
//  - otherwise the process dies of the signal, and the client reports the crash from the record alone.
// The client also gives a crashed run a few seconds to hand back its trace before it ends it (a crash
// in the middle of malloc can leave a lock held), so a crash never hangs mpilab.
#pragma once

#include <cstddef>

namespace mpilab::c_runner {

class ProgramCopies;

// Process-wide, once, before any rank runs. `record_fd` is where crash records go.
void install_crash_handlers(const ProgramCopies& copies, int record_fd);

// A rank thread's alternate signal stack, for as long as the object lives.
class RankSignalStack {
public:
    RankSignalStack();
    ~RankSignalStack();
    RankSignalStack(const RankSignalStack&) = delete;
    RankSignalStack& operator=(const RankSignalStack&) = delete;

private:
    void* memory_ = nullptr;
    std::size_t size_ = 0;
};

}  // namespace mpilab::c_runner
