// Bounded spinning: try a condition with a pause between tries until it holds or a time budget is
// spent. The clock is read only every 64 tries and the budget starts at the first read, so a
// condition that comes true quickly (the common case in a hand-off) costs no clock read at all.
#pragma once

#include <chrono>
#include <cstdint>

namespace mpilab {

// Returns true as soon as `done()` does, false once about `budget_ns` nanoseconds have passed.
template <class Done>
bool spin_until(Done&& done, std::int64_t budget_ns) {
    std::chrono::steady_clock::time_point deadline{};
    for (unsigned i = 1;; ++i) {
        if (done()) return true;
        __builtin_ia32_pause();
        if ((i & 63) == 0) {
            const auto now = std::chrono::steady_clock::now();
            if (i == 64)
                deadline = now + std::chrono::nanoseconds(budget_ns);
            else if (now > deadline)
                return false;
        }
    }
}

}  // namespace mpilab
