// How a runner hands a rank thread to the MPI C API. The runner calls bind_rank() on the rank's
// thread before it enters the program's main() (with the rank's world communicator from
// mpilab::run) and unbind_rank() after main returned or the run was stopped; RankBinding does both.
// In between, every MPI_* call made on that thread acts for that rank: its MPI_COMM_WORLD, its
// handle tables, its attached Bsend buffer, its error handlers. A thread that is not bound has no
// MPI: a call there prints why on stderr and aborts the process.
#pragma once

#include "core/comm.hpp"
#include "core/location.hpp"

#include <string>

namespace mpilab::cshim {

struct RankHooks {
    // Called at the start of every MPI call of the rank, before the call reaches the core: e.g. to
    // flush what the rank printed so far, so that its output lands in the trace at the right
    // virtual time, before the call. Runs on the rank's thread.
    void (*before_call)(void* context) = nullptr;
    void* context = nullptr;
    // What MPI_Get_processor_name reports; empty: this machine's host name (every rank runs on it).
    std::string processor_name;
};

// What a rank did with the MPI environment (for the runner's end-of-rank warnings).
struct RankReport {
    bool initialized = false;      // MPI_Init or MPI_Init_thread returned
    bool finalized = false;        // MPI_Finalize returned
    Location init_location{};      // where MPI_Init was called
    Location finalize_location{};
};

// Binds the calling thread to the rank whose world communicator is `world` (copied). A thread is
// bound to one rank at a time; binding again replaces the binding.
void bind_rank(Comm& world, RankHooks hooks = {});
// Unbinds the calling thread; the rank's MPI objects are released. Returns what the rank did.
RankReport unbind_rank();
// The bound rank's report so far (all false when the thread is not bound).
RankReport rank_report();
bool rank_bound();

// The warning a runner adds when a rank's program ended (`how`: "returned from main", "called
// exit(0)") without MPI_Finalize, or "" when there is nothing to say (it finalized, or never
// initialized MPI). E.g. "rank 2 returned from main without calling MPI_Finalize (MPI_Init at
// ring.c:5); ..."
std::string missing_finalize_warning(int world_rank, const RankReport& report, const std::string& how);

// bind_rank() for the lifetime of the object, also when the run is stopped by an exception
// (RunAborted) passing through the program.
class RankBinding {
public:
    explicit RankBinding(Comm& world, RankHooks hooks = {}) { bind_rank(world, std::move(hooks)); }
    ~RankBinding() {
        if (!released_) unbind_rank();
    }
    RankBinding(const RankBinding&) = delete;
    RankBinding& operator=(const RankBinding&) = delete;
    // Unbinds now and returns the report (the destructor then does nothing).
    RankReport release() {
        released_ = true;
        return unbind_rank();
    }

private:
    bool released_ = false;
};

}  // namespace mpilab::cshim
