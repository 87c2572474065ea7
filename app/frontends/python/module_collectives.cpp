// _mpilab's collectives. The lowercase ones move pickles through the core's generic collectives, and
// their reductions call back into Python: a step of the core's plan (run under the engine lock, in
// whichever rank thread completes the round) takes the GIL, unpickles, applies the op, pickles the
// result. The capitalised ones pin their buffers; their I-forms register a request with them. Python
// ops are forbidden to call MPI (the engine lock is held) and their prints are shown after the call.
#include "app/frontends/python/buffers.hpp"
#include "app/frontends/python/frames.hpp"
#include "app/frontends/python/module.hpp"

namespace mpilab::python {

namespace {

constexpr long USER_OP = static_cast<long>(OpKind::User);

// Marks the running thread's rank as inside a reduction op for the scope.
class InOp {
public:
    explicit InOp(RankContext* context) : context_(context) {
        if (context_) ++context_->in_op;
    }
    ~InOp() {
        if (context_) --context_->in_op;
    }

private:
    RankContext* context_;
};

Value apply_object_op(PyObject* combine, const Value& a, const Value& b) {
    WithGil gil;
    RankContext* context = current_rank();
    InOp scope(context);
    try {
        Ref x(bytes_or_none(a));
        Ref y(bytes_or_none(b));
        if (!x || !y) throw PythonError{};
        Ref result(PyObject_CallFunctionObjArgs(combine, x.get(), y.get(), nullptr));
        if (!result) throw PythonError{};
        return binary_value(result.get());
    } catch (const PythonError&) {
        throw std::runtime_error(describe_python_error(context));
    }
}

void apply_buffer_op(PyObject* combine, const void* in, void* inout, std::int64_t count, Datatype type) {
    WithGil gil;
    RankContext* context = current_rank();
    InOp scope(context);
    const auto bytes = static_cast<Py_ssize_t>(count * type.size);
    Ref inbuf(PyMemoryView_FromMemory(static_cast<char*>(const_cast<void*>(in)), bytes, PyBUF_READ));
    Ref inoutbuf(PyMemoryView_FromMemory(static_cast<char*>(inout), bytes, PyBUF_WRITE));
    Ref result;
    if (inbuf && inoutbuf)
        result = Ref(PyObject_CallFunction(combine, "OOi", inbuf.get(), inoutbuf.get(), static_cast<int>(type.kind)));
    if (!result) throw std::runtime_error(describe_python_error(context));
    // The memory is the core's: views the function kept must not outlive the call.
    for (PyObject* view : {inbuf.get(), inoutbuf.get()}) {
        Ref released(PyObject_CallMethod(view, "release", nullptr));
        if (!released) PyErr_Clear();
    }
}

struct OpSpec {
    long kind = 0;
    PyObject* combine = nullptr;
    int commute = 1;
    const char* name = "";
};

OpSpec op_spec(RankContext& context, PyObject* spec) {
    OpSpec s;
    if (!PyArg_ParseTuple(spec, "lOps", &s.kind, &s.combine, &s.commute, &s.name)) throw PythonError{};
    if (s.kind <= 0 || s.kind > USER_OP) raise(PyExc_ValueError, "not a reduction op");
    if (s.combine != Py_None) {
        Py_INCREF(s.combine);
        context.kept.push_back(s.combine);   // the op may run after this call's arguments are gone
    }
    return s;
}

Op object_op(RankContext& context, PyObject* spec) {
    const OpSpec s = op_spec(context, spec);
    PyObject* combine = s.combine;
    Op::GenericFn fn = [combine](const Value& a, const Value& b) { return apply_object_op(combine, a, b); };
    if (s.kind == USER_OP) return Op::user(std::move(fn), s.commute != 0, s.name);
    return Op(static_cast<OpKind>(s.kind)).with_generic(std::move(fn));
}

Op buffer_op(RankContext& context, PyObject* spec) {
    const OpSpec s = op_spec(context, spec);
    if (s.kind != USER_OP) return Op(static_cast<OpKind>(s.kind));
    PyObject* combine = s.combine;
    return Op::user_typed([combine](const void* in, void* inout, std::int64_t count,
                                    Datatype type) { apply_buffer_op(combine, in, inout, count, type); },
                          s.commute != 0, s.name);
}

Value items_value(PyObject* list) {
    Ref seq(PySequence_Fast(list, "a list of pickles"));
    if (!seq) throw PythonError{};
    Value items = Value::array();
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(seq.get()); ++i)
        items.push_back(binary_value(PySequence_Fast_GET_ITEM(seq.get(), i)));
    return items;
}

PyObject* items_list(const Value& items) {
    if (items.is_null()) Py_RETURN_NONE;
    Ref list(PyList_New(static_cast<Py_ssize_t>(items.size())));
    if (!list) throw PythonError{};
    for (std::size_t i = 0; i < items.size(); ++i) {
        PyObject* item = bytes_or_none(items[i]);
        if (!item) throw PythonError{};
        PyList_SET_ITEM(list.get(), static_cast<Py_ssize_t>(i), item);
    }
    return list.release();
}

// Runs `body` (a call into the core) without the GIL, then shows what Python ops printed meanwhile.
template <class Body>
void in_core(RankContext& context, Body&& body) {
    {
        WithoutGil unlocked;
        body();
    }
    flush_deferred(context);
}

// ---- Python objects ----

PyObject* bcast(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        long h = 0;
        PyObject* data = nullptr;
        int root = 0;
        if (!PyArg_ParseTuple(args, "lOi", &h, &data, &root)) return nullptr;
        RankContext& context = require_rank("bcast");
        Comm& comm = comm_of(context, h, "bcast");
        const Location loc = caller_location(context);
        const Value in = data == Py_None ? Value() : binary_value(data);
        Value out;
        in_core(context, [&] { out = comm.bcast(in, root, loc); });
        return bytes_or_none(out);
    });
}

PyObject* gather(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        long h = 0;
        PyObject* data = nullptr;
        int root = 0;
        if (!PyArg_ParseTuple(args, "lSi", &h, &data, &root)) return nullptr;
        RankContext& context = require_rank("gather");
        Comm& comm = comm_of(context, h, "gather");
        const Location loc = caller_location(context);
        const Value in = binary_value(data);
        Value out;
        in_core(context, [&] { out = comm.gather(in, root, loc); });
        return items_list(out);
    });
}

PyObject* scatter(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        long h = 0;
        PyObject* items = nullptr;
        int root = 0;
        if (!PyArg_ParseTuple(args, "lOi", &h, &items, &root)) return nullptr;
        RankContext& context = require_rank("scatter");
        Comm& comm = comm_of(context, h, "scatter");
        const Location loc = caller_location(context);
        const Value in = items == Py_None ? Value() : items_value(items);
        Value out;
        in_core(context, [&] { out = comm.scatter(in, root, loc); });
        return bytes_or_none(out);
    });
}

PyObject* allgather(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        long h = 0;
        PyObject* data = nullptr;
        if (!PyArg_ParseTuple(args, "lS", &h, &data)) return nullptr;
        RankContext& context = require_rank("allgather");
        Comm& comm = comm_of(context, h, "allgather");
        const Location loc = caller_location(context);
        const Value in = binary_value(data);
        Value out;
        in_core(context, [&] { out = comm.allgather(in, loc); });
        return items_list(out);
    });
}

PyObject* alltoall(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        long h = 0;
        PyObject* items = nullptr;
        if (!PyArg_ParseTuple(args, "lO", &h, &items)) return nullptr;
        RankContext& context = require_rank("alltoall");
        Comm& comm = comm_of(context, h, "alltoall");
        const Location loc = caller_location(context);
        const Value in = items_value(items);
        Value out;
        in_core(context, [&] { out = comm.alltoall(in, loc); });
        return items_list(out);
    });
}

PyObject* reduce(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        long h = 0;
        PyObject *data = nullptr, *spec = nullptr;
        int root = 0;
        if (!PyArg_ParseTuple(args, "lSO!i", &h, &data, &PyTuple_Type, &spec, &root)) return nullptr;
        RankContext& context = require_rank("reduce");
        Comm& comm = comm_of(context, h, "reduce");
        const Op op = object_op(context, spec);
        const Location loc = caller_location(context);
        const Value in = binary_value(data);
        Value out;
        in_core(context, [&] { out = comm.reduce(in, op, root, loc); });
        return bytes_or_none(out);
    });
}

PyObject* allreduce(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        long h = 0;
        PyObject *data = nullptr, *spec = nullptr;
        if (!PyArg_ParseTuple(args, "lSO!", &h, &data, &PyTuple_Type, &spec)) return nullptr;
        RankContext& context = require_rank("allreduce");
        Comm& comm = comm_of(context, h, "allreduce");
        const Op op = object_op(context, spec);
        const Location loc = caller_location(context);
        const Value in = binary_value(data);
        Value out;
        in_core(context, [&] { out = comm.allreduce(in, op, loc); });
        return bytes_or_none(out);
    });
}

PyObject* scan(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        long h = 0;
        PyObject *data = nullptr, *spec = nullptr;
        int exclusive = 0;
        if (!PyArg_ParseTuple(args, "lSO!p", &h, &data, &PyTuple_Type, &spec, &exclusive)) return nullptr;
        const char* call = exclusive ? "exscan" : "scan";
        RankContext& context = require_rank(call);
        Comm& comm = comm_of(context, h, call);
        const Op op = object_op(context, spec);
        const Location loc = caller_location(context);
        const Value in = binary_value(data);
        Value out;
        in_core(context, [&] { out = exclusive ? comm.exscan(in, op, loc) : comm.scan(in, op, loc); });
        return bytes_or_none(out);
    });
}

// ---- buffers ----

// The blocking call's None, or the I-form's request (pinning `buffers`).
PyObject* finished(RankContext& context, bool nonblocking, Request request,
                   std::initializer_list<PinnedBuffer*> buffers) {
    if (!nonblocking) Py_RETURN_NONE;
    return register_request(context, request, false, buffers);
}

PyObject* Barrier(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        long h = 0;
        int nonblocking = 0, lowercase = 0;
        if (!PyArg_ParseTuple(args, "lpp", &h, &nonblocking, &lowercase)) return nullptr;
        const char* call = nonblocking ? "Ibarrier" : lowercase ? "barrier" : "Barrier";
        RankContext& context = require_rank(call);
        Comm& comm = comm_of(context, h, call);
        const Location loc = caller_location(context);
        Request request;
        in_core(context, [&] {
            if (nonblocking)
                request = comm.Ibarrier(loc);
            else if (lowercase)
                comm.barrier(loc);
            else
                comm.Barrier(loc);
        });
        return finished(context, nonblocking, request, {});
    });
}

PyObject* Bcast(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        long h = 0;
        PyObject* spec = nullptr;
        int root = 0, nonblocking = 0;
        if (!PyArg_ParseTuple(args, "lOip", &h, &spec, &root, &nonblocking)) return nullptr;
        const char* call = nonblocking ? "Ibcast" : "Bcast";
        RankContext& context = require_rank(call);
        Comm& comm = comm_of(context, h, call);
        PinnedBuffer buf = PinnedBuffer::from_spec(spec, comm.rank() != root, call);
        const Location loc = caller_location(context);
        Request request;
        in_core(context, [&] {
            if (nonblocking)
                request = comm.Ibcast(buf.buffer(), root, loc);
            else
                comm.Bcast(buf.buffer(), root, loc);
        });
        return finished(context, nonblocking, request, {&buf});
    });
}

PyObject* Reduce(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        long h = 0;
        PyObject *send_spec = nullptr, *recv_spec = nullptr, *op_tuple = nullptr;
        int root = 0, nonblocking = 0;
        if (!PyArg_ParseTuple(args, "lOOO!ip", &h, &send_spec, &recv_spec, &PyTuple_Type, &op_tuple, &root,
                              &nonblocking))
            return nullptr;
        const char* call = nonblocking ? "Ireduce" : "Reduce";
        RankContext& context = require_rank(call);
        Comm& comm = comm_of(context, h, call);
        PinnedBuffer sendbuf = PinnedBuffer::from_spec(send_spec, false, call);
        PinnedBuffer recvbuf = PinnedBuffer::from_spec(recv_spec, true, call);
        const Op op = buffer_op(context, op_tuple);
        const Location loc = caller_location(context);
        Request request;
        in_core(context, [&] {
            if (nonblocking)
                request = comm.Ireduce(sendbuf.send(), recvbuf.buffer(), op, root, loc);
            else
                comm.Reduce(sendbuf.send(), recvbuf.buffer(), op, root, loc);
        });
        return finished(context, nonblocking, request, {&sendbuf, &recvbuf});
    });
}

// Allreduce (0), Scan (1), Exscan (2), Reduce_scatter_block (3): the reductions without a root.
PyObject* Allreduce(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        long h = 0;
        PyObject *send_spec = nullptr, *recv_spec = nullptr, *op_tuple = nullptr;
        int which = 0, nonblocking = 0;
        if (!PyArg_ParseTuple(args, "lOOO!ip", &h, &send_spec, &recv_spec, &PyTuple_Type, &op_tuple, &which,
                              &nonblocking))
            return nullptr;
        static const char* const names[] = {"Allreduce", "Scan", "Exscan", "Reduce_scatter_block"};
        const char* call = nonblocking ? "Iallreduce" : names[which & 3];
        RankContext& context = require_rank(call);
        Comm& comm = comm_of(context, h, call);
        PinnedBuffer sendbuf = PinnedBuffer::from_spec(send_spec, false, call);
        PinnedBuffer recvbuf = PinnedBuffer::from_spec(recv_spec, true, call);
        const Op op = buffer_op(context, op_tuple);
        const Location loc = caller_location(context);
        Request request;
        in_core(context, [&] {
            if (nonblocking)
                request = comm.Iallreduce(sendbuf.send(), recvbuf.buffer(), op, loc);
            else if (which == 1)
                comm.Scan(sendbuf.send(), recvbuf.buffer(), op, loc);
            else if (which == 2)
                comm.Exscan(sendbuf.send(), recvbuf.buffer(), op, loc);
            else if (which == 3)
                comm.Reduce_scatter_block(sendbuf.send(), recvbuf.buffer(), op, loc);
            else
                comm.Allreduce(sendbuf.send(), recvbuf.buffer(), op, loc);
        });
        return finished(context, nonblocking, request, {&sendbuf, &recvbuf});
    });
}

enum class Movement { Gather, Scatter, Allgather, Alltoall };

PyObject* move_blocks(PyObject* args, Movement what) {
    return guarded([&]() -> PyObject* {
        long h = 0;
        PyObject *send_spec = nullptr, *recv_spec = nullptr;
        int root = 0, nonblocking = 0;
        const bool rooted = what == Movement::Gather || what == Movement::Scatter;
        const bool parsed = rooted ? PyArg_ParseTuple(args, "lOOip", &h, &send_spec, &recv_spec, &root, &nonblocking)
                                   : PyArg_ParseTuple(args, "lOOp", &h, &send_spec, &recv_spec, &nonblocking);
        if (!parsed) return nullptr;
        static const char* const names[2][4] = {{"Gather", "Scatter", "Allgather", "Alltoall"},
                                                {"Igather", "Iscatter", "Iallgather", "Ialltoall"}};
        const char* call = names[nonblocking ? 1 : 0][static_cast<int>(what)];
        RankContext& context = require_rank(call);
        Comm& comm = comm_of(context, h, call);
        PinnedBuffer sendbuf = PinnedBuffer::from_spec(send_spec, false, call);
        PinnedBuffer recvbuf = PinnedBuffer::from_spec(recv_spec, true, call);
        const Location loc = caller_location(context);
        const ConstBuffer s = sendbuf.send();
        const Buffer& r = recvbuf.buffer();
        Request request;
        in_core(context, [&] {
            switch (what) {
            case Movement::Gather:
                if (nonblocking) request = comm.Igather(s, r, root, loc); else comm.Gather(s, r, root, loc);
                break;
            case Movement::Scatter:
                if (nonblocking) request = comm.Iscatter(s, r, root, loc); else comm.Scatter(s, r, root, loc);
                break;
            case Movement::Allgather:
                if (nonblocking) request = comm.Iallgather(s, r, loc); else comm.Allgather(s, r, loc);
                break;
            case Movement::Alltoall:
                if (nonblocking) request = comm.Ialltoall(s, r, loc); else comm.Alltoall(s, r, loc);
                break;
            }
        });
        return finished(context, nonblocking, request, {&sendbuf, &recvbuf});
    });
}

PyObject* Gather(PyObject*, PyObject* args) { return move_blocks(args, Movement::Gather); }
PyObject* Scatter(PyObject*, PyObject* args) { return move_blocks(args, Movement::Scatter); }
PyObject* Allgather(PyObject*, PyObject* args) { return move_blocks(args, Movement::Allgather); }
PyObject* Alltoall(PyObject*, PyObject* args) { return move_blocks(args, Movement::Alltoall); }

// Gatherv (root), Allgatherv: a plain send buffer, a vector receive spec.
PyObject* gather_v(PyObject* args, bool all) {
    return guarded([&]() -> PyObject* {
        long h = 0;
        PyObject *send_spec = nullptr, *recv_spec = nullptr;
        int root = 0;
        const bool parsed = all ? PyArg_ParseTuple(args, "lOO", &h, &send_spec, &recv_spec)
                                : PyArg_ParseTuple(args, "lOOi", &h, &send_spec, &recv_spec, &root);
        if (!parsed) return nullptr;
        const char* call = all ? "Allgatherv" : "Gatherv";
        RankContext& context = require_rank(call);
        Comm& comm = comm_of(context, h, call);
        const PinnedBuffer sendbuf = PinnedBuffer::from_spec(send_spec, false, call);
        const PinnedBuffer recvbuf = PinnedBuffer::from_vector_spec(recv_spec, true, comm.size(), call);
        const Location loc = caller_location(context);
        in_core(context, [&] {
            if (all)
                comm.Allgatherv(sendbuf.send(), recvbuf.buffer(), recvbuf.counts(), recvbuf.displs(), loc);
            else
                comm.Gatherv(sendbuf.send(), recvbuf.buffer(), recvbuf.counts(), recvbuf.displs(), root, loc);
        });
        Py_RETURN_NONE;
    });
}

PyObject* Gatherv(PyObject*, PyObject* args) { return gather_v(args, false); }
PyObject* Allgatherv(PyObject*, PyObject* args) { return gather_v(args, true); }

PyObject* Scatterv(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        long h = 0;
        PyObject *send_spec = nullptr, *recv_spec = nullptr;
        int root = 0;
        if (!PyArg_ParseTuple(args, "lOOi", &h, &send_spec, &recv_spec, &root)) return nullptr;
        RankContext& context = require_rank("Scatterv");
        Comm& comm = comm_of(context, h, "Scatterv");
        const PinnedBuffer sendbuf = PinnedBuffer::from_vector_spec(send_spec, false, comm.size(), "Scatterv");
        const PinnedBuffer recvbuf = PinnedBuffer::from_spec(recv_spec, true, "Scatterv");
        const Location loc = caller_location(context);
        in_core(context, [&] {
            comm.Scatterv(sendbuf.send(), sendbuf.counts(), sendbuf.displs(), recvbuf.buffer(), root, loc);
        });
        Py_RETURN_NONE;
    });
}

PyObject* Alltoallv(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        long h = 0;
        PyObject *send_spec = nullptr, *recv_spec = nullptr;
        if (!PyArg_ParseTuple(args, "lOO", &h, &send_spec, &recv_spec)) return nullptr;
        RankContext& context = require_rank("Alltoallv");
        Comm& comm = comm_of(context, h, "Alltoallv");
        const PinnedBuffer sendbuf = PinnedBuffer::from_vector_spec(send_spec, false, comm.size(), "Alltoallv");
        const PinnedBuffer recvbuf = PinnedBuffer::from_vector_spec(recv_spec, true, comm.size(), "Alltoallv");
        const Location loc = caller_location(context);
        in_core(context, [&] {
            comm.Alltoallv(sendbuf.send(), sendbuf.counts(), sendbuf.displs(), recvbuf.buffer(), recvbuf.counts(),
                           recvbuf.displs(), loc);
        });
        Py_RETURN_NONE;
    });
}

}  // namespace

PyMethodDef collective_methods[] = {
    {"bcast", bcast, METH_VARARGS, "comm.bcast of a pickle (None off the root)."},
    {"gather", gather, METH_VARARGS, "comm.gather: list of pickles at the root, else None."},
    {"scatter", scatter, METH_VARARGS, "comm.scatter: this rank's pickle."},
    {"allgather", allgather, METH_VARARGS, "comm.allgather: list of pickles."},
    {"alltoall", alltoall, METH_VARARGS, "comm.alltoall: list of pickles."},
    {"reduce", reduce, METH_VARARGS, "comm.reduce: pickle at the root, else None."},
    {"allreduce", allreduce, METH_VARARGS, "comm.allreduce: pickle."},
    {"scan", scan, METH_VARARGS, "comm.scan / exscan: pickle (exscan: None on rank 0)."},
    {"Barrier", Barrier, METH_VARARGS, "Comm.Barrier / Ibarrier / barrier."},
    {"Bcast", Bcast, METH_VARARGS, "Comm.Bcast / Ibcast."},
    {"Reduce", Reduce, METH_VARARGS, "Comm.Reduce / Ireduce."},
    {"Allreduce", Allreduce, METH_VARARGS, "Comm.Allreduce / Iallreduce / Scan / Exscan / Reduce_scatter_block."},
    {"Gather", Gather, METH_VARARGS, "Comm.Gather / Igather."},
    {"Scatter", Scatter, METH_VARARGS, "Comm.Scatter / Iscatter."},
    {"Allgather", Allgather, METH_VARARGS, "Comm.Allgather / Iallgather."},
    {"Alltoall", Alltoall, METH_VARARGS, "Comm.Alltoall / Ialltoall."},
    {"Gatherv", Gatherv, METH_VARARGS, "Comm.Gatherv."},
    {"Scatterv", Scatterv, METH_VARARGS, "Comm.Scatterv."},
    {"Allgatherv", Allgatherv, METH_VARARGS, "Comm.Allgatherv."},
    {"Alltoallv", Alltoallv, METH_VARARGS, "Comm.Alltoallv."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace mpilab::python
