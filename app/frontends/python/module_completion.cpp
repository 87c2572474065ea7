// _mpilab's completion calls: wait/test on one request and waitall/testall/waitany/testany/waitsome/
// testsome on lists of them, by the ids mpi4py's Request objects hold. A completed request yields
// (pickle or None, status) and leaves the rank's context, releasing the buffers it pinned; a request
// whose completion was only looked at (get_status) keeps its result until it is collected.
#include "app/frontends/python/frames.hpp"
#include "app/frontends/python/module.hpp"

#include "core/engine.hpp"

#include <span>

namespace mpilab::python {

namespace {

PendingRequest* find(RankContext& context, unsigned long id) {
    auto it = context.requests.find(static_cast<std::uint32_t>(id));
    return it == context.requests.end() ? nullptr : &it->second;
}

// (data, status) of a completed request, which leaves the context.
PyObject* collect(RankContext& context, unsigned long id, const Value& value, const Status& status) {
    PendingRequest* pending = find(context, id);
    Ref data(pending && pending->object ? bytes_or_none(value) : (Py_INCREF(Py_None), Py_None));
    if (!data) throw PythonError{};
    Ref st(status_tuple(status));
    if (pending) {
        for (Py_buffer& view : pending->views) PyBuffer_Release(&view);
        context.requests.erase(static_cast<std::uint32_t>(id));
    }
    return PyTuple_Pack(2, data.get(), st.get());
}

PyObject* empty_result() {
    Ref st(status_tuple(Status{}));
    return PyTuple_Pack(2, Py_None, st.get());
}

std::vector<unsigned long> id_list(PyObject* list) {
    Ref seq(PySequence_Fast(list, "a list of request ids"));
    if (!seq) throw PythonError{};
    std::vector<unsigned long> ids;
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(seq.get()); ++i) {
        const unsigned long id = PyLong_AsUnsignedLong(PySequence_Fast_GET_ITEM(seq.get(), i));
        if (PyErr_Occurred()) throw PythonError{};
        ids.push_back(id);
    }
    return ids;
}

// One request: wait (blocking) or test. Returns (flag, data, status).
PyObject* complete_one(PyObject* args, bool blocking) {
    return guarded([&]() -> PyObject* {
        unsigned long id = 0;
        if (!PyArg_ParseTuple(args, "k", &id)) return nullptr;
        RankContext& context = require_rank(blocking ? "Wait" : "Test");
        PendingRequest* pending = find(context, id);
        if (!pending) {
            Ref result(empty_result());
            return PyTuple_Pack(3, Py_True, PyTuple_GET_ITEM(result.get(), 0), PyTuple_GET_ITEM(result.get(), 1));
        }
        Value value;
        Status status;
        bool done = pending->done;
        if (done) {
            value = std::move(pending->value);
            status = pending->status;
        } else {
            const Location loc = caller_location(context);
            Engine& engine = *context.world.engine();
            RankState& me = *context.world.self();
            WithoutGil unlocked;
            if (blocking) {
                status = engine.wait(me, pending->request, &value, loc);
                done = true;
            } else {
                done = engine.test(me, pending->request, &status, &value, loc);
            }
        }
        if (!done) return Py_BuildValue("(OOO)", Py_False, Py_None, Py_None);
        Ref result(collect(context, id, value, status));
        return PyTuple_Pack(3, Py_True, PyTuple_GET_ITEM(result.get(), 0), PyTuple_GET_ITEM(result.get(), 1));
    });
}

PyObject* wait(PyObject*, PyObject* args) { return complete_one(args, true); }
PyObject* test(PyObject*, PyObject* args) { return complete_one(args, false); }

// Request.Get_status: completes the request in the core if it can, keeping its result for later.
PyObject* get_status(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        unsigned long id = 0;
        if (!PyArg_ParseTuple(args, "k", &id)) return nullptr;
        RankContext& context = require_rank("Get_status");
        PendingRequest* pending = find(context, id);
        if (!pending) return Py_BuildValue("(ON)", Py_True, status_tuple(Status{}));
        if (!pending->done) {
            const Location loc = caller_location(context);
            Engine& engine = *context.world.engine();
            RankState& me = *context.world.self();
            WithoutGil unlocked;
            pending->done = engine.test(me, pending->request, &pending->status, &pending->value, loc);
        }
        if (!pending->done) return Py_BuildValue("(OO)", Py_False, Py_None);
        return Py_BuildValue("(ON)", Py_True, status_tuple(pending->status));
    });
}

PyObject* cancel(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        unsigned long id = 0;
        if (!PyArg_ParseTuple(args, "k", &id)) return nullptr;
        RankContext& context = require_rank("Cancel");
        PendingRequest* pending = find(context, id);
        if (!pending || pending->done) Py_RETURN_NONE;
        WithoutGil unlocked;
        context.world.cancel(pending->request);   // a send or a matched receive is left to complete
        Py_RETURN_NONE;
    });
}

// Request.Free: the program gives up its handle; the operation goes on, its buffers stay pinned.
PyObject* request_free(PyObject*, PyObject* args) {
    unsigned long id = 0;
    if (!PyArg_ParseTuple(args, "k", &id)) return nullptr;
    Py_RETURN_NONE;
}

// The requests of `ids` in the core's terms: null for null ids, unknown ids and results already kept.
struct Batch {
    std::vector<Request> requests;
    std::vector<int> kept;   // indices whose result the context already holds
    bool any_live = false;
};

Batch batch_of(RankContext& context, const std::vector<unsigned long>& ids) {
    Batch b;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        PendingRequest* pending = ids[i] ? find(context, ids[i]) : nullptr;
        if (pending && pending->done) b.kept.push_back(static_cast<int>(i));
        b.requests.push_back(pending && !pending->done ? pending->request : Request{});
        b.any_live = b.any_live || pending;
    }
    return b;
}

// Collects the results of `done` (indices into ids) as a list of (index, data, status).
PyObject* collect_indices(RankContext& context, const std::vector<unsigned long>& ids, const std::vector<int>& done,
                          std::vector<Value>& values, std::vector<Status>& statuses) {
    Ref list(PyList_New(0));
    for (int i : done) {
        PendingRequest* pending = find(context, ids[i]);
        if (pending && pending->done) {
            values[i] = std::move(pending->value);
            statuses[i] = pending->status;
        }
        Ref result(collect(context, ids[i], values[i], statuses[i]));
        Ref item(Py_BuildValue("(iOO)", i, PyTuple_GET_ITEM(result.get(), 0), PyTuple_GET_ITEM(result.get(), 1)));
        if (!item || PyList_Append(list.get(), item.get()) < 0) throw PythonError{};
    }
    return list.release();
}

Engine::Completion completion_of(int how) {
    return how == 0 ? Engine::Completion::All : how == 1 ? Engine::Completion::Any : Engine::Completion::Some;
}

CallKind call_kind_of(int how, bool blocking) {
    static const CallKind kinds[2][3] = {{CallKind::Testall, CallKind::Testany, CallKind::Testsome},
                                         {CallKind::Waitall, CallKind::Waitany, CallKind::Waitsome}};
    return kinds[blocking ? 1 : 0][how];
}

// how: 0 all, 1 any, 2 some. Returns the completed (index, data, status) list, or None when every
// request is null; for all, the list is in request order and empty if not all completed (test).
PyObject* complete_many(PyObject* args, int how, bool blocking) {
    static const char* const names[2][3] = {{"Testall", "Testany", "Testsome"}, {"Waitall", "Waitany", "Waitsome"}};
    const char* call = names[blocking ? 1 : 0][how];
    return guarded([&]() -> PyObject* {
        PyObject* list = nullptr;
        if (!PyArg_ParseTuple(args, "O", &list)) return nullptr;
        RankContext& context = require_rank(call);
        const std::vector<unsigned long> ids = id_list(list);
        Batch b = batch_of(context, ids);
        std::vector<Value> values(ids.size());
        std::vector<Status> statuses(ids.size());
        if (!b.any_live && how != 0) Py_RETURN_NONE;
        std::vector<int> done;
        const bool live_in_core =
            std::any_of(b.requests.begin(), b.requests.end(), [](const Request& r) { return !r.is_null(); });
        if (how == 1 && !b.kept.empty()) {
            done.push_back(b.kept.front());
        } else if (live_in_core) {
            const Location loc = caller_location(context);
            Engine& engine = *context.world.engine();
            RankState& me = *context.world.self();
            // With results already kept, waitsome returns them without waiting for more.
            const bool wait_more = blocking && !(how == 2 && !b.kept.empty());
            WithoutGil unlocked;
            done = engine.complete_many(me, std::span<Request>(b.requests), completion_of(how), wait_more, &statuses,
                                        &values, call_kind_of(how, blocking), loc);
        }
        if (how == 2) done.insert(done.end(), b.kept.begin(), b.kept.end());
        if (how == 0) {
            // All: in request order, every index, or nothing if the test found some still running.
            const bool all_done = !live_in_core || !done.empty();
            if (!all_done) return PyList_New(0);
            done.clear();
            for (std::size_t i = 0; i < ids.size(); ++i) done.push_back(static_cast<int>(i));
        }
        std::sort(done.begin(), done.end());
        return collect_indices(context, ids, done, values, statuses);
    });
}

PyObject* waitall(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        Ref results(complete_many(args, 0, true));
        if (!results) throw PythonError{};
        Ref out(PyList_New(0));
        for (Py_ssize_t i = 0; i < PyList_GET_SIZE(results.get()); ++i) {
            PyObject* item = PyList_GET_ITEM(results.get(), i);
            Ref pair(PyTuple_Pack(2, PyTuple_GET_ITEM(item, 1), PyTuple_GET_ITEM(item, 2)));
            if (!pair || PyList_Append(out.get(), pair.get()) < 0) throw PythonError{};
        }
        return out.release();
    });
}

PyObject* testall(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        Ref ids(PySequence_List(PyTuple_GET_ITEM(args, 0)));
        if (!ids) throw PythonError{};
        Ref results(complete_many(args, 0, false));
        if (!results) throw PythonError{};
        if (PyList_GET_SIZE(results.get()) == 0 && PyList_GET_SIZE(ids.get()) > 0) Py_RETURN_NONE;
        Ref out(PyList_New(0));
        for (Py_ssize_t i = 0; i < PyList_GET_SIZE(results.get()); ++i) {
            PyObject* item = PyList_GET_ITEM(results.get(), i);
            Ref pair(PyTuple_Pack(2, PyTuple_GET_ITEM(item, 1), PyTuple_GET_ITEM(item, 2)));
            if (!pair || PyList_Append(out.get(), pair.get()) < 0) throw PythonError{};
        }
        return out.release();
    });
}

// (index, data, status): index -1 when every request is null, -2 when none has completed (test).
PyObject* complete_any(PyObject* args, bool blocking) {
    return guarded([&]() -> PyObject* {
        Ref results(complete_many(args, 1, blocking));
        if (!results) throw PythonError{};
        if (results.get() == Py_None) return Py_BuildValue("(iOO)", -1, Py_None, Py_None);
        if (PyList_GET_SIZE(results.get()) == 0) return Py_BuildValue("(iOO)", -2, Py_None, Py_None);
        PyObject* first = PyList_GET_ITEM(results.get(), 0);
        Py_INCREF(first);
        return first;
    });
}

PyObject* waitany(PyObject*, PyObject* args) { return complete_any(args, true); }
PyObject* testany(PyObject*, PyObject* args) { return complete_any(args, false); }
PyObject* waitsome(PyObject*, PyObject* args) { return complete_many(args, 2, true); }
PyObject* testsome(PyObject*, PyObject* args) { return complete_many(args, 2, false); }

}  // namespace

PyMethodDef completion_methods[] = {
    {"wait", wait, METH_VARARGS, "Request.wait: (True, pickle or None, status)."},
    {"test", test, METH_VARARGS, "Request.test: (flag, pickle or None, status)."},
    {"get_status", get_status, METH_VARARGS, "Request.Get_status: (flag, status)."},
    {"cancel", cancel, METH_VARARGS, "Request.Cancel."},
    {"request_free", request_free, METH_VARARGS, "Request.Free."},
    {"waitall", waitall, METH_VARARGS, "Request.waitall: [(pickle or None, status)]."},
    {"testall", testall, METH_VARARGS, "Request.testall: [(pickle or None, status)] or None."},
    {"waitany", waitany, METH_VARARGS, "Request.waitany: (index, pickle or None, status)."},
    {"testany", testany, METH_VARARGS, "Request.testany: (index, pickle or None, status)."},
    {"waitsome", waitsome, METH_VARARGS, "Request.waitsome: [(index, pickle or None, status)] or None."},
    {"testsome", testsome, METH_VARARGS, "Request.testsome: [(index, pickle or None, status)] or None."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace mpilab::python
