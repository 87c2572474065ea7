// The checks every collective entry point makes before it builds a plan, the launch into the
// engine, and the name -> builder dispatch shared by typed and generic collectives.
#include "entry.hpp"

#include <stdexcept>

namespace mpilab::collectives {

void Entry::fail(std::string_view error_kind, const std::string& message) const {
    collective_error(comm, kind, generic, error_kind, message.ends_with('.') ? message : message + ".", loc);
}

void Entry::check_root(int root) const {
    if (root < 0 || root >= n)
        fail("invalid root", name() + " was given root " + std::to_string(root) + ", but the communicator has ranks 0.." +
                                 std::to_string(n - 1) + "; every rank must pass the same valid root");
}

void Entry::check_buffer(const ConstBuffer& buf, std::string_view what) const {
    if (buf.in_place) return;
    const std::string which = name() + ": the " + std::string(what);
    if (buf.count < 0)
        fail("invalid count", which + " has a count of " + std::to_string(buf.count) + "; counts must be 0 or more");
    if (buf.type.kind == TypeKind::Generic || buf.type.size == 0)
        fail("invalid datatype", which + " has no valid element type (a null or freed datatype?); pass a buffer "
                                         "of a real element type such as int or double");
    if (buf.count > 0 && buf.data == nullptr)
        fail("invalid buffer", which + " is null but its count is " + std::to_string(buf.count));
}

void Entry::check_same_type(const ConstBuffer& send, const Buffer& recv) const {
    if (send.type.kind != recv.type.kind)
        fail("type mismatch", name() + " sends " + std::string(type_kind_name(send.type.kind)) +
                                  " elements into a receive buffer of " + std::string(type_kind_name(recv.type.kind)) +
                                  "; use buffers of the same element type");
}

void Entry::check_not_aliased(const ConstBuffer& send, const Buffer& recv) const {
    if (send.in_place || send.bytes() == 0 || recv.bytes() == 0) return;
    const auto* s = static_cast<const std::byte*>(send.data);
    const auto* r = static_cast<const std::byte*>(recv.data);
    if (s < r + recv.bytes() && r < s + send.bytes())
        fail("aliased buffers", name() + " was given overlapping send and receive buffers; MPI forbids that, because "
                                         "the collective may overwrite input it still has to send. " + in_place_advice());
}

// How to use one buffer for both, as this collective allows it.
std::string Entry::in_place_advice() const {
    switch (kind) {
        case CallKind::Scatter: case CallKind::Iscatter: case CallKind::Scatterv: case CallKind::Iscatterv:
            return "At the root, receive into a separate buffer (in C, pass MPI_IN_PLACE as the root's *receive* "
                   "buffer: the root's own block then stays where it is in the send buffer)";
        case CallKind::Gather: case CallKind::Igather: case CallKind::Gatherv: case CallKind::Igatherv:
            return "At the root, pass in_place() (MPI_IN_PLACE in C) as the send buffer, with the root's own block "
                   "already at its place in the receive buffer";
        case CallKind::Allgather: case CallKind::Iallgather: case CallKind::Allgatherv: case CallKind::Iallgatherv:
            return "Pass in_place() (MPI_IN_PLACE in C) as the send buffer, with each rank's own block already at "
                   "its place in the receive buffer";
        case CallKind::Alltoall: case CallKind::Ialltoall: case CallKind::Alltoallv: case CallKind::Ialltoallv:
            return "Pass in_place() (MPI_IN_PLACE in C) as the send buffer: the receive buffer then holds the data "
                   "to send and receives the result";
        case CallKind::ReduceScatter: case CallKind::IreduceScatter: case CallKind::ReduceScatterBlock:
        case CallKind::IreduceScatterBlock:
            return "Use a separate receive buffer";
        default:
            return "Pass in_place() (MPI_IN_PLACE in C) as the send buffer: the receive buffer then holds this "
                   "rank's input and receives the result";
    }
}

void Entry::check_count(std::string_view what, std::int64_t actual, std::int64_t expected) const {
    if (actual != expected)
        fail("buffer size mismatch", name() + ": " + std::string(what) + " holds " + std::to_string(actual) +
                                         " elements but must hold " + std::to_string(expected));
}

void Entry::check_op(const Op& op, Datatype type) const {
    if (op.supports(type)) return;
    std::string why = "op " + op.name() + " does not apply to " + std::string(type_kind_name(type.kind));
    try {
        op.apply(nullptr, nullptr, 0, type);   // a predefined op explains itself
    } catch (const std::invalid_argument& e) {
        why = e.what();
    }
    fail("unsupported op", name() + ": " + why);
}

void Entry::check_op(const Op& op, const Value& sample) const {
    // A user op, or a front end's own rule for a predefined op, is only ever called on real pairs.
    if (op.kind() == OpKind::User || op.has_generic()) return;
    try {
        (void)op.apply(sample, sample);
    } catch (const std::invalid_argument& e) {
        fail("unsupported op", name() + ": " + e.what());
    }
}

void Entry::check_layout(std::string_view what, std::span<const int> counts, std::span<const int> displs,
                         std::int64_t capacity) const {
    if (static_cast<int>(counts.size()) != n || static_cast<int>(displs.size()) != n)
        fail("buffer size mismatch", name() + ": " + std::string(what) + " counts and displacements need one entry per rank (" +
                                         std::to_string(n) + "), got " + std::to_string(counts.size()) + " and " +
                                         std::to_string(displs.size()));
    for (int i = 0; i < n; ++i) {
        if (counts[i] < 0 || displs[i] < 0 || static_cast<std::int64_t>(displs[i]) + counts[i] > capacity)
            fail("buffer size mismatch", name() + ": " + std::string(what) + " block " + std::to_string(i) + " (count " +
                                             std::to_string(counts[i]) + " at displacement " + std::to_string(displs[i]) +
                                             ") does not fit in a buffer of " + std::to_string(capacity) + " elements");
    }
}

Request Entry::launch(const CollectiveSignature& signature, std::string_view algorithm, std::int64_t bytes, Plan& plan,
                      bool nonblocking) const {
    auto schedule = plan.finish();
    if (!plan.storage().error.empty()) fail("invalid operation", name() + ": " + plan.storage().error);
    return run_collective(comm, signature, algorithm, bytes, std::move(schedule), nonblocking, loc);
}

void build_barrier(Plan& plan, std::string_view algorithm, int me, int n) {
    (algorithm == "linear" ? barrier_linear : barrier_dissemination)(plan, me, n);
}

void build_bcast(Plan& plan, std::string_view algorithm, int me, int n, const Blocks& data, int root) {
    (algorithm == "linear" ? bcast_linear : bcast_binomial)(plan, me, n, data, root);
}

void build_gather(Plan& plan, std::string_view algorithm, int me, int n, const Blocks& own, const Blocks& all, int root) {
    (algorithm == "binomial" ? gather_binomial : gather_linear)(plan, me, n, own, all, root);
}

void build_scatter(Plan& plan, std::string_view algorithm, int me, int n, const Blocks& all, const Blocks& own, int root) {
    (algorithm == "binomial" ? scatter_binomial : scatter_linear)(plan, me, n, all, own, root);
}

void build_allgather(Plan& plan, std::string_view algorithm, int me, int n, const Blocks& own, const Blocks& all) {
    if (algorithm == "ring") return allgather_ring(plan, me, n, own, all);
    if (algorithm == "recursive_doubling") return allgather_recursive_doubling(plan, me, n, own, all);
    allgather_linear(plan, me, n, own, all);
}

void build_alltoall(Plan& plan, std::string_view algorithm, int me, int n, const Blocks& send, const Blocks& recv) {
    if (algorithm == "pairwise") return alltoall_pairwise(plan, me, n, send, recv);
    if (algorithm == "bruck") return alltoall_bruck(plan, me, n, send, recv);
    alltoall_linear(plan, me, n, send, recv);
}

void build_reduce(Plan& plan, std::string_view algorithm, int me, int n, const Op& op, const Operand& input,
                  const Operand& result, int root) {
    (algorithm == "linear" ? reduce_linear : reduce_binomial)(plan, me, n, op, input, result, root);
}

void build_allreduce(Plan& plan, std::string_view algorithm, int me, int n, const Op& op, const Operand& input,
                     const Operand& result) {
    if (algorithm == "ring") return allreduce_ring(plan, me, n, op, input, result);
    if (algorithm == "linear") return allreduce_linear(plan, me, n, op, input, result);
    allreduce_recursive_doubling(plan, me, n, op, input, result);
}

void build_scan(Plan& plan, std::string_view algorithm, int me, int n, const Op& op, const Operand& input,
                const Operand& result, bool exclusive) {
    (algorithm == "linear" ? scan_linear : scan_recursive_doubling)(plan, me, n, op, input, result, exclusive);
}

}  // namespace mpilab::collectives
