"""mpilab's mpi4py.MPI: the mpi4py 3.1 API on mpilab's simulated runtime.

A script run by `mpilab run script.py` imports this module instead of the real mpi4py. Every call
runs on the calling rank in mpilab's core, which records it into the trace with the script's own
file:line; blocking calls block the rank for real (with the eager/rendezvous switch), so deadlocks,
type mismatches and truncations show up as under mpiexec, and are explained. A name mpilab does not
simulate raises NotImplementedError saying so.
"""
import os as _os

import _mpilab as _c

from . import _buffers, _datatypes
from ._comm import (ANY_SOURCE, ANY_TAG, PROC_NULL, UNDEFINED, IDENT, CONGRUENT, SIMILAR, UNEQUAL,
                    Comm, Intracomm, COMM_NULL, COMM_WORLD, COMM_SELF)
from ._datatypes import *   # noqa: F401,F403 (MPI.INT, MPI.DOUBLE, ...)
from ._datatypes import Datatype, DATATYPE_NULL
from ._ops import (Op, OP_NULL, SUM, PROD, MAX, MIN, LAND, LOR, LXOR, BAND, BOR, BXOR, MAXLOC, MINLOC,
                   REPLACE, NO_OP)
from ._requests import Status, Request, REQUEST_NULL
from ._topology import Cartcomm, CART, compute_dims as Compute_dims

IN_PLACE = _c.in_place()
_buffers.IN_PLACE = IN_PLACE
BOTTOM = None
TAG_UB = 0           # the keyval: comm.Get_attr(MPI.TAG_UB) gives mpilab's largest tag, 32767
KEYVAL_INVALID = -1
GRAPH, DIST_GRAPH = 2, 3
VERSION, SUBVERSION = 3, 1
THREAD_SINGLE, THREAD_FUNNELED, THREAD_SERIALIZED, THREAD_MULTIPLE = 0, 1, 2, 3
MAX_PROCESSOR_NAME = 256
MAX_ERROR_STRING = 256
SUCCESS = 0
ERR_BUFFER, ERR_COUNT, ERR_TYPE, ERR_TAG, ERR_COMM, ERR_RANK, ERR_REQUEST, ERR_ROOT = 1, 2, 3, 4, 5, 6, 7, 8
ERR_OP, ERR_ARG, ERR_UNKNOWN, ERR_TRUNCATE, ERR_OTHER, ERR_INTERN, ERR_LASTCODE = 10, 13, 14, 15, 16, 17, 92

class Exception(RuntimeError):   # noqa: A001 (mpi4py's name)
    """An MPI error, as mpi4py raises them (mpilab's core reports most errors as the run's outcome)."""

    def __init__(self, ierr=ERR_OTHER):
        super().__init__(ierr)
        self.error_code = ierr

    def Get_error_code(self):
        return self.error_code

    def Get_error_class(self):
        return self.error_code

    def Get_error_string(self):
        return "MPI error %d" % self.error_code

    error_class = property(Get_error_class)
    error_string = property(Get_error_string)


# ---- environment ----

def _auto_initialized():
    import mpi4py
    return bool(mpi4py.rc.initialize)


def Init():
    _c.init("Init", _auto_initialized())


def Init_thread(required=THREAD_MULTIPLE):
    _c.init("Init_thread", _auto_initialized())
    return THREAD_MULTIPLE


def Finalize():
    _c.finalize()


def Is_initialized():
    return _auto_initialized() or _c.is_initialized()


def Is_finalized():
    return _c.is_finalized()


def Query_thread():
    return THREAD_MULTIPLE


def Is_thread_main():
    return True


def Get_version():
    return (VERSION, SUBVERSION)


def Get_library_version():
    return "mpilab (simulated MPI %d.%d)" % (VERSION, SUBVERSION)


def Get_processor_name():
    """The machine's name, as every rank of a one-machine mpiexec run gets it."""
    return _os.uname().nodename


def Wtime():
    """The calling rank's virtual clock, in seconds (mpilab's cost model; time.sleep advances it)."""
    return _c.wtime()


def Wtick():
    return 1e-9


def Pcontrol(level):
    pass


def Get_error_string(errorcode):
    return "MPI error %d" % errorcode


def get_vendor():
    return ("mpilab", (0, 1, 0))


# Names of mpi4py.MPI that mpilab does not simulate: using one says so instead of an AttributeError.
_UNSUPPORTED = _datatypes.UNSUPPORTED + (
    "Win", "File", "Info", "INFO_NULL", "INFO_ENV", "Group", "GROUP_NULL", "GROUP_EMPTY", "Intercomm",
    "Graphcomm", "Distgraphcomm", "Topocomm", "Prequest", "Grequest", "Message", "MESSAGE_NULL", "Errhandler",
    "ERRORS_RETURN", "ERRORS_ARE_FATAL", "Attach_buffer", "Detach_buffer", "Alloc_mem", "Free_mem",
    "Open_port", "Close_port", "Publish_name", "Unpublish_name", "Lookup_name", "Register_datarep",
    "Get_address", "Aint_add", "Aint_diff", "memory", "buffer", "Pickle", "pickle",
)


def __getattr__(name):
    if name in _UNSUPPORTED:
        raise NotImplementedError("MPI.%s is not simulated by mpilab" % name)
    raise AttributeError("module 'mpi4py.MPI' has no attribute %r" % name)
