// The typed collectives with per-rank counts and displacements (Gatherv, Scatterv, Allgatherv,
// Alltoallv) and Reduce_scatter_block. Counts and displacements are in elements, as in MPI; each
// block must fit its buffer, and the root's own block must match its send / receive count.
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

}  // namespace

void Comm::Gatherv(ConstBuffer sendbuf, Buffer recvbuf, std::span<const int> counts, std::span<const int> displs, int root,
                   Loc loc) {
    const Entry e(*this, CallKind::Gatherv, false, loc);
    e.check_root(root);
    const bool at_root = e.me == root;
    if (sendbuf.in_place && !at_root)
        e.fail("in place", "in_place() is only meaningful at the root of Gatherv; other ranks pass their block");
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
    e.launch(v_signature(e.kind, root, type), algorithm, sendbuf.in_place ? 0 : sendbuf.bytes(), plan, false);
}

void Comm::Scatterv(ConstBuffer sendbuf, std::span<const int> counts, std::span<const int> displs, Buffer recvbuf,
                    int root, Loc loc) {
    const Entry e(*this, CallKind::Scatterv, false, loc);
    e.check_root(root);
    const bool at_root = e.me == root;
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
    e.launch(v_signature(e.kind, root, recvbuf.type), algorithm, recvbuf.bytes(), plan, false);
}

void Comm::Allgatherv(ConstBuffer sendbuf, Buffer recvbuf, std::span<const int> counts, std::span<const int> displs,
                      Loc loc) {
    const Entry e(*this, CallKind::Allgatherv, false, loc);
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
    e.launch(v_signature(e.kind, -1, type), algorithm, static_cast<std::int64_t>(counts[e.me]) * type.size, plan, false);
}

void Comm::Alltoallv(ConstBuffer sendbuf, std::span<const int> sendcounts, std::span<const int> sdispls, Buffer recvbuf,
                     std::span<const int> recvcounts, std::span<const int> rdispls, Loc loc) {
    const Entry e(*this, CallKind::Alltoallv, false, loc);
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
    e.launch(v_signature(e.kind, -1, recvbuf.type), algorithm, bytes, plan, false);
}

void Comm::Reduce_scatter_block(ConstBuffer sendbuf, Buffer recvbuf, const Op& op, Loc loc) {
    const Entry e(*this, CallKind::ReduceScatterBlock, false, loc);
    if (sendbuf.in_place)
        e.fail("in place", "Reduce_scatter_block does not take in_place(); pass the size() blocks to reduce as the send buffer");
    e.check_same_type(sendbuf, recvbuf);
    e.check_count("the send buffer (size() blocks of the receive count)", sendbuf.count, recvbuf.count * e.n);
    e.check_not_aliased(sendbuf, recvbuf);
    e.check_op(op, recvbuf.type);
    SelectionFacts facts{e.n, recvbuf.bytes(), recvbuf.count, op.commutative()};
    const std::string algorithm = e.algorithm("reduce_scatter_block", facts);
    Plan plan;
    reduce_scatter_block_linear(plan, e.me, e.n, op, Operand::typed(sendbuf.data, sendbuf.count, sendbuf.type),
                                Operand::typed(recvbuf.data, recvbuf.count, recvbuf.type));
    CollectiveSignature signature = v_signature(e.kind, -1, recvbuf.type);
    signature.op = op.kind();
    signature.count = recvbuf.count;
    e.launch(signature, algorithm, sendbuf.bytes(), plan, false);
}

}  // namespace mpilab
