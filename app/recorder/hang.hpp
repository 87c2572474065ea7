// A real hang as a deadlock: every process of the run was blocked in an MPI call when `mpilab record`
// stopped it. From the calls still pending (and the requests they wait for) this builds the same
// wait-for graph the simulator's deadlock analysis gives — AND arcs for what a call needs all of, OR arcs
// for any one (ANY_SOURCE, waitany) — its cycle and knot, each blocked call with its place and reason,
// so the one explanation (core/explanation) and the GUI treat it as they treat a simulated deadlock.
#pragma once

#include "core/trace.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace mpilab::recorder {

// One operation a blocked call waits for: its own send or receive, or one of the requests it waits on
// (a send, a receive or a non-blocking collective).
struct PendingOperation {
    std::uint32_t collective_call = NONE;   // a non-blocking collective: the call that started it (Trace::calls)
    bool send = false;
    bool synchronous = false;           // Ssend / Issend
    std::int32_t peer = PROC_NULL;      // world rank, or ANY_SOURCE
    std::int32_t tag = 0;               // ANY_TAG for any
    std::int64_t bytes = 0;
    std::uint32_t comm = 0;
    CallKind started_by = CallKind::Send;   // the call that started it (Isend, Irecv, ...)
};

struct PendingCall {
    std::int32_t rank = 0;
    std::uint32_t call = NONE;          // index into Trace::calls
    bool any = false;                   // waitany / waitsome / testany: one operation would do
    std::vector<PendingOperation> operations;   // empty for a collective
};

// The deadlock outcome of a hang. `finished` are the ranks that had returned from their program or were
// inside MPI_Finalize; `eager_limit` the MPI's (0: unknown); the trace's calls, comms and locations are read.
Outcome hang_outcome(const Trace& trace, const std::vector<PendingCall>& pending, const std::vector<std::int32_t>& finished,
                     std::int64_t eager_limit, const std::string& mpi, double hang_timeout);

}  // namespace mpilab::recorder
