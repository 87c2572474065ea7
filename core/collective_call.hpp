// How a collective enters the engine. A collective (core/collectives/) validates its arguments,
// picks an algorithm, builds a Schedule of point-to-point rounds, and hands it to run_collective();
// the engine records the call's span, checks it against the other ranks' call with the same sequence
// number on the communicator, and executes the schedule on the communicator's hidden context, so the
// collective's messages show in the trace and can never match a program's own messages.
#pragma once

#include "comm.hpp"
#include "schedule.hpp"
#include "trace.hpp"

#include <memory>
#include "location.hpp"
#include <string>
#include <string_view>

namespace mpilab {

// What every rank's n-th collective on a communicator must agree on. Fields left at their
// "not compared" value are not checked.
struct CollectiveSignature {
    CallKind kind = CallKind::Barrier;
    bool generic = false;
    int root = -1;                      // local rank; -1: no root
    OpKind op = OpKind::None;
    TypeKind type = TypeKind::Byte;
    bool compare_type = false;
    std::int64_t count = -1;            // elements every rank must agree on; -1: not compared
};

// Records the call, checks the signature, and runs `schedule` (blocking: returns a null request once
// it completed; nonblocking: returns the request that wait/test complete). `bytes` is what the trace
// shows as the call's size (this rank's contribution). For a generic collective, schedule->result
// names the value that wait_value() hands back for a non-blocking call.
Request run_collective(const Comm& comm, const CollectiveSignature& signature, std::string_view algorithm,
                       std::int64_t bytes, std::unique_ptr<Schedule> schedule, bool nonblocking,
                       const Location& loc);

// Ends the run with outcome `error` for the calling rank: `kind` is a short category ("invalid root",
// "buffer size mismatch", "aliased buffers", ...) and `message` says what is wrong and what to change.
[[noreturn]] void collective_error(const Comm& comm, CallKind kind, bool generic, std::string_view error_kind,
                                   const std::string& message, const Location& loc);

// Ends the run with an "invalid communicator" error unless the calling rank may use `comm` for a
// collective (not null, a member, not freed). A collective calls it before it reads the
// communicator's size: a plan built for a null communicator would divide by zero.
void check_collective_comm(const Comm& comm, CallKind kind, bool generic, const Location& loc);

// The algorithm the run's Config selects for a collective ("alltoall" -> "bruck"), or "" for the default.
std::string configured_algorithm(const Comm& comm, std::string_view collective);

}  // namespace mpilab
