// The GIL around calls into mpilab's core. Every rank thread holds its own Python thread state; it
// releases the GIL for any call into the core (the call may block, and a reduction step running
// under the engine lock may need the GIL), and a step that calls Python takes it from whatever rank
// thread it runs in. Lock order is therefore always engine lock -> GIL, never the reverse.
#pragma once

#include <Python.h>

#include <atomic>
#include <cstdint>

namespace mpilab::python {

// Taking the GIL while another rank runs Python. CPython's waiter sleeps on a condition variable, and
// in free mode each message of a ping-pong paid that wake-up (21 µs one-way, against 4 µs under the
// deterministic schedule): the receiver, woken at once by the engine, found the sender still in
// Python for a microsecond. When the engine spins (free mode, a core per rank), a rank thread first
// spins, for the same bounded time, while the count of rank threads running Python says another
// holds it. The count is a hint: a thread outside it (the main thread) only makes the spin run out.
class GilTurns {
public:
    // For the run about to start: the engine's spin, or 0 (never spin).
    static void set_spin(std::int64_t nanoseconds) { spin_ns_.store(nanoseconds, std::memory_order_relaxed); }
    // A rank thread takes the GIL with its saved thread state.
    static void take(PyThreadState* state);
    // A rank thread gives the GIL up; returns its thread state for take(). The count drops just before
    // the GIL is given up: measured, the other order made the free-mode ping-pong 2.7 times slower
    // (5.2 against 1.9 µs one-way).
    static PyThreadState* give() {
        running_.fetch_sub(1, std::memory_order_release);
        return PyEval_SaveThread();
    }
    // Around GIL holds that do not go through take()/give() (PyGILState_Ensure).
    static void entered() { running_.fetch_add(1, std::memory_order_acquire); }
    static void left() { running_.fetch_sub(1, std::memory_order_release); }
    // Rank threads in Python now (0 between runs).
    static int running() { return running_.load(std::memory_order_acquire); }
    // Before a run's ranks start: the count starts from zero, so that a miscount left by an earlier
    // run's unusual end can cost at most that run some spinning, never every later run.
    static void start_run() { running_.store(0, std::memory_order_release); }

private:
    static inline std::atomic<std::int64_t> spin_ns_{0};
    static inline std::atomic<int> running_{0};   // rank threads between take() and give()
};

// Releases the GIL for the scope (Py_BEGIN/END_ALLOW_THREADS that survive exceptions).
class WithoutGil {
public:
    WithoutGil() : saved_(GilTurns::give()) {}
    ~WithoutGil() { GilTurns::take(saved_); }
    WithoutGil(const WithoutGil&) = delete;
    WithoutGil& operator=(const WithoutGil&) = delete;

private:
    PyThreadState* saved_;
};

// Holds the GIL for the scope, from any thread that has a Python thread state (every rank thread).
class WithGil {
public:
    WithGil() : state_(PyGILState_Ensure()) { GilTurns::entered(); }
    ~WithGil() {
        GilTurns::left();
        PyGILState_Release(state_);
    }
    WithGil(const WithGil&) = delete;
    WithGil& operator=(const WithGil&) = delete;

private:
    PyGILState_STATE state_;
};

// An owned reference, released on scope exit (needs the GIL then).
class Ref {
public:
    Ref() = default;
    explicit Ref(PyObject* owned) : p_(owned) {}
    ~Ref() { Py_XDECREF(p_); }
    Ref(Ref&& o) noexcept : p_(o.p_) { o.p_ = nullptr; }
    Ref& operator=(Ref&& o) noexcept { std::swap(p_, o.p_); return *this; }
    Ref(const Ref&) = delete;
    Ref& operator=(const Ref&) = delete;
    PyObject* get() const { return p_; }
    PyObject* release() { PyObject* p = p_; p_ = nullptr; return p; }
    explicit operator bool() const { return p_ != nullptr; }

private:
    PyObject* p_ = nullptr;
};

// A Python exception is set: unwind to the C function's boundary, which returns NULL.
struct PythonError {};

}  // namespace mpilab::python
