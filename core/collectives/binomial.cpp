// Algorithm: binomial tree. In ranks relative to the root (vr), rank vr's parent is vr with its
//   lowest set bit cleared and its children are vr + 2^k for every 2^k below that bit. Bcast and
//   scatter flow down the tree (a parent posts its sends together, largest subtree first); gather
//   and reduce flow up (a parent receives its children one at a time, nearest first, as blocking
//   MPI libraries do); a subtree's blocks travel as one message.
//   A non-commutative reduce builds the tree at rank 0 (so every combine is in rank order) and rank 0
//   forwards the result to the root.
// Messages: n-1 for bcast, gather, scatter and reduce (n for a non-commutative reduce whose root
//   is not 0).
// Cost: ceil(log2 n) rounds on the critical path: bcast/reduce ~ceil(log2 n)(alpha + m*beta);
//   gather/scatter ~ceil(log2 n)*alpha + (n-1)*b*beta for blocks of b bytes (the root still moves
//   all the data, but latencies overlap).
#include "algorithms.hpp"

#include <bit>

namespace mpilab::collectives {

namespace {

int lowest_bit(int vr, int n) { return vr == 0 ? std::bit_ceil(static_cast<unsigned>(n)) : (vr & -vr); }

// Blocks held by the subtree rooted at relative rank vr.
int subtree_size(int vr, int n) { return std::min(lowest_bit(vr, n), n - vr); }

// A contiguous temporary for `count` blocks shaped like `one`'s single block.
Blocks subtree_buffer(Plan& plan, const Blocks& one, int count) {
    std::vector<std::int64_t> counts(static_cast<std::size_t>(count), one.count(0));
    return plan.temp_blocks(one.generic, counts, one.type);
}

}  // namespace

void bcast_binomial(Plan& plan, int me, int n, const Blocks& data, int root) {
    const int vr = relative_rank(me, root, n);
    const int low = lowest_bit(vr, n);
    if (vr != 0) {
        plan.round();
        plan.recv_range(absolute_rank(vr - low, root, n), data, 0, 1);
    }
    plan.round();
    for (int mask = low >> 1; mask > 0; mask >>= 1)
        if (vr + mask < n) plan.send_range(absolute_rank(vr + mask, root, n), data, 0, 1);
}

void scatter_binomial(Plan& plan, int me, int n, const Blocks& all, const Blocks& own, int root) {
    const int vr = relative_rank(me, root, n);
    const int low = lowest_bit(vr, n);
    Blocks held;   // the subtree's blocks, in relative rank order
    if (vr == 0) {
        held = all.rotated(root);
    } else {
        held = subtree_buffer(plan, own, subtree_size(vr, n));
        plan.round();
        plan.recv_range(absolute_rank(vr - low, root, n), held, 0, held.size());
    }
    plan.copy(own, 0, held, 0);
    plan.round();
    for (int mask = low >> 1; mask > 0; mask >>= 1)
        if (vr + mask < n)
            plan.send_range(absolute_rank(vr + mask, root, n), held, mask, std::min(mask, n - vr - mask));
}

void gather_binomial(Plan& plan, int me, int n, const Blocks& own, const Blocks& all, int root) {
    const int vr = relative_rank(me, root, n);
    const int low = lowest_bit(vr, n);
    Blocks held;
    if (vr == 0) {
        held = all.rotated(root);
    } else {
        held = subtree_buffer(plan, own, subtree_size(vr, n));
    }
    if (!own.empty()) plan.copy(held, 0, own, 0);
    for (int mask = 1; mask < low && vr + mask < n; mask <<= 1) {   // children one at a time, nearest first
        plan.round();
        plan.recv_range(absolute_rank(vr + mask, root, n), held, mask, std::min(mask, n - vr - mask));
    }
    if (vr != 0) {
        plan.round();
        plan.send_range(absolute_rank(vr - low, root, n), held, 0, held.size());
    }
}

void reduce_binomial(Plan& plan, int me, int n, const Op& op, const Operand& input, const Operand& result, int root) {
    const int tree_root = op.commutative() ? root : 0;
    const int vr = relative_rank(me, tree_root, n);
    const int low = lowest_bit(vr, n);
    const Operand acc = plan.temp_like(input);   // this subtree's reduction so far
    plan.copy(acc, input);
    // Children one at a time, nearest first: each holds the next rank range after what acc covers.
    for (int mask = 1; mask < low && vr + mask < n; mask <<= 1) {
        const Operand child = plan.temp_like(input);
        plan.round();
        plan.recv(absolute_rank(vr + mask, tree_root, n), child);
        plan.combine(op, acc, child, false);
    }
    if (vr != 0) {
        plan.round();
        plan.send(absolute_rank(vr - low, tree_root, n), acc);
    } else if (me == root) {
        plan.copy(result, acc);
    } else {
        plan.round();
        plan.send(root, acc);
    }
    if (me == root && tree_root != root) {
        plan.round();
        plan.recv(tree_root, result);
    }
}

}  // namespace mpilab::collectives
