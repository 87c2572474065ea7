// _mpilab's point-to-point calls: the lowercase ones move pickles (bytes in, bytes out; the core
// counts exactly their length), the capitalised ones typed buffers pinned for the operation. A
// non-blocking call registers its request in the rank's context, with the buffers it pins.
#include "app/frontends/python/buffers.hpp"
#include "app/frontends/python/frames.hpp"
#include "app/frontends/python/module.hpp"

namespace mpilab::python {

namespace {

enum Mode { Standard = 0, Synchronous = 1 };

PyObject* received(const Value& value, const Status& status) {
    Ref data(bytes_or_none(value));
    if (!data) throw PythonError{};
    Ref st(status_tuple(status));
    return PyTuple_Pack(2, data.get(), st.get());
}

// ---- Python objects (pickles) ----

PyObject* send(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        long h = 0;
        PyObject* data = nullptr;
        int dest = 0, tag = 0, mode = 0;
        if (!PyArg_ParseTuple(args, "lSiii", &h, &data, &dest, &tag, &mode)) return nullptr;
        RankContext& context = require_rank(mode == Synchronous ? "ssend" : "send");
        Comm& comm = comm_of(context, h, "send");
        const Location loc = caller_location(context);
        const Value value = binary_value(data);
        {
            WithoutGil unlocked;
            if (mode == Synchronous)
                comm.ssend(value, dest, tag, loc);
            else
                comm.send(value, dest, tag, loc);
        }
        Py_RETURN_NONE;
    });
}

PyObject* recv(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        long h = 0;
        int source = 0, tag = 0;
        if (!PyArg_ParseTuple(args, "lii", &h, &source, &tag)) return nullptr;
        RankContext& context = require_rank("recv");
        Comm& comm = comm_of(context, h, "recv");
        const Location loc = caller_location(context);
        Value value;
        Status status;
        {
            WithoutGil unlocked;
            value = comm.recv(source, tag, &status, loc);
        }
        return received(value, status);
    });
}

PyObject* sendrecv(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        long h = 0;
        PyObject* data = nullptr;
        int dest = 0, sendtag = 0, source = 0, recvtag = 0;
        if (!PyArg_ParseTuple(args, "lSiiii", &h, &data, &dest, &sendtag, &source, &recvtag)) return nullptr;
        RankContext& context = require_rank("sendrecv");
        Comm& comm = comm_of(context, h, "sendrecv");
        const Location loc = caller_location(context);
        const Value value = binary_value(data);
        Value got;
        Status status;
        {
            WithoutGil unlocked;
            got = comm.sendrecv(value, dest, sendtag, source, recvtag, &status, loc);
        }
        return received(got, status);
    });
}

PyObject* isend(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        long h = 0;
        PyObject* data = nullptr;
        int dest = 0, tag = 0, mode = 0;
        if (!PyArg_ParseTuple(args, "lSiii", &h, &data, &dest, &tag, &mode)) return nullptr;
        RankContext& context = require_rank(mode == Synchronous ? "issend" : "isend");
        Comm& comm = comm_of(context, h, "isend");
        const Location loc = caller_location(context);
        const Value value = binary_value(data);
        Request request;
        {
            WithoutGil unlocked;
            request = mode == Synchronous ? comm.issend(value, dest, tag, loc) : comm.isend(value, dest, tag, loc);
        }
        return register_request(context, request, false);
    });
}

PyObject* irecv(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        long h = 0;
        int source = 0, tag = 0;
        if (!PyArg_ParseTuple(args, "lii", &h, &source, &tag)) return nullptr;
        RankContext& context = require_rank("irecv");
        Comm& comm = comm_of(context, h, "irecv");
        const Location loc = caller_location(context);
        Request request;
        {
            WithoutGil unlocked;
            request = comm.irecv(source, tag, loc);
        }
        return register_request(context, request, true);
    });
}

PyObject* probe(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        long h = 0;
        int source = 0, tag = 0;
        if (!PyArg_ParseTuple(args, "lii", &h, &source, &tag)) return nullptr;
        RankContext& context = require_rank("probe");
        Comm& comm = comm_of(context, h, "probe");
        const Location loc = caller_location(context);
        Status status;
        {
            WithoutGil unlocked;
            status = comm.probe(source, tag, loc);
        }
        return status_tuple(status);
    });
}

PyObject* iprobe(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        long h = 0;
        int source = 0, tag = 0;
        if (!PyArg_ParseTuple(args, "lii", &h, &source, &tag)) return nullptr;
        RankContext& context = require_rank("iprobe");
        Comm& comm = comm_of(context, h, "iprobe");
        const Location loc = caller_location(context);
        Status status;
        bool found = false;
        {
            WithoutGil unlocked;
            found = comm.iprobe(source, tag, &status, loc);
        }
        if (!found) Py_RETURN_NONE;
        return status_tuple(status);
    });
}

// ---- buffers ----

PyObject* Send(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        long h = 0;
        PyObject* spec = nullptr;
        int dest = 0, tag = 0, mode = 0;
        if (!PyArg_ParseTuple(args, "lOiii", &h, &spec, &dest, &tag, &mode)) return nullptr;
        const char* call = mode == Synchronous ? "Ssend" : "Send";
        RankContext& context = require_rank(call);
        Comm& comm = comm_of(context, h, call);
        const PinnedBuffer buf = PinnedBuffer::from_spec(spec, false, call);
        const Location loc = caller_location(context);
        {
            WithoutGil unlocked;
            if (mode == Synchronous)
                comm.Ssend(buf.send(), dest, tag, loc);
            else
                comm.Send(buf.send(), dest, tag, loc);
        }
        Py_RETURN_NONE;
    });
}

PyObject* Recv(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        long h = 0;
        PyObject* spec = nullptr;
        int source = 0, tag = 0;
        if (!PyArg_ParseTuple(args, "lOii", &h, &spec, &source, &tag)) return nullptr;
        RankContext& context = require_rank("Recv");
        Comm& comm = comm_of(context, h, "Recv");
        const PinnedBuffer buf = PinnedBuffer::from_spec(spec, true, "Recv");
        const Location loc = caller_location(context);
        Status status;
        {
            WithoutGil unlocked;
            status = comm.Recv(buf.buffer(), source, tag, loc);
        }
        return status_tuple(status);
    });
}

PyObject* Sendrecv(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        long h = 0;
        PyObject *send_spec = nullptr, *recv_spec = nullptr;
        int dest = 0, sendtag = 0, source = 0, recvtag = 0;
        if (!PyArg_ParseTuple(args, "lOiiOii", &h, &send_spec, &dest, &sendtag, &recv_spec, &source, &recvtag))
            return nullptr;
        RankContext& context = require_rank("Sendrecv");
        Comm& comm = comm_of(context, h, "Sendrecv");
        const PinnedBuffer sendbuf = PinnedBuffer::from_spec(send_spec, false, "Sendrecv");
        const PinnedBuffer recvbuf = PinnedBuffer::from_spec(recv_spec, true, "Sendrecv");
        const Location loc = caller_location(context);
        Status status;
        {
            WithoutGil unlocked;
            status = comm.Sendrecv(sendbuf.send(), dest, sendtag, recvbuf.buffer(), source, recvtag, loc);
        }
        return status_tuple(status);
    });
}

// MPI_Sendrecv_replace: the send goes out of a copy, the receive lands in the buffer.
PyObject* Sendrecv_replace(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        long h = 0;
        PyObject* spec = nullptr;
        int dest = 0, sendtag = 0, source = 0, recvtag = 0;
        if (!PyArg_ParseTuple(args, "lOiiii", &h, &spec, &dest, &sendtag, &source, &recvtag)) return nullptr;
        RankContext& context = require_rank("Sendrecv_replace");
        Comm& comm = comm_of(context, h, "Sendrecv_replace");
        const PinnedBuffer buf = PinnedBuffer::from_spec(spec, true, "Sendrecv_replace");
        const Buffer& into = buf.buffer();
        const auto* first = static_cast<const std::byte*>(into.data);
        const std::vector<std::byte> copy(first, first + into.bytes());
        const Location loc = caller_location(context);
        Status status;
        {
            WithoutGil unlocked;
            status = comm.Sendrecv(ConstBuffer(copy.data(), into.count, into.type), dest, sendtag, into, source,
                                   recvtag, loc);
        }
        return status_tuple(status);
    });
}

PyObject* Isend(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        long h = 0;
        PyObject* spec = nullptr;
        int dest = 0, tag = 0, mode = 0;
        if (!PyArg_ParseTuple(args, "lOiii", &h, &spec, &dest, &tag, &mode)) return nullptr;
        const char* call = mode == Synchronous ? "Issend" : "Isend";
        RankContext& context = require_rank(call);
        Comm& comm = comm_of(context, h, call);
        PinnedBuffer buf = PinnedBuffer::from_spec(spec, false, call);
        const Location loc = caller_location(context);
        Request request;
        {
            WithoutGil unlocked;
            request = mode == Synchronous ? comm.Issend(buf.send(), dest, tag, loc) : comm.Isend(buf.send(), dest, tag, loc);
        }
        return register_request(context, request, false, {&buf});
    });
}

PyObject* Irecv(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        long h = 0;
        PyObject* spec = nullptr;
        int source = 0, tag = 0;
        if (!PyArg_ParseTuple(args, "lOii", &h, &spec, &source, &tag)) return nullptr;
        RankContext& context = require_rank("Irecv");
        Comm& comm = comm_of(context, h, "Irecv");
        PinnedBuffer buf = PinnedBuffer::from_spec(spec, true, "Irecv");
        const Location loc = caller_location(context);
        Request request;
        {
            WithoutGil unlocked;
            request = comm.Irecv(buf.buffer(), source, tag, loc);
        }
        return register_request(context, request, false, {&buf});
    });
}

}  // namespace

PyObject* register_request(RankContext& context, Request request, bool object,
                           std::initializer_list<PinnedBuffer*> pinned) {
    if (request.is_null()) return PyLong_FromLong(0);
    PendingRequest& pending = context.requests[request.id];
    pending.request = request;
    pending.object = object;
    for (PinnedBuffer* buffer : pinned) buffer->move_view_to(pending.views);
    return PyLong_FromUnsignedLong(request.id);
}

PyMethodDef point_to_point_methods[] = {
    {"send", send, METH_VARARGS, "comm.send / ssend of a pickle."},
    {"recv", recv, METH_VARARGS, "comm.recv: (pickle, status)."},
    {"sendrecv", sendrecv, METH_VARARGS, "comm.sendrecv: (pickle, status)."},
    {"isend", isend, METH_VARARGS, "comm.isend / issend: request id."},
    {"irecv", irecv, METH_VARARGS, "comm.irecv: request id."},
    {"probe", probe, METH_VARARGS, "comm.probe: status."},
    {"iprobe", iprobe, METH_VARARGS, "comm.iprobe: status or None."},
    {"Send", Send, METH_VARARGS, "Comm.Send / Ssend."},
    {"Recv", Recv, METH_VARARGS, "Comm.Recv: status."},
    {"Sendrecv", Sendrecv, METH_VARARGS, "Comm.Sendrecv: status."},
    {"Sendrecv_replace", Sendrecv_replace, METH_VARARGS, "Comm.Sendrecv_replace: status."},
    {"Isend", Isend, METH_VARARGS, "Comm.Isend / Issend: request id."},
    {"Irecv", Irecv, METH_VARARGS, "Comm.Irecv: request id."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace mpilab::python
