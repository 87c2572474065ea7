// The GIL around calls into mpilab's core. Every rank thread holds its own Python thread state; it
// releases the GIL for any call into the core (the call may block, and a reduction step running
// under the engine lock may need the GIL), and a step that calls Python takes it from whatever rank
// thread it runs in. Lock order is therefore always engine lock -> GIL, never the reverse.
#pragma once

#include <Python.h>

namespace mpilab::python {

// Releases the GIL for the scope (Py_BEGIN/END_ALLOW_THREADS that survive exceptions).
class WithoutGil {
public:
    WithoutGil() : saved_(PyEval_SaveThread()) {}
    ~WithoutGil() { PyEval_RestoreThread(saved_); }
    WithoutGil(const WithoutGil&) = delete;
    WithoutGil& operator=(const WithoutGil&) = delete;

private:
    PyThreadState* saved_;
};

// Holds the GIL for the scope, from any thread that has a Python thread state (every rank thread).
class WithGil {
public:
    WithGil() : state_(PyGILState_Ensure()) {}
    ~WithGil() { PyGILState_Release(state_); }
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
