// The _mpilab module itself: its registration, the helpers its files share (module.hpp), and the
// calls about the rank and its environment — output, virtual time, Init/Finalize, Abort.
#include "app/frontends/python/module.hpp"

#include "app/frontends/python/buffers.hpp"
#include "app/frontends/python/frames.hpp"

#include <vector>

namespace mpilab::python {

namespace {

PyObject* run_stopped = nullptr;

// Emits every complete line of the rank's pending output.
void emit_lines(RankContext& context) {
    std::size_t newline;
    while ((newline = context.line.find('\n')) != std::string::npos) {
        std::string text = context.line.substr(0, newline);
        context.line.erase(0, newline + 1);
        if (context.in_op) {
            context.deferred.push_back(std::move(text));
        } else {
            WithoutGil unlocked;
            context.world.print_text(std::move(text));
        }
    }
}

PyObject* write(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        const char* text = nullptr;
        Py_ssize_t size = 0;
        if (!PyArg_ParseTuple(args, "s#", &text, &size)) return nullptr;
        RankContext* context = current_rank();
        if (!context) Py_RETURN_FALSE;
        context->line.append(text, static_cast<std::size_t>(size));
        emit_lines(*context);
        Py_RETURN_TRUE;
    });
}

PyObject* in_rank(PyObject*, PyObject*) { return PyBool_FromLong(current_rank() != nullptr); }

PyObject* main_module(PyObject*, PyObject*) {
    RankContext* context = current_rank();
    PyObject* module = context && context->main_module ? context->main_module : Py_None;
    Py_INCREF(module);
    return module;
}

PyObject* compute(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        double seconds = 0;
        if (!PyArg_ParseTuple(args, "d", &seconds)) return nullptr;
        RankContext* context = current_rank();
        if (!context) Py_RETURN_FALSE;
        if (!(seconds >= 0)) raise(PyExc_ValueError, "sleep length must be non-negative");
        RankContext& rank = require_rank("time.sleep");
        const Location loc = caller_location(rank);
        {
            WithoutGil unlocked;
            rank.world.compute(seconds, loc);
        }
        Py_RETURN_TRUE;
    });
}

PyObject* wtime(PyObject*, PyObject*) {
    return guarded([&]() -> PyObject* { return PyFloat_FromDouble(require_rank("Wtime").world.wtime()); });
}

PyObject* init(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        const char* call = nullptr;
        int auto_initialized = 0;
        if (!PyArg_ParseTuple(args, "sp", &call, &auto_initialized)) return nullptr;
        RankContext& context = require_rank(call);
        if (auto_initialized || context.init_called) {
            const Location loc = caller_location(context);
            const std::string message =
                "rank " + std::to_string(context.rank) + " called MPI." + call +
                "(), but MPI was already initialised " +
                (auto_initialized ? "when `from mpi4py import MPI` ran (mpi4py initialises MPI on import)"
                                  : "by an earlier MPI.Init()") +
                ". Initialising MPI twice is erroneous: Open MPI aborts the job. Remove the call, or set "
                "mpi4py.rc.initialize = False before importing MPI.";
            WithoutGil unlocked;
            context.world.fail(std::string("MPI.") + call, "initialised twice", message, loc);
        }
        context.init_called = true;
        Py_RETURN_NONE;
    });
}

PyObject* finalize(PyObject*, PyObject*) {
    return guarded([&]() -> PyObject* {
        require_rank("Finalize").finalized = true;
        Py_RETURN_NONE;
    });
}

PyObject* is_initialized(PyObject*, PyObject*) {
    RankContext* context = current_rank();
    return PyBool_FromLong(context && context->init_called);
}

PyObject* is_finalized(PyObject*, PyObject*) {
    RankContext* context = current_rank();
    return PyBool_FromLong(context && context->finalized);
}

PyObject* abort_run(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        long handle = 0;
        int code = 0;
        if (!PyArg_ParseTuple(args, "li", &handle, &code)) return nullptr;
        RankContext& context = require_rank("Abort");
        const Location loc = caller_location(context);
        const std::string message = "rank " + std::to_string(context.rank) + " called Abort(" +
                                    std::to_string(code) +
                                    "): MPI stops every rank of the job (mpiexec would exit with status " +
                                    std::to_string(code) + ").";
        WithoutGil unlocked;
        context.world.fail("Abort", "abort", message, loc);
    });
}

PyObject* set_in_place(PyObject*, PyObject* args) {
    PyObject* object = nullptr;
    if (!PyArg_ParseTuple(args, "O", &object)) return nullptr;
    set_in_place_sentinel(object);
    Py_RETURN_NONE;
}

PyObject* in_place(PyObject*, PyObject*) {
    PyObject* sentinel = in_place_sentinel() ? in_place_sentinel() : Py_None;
    Py_INCREF(sentinel);
    return sentinel;
}

PyMethodDef rank_methods[] = {
    {"write", write, METH_VARARGS, "Output of the calling rank (False outside a rank)."},
    {"in_rank", in_rank, METH_NOARGS, "Whether the calling thread is a rank of a run."},
    {"main_module", main_module, METH_NOARGS, "The calling rank's __main__ module, or None."},
    {"compute", compute, METH_VARARGS, "Advances the calling rank's virtual clock (False outside a rank)."},
    {"wtime", wtime, METH_NOARGS, "The calling rank's virtual clock."},
    {"init", init, METH_VARARGS, "MPI.Init / Init_thread."},
    {"finalize", finalize, METH_NOARGS, "MPI.Finalize."},
    {"is_initialized", is_initialized, METH_NOARGS, "MPI.Init was called by this rank."},
    {"is_finalized", is_finalized, METH_NOARGS, "MPI.Finalize was called by this rank."},
    {"abort", abort_run, METH_VARARGS, "Comm.Abort."},
    {"set_in_place", set_in_place, METH_VARARGS, "Registers the IN_PLACE object."},
    {"in_place", in_place, METH_NOARGS, "The IN_PLACE object."},
    {nullptr, nullptr, 0, nullptr},
};

std::vector<PyMethodDef>& all_methods() {
    static std::vector<PyMethodDef> methods = [] {
        std::vector<PyMethodDef> all;
        for (PyMethodDef* table : {rank_methods, communicator_methods, point_to_point_methods, completion_methods,
                                   collective_methods})
            for (PyMethodDef* m = table; m->ml_name; ++m) all.push_back(*m);
        all.push_back({nullptr, nullptr, 0, nullptr});
        return all;
    }();
    return methods;
}

PyModuleDef module_def = {PyModuleDef_HEAD_INIT, "_mpilab",
                          "mpilab's core, as mpilab's mpi4py calls it (one rank per thread).", -1, nullptr,
                          nullptr, nullptr, nullptr, nullptr};

}  // namespace

PyObject* run_stopped_type() { return run_stopped; }

PyObject* init_mpilab_module() {
    module_def.m_methods = all_methods().data();
    PyObject* module = PyModule_Create(&module_def);
    if (!module) return nullptr;
    run_stopped = PyErr_NewExceptionWithDoc(
        "_mpilab.RunStopped",
        "The run has ended (a deadlock, an error on another rank, or a cancel): the rank stops here.",
        PyExc_BaseException, nullptr);
    if (!run_stopped || PyModule_AddObjectRef(module, "RunStopped", run_stopped) < 0) {
        Py_DECREF(module);
        return nullptr;
    }
    return module;
}

RankContext& require_rank(const char* call) {
    RankContext* context = current_rank();
    if (!context)
        raise(PyExc_RuntimeError, std::string(call) +
                                      ": mpilab's mpi4py works in the ranks of a script run by mpilab "
                                      "(mpilab run script.py), not in other threads");
    if (context->in_op)
        raise(PyExc_RuntimeError, std::string(call) + ": MPI calls are not allowed inside a reduction operation");
    if (context->finalized) {
        const Location loc = caller_location(*context);
        const std::string message = "rank " + std::to_string(context->rank) + " called " + call +
                                    " after MPI.Finalize(): no MPI call is allowed after Finalize (Open MPI "
                                    "aborts the job). Move the call before MPI.Finalize().";
        WithoutGil unlocked;
        context->world.fail(call, "call after Finalize", message, loc);
    }
    return *context;
}

Comm& comm_of(RankContext& context, long handle, const char* call) {
    if (handle == 1 && context.comms[1].is_null()) {
        WithoutGil unlocked;
        context.comms[1] = context.world.self_comm();
    }
    if (handle < 0 || handle >= static_cast<long>(context.comms.size()) || context.comms[handle].is_null())
        raise(PyExc_ValueError, std::string(call) + ": invalid communicator (MPI.COMM_NULL, or one that was freed)");
    return context.comms[handle];
}

long add_comm(RankContext& context, const Comm& comm) {
    if (comm.is_null()) return -1;
    context.comms.push_back(comm);
    return static_cast<long>(context.comms.size() - 1);
}

Value binary_value(PyObject* bytes) {
    char* data = nullptr;
    Py_ssize_t size = 0;
    if (PyBytes_AsStringAndSize(bytes, &data, &size) < 0) throw PythonError{};
    const auto* first = reinterpret_cast<const std::uint8_t*>(data);
    return Value::binary(std::vector<std::uint8_t>(first, first + size));
}

PyObject* bytes_or_none(const Value& value) {
    if (value.is_binary()) {
        const auto& bytes = value.get_binary();
        return PyBytes_FromStringAndSize(reinterpret_cast<const char*>(bytes.data()),
                                         static_cast<Py_ssize_t>(bytes.size()));
    }
    if (value.is_null()) Py_RETURN_NONE;
    raise(PyExc_RuntimeError, "a lowercase call received a value that is no pickle");
}

PyObject* status_tuple(const Status& status) {
    return Py_BuildValue("(iiLi)", status.source, status.tag, static_cast<long long>(status.bytes), status.cancelled ? 1 : 0);
}

void flush_deferred(RankContext& context) {
    if (context.deferred.empty() || context.in_op) return;
    std::vector<std::string> lines;
    lines.swap(context.deferred);
    WithoutGil unlocked;
    for (std::string& line : lines) context.world.print_text(std::move(line));
}

Ref take_exception() {
    PyObject *type = nullptr, *value = nullptr, *traceback = nullptr;
    PyErr_Fetch(&type, &value, &traceback);
    if (!type) return Ref();
    PyErr_NormalizeException(&type, &value, &traceback);
    if (traceback && value) PyException_SetTraceback(value, traceback);
    Py_XDECREF(type);
    Py_XDECREF(traceback);
    return Ref(value);
}

std::string describe_exception(RankContext* context, PyObject* exception) {
    std::string text = Py_TYPE(exception)->tp_name;
    Ref message(PyObject_Str(exception));
    if (message) {
        const char* utf8 = PyUnicode_AsUTF8(message.get());
        if (utf8 && *utf8) text += std::string(": ") + utf8;
    }
    PyErr_Clear();
    if (context) {
        const ExceptionSite site = exception_site(*context, exception);
        if (site.where.known())
            text += " (in " + site.function + " at " + site.where.file_name() + ":" + std::to_string(site.where.line()) + ")";
    }
    return text;
}

std::string describe_python_error(RankContext* context) {
    Ref exception = take_exception();
    if (!exception) return "an unknown Python error";
    return describe_exception(context, exception.get());
}

}  // namespace mpilab::python
