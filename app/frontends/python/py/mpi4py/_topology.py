# Cartesian topologies of mpilab's mpi4py. The core has no topologies: Create_cart is a Split of the
# communicator (ranks beyond the grid get COMM_NULL, ranks keep their order: mpilab never reorders)
# and the grid arithmetic — coordinates in row-major order, Shift with or without wrap-around — is
# done here, as MPI defines it.
import _mpilab as _c

from ._comm import Intracomm, Comm, PROC_NULL, UNDEFINED

CART = 1


def _product(values):
    p = 1
    for v in values:
        p *= v
    return p


class Cartcomm(Intracomm):
    """A communicator with a Cartesian grid of its ranks."""

    __slots__ = ("_dims", "_periods")

    def Get_dim(self):
        return len(self._dims)

    def Get_topo(self):
        return (list(self._dims), [int(p) for p in self._periods], self.Get_coords(self.Get_rank()))

    def Get_topology(self):
        return CART

    def Get_coords(self, rank):
        size = _product(self._dims)
        if not 0 <= rank < size:
            raise ValueError("Get_coords: rank %d is not in this %s grid" % (rank, "x".join(map(str, self._dims))))
        coords = []
        for d in reversed(self._dims):
            coords.append(rank % d)
            rank //= d
        return coords[::-1]

    def Get_cart_rank(self, coords):
        if len(coords) != len(self._dims):
            raise ValueError("Get_cart_rank: %d coordinates for a %d-dimensional grid" % (len(coords), len(self._dims)))
        rank = 0
        for c, d, periodic in zip(coords, self._dims, self._periods):
            if periodic:
                c %= d
            elif not 0 <= c < d:
                raise ValueError("Get_cart_rank: coordinate %d is outside a non-periodic dimension of %d" % (c, d))
            rank = rank * d + c
        return rank

    def Shift(self, direction, disp):
        if not 0 <= direction < len(self._dims):
            raise ValueError("Shift: direction %d of a %d-dimensional grid" % (direction, len(self._dims)))
        coords = self.Get_coords(self.Get_rank())

        def neighbour(step):
            c = list(coords)
            c[direction] += step
            d = self._dims[direction]
            if not self._periods[direction] and not 0 <= c[direction] < d:
                return PROC_NULL
            c[direction] %= d
            return self.Get_cart_rank(c)

        return neighbour(-disp), neighbour(disp)

    def Sub(self, remain_dims):
        coords = self.Get_coords(self.Get_rank())
        color = 0
        for c, d, keep in zip(coords, self._dims, remain_dims):
            if not keep:
                color = color * d + c
        h = _c.comm_split(self._h, color, self.Get_rank())
        kept = [(d, p) for d, p, keep in zip(self._dims, self._periods, remain_dims) if keep]
        return _cart(h, [d for d, _ in kept], [p for _, p in kept])

    dim = ndim = property(Get_dim)
    dims = property(lambda self: list(self._dims))
    periods = property(lambda self: [int(p) for p in self._periods])
    coords = property(lambda self: self.Get_coords(self.Get_rank()))
    topo = property(Get_topo)
    topology = property(Get_topology)
    is_topo = property(lambda self: True)

    def Dup(self, info=None):
        return _cart(_c.comm_dup(self._h), self._dims, self._periods)

    Clone = Dup


def _cart(h, dims, periods):
    c = Cartcomm._of(h)
    c._dims = tuple(dims)
    c._periods = tuple(bool(p) for p in periods)
    return c


def create_cart(comm, dims, periods, reorder):
    dims = [int(d) for d in dims]
    periods = [False] * len(dims) if periods is None else [bool(p) for p in periods]
    if len(periods) != len(dims):
        raise ValueError("Create_cart: %d periods for %d dimensions" % (len(periods), len(dims)))
    size = comm.Get_size()
    grid = _product(dims)
    if any(d <= 0 for d in dims) or grid > size:
        raise ValueError("Create_cart: a %s grid needs %d ranks but the communicator has %d"
                         % ("x".join(map(str, dims)), grid, size))
    rank = comm.Get_rank()
    h = _c.comm_split(comm._h, 0 if rank < grid else UNDEFINED, rank)
    if h < 0:
        return Comm._of(-1)
    return _cart(h, dims, periods)


def compute_dims(nnodes, dims):
    """MPI_Dims_create: a grid of nnodes as square as possible; nonzero entries of dims are kept."""
    dims = [int(d) for d in dims] if not isinstance(dims, int) else [0] * dims
    fixed = _product(d for d in dims if d > 0)
    free = [i for i, d in enumerate(dims) if d == 0]
    if fixed <= 0 or nnodes % fixed:
        raise ValueError("Compute_dims: %d ranks cannot fill the fixed dimensions %r" % (nnodes, dims))
    rest = nnodes // fixed
    factors = []
    n, f = rest, 2
    while f * f <= n:
        while n % f == 0:
            factors.append(f)
            n //= f
        f += 1
    if n > 1:
        factors.append(n)
    sizes = [1] * len(free)
    for f in sorted(factors, reverse=True):
        sizes[sizes.index(min(sizes))] *= f   # give each factor to the smallest dimension so far
    if not free and rest != 1:
        raise ValueError("Compute_dims: %d ranks do not match the dimensions %r" % (nnodes, dims))
    for i, s in zip(free, sorted(sizes, reverse=True)):
        dims[i] = s
    return dims
