# Reduction operations of mpilab's mpi4py. A predefined op is the core's op of that kind (its number is
# the core's OpKind) with mpi4py's meaning on Python objects for the lowercase calls (MPI.SUM is x + y,
# so lists concatenate and numpy arrays add); Op.Create makes a user op for the buffer calls, and any
# Python callable may be given to the lowercase reductions. The combining functions handed to the core
# take and return pickles, since pickles are what travel.
import pickle as _pickle

_PROTOCOL = _pickle.HIGHEST_PROTOCOL
_dumps = _pickle.dumps
_loads = _pickle.loads

# The core's OpKind numbers.
_NONE, _SUM, _PROD, _MIN, _MAX, _LAND, _LOR, _LXOR, _BAND, _BOR, _BXOR, _MINLOC, _MAXLOC, _USER = range(14)


def _sum(x, y):
    return x + y


def _prod(x, y):
    return x * y


def _max(x, y):
    return y if y > x else x


def _min(x, y):
    return y if y < x else x


def _land(x, y):
    return x and y


def _lor(x, y):
    return x or y


def _lxor(x, y):
    return bool(x) != bool(y)


def _band(x, y):
    return x & y


def _bor(x, y):
    return x | y


def _bxor(x, y):
    return x ^ y


def _maxloc(x, y):
    (u, i), (v, j) = x, y
    if v > u or (v == u and j < i):
        return v, j
    return u, i


def _minloc(x, y):
    (u, i), (v, j) = x, y
    if v < u or (v == u and j < i):
        return v, j
    return u, i


def _replace(x, y):
    return y


def _no_op(x, y):
    return x


class Op:
    """A reduction operation: predefined (MPI.SUM, ...) or made with Op.Create."""

    __slots__ = ("_kind", "_function", "_commute", "_name", "_user")

    def __init__(self, op=None):
        if op is None:
            self._kind, self._function, self._commute, self._name, self._user = _NONE, None, True, "MPI_OP_NULL", None
        else:
            self._kind, self._function, self._commute = op._kind, op._function, op._commute
            self._name, self._user = op._name, op._user

    @classmethod
    def _predefined(cls, kind, function, name):
        op = cls.__new__(cls)
        op._kind, op._function, op._commute, op._name, op._user = kind, function, True, name, None
        return op

    @classmethod
    def Create(cls, function, commute=False):
        """A user op: function(inbuf, inoutbuf, datatype) combines inbuf into inoutbuf."""
        if not callable(function):
            raise TypeError("Op.Create needs a function(inbuf, inoutbuf, datatype), not %r" % (function,))
        op = cls.__new__(cls)
        op._kind, op._commute, op._user = _USER, bool(commute), function
        op._name = getattr(function, "__name__", "user")
        # On objects (lowercase calls) mpi4py calls the user function with no datatype.
        op._function = lambda x, y: function(x, y, None)
        return op

    def __call__(self, x, y):
        if self._function is None:
            raise ValueError("MPI.OP_NULL cannot combine values")
        return self._function(x, y)

    def __eq__(self, other):
        return isinstance(other, Op) and self._kind == other._kind and self._user is other._user

    def __hash__(self):
        return hash((self._kind, id(self._user)))

    def __bool__(self):
        return self._kind != _NONE

    def __repr__(self):
        return "<mpi4py.MPI.Op %s>" % self._name

    def Is_commutative(self):
        return self._commute

    is_commutative = property(Is_commutative)
    is_predefined = property(lambda self: self._user is None)

    def Free(self):
        pass

    def Reduce_local(self, inbuf, inoutbuf):
        raise NotImplementedError("Op.Reduce_local is not simulated by mpilab; combine the arrays with numpy")


OP_NULL = Op()
SUM = Op._predefined(_SUM, _sum, "MPI_SUM")
PROD = Op._predefined(_PROD, _prod, "MPI_PROD")
MAX = Op._predefined(_MAX, _max, "MPI_MAX")
MIN = Op._predefined(_MIN, _min, "MPI_MIN")
LAND = Op._predefined(_LAND, _land, "MPI_LAND")
LOR = Op._predefined(_LOR, _lor, "MPI_LOR")
LXOR = Op._predefined(_LXOR, _lxor, "MPI_LXOR")
BAND = Op._predefined(_BAND, _band, "MPI_BAND")
BOR = Op._predefined(_BOR, _bor, "MPI_BOR")
BXOR = Op._predefined(_BXOR, _bxor, "MPI_BXOR")
MAXLOC = Op._predefined(_MAXLOC, _maxloc, "MPI_MAXLOC")
MINLOC = Op._predefined(_MINLOC, _minloc, "MPI_MINLOC")
# Only meaningful for one-sided communication, which mpilab does not simulate; as functions they work.
REPLACE = Op._predefined(_NONE, _replace, "MPI_REPLACE")
NO_OP = Op._predefined(_NONE, _no_op, "MPI_NO_OP")


def _pickled(function):
    """function on objects -> the same function on their pickles (what the core combines)."""
    def combine(a, b):
        return _dumps(function(_loads(a), _loads(b)), _PROTOCOL)
    return combine


def for_objects(op, call):
    """The (kind, combine, commutative, name) the core needs for a lowercase reduction `call`."""
    if isinstance(op, Op):
        if op._function is None or (op._kind == _NONE and op._user is None):
            raise ValueError("%s: %r is not a reduction op" % (call, op))
        return (op._kind, _pickled(op._function), op._commute, op._name)
    if callable(op):
        # A plain function: mpilab applies it in rank order, x0 op x1 op ... op x(n-1).
        return (_USER, _pickled(op), False, getattr(op, "__name__", "user"))
    raise TypeError("%s: op must be an MPI.Op or a function of two objects, not %s" % (call, type(op).__name__))


def _typed_user(function, datatype_of):
    def combine(inbuf, inoutbuf, kind):
        function(inbuf, inoutbuf, datatype_of(kind))
    return combine


def for_buffers(op, call, datatype_of):
    """The (kind, combine or None, commutative, name) the core needs for a buffer reduction `call`."""
    if not isinstance(op, Op):
        raise TypeError("Argument 'op' has incorrect type (expected mpi4py.MPI.Op, got %s)" % type(op).__name__)
    if op._user is not None:
        return (_USER, _typed_user(op._user, datatype_of), op._commute, op._name)
    if op._kind == _NONE:
        raise NotImplementedError("%s: %s is not a reduction op mpilab simulates on buffers" % (call, op._name))
    return (op._kind, None, True, op._name)
