// The _mpilab extension module: the functions mpilab's mpi4py (py/mpi4py/*.py) calls, each running
// the calling rank's operation in the core. Shared by the module's files: the rank/communicator
// lookups, the conversions of pickles and statuses, and `guarded`, the boundary every function's body
// runs in — a run that ends under a blocked call (RunAborted) becomes RunStopped, a BaseException the
// script's `except Exception` cannot swallow, and a C++ error becomes a Python exception.
#pragma once

#include <Python.h>

#include "app/frontends/python/gil.hpp"
#include "app/frontends/python/rank_context.hpp"
#include "core/comm.hpp"

#include <initializer_list>
#include <stdexcept>
#include <string>

namespace mpilab::python {

// The function PyImport_AppendInittab registers as "_mpilab".
PyObject* init_mpilab_module();

// _mpilab.RunStopped: raised out of a call when the run has ended (deadlock, error elsewhere, cancel).
PyObject* run_stopped_type();

// The calling thread's rank, or a RuntimeError; refuses calls inside a reduction op and, through
// the core, calls after MPI.Finalize.
RankContext& require_rank(const char* call);
Comm& comm_of(RankContext& context, long handle, const char* call);
// The handle of a new communicator of this rank (dup, split), or -1 for a null one.
long add_comm(RankContext& context, const Comm& comm);

class PinnedBuffer;
// Registers a non-blocking operation of the rank with the buffers it pins; returns the id mpi4py's
// Request holds (0: the null request).
PyObject* register_request(RankContext& context, Request request, bool object,
                           std::initializer_list<PinnedBuffer*> pinned = {});

// Pickles: Python bytes <-> the core's binary values (null for None, as the core returns off-root).
Value binary_value(PyObject* bytes);
PyObject* bytes_or_none(const Value& value);   // new reference
PyObject* status_tuple(const Status& status);  // (source, tag, bytes, cancelled)

// Output printed inside a reduction op (where the core cannot be called), now shown. GIL held.
void flush_deferred(RankContext& context);

// The pending Python exception (normalised, its traceback attached), cleared; empty if none.
Ref take_exception();
// "ValueError: ... (in reduce_func at x.py:7)", the site being the exception's last frame in the script.
std::string describe_exception(RankContext* context, PyObject* exception);
// The same for the pending Python exception, which it clears.
std::string describe_python_error(RankContext* context);

[[noreturn]] inline void raise(PyObject* type, const std::string& message) {
    PyErr_SetString(type, message.c_str());
    throw PythonError{};
}

template <class Body>
PyObject* guarded(Body&& body) {
    try {
        return body();
    } catch (const PythonError&) {
        return nullptr;
    } catch (const RunAborted&) {
        PyErr_SetNone(run_stopped_type());
        return nullptr;
    } catch (const std::bad_alloc&) {
        PyErr_NoMemory();
        return nullptr;
    } catch (const std::exception& e) {
        PyErr_SetString(PyExc_RuntimeError, e.what());
        return nullptr;
    }
}

// The method tables of the module's files, each ending with a null entry.
extern PyMethodDef communicator_methods[];
extern PyMethodDef point_to_point_methods[];
extern PyMethodDef completion_methods[];
extern PyMethodDef collective_methods[];

}  // namespace mpilab::python
