// Cartesian topologies: MPI_Dims_create, MPI_Cart_create and the coordinate arithmetic (row-major:
// the last dimension varies fastest, as MPI specifies), MPI_Cart_shift with MPI_PROC_NULL past a
// non-periodic edge, MPI_Cart_sub. mpilab keeps the ranks' order (a valid choice for `reorder`); the
// communicators are made by the core's split, so a rank that never calls is a deadlock, explained.
#include "profiling.hpp"
#include "shim.hpp"

#include <algorithm>
#include <functional>

using namespace mpilab;
using namespace mpilab::cshim;

namespace {

const CartTopology& cart_of(Call& call, MPI_Comm comm, CommObject& c) {
    if (!c.cart)
        raise(MPI_ERR_TOPOLOGY, call.describe(comm, c) +
                                    " has no Cartesian topology: make one with MPI_Cart_create (and use the "
                                    "communicator it returns)");
    return *c.cart;
}

std::int64_t product(const std::vector<int>& dims) {
    std::int64_t p = 1;
    for (int d : dims) p *= d;
    return p;
}

std::vector<int> coords_of(const CartTopology& t, int rank) {
    std::vector<int> coords(t.dims.size());
    for (int i = static_cast<int>(t.dims.size()) - 1; i >= 0; --i) {
        coords[i] = rank % t.dims[i];
        rank /= t.dims[i];
    }
    return coords;
}

// The rank at `coords` (wrapped on periodic dimensions), or -1 if off a non-periodic edge.
int rank_at(const CartTopology& t, std::vector<int> coords) {
    int rank = 0;
    for (std::size_t i = 0; i < t.dims.size(); ++i) {
        int c = coords[i];
        if (t.periods[i]) {
            c %= t.dims[i];
            if (c < 0) c += t.dims[i];
        } else if (c < 0 || c >= t.dims[i]) {
            return -1;
        }
        rank = rank * t.dims[i] + c;
    }
    return rank;
}

CartTopology checked_topology(int ndims, const int* dims, const int* periods, int size) {
    if (ndims < 0) raise(MPI_ERR_DIMS, "the number of dimensions is " + std::to_string(ndims) + "; it must be 0 or more");
    if (ndims > 0 && (!dims || !periods)) raise(MPI_ERR_ARG, "the dims or periods array is NULL");
    CartTopology t;
    for (int i = 0; i < ndims; ++i) {
        if (dims[i] <= 0)
            raise(MPI_ERR_DIMS, "dims[" + std::to_string(i) + "] is " + std::to_string(dims[i]) +
                                    "; every dimension needs at least 1 rank (MPI_Dims_create fills in zeros)");
        t.dims.push_back(dims[i]);
        t.periods.push_back(periods[i] != 0);
    }
    if (product(t.dims) > size)
        raise(MPI_ERR_DIMS, "the grid needs " + std::to_string(product(t.dims)) + " ranks but the communicator has only " +
                                std::to_string(size) + ": choose dims whose product is at most the number of ranks "
                                "(MPI_Dims_create(size, ndims, dims) finds a balanced grid)");
    return t;
}

}  // namespace

int MPI_Dims_create(int nnodes, int ndims, int dims[]) {
    return run_call("MPI_Dims_create", MPI_COMM_WORLD, [&](Call&) {
        if (nnodes <= 0) raise(MPI_ERR_ARG, "the number of nodes is " + std::to_string(nnodes) + "; it must be at least 1");
        if (ndims < 0) raise(MPI_ERR_DIMS, "the number of dimensions is " + std::to_string(ndims));
        if (ndims > 0 && !dims) raise(MPI_ERR_ARG, "the dims array is NULL");
        std::int64_t fixed = 1;
        int free_dims = 0;
        for (int i = 0; i < ndims; ++i) {
            if (dims[i] < 0)
                raise(MPI_ERR_DIMS, "dims[" + std::to_string(i) + "] is " + std::to_string(dims[i]) +
                                        "; use 0 for a dimension MPI_Dims_create should choose");
            if (dims[i] > 0) fixed *= dims[i];
            else ++free_dims;
        }
        if (nnodes % fixed != 0 || (free_dims == 0 && fixed != nnodes))
            raise(MPI_ERR_DIMS, "the dimensions already given multiply to " + std::to_string(fixed) +
                                    ", which does not divide " + std::to_string(nnodes) + " nodes evenly");
        if (free_dims == 0) return;
        // Balanced factors: each prime factor, largest first, multiplies the smallest factor so far.
        std::int64_t rest = nnodes / fixed;
        std::vector<std::int64_t> primes;
        for (std::int64_t p = 2; p * p <= rest; ++p)
            while (rest % p == 0) {
                primes.push_back(p);
                rest /= p;
            }
        if (rest > 1) primes.push_back(rest);
        std::sort(primes.rbegin(), primes.rend());
        std::vector<std::int64_t> factors(static_cast<std::size_t>(free_dims), 1);
        for (std::int64_t p : primes) *std::min_element(factors.begin(), factors.end()) *= p;
        std::sort(factors.rbegin(), factors.rend());
        for (int i = 0, k = 0; i < ndims; ++i)
            if (dims[i] == 0) dims[i] = static_cast<int>(factors[k++]);
    });
}

int MPI_Cart_create(MPI_Comm comm_old, int ndims, const int dims[], const int periods[], int reorder,
                    MPI_Comm* comm_cart) {
    return run_call("MPI_Cart_create", comm_old, [&](Call& call) {
        CommObject& c = call.comm(comm_old);
        call.check_out(comm_cart, "comm_cart");
        CartTopology t = checked_topology(ndims, dims, periods, c.comm.size());
        const int rank = c.comm.rank();
        const int color = rank < product(t.dims) ? 0 : MPI_UNDEFINED;
        const MPI_Comm handle = add_comm(call, c.comm.split(color, rank, call.loc), "MPI_Cart_create");
        if (handle != MPI_COMM_NULL) call.rank.comms.find(handle)->cart = std::move(t);
        *comm_cart = handle;
    });
}

int MPI_Cart_map(MPI_Comm comm, int ndims, const int dims[], const int periods[], int* newrank) {
    return run_call("MPI_Cart_map", comm, [&](Call& call) {
        CommObject& c = call.comm(comm);
        call.check_out(newrank, "newrank");
        const CartTopology t = checked_topology(ndims, dims, periods, c.comm.size());
        *newrank = c.comm.rank() < product(t.dims) ? c.comm.rank() : MPI_UNDEFINED;
    });
}

int MPI_Topo_test(MPI_Comm comm, int* status) {
    return run_call("MPI_Topo_test", comm, [&](Call& call) {
        CommObject& c = call.comm(comm);
        call.check_out(status, "status");
        *status = c.cart ? MPI_CART : MPI_UNDEFINED;
    });
}

int MPI_Cartdim_get(MPI_Comm comm, int* ndims) {
    return run_call("MPI_Cartdim_get", comm, [&](Call& call) {
        CommObject& c = call.comm(comm);
        call.check_out(ndims, "ndims");
        *ndims = static_cast<int>(cart_of(call, comm, c).dims.size());
    });
}

int MPI_Cart_get(MPI_Comm comm, int maxdims, int dims[], int periods[], int coords[]) {
    return run_call("MPI_Cart_get", comm, [&](Call& call) {
        CommObject& c = call.comm(comm);
        const CartTopology& t = cart_of(call, comm, c);
        const int n = static_cast<int>(t.dims.size());
        if (maxdims < n)
            raise(MPI_ERR_ARG, "maxdims is " + std::to_string(maxdims) + " but the topology has " + std::to_string(n) +
                                   " dimensions");
        const std::vector<int> mine = coords_of(t, c.comm.rank());
        for (int i = 0; i < n; ++i) {
            if (dims) dims[i] = t.dims[i];
            if (periods) periods[i] = t.periods[i];
            if (coords) coords[i] = mine[i];
        }
    });
}

int MPI_Cart_coords(MPI_Comm comm, int rank, int maxdims, int coords[]) {
    return run_call("MPI_Cart_coords", comm, [&](Call& call) {
        CommObject& c = call.comm(comm);
        const CartTopology& t = cart_of(call, comm, c);
        const int n = static_cast<int>(t.dims.size());
        if (rank < 0 || rank >= c.comm.size())
            raise(MPI_ERR_RANK, "rank " + std::to_string(rank) + " is not in the grid, which has ranks 0.." +
                                    std::to_string(c.comm.size() - 1));
        if (maxdims < n)
            raise(MPI_ERR_ARG, "maxdims is " + std::to_string(maxdims) + " but the topology has " + std::to_string(n) +
                                   " dimensions");
        if (n > 0 && !coords) raise(MPI_ERR_ARG, "the coords array is NULL");
        const std::vector<int> result = coords_of(t, rank);
        std::copy(result.begin(), result.end(), coords);
    });
}

int MPI_Cart_rank(MPI_Comm comm, const int coords[], int* rank) {
    return run_call("MPI_Cart_rank", comm, [&](Call& call) {
        CommObject& c = call.comm(comm);
        const CartTopology& t = cart_of(call, comm, c);
        call.check_out(rank, "rank");
        if (!t.dims.empty() && !coords) raise(MPI_ERR_ARG, "the coords array is NULL");
        const std::vector<int> at(coords, coords + t.dims.size());
        const int r = rank_at(t, at);
        if (r < 0) {
            std::string text;
            for (std::size_t i = 0; i < at.size(); ++i) text += (i ? ", " : "") + std::to_string(at[i]);
            raise(MPI_ERR_ARG, "coordinates (" + text + ") are outside the grid along a non-periodic dimension; "
                               "MPI_Cart_shift gives MPI_PROC_NULL for a neighbour past the edge");
        }
        *rank = r;
    });
}

int MPI_Cart_shift(MPI_Comm comm, int direction, int disp, int* rank_source, int* rank_dest) {
    return run_call("MPI_Cart_shift", comm, [&](Call& call) {
        CommObject& c = call.comm(comm);
        const CartTopology& t = cart_of(call, comm, c);
        call.check_out(rank_source, "rank_source");
        call.check_out(rank_dest, "rank_dest");
        if (direction < 0 || direction >= static_cast<int>(t.dims.size()))
            raise(MPI_ERR_ARG, "direction " + std::to_string(direction) + " is not a dimension of the grid (0.." +
                                   std::to_string(static_cast<int>(t.dims.size()) - 1) + ")");
        std::vector<int> at = coords_of(t, c.comm.rank());
        const int here = at[direction];
        at[direction] = here + disp;
        const int dest = rank_at(t, at);
        at[direction] = here - disp;
        const int source = rank_at(t, at);
        *rank_dest = dest < 0 ? MPI_PROC_NULL : dest;
        *rank_source = source < 0 ? MPI_PROC_NULL : source;
    });
}

int MPI_Cart_sub(MPI_Comm comm, const int remain_dims[], MPI_Comm* newcomm) {
    return run_call("MPI_Cart_sub", comm, [&](Call& call) {
        CommObject& c = call.comm(comm);
        const CartTopology t = cart_of(call, comm, c);
        call.check_out(newcomm, "newcomm");
        if (!t.dims.empty() && !remain_dims) raise(MPI_ERR_ARG, "the remain_dims array is NULL");
        const std::vector<int> at = coords_of(t, c.comm.rank());
        // Ranks that agree on the dropped coordinates form one sub-grid, ordered by the kept ones.
        int color = 0, key = 0;
        CartTopology sub;
        for (std::size_t i = 0; i < t.dims.size(); ++i) {
            if (remain_dims[i]) {
                key = key * t.dims[i] + at[i];
                sub.dims.push_back(t.dims[i]);
                sub.periods.push_back(t.periods[i]);
            } else {
                color = color * t.dims[i] + at[i];
            }
        }
        const MPI_Comm handle = add_comm(call, c.comm.split(color, key, call.loc), "MPI_Cart_sub");
        call.rank.comms.find(handle)->cart = std::move(sub);
        *newcomm = handle;
    });
}

MPILAB_PROFILING(MPI_Dims_create)
MPILAB_PROFILING(MPI_Cart_create)
MPILAB_PROFILING(MPI_Cart_map)
MPILAB_PROFILING(MPI_Topo_test)
MPILAB_PROFILING(MPI_Cartdim_get)
MPILAB_PROFILING(MPI_Cart_get)
MPILAB_PROFILING(MPI_Cart_coords)
MPILAB_PROFILING(MPI_Cart_rank)
MPILAB_PROFILING(MPI_Cart_shift)
MPILAB_PROFILING(MPI_Cart_sub)
