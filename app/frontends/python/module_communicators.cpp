// _mpilab's communicator calls: rank, size, name and members of a handle, Dup, Split, Free.
#include "app/frontends/python/frames.hpp"
#include "app/frontends/python/module.hpp"

namespace mpilab::python {

namespace {

PyObject* comm_rank(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        long h = 0;
        if (!PyArg_ParseTuple(args, "l", &h)) return nullptr;
        RankContext& context = require_rank("Get_rank");
        return PyLong_FromLong(comm_of(context, h, "Get_rank").rank());
    });
}

PyObject* comm_size(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        long h = 0;
        if (!PyArg_ParseTuple(args, "l", &h)) return nullptr;
        RankContext& context = require_rank("Get_size");
        return PyLong_FromLong(comm_of(context, h, "Get_size").size());
    });
}

// mpi4py's names: the predefined communicators have MPI's, the others none.
PyObject* comm_name(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        long h = 0;
        if (!PyArg_ParseTuple(args, "l", &h)) return nullptr;
        RankContext& context = require_rank("Get_name");
        comm_of(context, h, "Get_name");
        return PyUnicode_FromString(h == 0 ? "MPI_COMM_WORLD" : h == 1 ? "MPI_COMM_SELF" : "");
    });
}

PyObject* comm_members(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        long h = 0;
        if (!PyArg_ParseTuple(args, "l", &h)) return nullptr;
        RankContext& context = require_rank("Compare");
        const Comm& comm = comm_of(context, h, "Compare");
        Ref list(PyList_New(comm.size()));
        if (!list) throw PythonError{};
        for (int i = 0; i < comm.size(); ++i) PyList_SET_ITEM(list.get(), i, PyLong_FromLong(comm.to_world(i)));
        return list.release();
    });
}

PyObject* comm_dup(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        long h = 0;
        if (!PyArg_ParseTuple(args, "l", &h)) return nullptr;
        RankContext& context = require_rank("Dup");
        Comm& comm = comm_of(context, h, "Dup");
        const Location loc = caller_location(context);
        Comm dup;
        {
            WithoutGil unlocked;
            dup = comm.dup(loc);
        }
        return PyLong_FromLong(add_comm(context, dup));
    });
}

PyObject* comm_split(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        long h = 0;
        int color = 0, key = 0;
        if (!PyArg_ParseTuple(args, "lii", &h, &color, &key)) return nullptr;
        RankContext& context = require_rank("Split");
        Comm& comm = comm_of(context, h, "Split");
        const Location loc = caller_location(context);
        Comm part;
        {
            WithoutGil unlocked;
            part = comm.split(color, key, loc);
        }
        return PyLong_FromLong(add_comm(context, part));
    });
}

PyObject* comm_free(PyObject*, PyObject* args) {
    return guarded([&]() -> PyObject* {
        long h = 0;
        if (!PyArg_ParseTuple(args, "l", &h)) return nullptr;
        RankContext& context = require_rank("Free");
        Comm& comm = comm_of(context, h, "Free");
        const Location loc = caller_location(context);
        {
            WithoutGil unlocked;
            comm.free(loc);
        }
        if (h > 1) context.comms[h] = Comm();
        Py_RETURN_NONE;
    });
}

}  // namespace

PyMethodDef communicator_methods[] = {
    {"comm_rank", comm_rank, METH_VARARGS, "Comm.Get_rank."},
    {"comm_size", comm_size, METH_VARARGS, "Comm.Get_size."},
    {"comm_name", comm_name, METH_VARARGS, "Comm.Get_name."},
    {"comm_members", comm_members, METH_VARARGS, "The world ranks of a communicator's members."},
    {"comm_dup", comm_dup, METH_VARARGS, "Comm.Dup."},
    {"comm_split", comm_split, METH_VARARGS, "Comm.Split (-1: COMM_NULL)."},
    {"comm_free", comm_free, METH_VARARGS, "Comm.Free."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace mpilab::python
