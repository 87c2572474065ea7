// Plan: builds a Schedule from an algorithm's sends, receives and local steps, packing blocks that
// are not contiguous (typed) or that travel together (generic: an array of Values). A step runs
// after its round's transfers, or at build time when registered before the first round.
#include "plan.hpp"

#include <cstring>
#include <stdexcept>

namespace mpilab::collectives {

Blocks Blocks::uniform(const void* base, int n, std::int64_t count, Datatype type) {
    Blocks b;
    b.type = type;
    auto* p = static_cast<std::byte*>(const_cast<void*>(base));
    for (int i = 0; i < n; ++i) {
        b.at.push_back(p + static_cast<std::int64_t>(i) * count * type.size);
        b.counts.push_back(count);
    }
    return b;
}

Blocks Blocks::varying(const void* base, std::span<const int> counts, std::span<const int> displs, Datatype type) {
    Blocks b;
    b.type = type;
    auto* p = static_cast<std::byte*>(const_cast<void*>(base));
    for (std::size_t i = 0; i < counts.size(); ++i) {
        b.at.push_back(p + static_cast<std::int64_t>(displs[i]) * type.size);
        b.counts.push_back(counts[i]);
    }
    return b;
}

Blocks Blocks::of_values(std::span<Value> values) {
    Blocks b;
    b.generic = true;
    b.type = Datatype{TypeKind::Generic, 1};
    for (Value& v : values) b.values.push_back(&v);
    return b;
}

Blocks Blocks::rotated(int shift) const {
    Blocks b;
    b.generic = generic;
    b.type = type;
    const int n = size();
    for (int i = 0; i < n; ++i) {
        const int j = (shift + i) % n;
        if (generic) {
            b.values.push_back(values[j]);
        } else {
            b.at.push_back(at[j]);
            b.counts.push_back(counts[j]);
        }
    }
    return b;
}

Blocks Blocks::slice(int first, int n) const {
    Blocks b;
    b.generic = generic;
    b.type = type;
    if (generic) {
        b.values.assign(values.begin() + first, values.begin() + first + n);
    } else {
        b.at.assign(at.begin() + first, at.begin() + first + n);
        b.counts.assign(counts.begin() + first, counts.begin() + first + n);
    }
    return b;
}

int ceil_log2(int n) {
    int k = 0;
    while ((1 << k) < n) ++k;
    return k;
}

int floor_pow2(int n) {
    int p = 1;
    while (p * 2 <= n) p *= 2;
    return p;
}

Plan::Plan() : storage_(std::make_shared<PlanStorage>()) {}

void Plan::round() { rounds_.emplace_back(); }

std::vector<std::function<void()>>& Plan::steps_before_current() {
    if (rounds_.empty()) throw std::logic_error("collective plan: a transfer outside any round");
    return rounds_.size() >= 2 ? rounds_[rounds_.size() - 2].steps : prelude_;
}

void Plan::local(std::function<void()> step) {
    (rounds_.empty() ? prelude_ : rounds_.back().steps).push_back(std::move(step));
}

std::byte* Plan::temp_bytes(std::int64_t bytes) {
    return storage_->bytes.emplace_back(static_cast<std::size_t>(bytes)).data();
}

Value& Plan::temp_value() { return storage_->values.emplace_back(); }

namespace {

std::vector<int> range_indices(int first, int n) {
    std::vector<int> v(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) v[i] = first + i;
    return v;
}

// Whether typed blocks `indices` lie back to back in memory, so one message can carry them in place.
bool contiguous(const Blocks& b, std::span<const int> indices) {
    for (std::size_t j = 1; j < indices.size(); ++j) {
        const int prev = indices[j - 1];
        if (b.at[indices[j]] != b.at[prev] + b.counts[prev] * static_cast<std::int64_t>(b.type.size)) return false;
    }
    return true;
}

std::int64_t total_count(const Blocks& b, std::span<const int> indices) {
    std::int64_t total = 0;
    for (int i : indices) total += b.counts[i];
    return total;
}

}  // namespace

void Plan::send(int peer, const Blocks& b, std::span<const int> indices, bool snapshot) {
    auto& ops = rounds_.back().ops;
    auto& before = steps_before_current();
    std::vector<int> idx(indices.begin(), indices.end());
    if (b.generic) {
        if (idx.size() == 1 && !snapshot) {
            ops.push_back(ScheduleOp::send_value_op(peer, b.values[idx[0]]));
            return;
        }
        Value* message = &temp_value();
        before.push_back([message, b, idx] {
            if (idx.size() == 1) { *message = *b.values[idx[0]]; return; }
            *message = Value::array();
            for (int i : idx) message->push_back(*b.values[i]);
        });
        ops.push_back(ScheduleOp::send_value_op(peer, message));
        return;
    }
    const std::int64_t count = total_count(b, idx);
    if (idx.empty() || (!snapshot && contiguous(b, idx))) {
        ops.push_back(ScheduleOp::send(peer, idx.empty() ? nullptr : b.at[idx[0]], count, b.type));
        return;
    }
    std::byte* packed = temp_bytes(count * b.type.size);
    before.push_back([packed, b, idx] {
        std::byte* p = packed;
        for (int i : idx) {
            const auto bytes = static_cast<std::size_t>(b.counts[i] * b.type.size);
            if (bytes) std::memcpy(p, b.at[i], bytes);
            p += bytes;
        }
    });
    ops.push_back(ScheduleOp::send(peer, packed, count, b.type));
}

void Plan::recv(int peer, const Blocks& b, std::span<const int> indices) {
    auto& ops = rounds_.back().ops;
    std::vector<int> idx(indices.begin(), indices.end());
    if (b.generic) {
        if (idx.size() == 1) {
            ops.push_back(ScheduleOp::recv_value_op(peer, b.values[idx[0]]));
            return;
        }
        Value* message = &temp_value();
        ops.push_back(ScheduleOp::recv_value_op(peer, message));
        local([message, b, idx] {
            if (!message->is_array() || message->size() != idx.size())
                throw std::invalid_argument("a collective received a malformed block list");
            for (std::size_t j = 0; j < idx.size(); ++j) *b.values[idx[j]] = std::move((*message)[j]);
        });
        return;
    }
    const std::int64_t count = total_count(b, idx);
    if (idx.empty() || contiguous(b, idx)) {
        ops.push_back(ScheduleOp::recv(peer, idx.empty() ? nullptr : b.at[idx[0]], count, b.type));
        return;
    }
    std::byte* packed = temp_bytes(count * b.type.size);
    ops.push_back(ScheduleOp::recv(peer, packed, count, b.type));
    local([packed, b, idx] {
        const std::byte* p = packed;
        for (int i : idx) {
            const auto bytes = static_cast<std::size_t>(b.counts[i] * b.type.size);
            if (bytes) std::memcpy(b.at[i], p, bytes);
            p += bytes;
        }
    });
}

void Plan::send_range(int peer, const Blocks& b, int first, int n, bool snapshot) {
    send(peer, b, range_indices(first, n), snapshot);
}

void Plan::recv_range(int peer, const Blocks& b, int first, int n) { recv(peer, b, range_indices(first, n)); }

void Plan::send(int peer, const Operand& o) {
    rounds_.back().ops.push_back(o.generic() ? ScheduleOp::send_value_op(peer, o.value)
                                             : ScheduleOp::send(peer, o.data, o.count, o.type));
}

void Plan::recv(int peer, const Operand& o) {
    rounds_.back().ops.push_back(o.generic() ? ScheduleOp::recv_value_op(peer, o.value)
                                             : ScheduleOp::recv(peer, o.data, o.count, o.type));
}

void Plan::send_signal(int peer) { rounds_.back().ops.push_back(ScheduleOp::send(peer, nullptr, 0, Datatype{})); }
void Plan::recv_signal(int peer) { rounds_.back().ops.push_back(ScheduleOp::recv(peer, nullptr, 0, Datatype{})); }

void Plan::copy(const Blocks& to, int to_index, const Blocks& from, int from_index) {
    if (to.generic) {
        Value* dst = to.values[to_index];
        const Value* src = from.values[from_index];
        if (dst != src) local([dst, src] { *dst = *src; });
        return;
    }
    std::byte* dst = to.at[to_index];
    const std::byte* src = from.at[from_index];
    const auto bytes = static_cast<std::size_t>(std::min(to.counts[to_index], from.counts[from_index]) * to.type.size);
    if (dst != src && bytes) local([dst, src, bytes] { std::memcpy(dst, src, bytes); });
}

void Plan::copy(const Operand& to, const Operand& from) {
    if (to.generic()) {
        if (to.value != from.value) local([dst = to.value, src = from.value] { *dst = *src; });
        return;
    }
    const auto bytes = static_cast<std::size_t>(from.count * from.type.size);
    if (to.data != from.data && bytes) local([dst = to.data, src = from.data, bytes] { std::memcpy(dst, src, bytes); });
}

void Plan::combine_now(const Op& op, const Operand& acc, const Operand& other, bool other_is_earlier) {
    if (acc.generic()) {
        *acc.value = other_is_earlier ? op.apply(*other.value, *acc.value) : op.apply(*acc.value, *other.value);
        return;
    }
    if (other_is_earlier || op.commutative()) {
        op.apply(other.data, acc.data, acc.count, acc.type);
        return;
    }
    // acc = acc op other for a non-commutative op: the op writes into its second argument.
    const auto bytes = static_cast<std::size_t>(acc.count * acc.type.size);
    std::vector<std::byte> scratch(other.data, other.data + bytes);
    op.apply(acc.data, scratch.data(), acc.count, acc.type);
    if (bytes) std::memcpy(acc.data, scratch.data(), bytes);
}

void Plan::combine(const Op& op, const Operand& acc, const Operand& other, bool other_is_earlier) {
    local([op, acc, other, other_is_earlier] { combine_now(op, acc, other, other_is_earlier); });
}

Blocks Plan::temp_blocks(bool generic, std::span<const std::int64_t> counts, Datatype type) {
    Blocks b;
    b.generic = generic;
    if (generic) {
        b.type = Datatype{TypeKind::Generic, 1};
        for (std::size_t i = 0; i < counts.size(); ++i) b.values.push_back(&temp_value());
        return b;
    }
    b.type = type;
    std::int64_t total = 0;
    for (auto c : counts) total += c;
    std::byte* p = temp_bytes(total * type.size);
    for (auto c : counts) {
        b.at.push_back(p);
        b.counts.push_back(c);
        p += c * type.size;
    }
    return b;
}

Blocks Plan::temp_blocks_like(const Blocks& shape, int first, int n) {
    if (shape.generic) return temp_blocks(true, std::vector<std::int64_t>(static_cast<std::size_t>(n), 1), shape.type);
    return temp_blocks(false, std::span<const std::int64_t>(shape.counts).subspan(first, n), shape.type);
}

Operand Plan::temp_like(const Operand& shape) {
    if (shape.generic()) return Operand::of_value(temp_value());
    return Operand::typed(temp_bytes(shape.count * shape.type.size), shape.count, shape.type);
}

namespace {

// Runs build-time steps in order; the first failure is recorded (for the entry point to report in
// the caller's name) and the remaining steps are skipped.
void run_steps_now(const std::vector<std::function<void()>>& steps, PlanStorage& storage) {
    if (!storage.error.empty()) return;
    try {
        for (const auto& step : steps) step();
    } catch (const std::exception& e) {
        storage.error = e.what();
    }
}

}  // namespace

std::unique_ptr<Schedule> Plan::finish() {
    auto schedule = std::make_unique<Schedule>();
    run_steps_now(prelude_, *storage_);
    std::vector<std::vector<std::function<void()>>> after;
    for (auto& pending : rounds_) {
        if (pending.ops.empty()) {
            // Nothing to wait for: the round's steps belong to the previous round (or run now).
            if (after.empty()) {
                run_steps_now(pending.steps, *storage_);
            } else {
                for (auto& s : pending.steps) after.back().push_back(std::move(s));
            }
            continue;
        }
        schedule->rounds.emplace_back().ops = std::move(pending.ops);
        after.push_back(std::move(pending.steps));
    }
    for (std::size_t i = 0; i < after.size(); ++i) {
        if (after[i].empty()) continue;
        // A step that throws (an op that does not apply to the values it met) ends the run with
        // the engine's error for this rank's collective call.
        schedule->rounds[i].after = [steps = std::move(after[i])] {
            for (const auto& step : steps) step();
        };
    }
    rounds_.clear();
    prelude_.clear();
    schedule->storage = storage_;
    schedule->result = &storage_->result;
    return schedule;
}

}  // namespace mpilab::collectives
