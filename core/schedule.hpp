// A collective operation as data: rounds of point-to-point operations on the communicator's hidden
// collective context, each followed by an optional local step (combine, copy). Every collective
// algorithm builds one Schedule; the engine executes it, round by round, for blocking collectives
// (start + wait) and non-blocking ones alike (start, then progress whenever a round's transfers
// complete, in whichever rank thread completes them, under the engine lock).
// Invariants: a round's sends may only read memory that earlier rounds (or the caller) finished
// writing; `after` runs once, after every operation of its round completed, with the engine lock held,
// so it must not call into the runtime.
#pragma once

#include "types.hpp"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace mpilab {

struct ScheduleOp {
    enum Kind : std::uint8_t { Send, Recv } kind = Send;
    int peer = 0;                    // local rank in the communicator
    // typed payload
    const void* send_data = nullptr;
    void* recv_data = nullptr;
    std::int64_t count = 0;          // elements (for a receive: capacity)
    Datatype type{};
    // generic payload (used when `generic` is true)
    bool generic = false;
    const Value* send_value = nullptr;
    Value* recv_value = nullptr;

    static ScheduleOp send(int peer, const void* data, std::int64_t count, Datatype type) {
        ScheduleOp op; op.kind = Send; op.peer = peer; op.send_data = data; op.count = count; op.type = type; return op;
    }
    static ScheduleOp recv(int peer, void* data, std::int64_t count, Datatype type) {
        ScheduleOp op; op.kind = Recv; op.peer = peer; op.recv_data = data; op.count = count; op.type = type; return op;
    }
    static ScheduleOp send_value_op(int peer, const Value* v) {
        ScheduleOp op; op.kind = Send; op.peer = peer; op.generic = true; op.send_value = v; return op;
    }
    static ScheduleOp recv_value_op(int peer, Value* v) {
        ScheduleOp op; op.kind = Recv; op.peer = peer; op.generic = true; op.recv_value = v; return op;
    }
};

struct Round {
    std::vector<ScheduleOp> ops;          // posted together; the round completes when all have completed
    std::function<void()> after;          // local step once the round's transfers are done (may be empty)
    double compute_seconds = 0;           // virtual time the local step costs (e.g. a reduction)
};

struct Schedule {
    std::vector<Round> rounds;
    // Storage the rounds point into (temporary buffers, intermediate values); kept alive until the
    // collective's request is freed. Algorithms put whatever they need here.
    std::shared_ptr<void> storage;
    // For generic collectives: where the final value is left (handed to the caller or wait_value).
    Value* result = nullptr;
};

}  // namespace mpilab
