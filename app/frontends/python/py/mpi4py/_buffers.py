# Buffer specs of the capitalised calls, as mpi4py accepts them: a buffer (numpy array, bytearray,
# array.array, anything with the buffer protocol), [buf, datatype], [buf, count, datatype],
# [buf, (count, displ), datatype], and for the v-collectives [buf, (counts, displs), datatype] or
# [buf, counts, displs, datatype]. Each is turned into the tuple _mpilab reads:
#   (buffer, kind, count, displ) with kind -1 = "from the buffer's format", count -1 = "all of it",
#   (buffer, kind, counts, displs) for the v-collectives (None = the usual layout),
# or None, or IN_PLACE. _mpilab checks the buffer itself (that it has one, its size, writability).
from . import _datatypes

IN_PLACE = None   # set by MPI.py to _mpilab's sentinel


def _kind(datatype, call):
    if isinstance(datatype, _datatypes.Datatype):
        if not datatype:
            raise ValueError("%s: MPI.DATATYPE_NULL is not an element type" % call)
        return datatype._kind
    if isinstance(datatype, str):
        return _datatypes.from_typechar(datatype.lstrip("<=@>!"))._kind
    raise TypeError("%s: %r is not an MPI datatype" % (call, datatype))


def _is_datatype(item):
    return isinstance(item, (_datatypes.Datatype, str))


def _split(spec, call):
    """spec -> (buffer, kind, middle items)."""
    if not isinstance(spec, (list, tuple)):
        return spec, -1, []
    items = list(spec)
    if not items:
        raise TypeError("%s: message: an empty list is not a buffer spec; give [buffer, datatype]" % call)
    kind = -1
    if len(items) > 1 and _is_datatype(items[-1]):
        kind = _kind(items.pop(), call)
    return items[0], kind, items[1:]


def message(spec, call):
    """A point-to-point or single-buffer spec."""
    if spec is None or spec is IN_PLACE:
        return spec
    buf, kind, middle = _split(spec, call)
    count, displ = -1, 0
    if len(middle) == 1:
        count = middle[0]
        if isinstance(count, (list, tuple)):
            if len(count) != 2:
                raise ValueError("%s: message: (count, displacement) expected, got %r" % (call, count))
            count, displ = count
    elif len(middle) == 2:
        count, displ = middle
    elif middle:
        raise ValueError("%s: message: too many items in the buffer spec %r" % (call, spec))
    return (buf, kind, _integer(count, call), _integer(displ, call))


def block_message(spec, size, call):
    """A Gather/Scatter/Allgather/Alltoall spec: a count in it is per rank, so the buffer holds size of them."""
    m = message(spec, call)
    if m is None or m is IN_PLACE or m[2] < 0:
        return m
    return (m[0], m[1], m[2] * size, m[3])


def vector_message(spec, call):
    """A v-collective spec: (buffer, kind, counts or None, displs or None)."""
    if spec is None or spec is IN_PLACE:
        return spec
    buf, kind, middle = _split(spec, call)
    counts = displs = None
    if len(middle) == 1:
        counts = middle[0]
        if isinstance(counts, tuple) and len(counts) == 2 and isinstance(counts[0], (list, tuple)):
            counts, displs = counts
    elif len(middle) == 2:
        counts, displs = middle
    elif middle:
        raise ValueError("%s: message: too many items in the buffer spec %r" % (call, spec))
    if counts is not None and not isinstance(counts, (list, tuple)):
        raise NotImplementedError("%s: give the counts as a list, one per rank (a single count is not simulated)"
                                  % call)
    return (buf, kind, _integers(counts, call), _integers(displs, call))


def _integer(value, call):
    try:
        return int(value)
    except (TypeError, ValueError):
        raise TypeError("%s: message: expected an integer count or displacement, got %r" % (call, value)) from None


def _integers(values, call):
    if values is None:
        return None
    return [_integer(v, call) for v in values]
