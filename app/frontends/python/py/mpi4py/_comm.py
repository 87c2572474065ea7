# Communicators of mpilab's mpi4py: Comm and Intracomm with mpi4py's signatures, each call handed to
# _mpilab, which runs it on the calling rank's communicator in the core. A communicator object holds a
# handle that each rank resolves to its own communicator (0 is COMM_WORLD, 1 COMM_SELF), so the shared
# module-level COMM_WORLD means each rank's world. Lowercase calls move pickles (pickle's highest
# protocol, as mpi4py 3.1), so their messages weigh what they weigh under mpi4py.
import pickle as _pickle

import _mpilab as _c

from . import _buffers, _datatypes, _ops
from ._requests import Request, Status

_PROTOCOL = _pickle.HIGHEST_PROTOCOL
_dumps = _pickle.dumps
_loads = _pickle.loads

ANY_SOURCE = -1
ANY_TAG = -1
PROC_NULL = -2
UNDEFINED = -32766
IDENT, CONGRUENT, SIMILAR, UNEQUAL = 0, 1, 2, 3
_STANDARD, _SYNCHRONOUS = 0, 1


def _status(status, t):
    if status is not None:
        status._set(t)


def _datatype_of(kind):
    for value in vars(_datatypes).values():
        if isinstance(value, _datatypes.Datatype) and value._kind == kind:
            return value
    return _datatypes.BYTE


class Comm:
    """A communicator."""

    __slots__ = ("_h",)

    def __init__(self, comm=None):
        self._h = -1 if comm is None else comm._h

    @classmethod
    def _of(cls, h):
        c = cls.__new__(cls)
        c._h = h
        return c

    def __eq__(self, other):
        return isinstance(other, Comm) and self._h == other._h

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        return hash(self._h)

    def __bool__(self):
        return self._h >= 0

    def __repr__(self):
        return "<mpi4py.MPI.%s %s>" % (type(self).__name__, _c.comm_name(self._h) if self._h >= 0 else "MPI_COMM_NULL")

    # ---- who am I ----

    def Get_rank(self):
        return _c.comm_rank(self._h)

    def Get_size(self):
        return _c.comm_size(self._h)

    def Get_name(self):
        return _c.comm_name(self._h)

    def Set_name(self, name):
        raise NotImplementedError("Comm.Set_name is not simulated by mpilab; the trace names communicators itself")

    rank = property(Get_rank)
    size = property(Get_size)
    name = property(Get_name)

    def Is_inter(self):
        return False

    def Is_intra(self):
        return True

    is_inter = property(Is_inter)
    is_intra = property(Is_intra)
    is_topo = property(lambda self: False)

    def Get_topology(self):
        return UNDEFINED

    topology = property(Get_topology)

    def Get_attr(self, keyval):
        if keyval == 0:   # MPI.TAG_UB
            return 32767
        raise NotImplementedError("Comm.Get_attr: mpilab knows only MPI.TAG_UB")

    @classmethod
    def Compare(cls, comm1, comm2):
        if comm1._h == comm2._h:
            return IDENT
        a, b = _c.comm_members(comm1._h), _c.comm_members(comm2._h)
        if a == b:
            return CONGRUENT
        return SIMILAR if sorted(a) == sorted(b) else UNEQUAL

    # ---- communicator management ----

    def Dup(self, info=None):
        return type(self)._of(_c.comm_dup(self._h))

    Clone = Dup

    def Split(self, color=0, key=0):
        h = _c.comm_split(self._h, color, key)
        return Intracomm._of(h) if h >= 0 else Comm._of(-1)

    def Free(self):
        _c.comm_free(self._h)
        self._h = -1

    def Abort(self, errorcode=0):
        _c.abort(self._h, errorcode)

    # ---- point-to-point, Python objects ----

    def send(self, obj, dest, tag=0):
        _c.send(self._h, _dumps(obj, _PROTOCOL), dest, tag, _STANDARD)

    def ssend(self, obj, dest, tag=0):
        _c.send(self._h, _dumps(obj, _PROTOCOL), dest, tag, _SYNCHRONOUS)

    def recv(self, buf=None, source=ANY_SOURCE, tag=ANY_TAG, status=None):
        data, t = _c.recv(self._h, source, tag)
        _status(status, t)
        return _loads(data) if data is not None else None

    def sendrecv(self, sendobj, dest, sendtag=0, recvbuf=None, source=ANY_SOURCE, recvtag=ANY_TAG, status=None):
        data, t = _c.sendrecv(self._h, _dumps(sendobj, _PROTOCOL), dest, sendtag, source, recvtag)
        _status(status, t)
        return _loads(data) if data is not None else None

    def isend(self, obj, dest, tag=0):
        return Request._of(_c.isend(self._h, _dumps(obj, _PROTOCOL), dest, tag, _STANDARD))

    def issend(self, obj, dest, tag=0):
        return Request._of(_c.isend(self._h, _dumps(obj, _PROTOCOL), dest, tag, _SYNCHRONOUS))

    def irecv(self, buf=None, source=ANY_SOURCE, tag=ANY_TAG):
        return Request._of(_c.irecv(self._h, source, tag))

    def probe(self, source=ANY_SOURCE, tag=ANY_TAG, status=None):
        _status(status, _c.probe(self._h, source, tag))
        return True

    def iprobe(self, source=ANY_SOURCE, tag=ANY_TAG, status=None):
        t = _c.iprobe(self._h, source, tag)
        if t is None:
            return False
        _status(status, t)
        return True

    # ---- point-to-point, buffers ----

    def Send(self, buf, dest, tag=0):
        _c.Send(self._h, _buffers.message(buf, "Send"), dest, tag, _STANDARD)

    def Ssend(self, buf, dest, tag=0):
        _c.Send(self._h, _buffers.message(buf, "Ssend"), dest, tag, _SYNCHRONOUS)

    def Recv(self, buf, source=ANY_SOURCE, tag=ANY_TAG, status=None):
        _status(status, _c.Recv(self._h, _buffers.message(buf, "Recv"), source, tag))

    def Sendrecv(self, sendbuf, dest, sendtag=0, recvbuf=None, source=ANY_SOURCE, recvtag=ANY_TAG, status=None):
        t = _c.Sendrecv(self._h, _buffers.message(sendbuf, "Sendrecv"), dest, sendtag,
                        _buffers.message(recvbuf, "Sendrecv"), source, recvtag)
        _status(status, t)

    def Sendrecv_replace(self, buf, dest, sendtag=0, source=ANY_SOURCE, recvtag=ANY_TAG, status=None):
        t = _c.Sendrecv_replace(self._h, _buffers.message(buf, "Sendrecv_replace"), dest, sendtag, source, recvtag)
        _status(status, t)

    def Isend(self, buf, dest, tag=0):
        return Request._of(_c.Isend(self._h, _buffers.message(buf, "Isend"), dest, tag, _STANDARD))

    def Issend(self, buf, dest, tag=0):
        return Request._of(_c.Isend(self._h, _buffers.message(buf, "Issend"), dest, tag, _SYNCHRONOUS))

    def Irecv(self, buf, source=ANY_SOURCE, tag=ANY_TAG):
        return Request._of(_c.Irecv(self._h, _buffers.message(buf, "Irecv"), source, tag))

    def Probe(self, source=ANY_SOURCE, tag=ANY_TAG, status=None):
        return self.probe(source, tag, status)

    def Iprobe(self, source=ANY_SOURCE, tag=ANY_TAG, status=None):
        return self.iprobe(source, tag, status)

    # ---- collectives, Python objects ----

    def barrier(self):
        _c.Barrier(self._h, False, True)

    def bcast(self, obj, root=0):
        rank = _c.comm_rank(self._h)
        return _loads(_c.bcast(self._h, _dumps(obj, _PROTOCOL) if rank == root else None, root))

    def gather(self, sendobj, root=0):
        items = _c.gather(self._h, _dumps(sendobj, _PROTOCOL), root)
        return None if items is None else [_loads(i) for i in items]

    def scatter(self, sendobj, root=0):
        items = None
        if _c.comm_rank(self._h) == root:
            items = [_dumps(x, _PROTOCOL) for x in sendobj]
        return _loads(_c.scatter(self._h, items, root))

    def allgather(self, sendobj):
        return [_loads(i) for i in _c.allgather(self._h, _dumps(sendobj, _PROTOCOL))]

    def alltoall(self, sendobj):
        return [_loads(i) for i in _c.alltoall(self._h, [_dumps(x, _PROTOCOL) for x in sendobj])]

    def reduce(self, sendobj, op=_ops.SUM, root=0):
        data = _c.reduce(self._h, _dumps(sendobj, _PROTOCOL), _ops.for_objects(op, "reduce"), root)
        return _loads(data) if data is not None else None

    def allreduce(self, sendobj, op=_ops.SUM):
        return _loads(_c.allreduce(self._h, _dumps(sendobj, _PROTOCOL), _ops.for_objects(op, "allreduce")))

    # ---- collectives, buffers ----

    def _size(self):
        return _c.comm_size(self._h)

    def Barrier(self):
        _c.Barrier(self._h, False, False)

    def Ibarrier(self):
        return Request._of(_c.Barrier(self._h, True, False))

    def Bcast(self, buf, root=0):
        _c.Bcast(self._h, _buffers.message(buf, "Bcast"), root, False)

    def Ibcast(self, buf, root=0):
        return Request._of(_c.Bcast(self._h, _buffers.message(buf, "Ibcast"), root, True))

    def _reduce(self, call, sendbuf, recvbuf, op, root, nonblocking):
        return _c.Reduce(self._h, _buffers.message(sendbuf, call), _buffers.message(recvbuf, call),
                         _ops.for_buffers(op, call, _datatype_of), root, nonblocking)

    def Reduce(self, sendbuf, recvbuf, op=_ops.SUM, root=0):
        self._reduce("Reduce", sendbuf, recvbuf, op, root, False)

    def Ireduce(self, sendbuf, recvbuf, op=_ops.SUM, root=0):
        return Request._of(self._reduce("Ireduce", sendbuf, recvbuf, op, root, True))

    def _allreduce(self, call, sendbuf, recvbuf, op, which, nonblocking):
        return _c.Allreduce(self._h, _buffers.message(sendbuf, call), _buffers.message(recvbuf, call),
                            _ops.for_buffers(op, call, _datatype_of), which, nonblocking)

    def Allreduce(self, sendbuf, recvbuf, op=_ops.SUM):
        self._allreduce("Allreduce", sendbuf, recvbuf, op, 0, False)

    def Iallreduce(self, sendbuf, recvbuf, op=_ops.SUM):
        return Request._of(self._allreduce("Iallreduce", sendbuf, recvbuf, op, 0, True))

    def Reduce_scatter_block(self, sendbuf, recvbuf, op=_ops.SUM):
        self._allreduce("Reduce_scatter_block", sendbuf, recvbuf, op, 3, False)

    def _blocks(self, call, sendbuf, recvbuf):
        n = self._size()
        return _buffers.block_message(sendbuf, n, call), _buffers.block_message(recvbuf, n, call)

    def Gather(self, sendbuf, recvbuf, root=0):
        _c.Gather(self._h, *self._blocks("Gather", sendbuf, recvbuf), root, False)

    def Igather(self, sendbuf, recvbuf, root=0):
        return Request._of(_c.Gather(self._h, *self._blocks("Igather", sendbuf, recvbuf), root, True))

    def Scatter(self, sendbuf, recvbuf, root=0):
        _c.Scatter(self._h, *self._blocks("Scatter", sendbuf, recvbuf), root, False)

    def Iscatter(self, sendbuf, recvbuf, root=0):
        return Request._of(_c.Scatter(self._h, *self._blocks("Iscatter", sendbuf, recvbuf), root, True))

    def Allgather(self, sendbuf, recvbuf):
        _c.Allgather(self._h, *self._blocks("Allgather", sendbuf, recvbuf), False)

    def Iallgather(self, sendbuf, recvbuf):
        return Request._of(_c.Allgather(self._h, *self._blocks("Iallgather", sendbuf, recvbuf), True))

    def Alltoall(self, sendbuf, recvbuf):
        _c.Alltoall(self._h, *self._blocks("Alltoall", sendbuf, recvbuf), False)

    def Ialltoall(self, sendbuf, recvbuf):
        return Request._of(_c.Alltoall(self._h, *self._blocks("Ialltoall", sendbuf, recvbuf), True))

    def Gatherv(self, sendbuf, recvbuf, root=0):
        _c.Gatherv(self._h, _buffers.message(sendbuf, "Gatherv"), _buffers.vector_message(recvbuf, "Gatherv"), root)

    def Scatterv(self, sendbuf, recvbuf, root=0):
        _c.Scatterv(self._h, _buffers.vector_message(sendbuf, "Scatterv"), _buffers.message(recvbuf, "Scatterv"), root)

    def Allgatherv(self, sendbuf, recvbuf):
        _c.Allgatherv(self._h, _buffers.message(sendbuf, "Allgatherv"), _buffers.vector_message(recvbuf, "Allgatherv"))

    def Alltoallv(self, sendbuf, recvbuf):
        _c.Alltoallv(self._h, _buffers.vector_message(sendbuf, "Alltoallv"),
                     _buffers.vector_message(recvbuf, "Alltoallv"))


class Intracomm(Comm):
    """An intra-communicator: the kind every mpilab communicator is."""

    __slots__ = ()

    def scan(self, sendobj, op=_ops.SUM):
        return _loads(_c.scan(self._h, _dumps(sendobj, _PROTOCOL), _ops.for_objects(op, "scan"), False))

    def exscan(self, sendobj, op=_ops.SUM):
        data = _c.scan(self._h, _dumps(sendobj, _PROTOCOL), _ops.for_objects(op, "exscan"), True)
        return _loads(data) if data is not None else None

    def Scan(self, sendbuf, recvbuf, op=_ops.SUM):
        self._allreduce("Scan", sendbuf, recvbuf, op, 1, False)

    def Exscan(self, sendbuf, recvbuf, op=_ops.SUM):
        self._allreduce("Exscan", sendbuf, recvbuf, op, 2, False)

    def Create_cart(self, dims, periods=None, reorder=False):
        from ._topology import create_cart
        return create_cart(self, dims, periods, reorder)


# Calls of mpi4py's Comm that mpilab does not simulate: each raises NotImplementedError naming itself.
_UNSUPPORTED = (
    "Bsend", "Ibsend", "Rsend", "Irsend", "bsend", "ibsend", "Send_init", "Recv_init", "Ssend_init", "Bsend_init",
    "Rsend_init", "Mprobe", "Improbe", "mprobe", "improbe", "Alltoallw", "Ialltoallw", "Reduce_scatter",
    "Ireduce_scatter", "Ireduce_scatter_block", "Igatherv", "Iscatterv", "Iallgatherv", "Ialltoallv", "Iscan",
    "Iexscan", "Idup", "Dup_with_info", "Create", "Create_group", "Create_intercomm", "Create_graph",
    "Create_dist_graph", "Create_dist_graph_adjacent", "Split_type", "Get_group", "Spawn", "Spawn_multiple",
    "Accept", "Connect", "Disconnect", "Join", "Get_parent", "Set_attr", "Delete_attr", "Set_errhandler",
    "Get_errhandler", "Call_errhandler", "Set_info", "Get_info", "Cart_map", "Graph_map",
)


def _unsupported(name):
    def call(self, *args, **kwargs):
        raise NotImplementedError("Comm.%s is not simulated by mpilab" % name)
    call.__name__ = name
    return call


for _name in _UNSUPPORTED:
    if not hasattr(Comm, _name):
        setattr(Comm, _name, _unsupported(_name))
del _name

COMM_NULL = Comm()
COMM_WORLD = Intracomm._of(0)
COMM_SELF = Intracomm._of(1)
