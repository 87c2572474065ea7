# MPI datatypes of mpilab's mpi4py: the predefined element types, each one of the core's element kinds
# (core/types.hpp, passed to _mpilab as the kind's number), and the typechars ('i', 'd', ...) buffer
# specs may name instead. Derived datatypes are not simulated: their constructors raise
# NotImplementedError naming themselves.

# The core's TypeKind numbers, in its enum order.
BYTE_KIND, CHAR_KIND, BOOL_KIND = 0, 1, 2
INT8_KIND, INT16_KIND, INT32_KIND, INT64_KIND = 3, 4, 5, 6
UINT8_KIND, UINT16_KIND, UINT32_KIND, UINT64_KIND = 7, 8, 9, 10
FLOAT_KIND, DOUBLE_KIND = 11, 12
INTINT_KIND, FLOATINT_KIND, DOUBLEINT_KIND, LONGINT_KIND = 13, 14, 15, 16


class Datatype:
    """An MPI datatype: one predefined element type (mpilab simulates no derived datatypes)."""

    __slots__ = ("_kind", "_size", "_name")

    def __init__(self, datatype=None):
        if datatype is None:
            self._kind, self._size, self._name = -1, 0, "MPI_DATATYPE_NULL"
        else:
            self._kind, self._size, self._name = datatype._kind, datatype._size, datatype._name

    @classmethod
    def _predefined(cls, kind, size, name):
        d = cls.__new__(cls)
        d._kind, d._size, d._name = kind, size, name
        return d

    def __eq__(self, other):
        return isinstance(other, Datatype) and self._kind == other._kind and self._size == other._size

    def __hash__(self):
        return hash((self._kind, self._size))

    def __bool__(self):
        return self._kind >= 0

    def __repr__(self):
        return "<mpi4py.MPI.Datatype %s>" % self._name

    def Get_size(self):
        return self._size

    def Get_extent(self):
        return (0, self._size)

    def Get_true_extent(self):
        return (0, self._size)

    def Get_name(self):
        return self._name

    def Commit(self):
        return self

    def Free(self):
        pass

    def Dup(self):
        return Datatype(self)

    size = property(Get_size)
    extent = property(lambda self: self._size)
    lb = property(lambda self: 0)
    ub = property(lambda self: self._size)
    name = property(Get_name)
    is_predefined = property(lambda self: True)
    is_named = property(lambda self: True)

    def _derived(self, what):
        raise NotImplementedError(
            "Datatype.%s: mpilab simulates predefined element types only (no derived datatypes); "
            "send a contiguous numpy array of the element type instead" % what)

    def Create_contiguous(self, count):
        self._derived("Create_contiguous")

    def Create_vector(self, count, blocklength, stride):
        self._derived("Create_vector")

    def Create_hvector(self, count, blocklength, stride):
        self._derived("Create_hvector")

    def Create_indexed(self, blocklengths, displacements):
        self._derived("Create_indexed")

    def Create_indexed_block(self, blocklength, displacements):
        self._derived("Create_indexed_block")

    def Create_hindexed(self, blocklengths, displacements):
        self._derived("Create_hindexed")

    def Create_subarray(self, sizes, subsizes, starts, order=0):
        self._derived("Create_subarray")

    def Create_resized(self, lb, extent):
        self._derived("Create_resized")

    @classmethod
    def Create_struct(cls, blocklengths, displacements, datatypes):
        Datatype._derived(None, "Create_struct")


DATATYPE_NULL = Datatype()
_P = Datatype._predefined

BYTE = _P(BYTE_KIND, 1, "MPI_BYTE")
PACKED = _P(BYTE_KIND, 1, "MPI_PACKED")
CHAR = _P(CHAR_KIND, 1, "MPI_CHAR")
SIGNED_CHAR = _P(INT8_KIND, 1, "MPI_SIGNED_CHAR")
UNSIGNED_CHAR = _P(UINT8_KIND, 1, "MPI_UNSIGNED_CHAR")
BOOL = C_BOOL = _P(BOOL_KIND, 1, "MPI_C_BOOL")
CXX_BOOL = _P(BOOL_KIND, 1, "MPI_CXX_BOOL")
SHORT = SIGNED_SHORT = _P(INT16_KIND, 2, "MPI_SHORT")
UNSIGNED_SHORT = _P(UINT16_KIND, 2, "MPI_UNSIGNED_SHORT")
INT = SIGNED_INT = _P(INT32_KIND, 4, "MPI_INT")
UNSIGNED = UNSIGNED_INT = _P(UINT32_KIND, 4, "MPI_UNSIGNED")
LONG = SIGNED_LONG = _P(INT64_KIND, 8, "MPI_LONG")
UNSIGNED_LONG = _P(UINT64_KIND, 8, "MPI_UNSIGNED_LONG")
LONG_LONG = SIGNED_LONG_LONG = _P(INT64_KIND, 8, "MPI_LONG_LONG_INT")
UNSIGNED_LONG_LONG = _P(UINT64_KIND, 8, "MPI_UNSIGNED_LONG_LONG")
INT8_T = _P(INT8_KIND, 1, "MPI_INT8_T")
INT16_T = _P(INT16_KIND, 2, "MPI_INT16_T")
INT32_T = _P(INT32_KIND, 4, "MPI_INT32_T")
INT64_T = _P(INT64_KIND, 8, "MPI_INT64_T")
UINT8_T = _P(UINT8_KIND, 1, "MPI_UINT8_T")
UINT16_T = _P(UINT16_KIND, 2, "MPI_UINT16_T")
UINT32_T = _P(UINT32_KIND, 4, "MPI_UINT32_T")
UINT64_T = _P(UINT64_KIND, 8, "MPI_UINT64_T")
AINT = _P(INT64_KIND, 8, "MPI_AINT")
OFFSET = _P(INT64_KIND, 8, "MPI_OFFSET")
COUNT = _P(INT64_KIND, 8, "MPI_COUNT")
FLOAT = _P(FLOAT_KIND, 4, "MPI_FLOAT")
DOUBLE = _P(DOUBLE_KIND, 8, "MPI_DOUBLE")
INT_INT = TWOINT = _P(INTINT_KIND, 8, "MPI_2INT")
FLOAT_INT = _P(FLOATINT_KIND, 8, "MPI_FLOAT_INT")
DOUBLE_INT = _P(DOUBLEINT_KIND, 16, "MPI_DOUBLE_INT")
LONG_INT = _P(LONGINT_KIND, 16, "MPI_LONG_INT")
del _P

# What `from ._datatypes import *` gives MPI.py: the datatype class and every predefined datatype.
__all__ = ["Datatype"] + [n for n, v in list(globals().items()) if isinstance(v, Datatype)]

# Names mpi4py has that mpilab cannot simulate: using them says so.
UNSUPPORTED = ("COMPLEX", "DOUBLE_COMPLEX", "C_COMPLEX", "C_FLOAT_COMPLEX", "C_DOUBLE_COMPLEX",
               "C_LONG_DOUBLE_COMPLEX", "LONG_DOUBLE", "LONG_DOUBLE_INT", "SHORT_INT", "WCHAR")

# Typechars a buffer spec may give instead of a datatype, as numpy and the array module spell them.
TYPECHARS = {
    "c": CHAR, "S": CHAR, "b": SIGNED_CHAR, "B": UNSIGNED_CHAR, "?": C_BOOL,
    "h": SHORT, "H": UNSIGNED_SHORT, "i": INT, "I": UNSIGNED, "l": LONG, "L": UNSIGNED_LONG,
    "q": LONG_LONG, "Q": UNSIGNED_LONG_LONG, "f": FLOAT, "d": DOUBLE,
    "i1": INT8_T, "i2": INT16_T, "i4": INT32_T, "i8": INT64_T,
    "u1": UINT8_T, "u2": UINT16_T, "u4": UINT32_T, "u8": UINT64_T, "f4": FLOAT, "f8": DOUBLE,
}


def from_typechar(char):
    try:
        return TYPECHARS[char]
    except KeyError:
        raise NotImplementedError(
            "the typechar %r names an element type mpilab does not simulate; mpilab knows %s"
            % (char, ", ".join(sorted(TYPECHARS)))) from None
