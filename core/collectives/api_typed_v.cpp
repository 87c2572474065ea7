// The typed collectives with per-rank counts and displacements (Gatherv, Scatterv, Allgatherv,
// Alltoallv), with a type per peer (Alltoallw), Reduce_scatter(_block), and their I-variants.
// Counts and displacements are in elements, as in MPI; each block must fit its buffer, and the root's
// own block must match its send / receive count. The counts are copied at the call: only the data
// buffers of an I-variant must stay alive until it completes.
#include "entry.hpp"

namespace mpilab {

using namespace collectives;

namespace {

CollectiveSignature v_signature(CallKind kind, int root, Datatype type) {
    CollectiveSignature s;
    s.kind = kind;
    s.root = root;
    s.type = type.kind;
    s.compare_type = true;
    return s;
}

Request start_gatherv(const Comm& comm, ConstBuffer sendbuf, Buffer recvbuf, std::span<const int> counts,
                      std::span<const int> displs, int root, bool nonblocking, const Location& loc) {
    const Entry e(comm, pick(nonblocking, CallKind::Gatherv, CallKind::Igatherv), false, loc);
    e.check_root(root);
    const bool at_root = e.me == root;
    if (sendbuf.in_place && !at_root)
        e.fail("in place", "in_place() is only meaningful at the root of " + e.name() + "; other ranks pass their block");
    e.check_buffer(sendbuf, "send buffer");
    if (at_root) e.check_buffer(recvbuf, "receive buffer");
    const Datatype type = sendbuf.in_place ? recvbuf.type : sendbuf.type;
    if (at_root) {
        if (!sendbuf.in_place) {
            e.check_same_type(sendbuf, recvbuf);
            e.check_not_aliased(sendbuf, recvbuf);
        }
        e.check_layout("the receive buffer's", counts, displs, recvbuf.count);
        if (!sendbuf.in_place) e.check_count("the root's send buffer (counts[root])", sendbuf.count, counts[root]);
    }
    const std::string algorithm = e.algorithm("gatherv", SelectionFacts{e.n});
    Plan plan;
    const Blocks own = sendbuf.in_place ? Blocks{} : Blocks::uniform(sendbuf.data, 1, sendbuf.count, sendbuf.type);
    gather_linear(plan, e.me, e.n, own, at_root ? Blocks::varying(recvbuf.data, counts, displs, type) : Blocks{}, root);
    return e.launch(v_signature(e.kind, root, type), algorithm, sendbuf.in_place ? 0 : sendbuf.bytes(), plan,
                    nonblocking);
}

Request start_scatterv(const Comm& comm, ConstBuffer sendbuf, std::span<const int> counts, std::span<const int> displs,
                       Buffer recvbuf, int root, bool nonblocking, const Location& loc) {
    const Entry e(comm, pick(nonblocking, CallKind::Scatterv, CallKind::Iscatterv), false, loc);
    e.check_root(root);
    const bool at_root = e.me == root;
    if (at_root) e.check_buffer(sendbuf, "send buffer");
    e.check_buffer(recvbuf, "receive buffer");
    if (at_root) {
        e.check_same_type(sendbuf, recvbuf);
        e.check_not_aliased(sendbuf, recvbuf);
        e.check_layout("the send buffer's", counts, displs, sendbuf.count);
        e.check_count("the root's receive buffer (counts[root])", recvbuf.count, counts[root]);
    }
    const std::string algorithm = e.algorithm("scatterv", SelectionFacts{e.n});
    Plan plan;
    scatter_linear(plan, e.me, e.n, at_root ? Blocks::varying(sendbuf.data, counts, displs, sendbuf.type) : Blocks{},
                   Blocks::uniform(recvbuf.data, 1, recvbuf.count, recvbuf.type), root);
    return e.launch(v_signature(e.kind, root, recvbuf.type), algorithm, recvbuf.bytes(), plan, nonblocking);
}

Request start_allgatherv(const Comm& comm, ConstBuffer sendbuf, Buffer recvbuf, std::span<const int> counts,
                         std::span<const int> displs, bool nonblocking, const Location& loc) {
    const Entry e(comm, pick(nonblocking, CallKind::Allgatherv, CallKind::Iallgatherv), false, loc);
    e.check_buffer(sendbuf, "send buffer");
    e.check_buffer(recvbuf, "receive buffer");
    const Datatype type = sendbuf.in_place ? recvbuf.type : sendbuf.type;
    e.check_layout("the receive buffer's", counts, displs, recvbuf.count);
    if (!sendbuf.in_place) {
        e.check_same_type(sendbuf, recvbuf);
        e.check_not_aliased(sendbuf, recvbuf);
        e.check_count("the send buffer (counts[rank])", sendbuf.count, counts[e.me]);
    }
    const std::string algorithm = e.algorithm("allgatherv", SelectionFacts{e.n});
    Plan plan;
    const Blocks own = sendbuf.in_place ? Blocks{} : Blocks::uniform(sendbuf.data, 1, sendbuf.count, sendbuf.type);
    const Blocks all = Blocks::varying(recvbuf.data, counts, displs, type);
    build_allgather(plan, algorithm, e.me, e.n, own, all);
    return e.launch(v_signature(e.kind, -1, type), algorithm, static_cast<std::int64_t>(counts[e.me]) * type.size, plan,
                    nonblocking);
}

Request start_alltoallv(const Comm& comm, ConstBuffer sendbuf, std::span<const int> sendcounts,
                        std::span<const int> sdispls, Buffer recvbuf, std::span<const int> recvcounts,
                        std::span<const int> rdispls, bool nonblocking, const Location& loc) {
    const Entry e(comm, pick(nonblocking, CallKind::Alltoallv, CallKind::Ialltoallv), false, loc);
    e.check_buffer(sendbuf, "send buffer");
    e.check_buffer(recvbuf, "receive buffer");
    e.check_layout("the receive buffer's", recvcounts, rdispls, recvbuf.count);
    if (!sendbuf.in_place) {
        e.check_same_type(sendbuf, recvbuf);
        e.check_not_aliased(sendbuf, recvbuf);
        e.check_layout("the send buffer's", sendcounts, sdispls, sendbuf.count);
    }
    const std::string algorithm = e.algorithm("alltoallv", SelectionFacts{e.n});
    Plan plan;
    const Blocks to = Blocks::varying(recvbuf.data, recvcounts, rdispls, recvbuf.type);
    Blocks from;
    std::int64_t bytes = 0;
    if (sendbuf.in_place) {
        from = plan.temp_blocks(false, to.counts, to.type);
        for (int i = 0; i < e.n; ++i) plan.copy(from, i, to, i);
    } else {
        from = Blocks::varying(sendbuf.data, sendcounts, sdispls, sendbuf.type);
    }
    for (int i = 0; i < e.n; ++i) bytes += from.counts[i] * from.type.size;
    (algorithm == "pairwise" ? alltoall_pairwise : alltoall_linear)(plan, e.me, e.n, from, to);
    return e.launch(v_signature(e.kind, -1, recvbuf.type), algorithm, bytes, plan, nonblocking);
}

Request start_alltoallw(const Comm& comm, std::span<const ConstBuffer> sendbufs, std::span<const Buffer> recvbufs,
                        bool nonblocking, const Location& loc) {
    const Entry e(comm, pick(nonblocking, CallKind::Alltoallw, CallKind::Ialltoallw), false, loc);
    if (static_cast<int>(sendbufs.size()) != e.n || static_cast<int>(recvbufs.size()) != e.n)
        e.fail("buffer size mismatch", e.name() + " needs one send and one receive buffer per rank (" +
                                           std::to_string(e.n) + "), got " + std::to_string(sendbufs.size()) + " and " +
                                           std::to_string(recvbufs.size()));
    std::vector<Blocks> send, recv;
    std::int64_t bytes = 0;
    for (int i = 0; i < e.n; ++i) {
        if (sendbufs[i].in_place) e.fail("in place", e.name() + " does not take in_place() buffers");
        e.check_buffer(sendbufs[i], "send buffer for rank " + std::to_string(i));
        e.check_buffer(recvbufs[i], "receive buffer from rank " + std::to_string(i));
        send.push_back(Blocks::uniform(sendbufs[i].data, 1, sendbufs[i].count, sendbufs[i].type));
        recv.push_back(Blocks::uniform(recvbufs[i].data, 1, recvbufs[i].count, recvbufs[i].type));
        bytes += sendbufs[i].bytes();
    }
    if (sendbufs[e.me].bytes() != recvbufs[e.me].bytes())
        e.fail("buffer size mismatch", e.name() + ": the block a rank sends to itself holds " +
                                           std::to_string(sendbufs[e.me].bytes()) + " bytes but its receive block " +
                                           std::to_string(recvbufs[e.me].bytes()));
    const std::string algorithm = e.algorithm("alltoallw", SelectionFacts{e.n});
    Plan plan;
    alltoallw_linear(plan, e.me, e.n, send, recv);
    CollectiveSignature signature;
    signature.kind = e.kind;
    return e.launch(signature, algorithm, bytes, plan, nonblocking);
}

Request start_reduce_scatter(const Comm& comm, ConstBuffer sendbuf, Buffer recvbuf, std::span<const int> recvcounts,
                             const Op& op, bool block, bool nonblocking, const Location& loc) {
    const Entry e(comm,
                  block ? pick(nonblocking, CallKind::ReduceScatterBlock, CallKind::IreduceScatterBlock)
                        : pick(nonblocking, CallKind::ReduceScatter, CallKind::IreduceScatter),
                  false, loc);
    if (sendbuf.in_place)
        e.fail("in place", e.name() + " does not take in_place(); pass the data to reduce as the send buffer");
    e.check_buffer(sendbuf, "send buffer");
    e.check_buffer(recvbuf, "receive buffer");
    if (static_cast<int>(recvcounts.size()) != e.n)
        e.fail("buffer size mismatch", e.name() + " needs one receive count per rank (" + std::to_string(e.n) + "), got " +
                                           std::to_string(recvcounts.size()));
    std::vector<std::int64_t> counts(recvcounts.begin(), recvcounts.end());
    std::int64_t total = 0;
    for (int i = 0; i < e.n; ++i) {
        if (counts[i] < 0)
            e.fail("buffer size mismatch", e.name() + ": receive count " + std::to_string(i) + " is negative (" +
                                               std::to_string(counts[i]) + ")");
        total += counts[i];
    }
    e.check_same_type(sendbuf, recvbuf);
    e.check_count("the send buffer (the sum of the receive counts)", sendbuf.count, total);
    e.check_count("the receive buffer (this rank's receive count)", recvbuf.count, counts[e.me]);
    e.check_not_aliased(sendbuf, recvbuf);
    e.check_op(op, recvbuf.type);
    SelectionFacts facts{e.n, recvbuf.bytes(), recvbuf.count, op.commutative()};
    const std::string algorithm = e.algorithm(block ? "reduce_scatter_block" : "reduce_scatter", facts);
    Plan plan;
    reduce_scatter_linear(plan, e.me, e.n, op, Operand::typed(sendbuf.data, sendbuf.count, sendbuf.type),
                          Operand::typed(recvbuf.data, recvbuf.count, recvbuf.type), counts);
    CollectiveSignature signature = v_signature(e.kind, -1, recvbuf.type);
    signature.op = op.kind();
    signature.count = block ? recvbuf.count : total;
    return e.launch(signature, algorithm, sendbuf.bytes(), plan, nonblocking);
}

}  // namespace

void Comm::Gatherv(ConstBuffer sendbuf, Buffer recvbuf, std::span<const int> counts, std::span<const int> displs, int root,
                   Loc loc) {
    start_gatherv(*this, sendbuf, recvbuf, counts, displs, root, false, loc);
}
Request Comm::Igatherv(ConstBuffer sendbuf, Buffer recvbuf, std::span<const int> counts, std::span<const int> displs,
                       int root, Loc loc) {
    return start_gatherv(*this, sendbuf, recvbuf, counts, displs, root, true, loc);
}

void Comm::Scatterv(ConstBuffer sendbuf, std::span<const int> counts, std::span<const int> displs, Buffer recvbuf,
                    int root, Loc loc) {
    start_scatterv(*this, sendbuf, counts, displs, recvbuf, root, false, loc);
}
Request Comm::Iscatterv(ConstBuffer sendbuf, std::span<const int> counts, std::span<const int> displs, Buffer recvbuf,
                        int root, Loc loc) {
    return start_scatterv(*this, sendbuf, counts, displs, recvbuf, root, true, loc);
}

void Comm::Allgatherv(ConstBuffer sendbuf, Buffer recvbuf, std::span<const int> counts, std::span<const int> displs,
                      Loc loc) {
    start_allgatherv(*this, sendbuf, recvbuf, counts, displs, false, loc);
}
Request Comm::Iallgatherv(ConstBuffer sendbuf, Buffer recvbuf, std::span<const int> counts, std::span<const int> displs,
                          Loc loc) {
    return start_allgatherv(*this, sendbuf, recvbuf, counts, displs, true, loc);
}

void Comm::Alltoallv(ConstBuffer sendbuf, std::span<const int> sendcounts, std::span<const int> sdispls, Buffer recvbuf,
                     std::span<const int> recvcounts, std::span<const int> rdispls, Loc loc) {
    start_alltoallv(*this, sendbuf, sendcounts, sdispls, recvbuf, recvcounts, rdispls, false, loc);
}
Request Comm::Ialltoallv(ConstBuffer sendbuf, std::span<const int> sendcounts, std::span<const int> sdispls,
                         Buffer recvbuf, std::span<const int> recvcounts, std::span<const int> rdispls, Loc loc) {
    return start_alltoallv(*this, sendbuf, sendcounts, sdispls, recvbuf, recvcounts, rdispls, true, loc);
}

void Comm::Alltoallw(std::span<const ConstBuffer> sendbufs, std::span<const Buffer> recvbufs, Loc loc) {
    start_alltoallw(*this, sendbufs, recvbufs, false, loc);
}
Request Comm::Ialltoallw(std::span<const ConstBuffer> sendbufs, std::span<const Buffer> recvbufs, Loc loc) {
    return start_alltoallw(*this, sendbufs, recvbufs, true, loc);
}

void Comm::Reduce_scatter_block(ConstBuffer sendbuf, Buffer recvbuf, const Op& op, Loc loc) {
    const std::vector<int> counts(static_cast<std::size_t>(size()), static_cast<int>(recvbuf.count));
    start_reduce_scatter(*this, sendbuf, recvbuf, counts, op, true, false, loc);
}
Request Comm::Ireduce_scatter_block(ConstBuffer sendbuf, Buffer recvbuf, const Op& op, Loc loc) {
    const std::vector<int> counts(static_cast<std::size_t>(size()), static_cast<int>(recvbuf.count));
    return start_reduce_scatter(*this, sendbuf, recvbuf, counts, op, true, true, loc);
}

void Comm::Reduce_scatter(ConstBuffer sendbuf, Buffer recvbuf, std::span<const int> recvcounts, const Op& op, Loc loc) {
    start_reduce_scatter(*this, sendbuf, recvbuf, recvcounts, op, false, false, loc);
}
Request Comm::Ireduce_scatter(ConstBuffer sendbuf, Buffer recvbuf, std::span<const int> recvcounts, const Op& op,
                              Loc loc) {
    return start_reduce_scatter(*this, sendbuf, recvbuf, recvcounts, op, false, true, loc);
}

}  // namespace mpilab
