// An append-only table whose elements never move: ids index a fixed directory of fixed-size chunks.
// Appending (one thread at a time, under the engine lock) never reallocates anything another thread
// may be reading, so a rank can look up an element it was given (a communicator it belongs to)
// without taking the lock. A std::deque does not allow that: its push_back may reallocate the
// block map every other lookup goes through.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>

namespace mpilab {

template <class T, std::size_t ChunkSize = 64, std::size_t Chunks = 16384>
class StableTable {
public:
    static constexpr std::size_t capacity = ChunkSize * Chunks;

    std::size_t size() const { return size_.load(std::memory_order_acquire); }
    bool full() const { return size() == capacity; }

    T& operator[](std::size_t i) { return chunks_[i / ChunkSize][i % ChunkSize]; }
    const T& operator[](std::size_t i) const { return chunks_[i / ChunkSize][i % ChunkSize]; }

    // Appends; the caller checks full() first.
    T& push_back(T value) {
        const std::size_t i = size_.load(std::memory_order_relaxed);
        auto& chunk = chunks_[i / ChunkSize];
        if (!chunk) chunk = std::make_unique<T[]>(ChunkSize);
        T& slot = chunk[i % ChunkSize];
        slot = std::move(value);
        size_.store(i + 1, std::memory_order_release);
        return slot;
    }

private:
    std::array<std::unique_ptr<T[]>, Chunks> chunks_{};
    std::atomic<std::size_t> size_{0};
};

}  // namespace mpilab
