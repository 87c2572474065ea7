// The vocabulary every collective algorithm is written in, so that one algorithm serves both data
// flavours: Blocks (a collective's data as per-rank blocks: typed regions or generic Values), Operand
// (what a reduction combines) and Plan (a builder of a Schedule: rounds of sends and receives plus local
// steps). Invariants: a Plan's local steps run in the order they were registered, each after the
// transfers of the round that was current when it was registered; they run with the engine lock held
// and never call into the runtime. Every temporary a step touches lives in the Plan's storage.
#pragma once

#include "../op.hpp"
#include "../schedule.hpp"
#include "../types.hpp"

#include <deque>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace mpilab::collectives {

// A collective's data as blocks indexed 0..size()-1: typed (block i is counts[i] elements at at[i])
// or generic (block i is *values[i]). Blocks do not own memory.
struct Blocks {
    bool generic = false;
    Datatype type{};
    std::vector<std::byte*> at;
    std::vector<std::int64_t> counts;
    std::vector<Value*> values;

    int size() const { return static_cast<int>(generic ? values.size() : at.size()); }
    bool empty() const { return size() == 0; }
    std::int64_t count(int i) const { return generic ? 1 : counts[i]; }

    // n equal blocks of `count` elements laid out one after the other from `base`.
    static Blocks uniform(const void* base, int n, std::int64_t count, Datatype type);
    // Blocks of counts[i] elements at base + displs[i] elements (the v-collectives' layout).
    static Blocks varying(const void* base, std::span<const int> counts, std::span<const int> displs, Datatype type);
    static Blocks of_values(std::span<Value> values);
    static Blocks of_value(Value& value) { return of_values(std::span<Value>(&value, 1)); }

    // Block (shift + i) % size() as block i: views a root's buffer in ranks relative to the root.
    Blocks rotated(int shift) const;
    // Blocks first .. first+n-1 as blocks 0 .. n-1.
    Blocks slice(int first, int n) const;
};

// What a reduction combines: `count` elements at `data` (typed) or one Value (generic).
struct Operand {
    std::byte* data = nullptr;
    std::int64_t count = 0;
    Datatype type{};
    Value* value = nullptr;

    bool generic() const { return value != nullptr; }
    static Operand typed(const void* data, std::int64_t count, Datatype type) {
        return {static_cast<std::byte*>(const_cast<void*>(data)), count, type, nullptr};
    }
    static Operand of_value(Value& v) { Operand o; o.value = &v; return o; }
    // Elements first .. first+n-1 (typed only).
    Operand slice(std::int64_t first, std::int64_t n) const {
        return {data + first * static_cast<std::int64_t>(type.size), n, type, nullptr};
    }
};

// Temporaries of one collective call; kept alive by the Schedule (and by a blocking caller).
struct PlanStorage {
    std::deque<std::vector<std::byte>> bytes;
    std::deque<Value> values;
    Value result;            // a generic collective's result
    std::string error;       // the build-time step that failed
};

class Plan {
public:
    Plan();

    // Starts a new round: its transfers are posted together once everything registered before
    // (earlier rounds and their local steps) has completed.
    void round();

    // Sends / receives blocks `indices` (one message; a single generic block travels as itself,
    // several as an array). Non-contiguous typed blocks are packed into a temporary before the
    // round and unpacked after it. `snapshot` packs even contiguous blocks, for an algorithm whose
    // round overwrites the blocks it sends (Bruck).
    void send(int peer, const Blocks& blocks, std::span<const int> indices, bool snapshot = false);
    void recv(int peer, const Blocks& blocks, std::span<const int> indices);
    void send_range(int peer, const Blocks& blocks, int first, int n, bool snapshot = false);
    void recv_range(int peer, const Blocks& blocks, int first, int n);
    void send(int peer, const Operand& operand);
    void recv(int peer, const Operand& operand);
    // An empty message (barrier).
    void send_signal(int peer);
    void recv_signal(int peer);

    // A local step after the transfers registered so far (before the first round: at build time).
    void local(std::function<void()> step);
    // Local steps for the usual cases.
    void copy(const Blocks& to, int to_index, const Blocks& from, int from_index);
    void copy(const Operand& to, const Operand& from);
    // acc = other op acc if other_is_earlier (other holds lower ranks' data), else acc op other.
    void combine(const Op& op, const Operand& acc, const Operand& other, bool other_is_earlier);

    // Temporaries owned by the schedule: n blocks shaped like `counts` (typed) or n Values.
    Blocks temp_blocks(bool generic, std::span<const std::int64_t> counts, Datatype type);
    Blocks temp_blocks_like(const Blocks& shape, int first, int n);
    Operand temp_like(const Operand& shape);
    Value& temp_value();

    PlanStorage& storage() { return *storage_; }
    std::shared_ptr<PlanStorage> storage_ptr() const { return storage_; }
    Value& result() { return storage_->result; }

    // The schedule, with empty rounds folded away. Runs the build-time steps; one that fails
    // leaves its message in storage().error.
    std::unique_ptr<Schedule> finish();

    // The combine step applied now (also used by the entry points for local folds).
    static void combine_now(const Op& op, const Operand& acc, const Operand& other, bool other_is_earlier);

private:
    struct PendingRound {
        std::vector<ScheduleOp> ops;
        std::vector<std::function<void()>> steps;   // after this round's transfers
    };
    std::vector<std::function<void()>>& steps_before_current();
    std::byte* temp_bytes(std::int64_t bytes);

    std::shared_ptr<PlanStorage> storage_;
    std::vector<std::function<void()>> prelude_;   // build-time steps
    std::vector<PendingRound> rounds_;
};

// Rank arithmetic shared by the tree and doubling algorithms.
inline int relative_rank(int rank, int root, int n) { return (rank - root + n) % n; }
inline int absolute_rank(int relative, int root, int n) { return (relative + root) % n; }
int ceil_log2(int n);
int floor_pow2(int n);   // the largest power of two <= n (n >= 1)

}  // namespace mpilab::collectives
