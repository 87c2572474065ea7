// The reducing collectives — MPI_Reduce, MPI_Allreduce, MPI_Reduce_scatter(_block), MPI_Scan,
// MPI_Exscan — their non-blocking forms, and MPI_Reduce_local. The op and the datatype become a core
// reduction (ops.cpp); MPI_IN_PLACE becomes a copy of the receive buffer taken at the call.
#include "collective_data.hpp"
#include "profiling.hpp"

#include <cstring>

using namespace mpilab;
using namespace mpilab::cshim;

namespace {

// The operand: the send buffer, or a copy of the receive buffer for MPI_IN_PLACE.
ConstBuffer operand(Call& call, CollectiveData& data, const Reduction& r, const void* sendbuf, const void* recvbuf,
                    std::int64_t count) {
    if (sendbuf == MPI_IN_PLACE) return data.reduction_send(r, recvbuf, count, /*copy=*/true);
    if (count > 0 && !sendbuf) raise(MPI_ERR_BUFFER, "the send buffer is NULL but the count is " + std::to_string(count));
    return data.reduction_send(r, sendbuf, count);
}

void check_recvbuf(const void* recvbuf, std::int64_t count) {
    if (recvbuf == MPI_IN_PLACE)
        raise(MPI_ERR_BUFFER, "MPI_IN_PLACE was passed as the receive buffer; it goes in the send buffer's place");
    if (count > 0 && !recvbuf) raise(MPI_ERR_BUFFER, "the receive buffer is NULL but the count is " + std::to_string(count));
}

Request reduce(Call& call, CommObject& c, CollectiveData& data, bool nb, const void* sendbuf, void* recvbuf, int count,
               MPI_Datatype datatype, MPI_Op op, int root) {
    call.check_count(count);
    call.check_root(c, root);
    const bool at_root = c.comm.rank() == root;
    if (sendbuf == MPI_IN_PLACE && !at_root)
        raise(MPI_ERR_BUFFER, "MPI_IN_PLACE was passed as the send buffer on a rank that is not the root; only the "
                              "root may use it (its receive buffer then holds its contribution)");
    const Reduction r = reduction_for(call, op, datatype);
    Buffer recv;
    if (at_root) {
        check_recvbuf(recvbuf, count);
        recv = data.reduction_receive(r, recvbuf, count);
    }
    const ConstBuffer send = operand(call, data, r, sendbuf, recvbuf, count);
    if (nb) return c.comm.Ireduce(send, recv, r.op, root, call.loc);
    c.comm.Reduce(send, recv, r.op, root, call.loc);
    return Request{};
}

Request allreduce(Call& call, CommObject& c, CollectiveData& data, bool nb, const void* sendbuf, void* recvbuf,
                  int count, MPI_Datatype datatype, MPI_Op op) {
    call.check_count(count);
    const Reduction r = reduction_for(call, op, datatype);
    check_recvbuf(recvbuf, count);
    const ConstBuffer send = operand(call, data, r, sendbuf, recvbuf, count);
    const Buffer recv = data.reduction_receive(r, recvbuf, count);
    if (nb) return c.comm.Iallreduce(send, recv, r.op, call.loc);
    c.comm.Allreduce(send, recv, r.op, call.loc);
    return Request{};
}

Request scan(Call& call, CommObject& c, CollectiveData& data, bool nb, bool exclusive, const void* sendbuf,
             void* recvbuf, int count, MPI_Datatype datatype, MPI_Op op) {
    call.check_count(count);
    const Reduction r = reduction_for(call, op, datatype);
    check_recvbuf(recvbuf, count);
    const ConstBuffer send = operand(call, data, r, sendbuf, recvbuf, count);
    const Buffer recv = data.reduction_receive(r, recvbuf, count);
    if (exclusive) {
        if (nb) return c.comm.Iexscan(send, recv, r.op, call.loc);
        c.comm.Exscan(send, recv, r.op, call.loc);
    } else {
        if (nb) return c.comm.Iscan(send, recv, r.op, call.loc);
        c.comm.Scan(send, recv, r.op, call.loc);
    }
    return Request{};
}

Request reduce_scatter_block(Call& call, CommObject& c, CollectiveData& data, bool nb, const void* sendbuf,
                             void* recvbuf, int recvcount, MPI_Datatype datatype, MPI_Op op) {
    call.check_count(recvcount, "receive count");
    const Reduction r = reduction_for(call, op, datatype);
    const std::int64_t total = std::int64_t{c.comm.size()} * recvcount;
    check_recvbuf(recvbuf, recvcount);
    // In place, the receive buffer holds all size() blocks on entry and block `rank` on return.
    const ConstBuffer send = operand(call, data, r, sendbuf, recvbuf, total);
    const Buffer recv = data.reduction_receive(r, recvbuf, recvcount);
    if (nb) return c.comm.Ireduce_scatter_block(send, recv, r.op, call.loc);
    c.comm.Reduce_scatter_block(send, recv, r.op, call.loc);
    return Request{};
}

Request reduce_scatter(Call& call, CommObject& c, CollectiveData& data, bool nb, const void* sendbuf, void* recvbuf,
                       const int* recvcounts, MPI_Datatype datatype, MPI_Op op) {
    const int n = c.comm.size();
    if (n > 0 && !recvcounts) raise(MPI_ERR_ARG, "the receive counts array is NULL: pass one count per rank");
    std::int64_t total = 0;
    for (int i = 0; i < n; ++i) {
        const std::string name = "receive count of rank " + std::to_string(i);
        call.check_count(recvcounts[i], name.c_str());
        total += recvcounts[i];
    }
    const Reduction r = reduction_for(call, op, datatype);
    const int mine = recvcounts[c.comm.rank()];
    check_recvbuf(recvbuf, mine);
    const ConstBuffer send = operand(call, data, r, sendbuf, recvbuf, total);
    const Buffer recv = data.reduction_receive(r, recvbuf, mine);
    std::vector<int> counts(recvcounts, recvcounts + n);
    for (int& k : counts) k = static_cast<int>(k * r.per_element);
    if (nb) return c.comm.Ireduce_scatter(send, recv, counts, r.op, call.loc);
    c.comm.Reduce_scatter(send, recv, counts, r.op, call.loc);
    return Request{};
}

}  // namespace

int MPI_Reduce(const void* sendbuf, void* recvbuf, int count, MPI_Datatype datatype, MPI_Op op, int root, MPI_Comm comm) {
    return run_collective("MPI_Reduce", comm, nullptr, false, [&](Call& call, CommObject& c, CollectiveData& d, bool nb) {
        return reduce(call, c, d, nb, sendbuf, recvbuf, count, datatype, op, root);
    });
}
int MPI_Ireduce(const void* sendbuf, void* recvbuf, int count, MPI_Datatype datatype, MPI_Op op, int root,
                MPI_Comm comm, MPI_Request* request) {
    return run_collective("MPI_Ireduce", comm, request, true, [&](Call& call, CommObject& c, CollectiveData& d, bool nb) {
        return reduce(call, c, d, nb, sendbuf, recvbuf, count, datatype, op, root);
    });
}

int MPI_Allreduce(const void* sendbuf, void* recvbuf, int count, MPI_Datatype datatype, MPI_Op op, MPI_Comm comm) {
    return run_collective("MPI_Allreduce", comm, nullptr, false, [&](Call& call, CommObject& c, CollectiveData& d, bool nb) {
        return allreduce(call, c, d, nb, sendbuf, recvbuf, count, datatype, op);
    });
}
int MPI_Iallreduce(const void* sendbuf, void* recvbuf, int count, MPI_Datatype datatype, MPI_Op op, MPI_Comm comm,
                   MPI_Request* request) {
    return run_collective("MPI_Iallreduce", comm, request, true, [&](Call& call, CommObject& c, CollectiveData& d, bool nb) {
        return allreduce(call, c, d, nb, sendbuf, recvbuf, count, datatype, op);
    });
}

int MPI_Scan(const void* sendbuf, void* recvbuf, int count, MPI_Datatype datatype, MPI_Op op, MPI_Comm comm) {
    return run_collective("MPI_Scan", comm, nullptr, false, [&](Call& call, CommObject& c, CollectiveData& d, bool nb) {
        return scan(call, c, d, nb, false, sendbuf, recvbuf, count, datatype, op);
    });
}
int MPI_Iscan(const void* sendbuf, void* recvbuf, int count, MPI_Datatype datatype, MPI_Op op, MPI_Comm comm,
              MPI_Request* request) {
    return run_collective("MPI_Iscan", comm, request, true, [&](Call& call, CommObject& c, CollectiveData& d, bool nb) {
        return scan(call, c, d, nb, false, sendbuf, recvbuf, count, datatype, op);
    });
}

int MPI_Exscan(const void* sendbuf, void* recvbuf, int count, MPI_Datatype datatype, MPI_Op op, MPI_Comm comm) {
    return run_collective("MPI_Exscan", comm, nullptr, false, [&](Call& call, CommObject& c, CollectiveData& d, bool nb) {
        return scan(call, c, d, nb, true, sendbuf, recvbuf, count, datatype, op);
    });
}
int MPI_Iexscan(const void* sendbuf, void* recvbuf, int count, MPI_Datatype datatype, MPI_Op op, MPI_Comm comm,
                MPI_Request* request) {
    return run_collective("MPI_Iexscan", comm, request, true, [&](Call& call, CommObject& c, CollectiveData& d, bool nb) {
        return scan(call, c, d, nb, true, sendbuf, recvbuf, count, datatype, op);
    });
}

int MPI_Reduce_scatter_block(const void* sendbuf, void* recvbuf, int recvcount, MPI_Datatype datatype, MPI_Op op,
                             MPI_Comm comm) {
    return run_collective("MPI_Reduce_scatter_block", comm, nullptr, false,
                     [&](Call& call, CommObject& c, CollectiveData& d, bool nb) {
                         return reduce_scatter_block(call, c, d, nb, sendbuf, recvbuf, recvcount, datatype, op);
                     });
}
int MPI_Ireduce_scatter_block(const void* sendbuf, void* recvbuf, int recvcount, MPI_Datatype datatype, MPI_Op op,
                              MPI_Comm comm, MPI_Request* request) {
    return run_collective("MPI_Ireduce_scatter_block", comm, request, true,
                     [&](Call& call, CommObject& c, CollectiveData& d, bool nb) {
                         return reduce_scatter_block(call, c, d, nb, sendbuf, recvbuf, recvcount, datatype, op);
                     });
}

int MPI_Reduce_scatter(const void* sendbuf, void* recvbuf, const int recvcounts[], MPI_Datatype datatype, MPI_Op op,
                       MPI_Comm comm) {
    return run_collective("MPI_Reduce_scatter", comm, nullptr, false,
                     [&](Call& call, CommObject& c, CollectiveData& d, bool nb) {
                         return reduce_scatter(call, c, d, nb, sendbuf, recvbuf, recvcounts, datatype, op);
                     });
}
int MPI_Ireduce_scatter(const void* sendbuf, void* recvbuf, const int recvcounts[], MPI_Datatype datatype, MPI_Op op,
                        MPI_Comm comm, MPI_Request* request) {
    return run_collective("MPI_Ireduce_scatter", comm, request, true,
                     [&](Call& call, CommObject& c, CollectiveData& d, bool nb) {
                         return reduce_scatter(call, c, d, nb, sendbuf, recvbuf, recvcounts, datatype, op);
                     });
}

// A local reduction, inoutbuf = inbuf op inoutbuf: no communication, nothing recorded.
int MPI_Reduce_local(const void* inbuf, void* inoutbuf, int count, MPI_Datatype datatype, MPI_Op op) {
    return run_call("MPI_Reduce_local", MPI_COMM_WORLD, [&](Call& call) {
        call.check_count(count);
        const Reduction r = reduction_for(call, op, datatype);
        if (count > 0 && (!inbuf || !inoutbuf)) raise(MPI_ERR_BUFFER, "a buffer is NULL but the count is " + std::to_string(count));
        CollectiveData data;
        const ConstBuffer in = data.reduction_send(r, inbuf, count);
        const Buffer inout = data.reduction_receive(r, inoutbuf, count);
        const ConstBuffer current = data.reduction_send(r, inoutbuf, count);
        if (r.packed && inout.bytes() > 0) std::memcpy(inout.data, current.data, static_cast<std::size_t>(inout.bytes()));
        r.op.apply(in.data, inout.data, inout.count, inout.type);
        data.finish();
    });
}

MPILAB_PROFILING(MPI_Reduce)
MPILAB_PROFILING(MPI_Ireduce)
MPILAB_PROFILING(MPI_Allreduce)
MPILAB_PROFILING(MPI_Iallreduce)
MPILAB_PROFILING(MPI_Scan)
MPILAB_PROFILING(MPI_Iscan)
MPILAB_PROFILING(MPI_Exscan)
MPILAB_PROFILING(MPI_Iexscan)
MPILAB_PROFILING(MPI_Reduce_scatter_block)
MPILAB_PROFILING(MPI_Ireduce_scatter_block)
MPILAB_PROFILING(MPI_Reduce_scatter)
MPILAB_PROFILING(MPI_Ireduce_scatter)
MPILAB_PROFILING(MPI_Reduce_local)
