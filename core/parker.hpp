// A futex-style parking spot for one thread: park() blocks until unpark() has been called (one
// permit, like a binary semaphore), spinning briefly first. Handing the baton from one rank thread to
// the next costs one unpark and one park — no broadcast wake-up, no thundering herd.
#pragma once

#include "spin.hpp"

#include <atomic>
#include <cstdint>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <vector>

namespace mpilab {

class Parker {
public:
    // Blocks until a permit is available and consumes it. Spins for up to `spin_ns` nanoseconds
    // before sleeping (bounded by time, not by a count: a pause instruction costs 10 to 150 cycles
    // depending on the processor).
    void park(std::int64_t spin_ns) {
        const auto take_permit = [this] {
            int expected = kPermit;
            return state_.load(std::memory_order_relaxed) == kPermit &&
                   state_.compare_exchange_weak(expected, kEmpty, std::memory_order_acquire);
        };
        if (spin_ns > 0 && spin_until(take_permit, spin_ns)) return;
        for (;;) {
            int s = state_.load(std::memory_order_acquire);
            if (s == kPermit) {
                if (state_.compare_exchange_weak(s, kEmpty, std::memory_order_acquire)) return;
                continue;
            }
            if (s == kEmpty && !state_.compare_exchange_weak(s, kSleeping, std::memory_order_acquire)) continue;
            syscall(SYS_futex, reinterpret_cast<int*>(&state_), FUTEX_WAIT_PRIVATE, kSleeping, nullptr, nullptr, 0);
        }
    }

    // Gives the permit once the calling thread releases the engine lock (EngineMutex::unlock calls
    // unpark_deferred()). A thread woken while its waker still holds the lock would only run into
    // the lock and wait there; woken after the unlock, it finds the lock free.
    void unpark_after_unlock() { deferred().push_back(this); }
    static void unpark_deferred() {
        auto& list = deferred();
        if (list.empty()) return;
        for (Parker* p : list) p->unpark();
        list.clear();
    }

    // Gives the permit; wakes the thread if it sleeps.
    void unpark() {
        if (state_.exchange(kPermit, std::memory_order_release) == kSleeping)
            syscall(SYS_futex, reinterpret_cast<int*>(&state_), FUTEX_WAKE_PRIVATE, 1, nullptr, nullptr, 0);
    }

private:
    static std::vector<Parker*>& deferred() {
        thread_local std::vector<Parker*> list;
        return list;
    }
    static constexpr int kEmpty = 0, kPermit = 1, kSleeping = 2;
    std::atomic<int> state_{kEmpty};
    static_assert(sizeof(std::atomic<int>) == sizeof(int));
};

}  // namespace mpilab
