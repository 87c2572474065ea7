// A rank's life in mpilab-run. main() is called under sigsetjmp: a crash (crash_guard.cpp), exit() or a
// failed assert() (exit_interpose.cpp) jump back here, where the rank is on its own stack again and may
// lock, allocate and report through the engine like any call.
#include "app/frontends/c/runner/rank_program.hpp"

#include "app/frontends/c/runner/crash_guard.hpp"
#include "app/frontends/c/runner/crash_report.hpp"
#include "app/frontends/c/runner/rank_context.hpp"
#include "app/frontends/c/runner/symbolize.hpp"
#include "core/engine.hpp"
#include "core/location.hpp"

#include <csetjmp>
#include <cstring>
#include <dlfcn.h>
#include <pthread.h>
#include <sstream>

extern char** environ;

namespace mpilab::c_runner {

namespace {

// Ends a rank's binding however the rank leaves: return, jump back, or RunAborted unwinding through.
class RankScope {
public:
    RankScope(RankContext& context, const MpiBinding& binding) : context_(context), binding_(binding) {
        pthread_attr_t attr;
        if (pthread_getattr_np(pthread_self(), &attr) == 0) {
            void* low = nullptr;
            std::size_t size = 0;
            if (pthread_attr_getstack(&attr, &low, &size) == 0) {
                context.stack_low = reinterpret_cast<std::uintptr_t>(low);
                context.stack_high = context.stack_low + size;
            }
            pthread_attr_destroy(&attr);
        }
        if (binding_.bind) binding_.bind(*context.world);
        set_current_rank(&context);
    }
    ~RankScope() {
        flush_rank_output(context_);
        set_current_rank(nullptr);
        if (binding_.unbind) binding_.unbind();
    }

private:
    RankContext& context_;
    const MpiBinding& binding_;
    RankSignalStack signal_stack_;
};

[[noreturn]] void report_crash(RankContext& rank, const std::string& object_path, const std::string& directory) {
    const CrashInfo& c = rank.crash;
    const ProgramCopy& copy = *rank.copy;
    std::vector<CrashFrame> frames;
    auto add = [&](std::uintptr_t pc) {
        const bool in_program = pc >= copy.text_begin && pc < copy.text_end;
        frames.push_back(CrashFrame{in_program, in_program ? pc - copy.base : pc});
    };
    add(c.pc);
    for (int i = 0; i < c.frame_count; ++i) add(c.frames[i]);

    CrashFacts facts;
    facts.rank = rank.rank;
    facts.signal = c.signal;
    facts.code = c.code;
    facts.fault_address = c.address;
    facts.stack_overflow = c.stack_overflow;
    facts.stack_bytes = rank.stack_high - rank.stack_low;
    facts.program = innermost_program_place(object_path, frames, directory);
    Dl_info info{};
    if (facts.program.function.empty()) {
        for (const CrashFrame& f : frames)
            if (f.in_program && dladdr(reinterpret_cast<void*>(f.address + copy.base), &info) && info.dli_sname) {
                facts.program.function = info.dli_sname;
                break;
            }
    }
    if (!frames.front().in_program && dladdr(reinterpret_cast<void*>(c.pc), &info)) {
        // libc's own functions (strlen's AVX2 variant) are not exported: then name the library.
        const char* library = info.dli_fname ? std::strrchr(info.dli_fname, '/') : nullptr;
        if (info.dli_sname && info.dli_saddr && c.pc - reinterpret_cast<std::uintptr_t>(info.dli_saddr) < 4096)
            facts.outer_function = info.dli_sname;
        else if (library)
            facts.outer_function = std::string("a function of ") + (library + 1);
    }
    const Location last_call = rank_state(rank)->call_loc;
    facts.last_call_file = last_call.file_name();
    facts.last_call_line = last_call.line();
    const Location where = facts.program.known() ? Location(intern_text(facts.program.file), facts.program.line,
                                                           intern_text(facts.program.function))
                                                 : last_call;
    rank.world->fail("", "crash", crash_message(facts), where);
}

[[noreturn]] void report_assert(RankContext& rank) {
    std::ostringstream text;
    text << "rank " << rank.rank << " failed assert(" << rank.assertion << ") in " << rank.assert_function << " at "
         << rank.assert_file << ":" << rank.assert_line
         << ". Every other rank was stopped; the trace ends at the failed assertion.";
    rank.world->fail("", "assertion failed", text.str(),
                     Location(rank.assert_file, rank.assert_line, rank.assert_function));
}

// exit() and friends: where the call was, for the message.
Location exit_location(RankContext& rank, const std::string& object_path, const std::string& directory) {
    const ProgramCopy& copy = *rank.copy;
    const std::uintptr_t caller = rank.exit_caller;
    if (caller >= copy.text_begin && caller < copy.text_end) {
        std::vector<SourcePlace> places = symbolize(object_path, {caller - copy.base - 1});
        if (!places.empty() && places.front().known())
            return Location(intern_text(file_as_given(places.front().file, directory)), places.front().line,
                            intern_text(places.front().function));
    }
    return rank_state(rank)->call_loc;
}

// Calls main under sigsetjmp. Returns how main was left (None: it returned `status`).
RankJump call_main(RankContext& rank, int argc, char** argv, int& status) {
    switch (sigsetjmp(rank.jump, 1)) {
        case 0:
            status = rank.copy->main(argc, argv, environ);
            return RankJump::None;
        case static_cast<int>(RankJump::Crashed): return RankJump::Crashed;
        case static_cast<int>(RankJump::Exited): return RankJump::Exited;
        default: return RankJump::AssertFailed;
    }
}

void run_rank(Comm& world, const ProgramCopies& copies, const std::vector<std::string>& argv, const MpiBinding& binding,
              const std::string& object_path) {
    RankContext rank;
    rank.world = &world;
    rank.rank = world.rank();
    rank.copy = &copies[rank.rank];
    const std::string& directory = copies.image().marker().directory;

    std::vector<std::string> args = argv;   // a private argv: MPI_Init and the program may change it
    std::vector<char*> pointers;
    for (std::string& a : args) pointers.push_back(a.data());
    pointers.push_back(nullptr);

    RankScope scope(rank, binding);
    int status = 0;
    const RankJump how = call_main(rank, static_cast<int>(args.size()), pointers.data(), status);
    flush_rank_output(rank);
    const MpiState mpi = binding.state ? binding.state() : MpiState{};
    const std::string who = "rank " + std::to_string(rank.rank);
    switch (how) {
        case RankJump::Crashed: report_crash(rank, object_path, directory);
        case RankJump::AssertFailed: report_assert(rank);
        case RankJump::Exited: {
            status = rank.exit_status;
            if (mpi.initialized && !mpi.finalized) {
                const Location where = exit_location(rank, object_path, directory);
                std::ostringstream text;
                text << who << " called " << rank.exit_function << "(" << status << ")";
                if (where.known()) text << " at " << where.file_name() << ":" << where.line();
                text << " before MPI_Finalize. In a real MPI job this process would vanish while the others may still "
                        "communicate with it, and mpiexec would end the whole job. Let every rank reach MPI_Finalize "
                        "and return from main; to stop all ranks on purpose, call MPI_Abort(MPI_COMM_WORLD, code).";
                world.fail(rank.exit_function, "exit before MPI_Finalize", text.str(), where);
            }
            break;
        }
        case RankJump::None:
            if (mpi.initialized && !mpi.finalized && binding.missing_finalize)
                world.warn(binding.missing_finalize(rank.rank, "returned from main"));
            break;
    }
    if (status != 0)
        world.warn(who + "'s main ended with status " + std::to_string(status) +
                   " (not 0: mpiexec would report the job as failed).");
}

}  // namespace

Program make_rank_program(const ProgramCopies& copies, std::vector<std::string> argv, MpiBinding binding,
                          std::string object_path) {
    return [&copies, argv = std::move(argv), binding = std::move(binding), object_path = std::move(object_path)](Comm& world) {
        run_rank(world, copies, argv, binding, object_path);
    };
}

}  // namespace mpilab::c_runner
