// Taking the GIL in turns (see GilTurns in gil.hpp).
#include "app/frontends/python/gil.hpp"

#include "core/spin.hpp"

namespace mpilab::python {

void GilTurns::take(PyThreadState* state) {
    const std::int64_t spin = spin_ns_.load(std::memory_order_relaxed);
    // Claim the turn (0 -> 1 rank threads in Python) before asking CPython, so that two spinning
    // threads do not both find the GIL free and one of them sleep after all.
    auto claim = [] {
        int none = 0;
        return running_.load(std::memory_order_relaxed) == 0 &&
               running_.compare_exchange_strong(none, 1, std::memory_order_acquire);
    };
    if (spin > 0 && spin_until(claim, spin)) {
        PyEval_RestoreThread(state);
        return;
    }
    PyEval_RestoreThread(state);
    running_.fetch_add(1, std::memory_order_acquire);
}

}  // namespace mpilab::python
