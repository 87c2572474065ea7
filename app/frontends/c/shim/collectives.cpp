// The data-moving collectives — MPI_Barrier, MPI_Bcast, MPI_Gather(v), MPI_Scatter(v),
// MPI_Allgather(v), MPI_Alltoall(v,w) — and their non-blocking forms. Each checks the arguments MPI
// makes significant on the calling rank (a root's receive arguments, not the others'), converts its
// buffers (collective_data.hpp) and calls the core's collective, which records it, checks it against
// the other ranks' call and reports a deadlock if some rank never makes it.
#include "collective_data.hpp"
#include "profiling.hpp"

using namespace mpilab;
using namespace mpilab::cshim;

namespace {

// MPI_IN_PLACE is allowed for this buffer only `where` (e.g. "as the root's send buffer").
void in_place_only(const void* buf, bool allowed, const char* which, const char* where) {
    if (buf == MPI_IN_PLACE && !allowed)
        raise(MPI_ERR_BUFFER, std::string("MPI_IN_PLACE was passed as the ") + which + "; in this call it is allowed only " +
                                  where);
}

// The datatype and buffer of `count` elements a rank provides.
const LayoutPtr& checked(Call& call, const void* buf, int count, MPI_Datatype type, const char* count_name,
                         const char* type_name, const char* buffer_name) {
    call.check_count(count, count_name);
    const LayoutPtr& layout = call.data_type(type, type_name);
    call.check_buffer(buf, count, type, buffer_name);
    return layout;
}

void check_counts(Call& call, const int* counts, const int* displs, int n, const char* what) {
    if (n > 0 && (!counts || !displs))
        raise(MPI_ERR_ARG, std::string("the ") + what + " counts or displacements array is NULL: pass one entry per rank");
    for (int i = 0; i < n; ++i) {
        const std::string name = std::string(what) + " count of rank " + std::to_string(i);
        call.check_count(counts[i], name.c_str());
    }
}

// A rank's own block to send / receive: `count` elements of its datatype.
ConstBuffer own_send(Call& call, CollectiveData& data, const void* buf, int count, MPI_Datatype type) {
    return data.send(buf, count, checked(call, buf, count, type, "send count", "send datatype", "send buffer"));
}
Buffer own_receive(Call& call, CollectiveData& data, void* buf, int count, MPI_Datatype type) {
    return data.receive(buf, count, checked(call, buf, count, type, "receive count", "receive datatype", "receive buffer"));
}

const std::byte* at_element(const void* buf, std::int64_t index, const Layout& l) {
    return static_cast<const std::byte*>(buf) + index * l.extent();
}

Request bcast(Call& call, CommObject& c, CollectiveData& data, bool nb, void* buf, int count, MPI_Datatype type,
              int root) {
    const LayoutPtr& l = checked(call, buf, count, type, "count", "datatype", "buffer");
    call.check_root(c, root);
    Buffer b;
    if (l->contiguous)
        b = Buffer(const_cast<std::byte*>(data_start(buf, *l)), count * l->base_count(), l->base);
    else if (c.comm.rank() == root) {
        const ConstBuffer packed = data.send(buf, count, l, true);
        b = Buffer(const_cast<void*>(packed.data), packed.count, packed.type);
    } else {
        b = data.receive(buf, count, l);
    }
    if (nb) return c.comm.Ibcast(b, root, call.loc);
    c.comm.Bcast(b, root, call.loc);
    return Request{};
}

Request gather(Call& call, CommObject& c, CollectiveData& data, bool nb, const void* sendbuf, int sendcount,
               MPI_Datatype sendtype, void* recvbuf, int recvcount, MPI_Datatype recvtype, int root) {
    call.check_root(c, root);
    const int n = c.comm.size();
    const bool at_root = c.comm.rank() == root;
    in_place_only(sendbuf, at_root, "send buffer", "as the root's send buffer");
    Buffer recv;
    ConstBuffer send;
    if (at_root) {
        in_place_only(recvbuf, false, "receive buffer", "as the root's send buffer");
        const LayoutPtr& rl = checked(call, recvbuf, recvcount, recvtype, "receive count", "receive datatype",
                                      "receive buffer");
        if (sendbuf == MPI_IN_PLACE) send = data.send(at_element(recvbuf, std::int64_t{root} * recvcount, *rl), recvcount, rl, true);
        recv = data.receive(recvbuf, std::int64_t{n} * recvcount, rl);
    }
    if (sendbuf != MPI_IN_PLACE) send = own_send(call, data, sendbuf, sendcount, sendtype);
    if (nb) return c.comm.Igather(send, recv, root, call.loc);
    c.comm.Gather(send, recv, root, call.loc);
    return Request{};
}

Request gatherv(Call& call, CommObject& c, CollectiveData& data, bool nb, const void* sendbuf, int sendcount,
                MPI_Datatype sendtype, void* recvbuf, const int* recvcounts, const int* displs, MPI_Datatype recvtype,
                int root) {
    call.check_root(c, root);
    const int n = c.comm.size();
    const bool at_root = c.comm.rank() == root;
    in_place_only(sendbuf, at_root, "send buffer", "as the root's send buffer");
    Buffer recv;
    ConstBuffer send;
    CoreBlocks blocks;
    if (at_root) {
        in_place_only(recvbuf, false, "receive buffer", "as the root's send buffer");
        check_counts(call, recvcounts, displs, n, "receive");
        const LayoutPtr& rl = call.data_type(recvtype, "receive datatype");
        if (sendbuf == MPI_IN_PLACE)
            send = data.send(at_element(recvbuf, displs[root], *rl), recvcounts[root], rl, true);
        recv = data.receive_blocks(recvbuf, recvcounts, displs, n, rl, blocks);
    }
    if (sendbuf != MPI_IN_PLACE) send = own_send(call, data, sendbuf, sendcount, sendtype);
    if (nb) return c.comm.Igatherv(send, recv, blocks.counts, blocks.displs, root, call.loc);
    c.comm.Gatherv(send, recv, blocks.counts, blocks.displs, root, call.loc);
    return Request{};
}

Request scatter(Call& call, CommObject& c, CollectiveData& data, bool nb, const void* sendbuf, int sendcount,
                MPI_Datatype sendtype, void* recvbuf, int recvcount, MPI_Datatype recvtype, int root) {
    call.check_root(c, root);
    const int n = c.comm.size();
    const bool at_root = c.comm.rank() == root;
    in_place_only(recvbuf, at_root, "receive buffer", "as the root's receive buffer");
    ConstBuffer send;
    Buffer recv;
    if (at_root) {
        in_place_only(sendbuf, false, "send buffer", "as the root's receive buffer");
        const LayoutPtr& sl = checked(call, sendbuf, sendcount, sendtype, "send count", "send datatype", "send buffer");
        send = data.send(sendbuf, std::int64_t{n} * sendcount, sl);
        if (recvbuf == MPI_IN_PLACE) recv = data.scratch(sendcount, sl);
    }
    if (recvbuf != MPI_IN_PLACE) recv = own_receive(call, data, recvbuf, recvcount, recvtype);
    if (nb) return c.comm.Iscatter(send, recv, root, call.loc);
    c.comm.Scatter(send, recv, root, call.loc);
    return Request{};
}

Request scatterv(Call& call, CommObject& c, CollectiveData& data, bool nb, const void* sendbuf, const int* sendcounts,
                 const int* displs, MPI_Datatype sendtype, void* recvbuf, int recvcount, MPI_Datatype recvtype,
                 int root) {
    call.check_root(c, root);
    const int n = c.comm.size();
    const bool at_root = c.comm.rank() == root;
    in_place_only(recvbuf, at_root, "receive buffer", "as the root's receive buffer");
    ConstBuffer send;
    Buffer recv;
    CoreBlocks blocks;
    if (at_root) {
        in_place_only(sendbuf, false, "send buffer", "as the root's receive buffer");
        check_counts(call, sendcounts, displs, n, "send");
        const LayoutPtr& sl = call.data_type(sendtype, "send datatype");
        send = data.send_blocks(sendbuf, sendcounts, displs, n, sl, blocks);
        if (recvbuf == MPI_IN_PLACE) recv = data.scratch(sendcounts[root], sl);
    }
    if (recvbuf != MPI_IN_PLACE) recv = own_receive(call, data, recvbuf, recvcount, recvtype);
    if (nb) return c.comm.Iscatterv(send, blocks.counts, blocks.displs, recv, root, call.loc);
    c.comm.Scatterv(send, blocks.counts, blocks.displs, recv, root, call.loc);
    return Request{};
}

Request allgather(Call& call, CommObject& c, CollectiveData& data, bool nb, const void* sendbuf, int sendcount,
                  MPI_Datatype sendtype, void* recvbuf, int recvcount, MPI_Datatype recvtype) {
    const int n = c.comm.size();
    in_place_only(recvbuf, false, "receive buffer", "as the send buffer");
    const LayoutPtr& rl = checked(call, recvbuf, recvcount, recvtype, "receive count", "receive datatype", "receive buffer");
    const ConstBuffer send =
        sendbuf == MPI_IN_PLACE
            ? data.send(at_element(recvbuf, std::int64_t{c.comm.rank()} * recvcount, *rl), recvcount, rl, true)
            : own_send(call, data, sendbuf, sendcount, sendtype);
    const Buffer recv = data.receive(recvbuf, std::int64_t{n} * recvcount, rl);
    if (nb) return c.comm.Iallgather(send, recv, call.loc);
    c.comm.Allgather(send, recv, call.loc);
    return Request{};
}

Request allgatherv(Call& call, CommObject& c, CollectiveData& data, bool nb, const void* sendbuf, int sendcount,
                   MPI_Datatype sendtype, void* recvbuf, const int* recvcounts, const int* displs,
                   MPI_Datatype recvtype) {
    const int n = c.comm.size();
    const int me = c.comm.rank();
    in_place_only(recvbuf, false, "receive buffer", "as the send buffer");
    check_counts(call, recvcounts, displs, n, "receive");
    const LayoutPtr& rl = call.data_type(recvtype, "receive datatype");
    const ConstBuffer send =
        sendbuf == MPI_IN_PLACE
            ? data.send(at_element(recvbuf, displs[me], *rl), recvcounts[me], rl, true)
            : own_send(call, data, sendbuf, sendcount, sendtype);
    CoreBlocks blocks;
    const Buffer recv = data.receive_blocks(recvbuf, recvcounts, displs, n, rl, blocks);
    if (nb) return c.comm.Iallgatherv(send, recv, blocks.counts, blocks.displs, call.loc);
    c.comm.Allgatherv(send, recv, blocks.counts, blocks.displs, call.loc);
    return Request{};
}

Request alltoall(Call& call, CommObject& c, CollectiveData& data, bool nb, const void* sendbuf, int sendcount,
                 MPI_Datatype sendtype, void* recvbuf, int recvcount, MPI_Datatype recvtype) {
    const std::int64_t n = c.comm.size();
    in_place_only(recvbuf, false, "receive buffer", "as the send buffer");
    const LayoutPtr& rl = checked(call, recvbuf, recvcount, recvtype, "receive count", "receive datatype", "receive buffer");
    const ConstBuffer send =
        sendbuf == MPI_IN_PLACE
            ? data.send(recvbuf, n * recvcount, rl, true)
            : data.send(sendbuf, n * sendcount,
                        checked(call, sendbuf, sendcount, sendtype, "send count", "send datatype", "send buffer"));
    const Buffer recv = data.receive(recvbuf, n * recvcount, rl);
    if (nb) return c.comm.Ialltoall(send, recv, call.loc);
    c.comm.Alltoall(send, recv, call.loc);
    return Request{};
}

Request alltoallv(Call& call, CommObject& c, CollectiveData& data, bool nb, const void* sendbuf, const int* sendcounts,
                  const int* sdispls, MPI_Datatype sendtype, void* recvbuf, const int* recvcounts, const int* rdispls,
                  MPI_Datatype recvtype) {
    const int n = c.comm.size();
    in_place_only(recvbuf, false, "receive buffer", "as the send buffer");
    check_counts(call, recvcounts, rdispls, n, "receive");
    const LayoutPtr& rl = call.data_type(recvtype, "receive datatype");
    CoreBlocks from, to;
    ConstBuffer send;
    if (sendbuf == MPI_IN_PLACE) {
        send = data.send_blocks(recvbuf, recvcounts, rdispls, n, rl, from, true);
    } else {
        check_counts(call, sendcounts, sdispls, n, "send");
        send = data.send_blocks(sendbuf, sendcounts, sdispls, n, call.data_type(sendtype, "send datatype"), from);
    }
    const Buffer recv = data.receive_blocks(recvbuf, recvcounts, rdispls, n, rl, to);
    if (nb) return c.comm.Ialltoallv(send, from.counts, from.displs, recv, to.counts, to.displs, call.loc);
    c.comm.Alltoallv(send, from.counts, from.displs, recv, to.counts, to.displs, call.loc);
    return Request{};
}

Request alltoallw(Call& call, CommObject& c, CollectiveData& data, bool nb, const void* sendbuf, const int* sendcounts,
                  const int* sdispls, const MPI_Datatype* sendtypes, void* recvbuf, const int* recvcounts,
                  const int* rdispls, const MPI_Datatype* recvtypes) {
    const int n = c.comm.size();
    in_place_only(recvbuf, false, "receive buffer", "as the send buffer");
    check_counts(call, recvcounts, rdispls, n, "receive");
    if (n > 0 && !recvtypes) raise(MPI_ERR_ARG, "the array of receive datatypes is NULL");
    const bool in_place = sendbuf == MPI_IN_PLACE;
    if (!in_place) {
        check_counts(call, sendcounts, sdispls, n, "send");
        if (n > 0 && !sendtypes) raise(MPI_ERR_ARG, "the array of send datatypes is NULL");
    }
    std::vector<ConstBuffer> send(static_cast<std::size_t>(n));
    std::vector<Buffer> recv(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        const LayoutPtr& rl = call.data_type(recvtypes[i], "receive datatype");
        auto* r = static_cast<std::byte*>(recvbuf) + rdispls[i];
        if (in_place) {
            send[i] = data.send(r, recvcounts[i], rl, true);
        } else {
            const LayoutPtr& sl = call.data_type(sendtypes[i], "send datatype");
            send[i] = data.send(static_cast<const std::byte*>(sendbuf) + sdispls[i], sendcounts[i], sl);
        }
        recv[i] = data.receive(r, recvcounts[i], rl);
    }
    if (nb) return c.comm.Ialltoallw(send, recv, call.loc);
    c.comm.Alltoallw(send, recv, call.loc);
    return Request{};
}

}  // namespace

int MPI_Barrier(MPI_Comm comm) {
    return run_collective("MPI_Barrier", comm, nullptr, false, [&](Call& call, CommObject& c, CollectiveData&, bool) {
        c.comm.Barrier(call.loc);
        return Request{};
    });
}
int MPI_Ibarrier(MPI_Comm comm, MPI_Request* request) {
    return run_collective("MPI_Ibarrier", comm, request, true, [&](Call& call, CommObject& c, CollectiveData&, bool) {
        return c.comm.Ibarrier(call.loc);
    });
}

int MPI_Bcast(void* buffer, int count, MPI_Datatype datatype, int root, MPI_Comm comm) {
    return run_collective("MPI_Bcast", comm, nullptr, false, [&](Call& call, CommObject& c, CollectiveData& d, bool nb) {
        return bcast(call, c, d, nb, buffer, count, datatype, root);
    });
}
int MPI_Ibcast(void* buffer, int count, MPI_Datatype datatype, int root, MPI_Comm comm, MPI_Request* request) {
    return run_collective("MPI_Ibcast", comm, request, true, [&](Call& call, CommObject& c, CollectiveData& d, bool nb) {
        return bcast(call, c, d, nb, buffer, count, datatype, root);
    });
}

int MPI_Gather(const void* sendbuf, int sendcount, MPI_Datatype sendtype, void* recvbuf, int recvcount,
               MPI_Datatype recvtype, int root, MPI_Comm comm) {
    return run_collective("MPI_Gather", comm, nullptr, false, [&](Call& call, CommObject& c, CollectiveData& d, bool nb) {
        return gather(call, c, d, nb, sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype, root);
    });
}
int MPI_Igather(const void* sendbuf, int sendcount, MPI_Datatype sendtype, void* recvbuf, int recvcount,
                MPI_Datatype recvtype, int root, MPI_Comm comm, MPI_Request* request) {
    return run_collective("MPI_Igather", comm, request, true, [&](Call& call, CommObject& c, CollectiveData& d, bool nb) {
        return gather(call, c, d, nb, sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype, root);
    });
}

int MPI_Gatherv(const void* sendbuf, int sendcount, MPI_Datatype sendtype, void* recvbuf, const int recvcounts[],
                const int displs[], MPI_Datatype recvtype, int root, MPI_Comm comm) {
    return run_collective("MPI_Gatherv", comm, nullptr, false, [&](Call& call, CommObject& c, CollectiveData& d, bool nb) {
        return gatherv(call, c, d, nb, sendbuf, sendcount, sendtype, recvbuf, recvcounts, displs, recvtype, root);
    });
}
int MPI_Igatherv(const void* sendbuf, int sendcount, MPI_Datatype sendtype, void* recvbuf, const int recvcounts[],
                 const int displs[], MPI_Datatype recvtype, int root, MPI_Comm comm, MPI_Request* request) {
    return run_collective("MPI_Igatherv", comm, request, true, [&](Call& call, CommObject& c, CollectiveData& d, bool nb) {
        return gatherv(call, c, d, nb, sendbuf, sendcount, sendtype, recvbuf, recvcounts, displs, recvtype, root);
    });
}

int MPI_Scatter(const void* sendbuf, int sendcount, MPI_Datatype sendtype, void* recvbuf, int recvcount,
                MPI_Datatype recvtype, int root, MPI_Comm comm) {
    return run_collective("MPI_Scatter", comm, nullptr, false, [&](Call& call, CommObject& c, CollectiveData& d, bool nb) {
        return scatter(call, c, d, nb, sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype, root);
    });
}
int MPI_Iscatter(const void* sendbuf, int sendcount, MPI_Datatype sendtype, void* recvbuf, int recvcount,
                 MPI_Datatype recvtype, int root, MPI_Comm comm, MPI_Request* request) {
    return run_collective("MPI_Iscatter", comm, request, true, [&](Call& call, CommObject& c, CollectiveData& d, bool nb) {
        return scatter(call, c, d, nb, sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype, root);
    });
}

int MPI_Scatterv(const void* sendbuf, const int sendcounts[], const int displs[], MPI_Datatype sendtype, void* recvbuf,
                 int recvcount, MPI_Datatype recvtype, int root, MPI_Comm comm) {
    return run_collective("MPI_Scatterv", comm, nullptr, false, [&](Call& call, CommObject& c, CollectiveData& d, bool nb) {
        return scatterv(call, c, d, nb, sendbuf, sendcounts, displs, sendtype, recvbuf, recvcount, recvtype, root);
    });
}
int MPI_Iscatterv(const void* sendbuf, const int sendcounts[], const int displs[], MPI_Datatype sendtype,
                  void* recvbuf, int recvcount, MPI_Datatype recvtype, int root, MPI_Comm comm, MPI_Request* request) {
    return run_collective("MPI_Iscatterv", comm, request, true, [&](Call& call, CommObject& c, CollectiveData& d, bool nb) {
        return scatterv(call, c, d, nb, sendbuf, sendcounts, displs, sendtype, recvbuf, recvcount, recvtype, root);
    });
}

int MPI_Allgather(const void* sendbuf, int sendcount, MPI_Datatype sendtype, void* recvbuf, int recvcount,
                  MPI_Datatype recvtype, MPI_Comm comm) {
    return run_collective("MPI_Allgather", comm, nullptr, false, [&](Call& call, CommObject& c, CollectiveData& d, bool nb) {
        return allgather(call, c, d, nb, sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype);
    });
}
int MPI_Iallgather(const void* sendbuf, int sendcount, MPI_Datatype sendtype, void* recvbuf, int recvcount,
                   MPI_Datatype recvtype, MPI_Comm comm, MPI_Request* request) {
    return run_collective("MPI_Iallgather", comm, request, true, [&](Call& call, CommObject& c, CollectiveData& d, bool nb) {
        return allgather(call, c, d, nb, sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype);
    });
}

int MPI_Allgatherv(const void* sendbuf, int sendcount, MPI_Datatype sendtype, void* recvbuf, const int recvcounts[],
                   const int displs[], MPI_Datatype recvtype, MPI_Comm comm) {
    return run_collective("MPI_Allgatherv", comm, nullptr, false, [&](Call& call, CommObject& c, CollectiveData& d, bool nb) {
        return allgatherv(call, c, d, nb, sendbuf, sendcount, sendtype, recvbuf, recvcounts, displs, recvtype);
    });
}
int MPI_Iallgatherv(const void* sendbuf, int sendcount, MPI_Datatype sendtype, void* recvbuf, const int recvcounts[],
                    const int displs[], MPI_Datatype recvtype, MPI_Comm comm, MPI_Request* request) {
    return run_collective("MPI_Iallgatherv", comm, request, true, [&](Call& call, CommObject& c, CollectiveData& d, bool nb) {
        return allgatherv(call, c, d, nb, sendbuf, sendcount, sendtype, recvbuf, recvcounts, displs, recvtype);
    });
}

int MPI_Alltoall(const void* sendbuf, int sendcount, MPI_Datatype sendtype, void* recvbuf, int recvcount,
                 MPI_Datatype recvtype, MPI_Comm comm) {
    return run_collective("MPI_Alltoall", comm, nullptr, false, [&](Call& call, CommObject& c, CollectiveData& d, bool nb) {
        return alltoall(call, c, d, nb, sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype);
    });
}
int MPI_Ialltoall(const void* sendbuf, int sendcount, MPI_Datatype sendtype, void* recvbuf, int recvcount,
                  MPI_Datatype recvtype, MPI_Comm comm, MPI_Request* request) {
    return run_collective("MPI_Ialltoall", comm, request, true, [&](Call& call, CommObject& c, CollectiveData& d, bool nb) {
        return alltoall(call, c, d, nb, sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype);
    });
}

int MPI_Alltoallv(const void* sendbuf, const int sendcounts[], const int sdispls[], MPI_Datatype sendtype,
                  void* recvbuf, const int recvcounts[], const int rdispls[], MPI_Datatype recvtype, MPI_Comm comm) {
    return run_collective("MPI_Alltoallv", comm, nullptr, false, [&](Call& call, CommObject& c, CollectiveData& d, bool nb) {
        return alltoallv(call, c, d, nb, sendbuf, sendcounts, sdispls, sendtype, recvbuf, recvcounts, rdispls, recvtype);
    });
}
int MPI_Ialltoallv(const void* sendbuf, const int sendcounts[], const int sdispls[], MPI_Datatype sendtype,
                   void* recvbuf, const int recvcounts[], const int rdispls[], MPI_Datatype recvtype, MPI_Comm comm,
                   MPI_Request* request) {
    return run_collective("MPI_Ialltoallv", comm, request, true, [&](Call& call, CommObject& c, CollectiveData& d, bool nb) {
        return alltoallv(call, c, d, nb, sendbuf, sendcounts, sdispls, sendtype, recvbuf, recvcounts, rdispls, recvtype);
    });
}

int MPI_Alltoallw(const void* sendbuf, const int sendcounts[], const int sdispls[], const MPI_Datatype sendtypes[],
                  void* recvbuf, const int recvcounts[], const int rdispls[], const MPI_Datatype recvtypes[],
                  MPI_Comm comm) {
    return run_collective("MPI_Alltoallw", comm, nullptr, false, [&](Call& call, CommObject& c, CollectiveData& d, bool nb) {
        return alltoallw(call, c, d, nb, sendbuf, sendcounts, sdispls, sendtypes, recvbuf, recvcounts, rdispls, recvtypes);
    });
}
int MPI_Ialltoallw(const void* sendbuf, const int sendcounts[], const int sdispls[], const MPI_Datatype sendtypes[],
                   void* recvbuf, const int recvcounts[], const int rdispls[], const MPI_Datatype recvtypes[],
                   MPI_Comm comm, MPI_Request* request) {
    return run_collective("MPI_Ialltoallw", comm, request, true, [&](Call& call, CommObject& c, CollectiveData& d, bool nb) {
        return alltoallw(call, c, d, nb, sendbuf, sendcounts, sdispls, sendtypes, recvbuf, recvcounts, rdispls, recvtypes);
    });
}

MPILAB_PROFILING(MPI_Barrier)
MPILAB_PROFILING(MPI_Ibarrier)
MPILAB_PROFILING(MPI_Bcast)
MPILAB_PROFILING(MPI_Ibcast)
MPILAB_PROFILING(MPI_Gather)
MPILAB_PROFILING(MPI_Igather)
MPILAB_PROFILING(MPI_Gatherv)
MPILAB_PROFILING(MPI_Igatherv)
MPILAB_PROFILING(MPI_Scatter)
MPILAB_PROFILING(MPI_Iscatter)
MPILAB_PROFILING(MPI_Scatterv)
MPILAB_PROFILING(MPI_Iscatterv)
MPILAB_PROFILING(MPI_Allgather)
MPILAB_PROFILING(MPI_Iallgather)
MPILAB_PROFILING(MPI_Allgatherv)
MPILAB_PROFILING(MPI_Iallgatherv)
MPILAB_PROFILING(MPI_Alltoall)
MPILAB_PROFILING(MPI_Ialltoall)
MPILAB_PROFILING(MPI_Alltoallv)
MPILAB_PROFILING(MPI_Ialltoallv)
MPILAB_PROFILING(MPI_Alltoallw)
MPILAB_PROFILING(MPI_Ialltoallw)
