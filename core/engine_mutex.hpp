// The engine's one lock: a futex mutex that spins for a bounded time before it sleeps. Critical
// sections in the engine last well under a microsecond, so in free mode (a processor per rank) a
// rank that finds the lock taken is better off waiting for it on its own processor than going to
// sleep in the kernel, which also makes the holder's unlock a system call (measured with std::mutex:
// a 2-rank ping-pong spent most of its time in futex wait/wake). With a spin of 0 it behaves like a
// plain futex mutex — right for deterministic mode, where all rank threads share one processor and a
// spinning waiter would only delay the holder. Satisfies Lockable, so std::unique_lock works with it.
#pragma once

#include "parker.hpp"
#include "spin.hpp"

#include <atomic>
#include <cstdint>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace mpilab {

class EngineMutex {
public:
    explicit EngineMutex(std::int64_t spin_ns = 0) : spin_ns_(spin_ns) {}
    EngineMutex(const EngineMutex&) = delete;
    EngineMutex& operator=(const EngineMutex&) = delete;

    void set_spin(std::int64_t spin_ns) { spin_ns_ = spin_ns; }

    bool try_lock() {
        int expected = kFree;
        return state_.compare_exchange_strong(expected, kLocked, std::memory_order_acquire, std::memory_order_relaxed);
    }

    void lock() {
        if (try_lock()) return;
        if (spin_ns_ > 0 && spin_until([this] { return state_.load(std::memory_order_relaxed) == kFree && try_lock(); },
                                       spin_ns_))
            return;
        // Sleep: mark the lock as having waiters, so that its holder's unlock wakes one of them.
        int s = state_.exchange(kWaiters, std::memory_order_acquire);
        while (s != kFree) {
            syscall(SYS_futex, reinterpret_cast<int*>(&state_), FUTEX_WAIT_PRIVATE, kWaiters, nullptr, nullptr, 0);
            s = state_.exchange(kWaiters, std::memory_order_acquire);
        }
    }

    // Releases the lock, then delivers the wake-ups made while holding it (Parker::unpark_after_unlock).
    void unlock() {
        if (state_.exchange(kFree, std::memory_order_release) == kWaiters)
            syscall(SYS_futex, reinterpret_cast<int*>(&state_), FUTEX_WAKE_PRIVATE, 1, nullptr, nullptr, 0);
        Parker::unpark_deferred();
    }

private:
    static constexpr int kFree = 0, kLocked = 1, kWaiters = 2;
    std::atomic<int> state_{kFree};
    std::int64_t spin_ns_;
    static_assert(sizeof(std::atomic<int>) == sizeof(int));
};

}  // namespace mpilab
