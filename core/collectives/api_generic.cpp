// The generic-value collectives of Comm (barrier, bcast, reduce, ..., exscan and their i-variants),
// as mpi4py's lowercase calls: any JSON value in, a value out (null where MPI leaves the result
// undefined: off the root of reduce and gather, on rank 0 of exscan). The caller's values are copied
// into the plan's storage at the call, so a non-blocking call never reads the caller's memory later.
#include "entry.hpp"

#include "core/wire.hpp"

namespace mpilab {

using namespace collectives;

namespace {

struct Started {
    Request request;
    std::shared_ptr<PlanStorage> storage;
    Value result() const { return std::move(storage->result); }
};

CollectiveSignature generic_signature(CallKind kind, int root, OpKind op = OpKind::None) {
    CollectiveSignature s;
    s.kind = kind;
    s.generic = true;
    s.root = root;
    s.op = op;
    s.type = TypeKind::Generic;
    return s;
}

std::int64_t value_bytes(const Value& v) { return wire_bytes(v); }

Started launch(const Entry& e, const CollectiveSignature& signature, std::string_view algorithm, std::int64_t bytes,
               Plan& plan, bool nonblocking) {
    Started s{Request{}, plan.storage_ptr()};
    s.request = e.launch(signature, algorithm, bytes, plan, nonblocking);
    return s;
}

// The result slot as n blocks (an array of n nulls).
Blocks result_blocks(Plan& plan, int n) {
    plan.result() = Value::array();
    auto& items = plan.result().get_ref<Value::array_t&>();
    items.resize(static_cast<std::size_t>(n));
    return Blocks::of_values(items);
}

// A copy of `items`, which must be an array of one item per rank.
Blocks copied_items(const Entry& e, Plan& plan, const Value& items) {
    if (!items.is_array() || static_cast<int>(items.size()) != e.n)
        e.fail("buffer size mismatch", e.name() + " needs a list of size() (" + std::to_string(e.n) + ") items, one per rank; got " +
                                           (items.is_array() ? "a list of " + std::to_string(items.size()) : std::string("a ") + items.type_name()));
    Value& copy = plan.temp_value();
    copy = items;
    return Blocks::of_values(copy.get_ref<Value::array_t&>());
}

// Generic values combine in rank order even under a predefined op: SUM concatenates strings and
// arrays, which does not commute, and a student expects rank 0's part first.
Op in_rank_order(const Op& op) {
    if (op.kind() == OpKind::User) return op;
    return Op::user([op](const Value& a, const Value& b) { return op.apply(a, b); }, false, op.name());
}

SelectionFacts generic_facts(const Entry& e, const Op& op = op::SUM) {
    SelectionFacts f;
    f.ranks = e.n;
    f.commutative = op.commutative();
    return f;
}

Started start_bcast(const Comm& comm, const Value& obj, int root, bool nonblocking, const Location& loc) {
    const Entry e(comm, pick(nonblocking, CallKind::Bcast, CallKind::Ibcast), true, loc);
    e.check_root(root);
    const std::string algorithm = e.algorithm("bcast", generic_facts(e));
    Plan plan;
    if (e.me == root) plan.result() = obj;
    build_bcast(plan, algorithm, e.me, e.n, Blocks::of_value(plan.result()), root);
    return launch(e, generic_signature(e.kind, root), algorithm, e.me == root ? value_bytes(obj) : 0, plan, nonblocking);
}

Started start_reduce(const Comm& comm, const Value& obj, const Op& op, int root, bool nonblocking,
                     const Location& loc) {
    const Entry e(comm, pick(nonblocking, CallKind::Reduce, CallKind::Ireduce), true, loc);
    e.check_root(root);
    e.check_op(op, obj);
    const std::string algorithm = e.algorithm("reduce", generic_facts(e, op));
    Plan plan;
    Value& input = plan.temp_value();
    input = obj;
    build_reduce(plan, algorithm, e.me, e.n, in_rank_order(op), Operand::of_value(input), Operand::of_value(plan.result()), root);
    return launch(e, generic_signature(e.kind, root, op.kind()), algorithm, value_bytes(obj), plan, nonblocking);
}

Started start_allreduce(const Comm& comm, const Value& obj, const Op& op, bool nonblocking, const Location& loc) {
    const Entry e(comm, pick(nonblocking, CallKind::Allreduce, CallKind::Iallreduce), true, loc);
    e.check_op(op, obj);
    const std::string algorithm = e.algorithm("allreduce", generic_facts(e, op));
    Plan plan;
    Value& input = plan.temp_value();
    input = obj;
    build_allreduce(plan, algorithm, e.me, e.n, in_rank_order(op), Operand::of_value(input), Operand::of_value(plan.result()));
    return launch(e, generic_signature(e.kind, -1, op.kind()), algorithm, value_bytes(obj), plan, nonblocking);
}

Value scan_generic(const Comm& comm, const Value& obj, const Op& op, bool exclusive, const Location& loc) {
    const Entry e(comm, exclusive ? CallKind::Exscan : CallKind::Scan, true, loc);
    e.check_op(op, obj);
    const std::string algorithm = e.algorithm(exclusive ? "exscan" : "scan", generic_facts(e, op));
    Plan plan;
    Value& input = plan.temp_value();
    input = obj;
    build_scan(plan, algorithm, e.me, e.n, in_rank_order(op), Operand::of_value(input), Operand::of_value(plan.result()), exclusive);
    return launch(e, generic_signature(e.kind, -1, op.kind()), algorithm, value_bytes(obj), plan, false).result();
}

Started start_gather(const Comm& comm, const Value& obj, int root, bool nonblocking, const Location& loc) {
    const Entry e(comm, pick(nonblocking, CallKind::Gather, CallKind::Igather), true, loc);
    e.check_root(root);
    const std::string algorithm = e.algorithm("gather", generic_facts(e));
    Plan plan;
    Value& own = plan.temp_value();
    own = obj;
    const Blocks all = e.me == root ? result_blocks(plan, e.n) : Blocks{};
    build_gather(plan, algorithm, e.me, e.n, Blocks::of_value(own), all, root);
    return launch(e, generic_signature(e.kind, root), algorithm, value_bytes(obj), plan, nonblocking);
}

Started start_scatter(const Comm& comm, const Value& objs, int root, bool nonblocking, const Location& loc) {
    const Entry e(comm, pick(nonblocking, CallKind::Scatter, CallKind::Iscatter), true, loc);
    e.check_root(root);
    const std::string algorithm = e.algorithm("scatter", generic_facts(e));
    Plan plan;
    const Blocks all = e.me == root ? copied_items(e, plan, objs) : Blocks{};
    build_scatter(plan, algorithm, e.me, e.n, all, Blocks::of_value(plan.result()), root);
    return launch(e, generic_signature(e.kind, root), algorithm, e.me == root ? value_bytes(objs) : 0, plan, nonblocking);
}

Started start_allgather(const Comm& comm, const Value& obj, bool nonblocking, const Location& loc) {
    const Entry e(comm, pick(nonblocking, CallKind::Allgather, CallKind::Iallgather), true, loc);
    const std::string algorithm = e.algorithm("allgather", generic_facts(e));
    Plan plan;
    Value& own = plan.temp_value();
    own = obj;
    const Blocks all = result_blocks(plan, e.n);
    build_allgather(plan, algorithm, e.me, e.n, Blocks::of_value(own), all);
    return launch(e, generic_signature(e.kind, -1), algorithm, value_bytes(obj), plan, nonblocking);
}

Started start_alltoall(const Comm& comm, const Value& objs, bool nonblocking, const Location& loc) {
    const Entry e(comm, pick(nonblocking, CallKind::Alltoall, CallKind::Ialltoall), true, loc);
    const std::string algorithm = e.algorithm("alltoall", generic_facts(e));
    Plan plan;
    const Blocks from = copied_items(e, plan, objs);
    const Blocks to = result_blocks(plan, e.n);
    build_alltoall(plan, algorithm, e.me, e.n, from, to);
    return launch(e, generic_signature(e.kind, -1), algorithm, value_bytes(objs), plan, nonblocking);
}

}  // namespace

// The barrier has no data flavour: barrier() and Barrier() are the same call, named as written.
void Comm::barrier(Loc loc) { start_barrier(*this, false, true, loc); }
Request Comm::ibarrier(Loc loc) { return start_barrier(*this, true, true, loc); }

Value Comm::bcast(const Value& obj, int root, Loc loc) { return start_bcast(*this, obj, root, false, loc).result(); }
Value Comm::reduce(const Value& obj, const Op& op, int root, Loc loc) {
    return start_reduce(*this, obj, op, root, false, loc).result();
}
Value Comm::allreduce(const Value& obj, const Op& op, Loc loc) { return start_allreduce(*this, obj, op, false, loc).result(); }
Value Comm::gather(const Value& obj, int root, Loc loc) { return start_gather(*this, obj, root, false, loc).result(); }
Value Comm::scatter(const Value& objs, int root, Loc loc) { return start_scatter(*this, objs, root, false, loc).result(); }
Value Comm::allgather(const Value& obj, Loc loc) { return start_allgather(*this, obj, false, loc).result(); }
Value Comm::alltoall(const Value& objs, Loc loc) { return start_alltoall(*this, objs, false, loc).result(); }
Value Comm::scan(const Value& obj, const Op& op, Loc loc) { return scan_generic(*this, obj, op, false, loc); }
Value Comm::exscan(const Value& obj, const Op& op, Loc loc) { return scan_generic(*this, obj, op, true, loc); }

Request Comm::ibcast(const Value& obj, int root, Loc loc) { return start_bcast(*this, obj, root, true, loc).request; }
Request Comm::ireduce(const Value& obj, const Op& op, int root, Loc loc) {
    return start_reduce(*this, obj, op, root, true, loc).request;
}
Request Comm::iallreduce(const Value& obj, const Op& op, Loc loc) { return start_allreduce(*this, obj, op, true, loc).request; }
Request Comm::igather(const Value& obj, int root, Loc loc) { return start_gather(*this, obj, root, true, loc).request; }
Request Comm::iscatter(const Value& objs, int root, Loc loc) { return start_scatter(*this, objs, root, true, loc).request; }
Request Comm::iallgather(const Value& obj, Loc loc) { return start_allgather(*this, obj, true, loc).request; }
Request Comm::ialltoall(const Value& objs, Loc loc) { return start_alltoall(*this, objs, true, loc).request; }

}  // namespace mpilab
