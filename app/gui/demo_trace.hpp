// Synthetic traces built in code, without running the engine: the large-trace benchmark
// (`mpilab-gui --demo-trace N`) and the GUI's unit tests replay them. They follow the trace
// invariants (calls per rank do not overlap, every message points at its send and receive call).
#pragma once

#include "core/trace.hpp"

#include <cstdint>

namespace mpilab::gui {

// `messages` point-to-point messages over `ranks` ranks in rounds: in every round each rank sends
// to a partner and receives from another; every fourth message is large (rendezvous), receives
// that wait are marked blocked; every 64th round is an allreduce. Completes.
Trace synthetic_exchange_trace(int ranks, std::uint64_t messages, std::uint64_t seed = 1);

// The alltoall deadlock in miniature: every rank first sends `bytes` (> eager threshold, so
// rendezvous) to the next rank and blocks for ever; outcome deadlock with the cycle 0 -> 1 -> ... -> 0.
Trace synthetic_deadlock_trace(int ranks, std::int64_t bytes = 80000);

}  // namespace mpilab::gui
