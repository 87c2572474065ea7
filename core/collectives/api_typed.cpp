// The typed-buffer collectives of Comm (Barrier, Bcast, ..., Exscan and their I-variants): each
// checks its buffers (sizes, element types, aliasing, root, op), picks an algorithm and builds this
// rank's plan over the caller's memory. A blocking call returns once its plan completed; an
// I-variant returns the request, and the caller's buffers must stay alive until it completes.
#include "entry.hpp"

namespace mpilab {

using namespace collectives;

namespace {

Blocks one_block(const ConstBuffer& b) { return Blocks::uniform(b.data, 1, b.count, b.type); }

CollectiveSignature typed_signature(CallKind kind, int root, OpKind op, Datatype type, std::int64_t count) {
    CollectiveSignature s;
    s.kind = kind;
    s.root = root;
    s.op = op;
    s.type = type.kind;
    s.compare_type = true;
    s.count = count;
    return s;
}

SelectionFacts facts(const Entry& e, std::int64_t count, Datatype type, bool commutative = true) {
    return SelectionFacts{e.n, count * static_cast<std::int64_t>(type.size), count, commutative};
}

}  // namespace

// The trace names the call as the program spelled it (barrier or Barrier); both are one MPI call, so
// the signature the ranks must agree on is the same.
Request collectives::start_barrier(const Comm& comm, bool nonblocking, bool lowercase, const Location& loc) {
    const Entry e(comm, pick(nonblocking, CallKind::Barrier, CallKind::Ibarrier), lowercase, loc);
    const std::string algorithm = e.algorithm("barrier", SelectionFacts{e.n});
    Plan plan;
    build_barrier(plan, algorithm, e.me, e.n);
    CollectiveSignature signature;
    signature.kind = e.kind;
    signature.generic = lowercase;
    return e.launch(signature, algorithm, 0, plan, nonblocking);
}

namespace {

Request start_bcast(const Comm& comm, Buffer buf, int root, bool nonblocking, const Location& loc) {
    const Entry e(comm, pick(nonblocking, CallKind::Bcast, CallKind::Ibcast), false, loc);
    e.check_root(root);
    e.check_buffer(buf, "buffer");
    const std::string algorithm = e.algorithm("bcast", facts(e, buf.count, buf.type));
    Plan plan;
    build_bcast(plan, algorithm, e.me, e.n, one_block(buf), root);
    return e.launch(typed_signature(e.kind, root, OpKind::None, buf.type, buf.count), algorithm,
                    e.me == root ? buf.bytes() : 0, plan, nonblocking);
}

// The input of a reduction: the send buffer, or the receive buffer for in_place().
struct ReductionBuffers {
    Operand input, result;
    Datatype type;
    std::int64_t count;
};

ReductionBuffers reduction_buffers(const Entry& e, ConstBuffer send, Buffer recv, const Op& op, bool has_result) {
    e.check_buffer(send, "send buffer");
    if (has_result) e.check_buffer(recv, "receive buffer");
    ReductionBuffers r;
    r.type = send.in_place ? recv.type : send.type;
    r.count = send.in_place ? recv.count : send.count;
    if (has_result && !send.in_place) {
        e.check_same_type(send, recv);
        e.check_count("the receive buffer", recv.count, send.count);
        e.check_not_aliased(send, recv);
    }
    e.check_op(op, r.type);
    r.input = send.in_place ? Operand::typed(recv.data, recv.count, recv.type) : Operand::typed(send.data, send.count, send.type);
    r.result = Operand::typed(has_result ? recv.data : nullptr, r.count, r.type);
    return r;
}

Request start_reduce(const Comm& comm, ConstBuffer send, Buffer recv, const Op& op, int root, bool nonblocking,
                     const Location& loc) {
    const Entry e(comm, pick(nonblocking, CallKind::Reduce, CallKind::Ireduce), false, loc);
    e.check_root(root);
    if (send.in_place && e.me != root)
        e.fail("in place", "in_place() is only meaningful at the root of " + e.name() + "; other ranks pass their data");
    const ReductionBuffers r = reduction_buffers(e, send, recv, op, e.me == root);
    const std::string algorithm = e.algorithm("reduce", facts(e, r.count, r.type, op.commutative()));
    Plan plan;
    build_reduce(plan, algorithm, e.me, e.n, op, r.input, r.result, root);
    return e.launch(typed_signature(e.kind, root, op.kind(), r.type, r.count), algorithm, r.count * r.type.size, plan,
                    nonblocking);
}

Request start_allreduce(const Comm& comm, ConstBuffer send, Buffer recv, const Op& op, bool nonblocking,
                        const Location& loc) {
    const Entry e(comm, pick(nonblocking, CallKind::Allreduce, CallKind::Iallreduce), false, loc);
    const ReductionBuffers r = reduction_buffers(e, send, recv, op, true);
    const std::string algorithm = e.algorithm("allreduce", facts(e, r.count, r.type, op.commutative()));
    Plan plan;
    build_allreduce(plan, algorithm, e.me, e.n, op, r.input, r.result);
    return e.launch(typed_signature(e.kind, -1, op.kind(), r.type, r.count), algorithm, r.count * r.type.size, plan,
                    nonblocking);
}

Request scan_typed(const Comm& comm, ConstBuffer send, Buffer recv, const Op& op, bool exclusive, bool nonblocking,
                   const Location& loc) {
    const Entry e(comm,
                  exclusive ? pick(nonblocking, CallKind::Exscan, CallKind::Iexscan)
                            : pick(nonblocking, CallKind::Scan, CallKind::Iscan),
                  false, loc);
    const ReductionBuffers r = reduction_buffers(e, send, recv, op, true);
    const std::string algorithm = e.algorithm(exclusive ? "exscan" : "scan", facts(e, r.count, r.type, op.commutative()));
    Plan plan;
    build_scan(plan, algorithm, e.me, e.n, op, r.input, r.result, exclusive);
    return e.launch(typed_signature(e.kind, -1, op.kind(), r.type, r.count), algorithm, r.count * r.type.size, plan,
                    nonblocking);
}

Request start_gather(const Comm& comm, ConstBuffer send, Buffer recv, int root, bool nonblocking,
                     const Location& loc) {
    const Entry e(comm, pick(nonblocking, CallKind::Gather, CallKind::Igather), false, loc);
    e.check_root(root);
    const bool at_root = e.me == root;
    if (send.in_place && !at_root)
        e.fail("in place", "in_place() is only meaningful at the root of " + e.name() + "; other ranks pass their block");
    e.check_buffer(send, "send buffer");
    if (at_root) e.check_buffer(recv, "receive buffer");
    const Datatype type = send.in_place ? recv.type : send.type;
    const std::int64_t block = send.in_place ? recv.count / e.n : send.count;
    if (at_root) {
        if (!send.in_place) e.check_same_type(send, recv);
        e.check_count("the root's receive buffer (size() blocks of the send count)", recv.count, block * e.n);
        e.check_not_aliased(send, recv);
    }
    const std::string algorithm = e.algorithm("gather", facts(e, block, type));
    Plan plan;
    build_gather(plan, algorithm, e.me, e.n, send.in_place ? Blocks{} : one_block(send),
                 at_root ? Blocks::uniform(recv.data, e.n, block, type) : Blocks{}, root);
    return e.launch(typed_signature(e.kind, root, OpKind::None, type, block), algorithm, block * type.size, plan,
                    nonblocking);
}

Request start_scatter(const Comm& comm, ConstBuffer send, Buffer recv, int root, bool nonblocking,
                      const Location& loc) {
    const Entry e(comm, pick(nonblocking, CallKind::Scatter, CallKind::Iscatter), false, loc);
    e.check_root(root);
    const bool at_root = e.me == root;
    if (at_root) e.check_buffer(send, "send buffer");
    e.check_buffer(recv, "receive buffer");
    if (at_root) {
        e.check_same_type(send, recv);
        e.check_count("the root's send buffer (size() blocks of the receive count)", send.count, recv.count * e.n);
        e.check_not_aliased(send, recv);
    }
    const std::string algorithm = e.algorithm("scatter", facts(e, recv.count, recv.type));
    Plan plan;
    build_scatter(plan, algorithm, e.me, e.n, at_root ? Blocks::uniform(send.data, e.n, recv.count, recv.type) : Blocks{},
                  one_block(recv), root);
    return e.launch(typed_signature(e.kind, root, OpKind::None, recv.type, recv.count), algorithm, recv.bytes(), plan,
                    nonblocking);
}

Request start_allgather(const Comm& comm, ConstBuffer send, Buffer recv, bool nonblocking, const Location& loc) {
    const Entry e(comm, pick(nonblocking, CallKind::Allgather, CallKind::Iallgather), false, loc);
    e.check_buffer(send, "send buffer");
    e.check_buffer(recv, "receive buffer");
    const Datatype type = send.in_place ? recv.type : send.type;
    const std::int64_t block = send.in_place ? recv.count / e.n : send.count;
    if (!send.in_place) e.check_same_type(send, recv);
    e.check_count("the receive buffer (size() blocks of the send count)", recv.count, block * e.n);
    e.check_not_aliased(send, recv);
    const std::string algorithm = e.algorithm("allgather", facts(e, block, type));
    Plan plan;
    build_allgather(plan, algorithm, e.me, e.n, send.in_place ? Blocks{} : one_block(send),
                    Blocks::uniform(recv.data, e.n, block, type));
    return e.launch(typed_signature(e.kind, -1, OpKind::None, type, block), algorithm, block * type.size, plan,
                    nonblocking);
}

// An in-place alltoall(v) sends from a copy of the receive buffer, taken at the call.
Blocks in_place_copy(Plan& plan, const Blocks& recv) {
    const Blocks copy = plan.temp_blocks(false, recv.counts, recv.type);
    for (int i = 0; i < recv.size(); ++i) plan.copy(copy, i, recv, i);
    return copy;
}

Request start_alltoall(const Comm& comm, ConstBuffer send, Buffer recv, bool nonblocking, const Location& loc) {
    const Entry e(comm, pick(nonblocking, CallKind::Alltoall, CallKind::Ialltoall), false, loc);
    e.check_buffer(send, "send buffer");
    e.check_buffer(recv, "receive buffer");
    const Datatype type = send.in_place ? recv.type : send.type;
    const std::int64_t total = send.in_place ? recv.count : send.count;
    if (total % e.n != 0)
        e.fail("buffer size mismatch", e.name() + ": the send buffer holds " + std::to_string(total) +
                                           " elements, which is not size() (" + std::to_string(e.n) + ") equal blocks");
    if (!send.in_place) {
        e.check_same_type(send, recv);
        e.check_count("the receive buffer", recv.count, send.count);
        e.check_not_aliased(send, recv);
    }
    const std::int64_t block = total / e.n;
    const std::string algorithm = e.algorithm("alltoall", facts(e, block, type));
    Plan plan;
    const Blocks to = Blocks::uniform(recv.data, e.n, block, type);
    build_alltoall(plan, algorithm, e.me, e.n, send.in_place ? in_place_copy(plan, to) : Blocks::uniform(send.data, e.n, block, type),
                   to);
    return e.launch(typed_signature(e.kind, -1, OpKind::None, type, block), algorithm, total * type.size, plan,
                    nonblocking);
}

}  // namespace

// ---- blocking ----------------------------------------------------------------------------------

void Comm::Barrier(Loc loc) { start_barrier(*this, false, false, loc); }
void Comm::Bcast(Buffer buf, int root, Loc loc) { start_bcast(*this, buf, root, false, loc); }
void Comm::Reduce(ConstBuffer sendbuf, Buffer recvbuf, const Op& op, int root, Loc loc) {
    start_reduce(*this, sendbuf, recvbuf, op, root, false, loc);
}
void Comm::Allreduce(ConstBuffer sendbuf, Buffer recvbuf, const Op& op, Loc loc) {
    start_allreduce(*this, sendbuf, recvbuf, op, false, loc);
}
void Comm::Gather(ConstBuffer sendbuf, Buffer recvbuf, int root, Loc loc) {
    start_gather(*this, sendbuf, recvbuf, root, false, loc);
}
void Comm::Scatter(ConstBuffer sendbuf, Buffer recvbuf, int root, Loc loc) {
    start_scatter(*this, sendbuf, recvbuf, root, false, loc);
}
void Comm::Allgather(ConstBuffer sendbuf, Buffer recvbuf, Loc loc) { start_allgather(*this, sendbuf, recvbuf, false, loc); }
void Comm::Alltoall(ConstBuffer sendbuf, Buffer recvbuf, Loc loc) { start_alltoall(*this, sendbuf, recvbuf, false, loc); }
void Comm::Scan(ConstBuffer sendbuf, Buffer recvbuf, const Op& op, Loc loc) {
    scan_typed(*this, sendbuf, recvbuf, op, false, false, loc);
}
void Comm::Exscan(ConstBuffer sendbuf, Buffer recvbuf, const Op& op, Loc loc) {
    scan_typed(*this, sendbuf, recvbuf, op, true, false, loc);
}

// ---- non-blocking --------------------------------------------------------------------------------

Request Comm::Ibarrier(Loc loc) { return start_barrier(*this, true, false, loc); }
Request Comm::Ibcast(Buffer buf, int root, Loc loc) { return start_bcast(*this, buf, root, true, loc); }
Request Comm::Ireduce(ConstBuffer sendbuf, Buffer recvbuf, const Op& op, int root, Loc loc) {
    return start_reduce(*this, sendbuf, recvbuf, op, root, true, loc);
}
Request Comm::Iallreduce(ConstBuffer sendbuf, Buffer recvbuf, const Op& op, Loc loc) {
    return start_allreduce(*this, sendbuf, recvbuf, op, true, loc);
}
Request Comm::Igather(ConstBuffer sendbuf, Buffer recvbuf, int root, Loc loc) {
    return start_gather(*this, sendbuf, recvbuf, root, true, loc);
}
Request Comm::Iscatter(ConstBuffer sendbuf, Buffer recvbuf, int root, Loc loc) {
    return start_scatter(*this, sendbuf, recvbuf, root, true, loc);
}
Request Comm::Iallgather(ConstBuffer sendbuf, Buffer recvbuf, Loc loc) {
    return start_allgather(*this, sendbuf, recvbuf, true, loc);
}
Request Comm::Ialltoall(ConstBuffer sendbuf, Buffer recvbuf, Loc loc) {
    return start_alltoall(*this, sendbuf, recvbuf, true, loc);
}
Request Comm::Iscan(ConstBuffer sendbuf, Buffer recvbuf, const Op& op, Loc loc) {
    return scan_typed(*this, sendbuf, recvbuf, op, false, true, loc);
}
Request Comm::Iexscan(ConstBuffer sendbuf, Buffer recvbuf, const Op& op, Loc loc) {
    return scan_typed(*this, sendbuf, recvbuf, op, true, true, loc);
}

}  // namespace mpilab
