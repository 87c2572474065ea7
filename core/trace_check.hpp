// The trace's invariants, written once: what every Trace — fresh from a run or loaded from JSON — keeps,
// so that a viewer, a report or an exporter may rely on it without checking again. The JSON loader runs
// this check on every trace it reads, and every scenario's recorded trace is tested against it.
//
// The invariants: every index points inside its table (or is null where allowed); every time is a
// finite number of virtual seconds >= 0 (a message time may be -1, "never"); a call leaves no earlier
// than it enters; byte counts are >= 0 and their sums fit in 64 bits; the world communicator is
// comms[0] with members 0..N-1, N = run.ranks = the size of the ranks table; every communicator lists
// each member once; a call's rank is a member of its communicator; a message's send and receive calls
// are calls of its source and destination; an unreceived message has no completion time; the run's
// settings are ones a run could have had; every event names a row of its table; and the outcome's
// status agrees with its deadlock and error.
#pragma once

#include "trace.hpp"

namespace mpilab {

// Throws TraceFormatError (trace_json.hpp) for the first broken invariant, naming it by its JSON path,
// e.g. "calls[3].leave = 1.5 but calls[3].enter = 2: a call cannot return before it starts".
void check_trace(const Trace& trace);

}  // namespace mpilab
