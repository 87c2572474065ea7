// Algorithm: linear (flat). A rooted collective's root talks to every other rank directly (a
//   gather's root receives the blocks one at a time, in rank order after the root); the
//   all-to-all patterns post every transfer of a rank at once (destinations starting at rank+1, so
//   that no rank is everybody's first target); scan and exscan pass a running prefix along a chain.
// Messages: bcast, scatter(v), gather(v), reduce: n-1; barrier, allreduce (reduce + bcast): 2(n-1);
//   allgather(v), alltoall(v,w), reduce_scatter(_block): n(n-1); scan, exscan: n-1.
// Cost (alpha-beta, m bytes per message): the root handles n-1 messages in turn, so
//   ~(n-1)(alpha + m*beta); all-to-all ~(n-1)(alpha + m*beta) per rank; the scan chain has a critical
//   path of n-1 messages. Simple and optimal in message count, root-bound in time.
#include "algorithms.hpp"

#include <algorithm>
#include <cstring>

namespace mpilab::collectives {

void barrier_linear(Plan& plan, int me, int n) {
    if (n == 1) return;
    plan.round();
    if (me == 0) {
        for (int i = 1; i < n; ++i) plan.recv_signal(i);
        plan.round();
        for (int i = 1; i < n; ++i) plan.send_signal(i);
    } else {
        plan.send_signal(0);
        plan.round();
        plan.recv_signal(0);
    }
}

void bcast_linear(Plan& plan, int me, int n, const Blocks& data, int root) {
    plan.round();
    if (me != root) {
        plan.recv_range(root, data, 0, 1);
        return;
    }
    for (int k = 1; k < n; ++k) plan.send_range((root + k) % n, data, 0, 1);
}

void gather_linear(Plan& plan, int me, int n, const Blocks& own, const Blocks& all, int root) {
    if (me != root) {
        plan.round();
        plan.send_range(root, own, 0, 1);
        return;
    }
    if (!own.empty()) plan.copy(all, root, own, 0);
    for (int k = 1; k < n; ++k) {   // one at a time: the root takes the ranks' blocks in turn
        const int from = (root + k) % n;
        plan.round();
        plan.recv_range(from, all, from, 1);
    }
}

void scatter_linear(Plan& plan, int me, int n, const Blocks& all, const Blocks& own, int root) {
    if (me != root) {
        plan.round();
        plan.recv_range(root, own, 0, 1);
        return;
    }
    if (!own.empty()) plan.copy(own, 0, all, root);
    plan.round();
    for (int k = 1; k < n; ++k) {
        const int to = (root + k) % n;
        plan.send_range(to, all, to, 1);
    }
}

void allgather_linear(Plan& plan, int me, int n, const Blocks& own, const Blocks& all) {
    if (!own.empty()) plan.copy(all, me, own, 0);
    plan.round();
    for (int k = 1; k < n; ++k) {
        plan.send_range((me + k) % n, all, me, 1);
        const int from = (me - k + n) % n;
        plan.recv_range(from, all, from, 1);
    }
}

void alltoall_linear(Plan& plan, int me, int n, const Blocks& send, const Blocks& recv) {
    plan.copy(recv, me, send, me);
    plan.round();
    for (int k = 1; k < n; ++k) {
        const int to = (me + k) % n;
        const int from = (me - k + n) % n;
        plan.send_range(to, send, to, 1);
        plan.recv_range(from, recv, from, 1);
    }
}

void fold_in_rank_order(Plan& plan, const Op& op, const std::vector<Operand>& values, const Operand& result) {
    // A right fold, x_0 op (x_1 op (... op x_{n-1})), so each step's earlier operand is `in`, as a
    // typed op wants it; the accumulator is a temporary because `result` may be one of the inputs.
    const Operand acc = plan.temp_like(values.back());
    plan.copy(acc, values.back());
    for (int i = static_cast<int>(values.size()) - 2; i >= 0; --i) plan.combine(op, acc, values[i], true);
    plan.copy(result, acc);
}

void reduce_linear(Plan& plan, int me, int n, const Op& op, const Operand& input, const Operand& result, int root) {
    plan.round();
    if (me != root) {
        plan.send(root, input);
        return;
    }
    std::vector<Operand> values(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        values[i] = i == root ? input : plan.temp_like(input);
        if (i != root) plan.recv(i, values[i]);
    }
    fold_in_rank_order(plan, op, values, result);
}

void allreduce_linear(Plan& plan, int me, int n, const Op& op, const Operand& input, const Operand& result) {
    reduce_linear(plan, me, n, op, input, result, 0);
    plan.round();
    if (me == 0) {
        for (int i = 1; i < n; ++i) plan.send(i, result);
    } else {
        plan.recv(0, result);
    }
}

void reduce_scatter_block_linear(Plan& plan, int me, int n, const Op& op, const Operand& input,
                                 const Operand& result) {
    reduce_scatter_linear(plan, me, n, op, input, result, std::vector<std::int64_t>(static_cast<std::size_t>(n), result.count));
}

void reduce_scatter_linear(Plan& plan, int me, int n, const Op& op, const Operand& input, const Operand& result,
                           std::span<const std::int64_t> counts) {
    // Every rank sends block i of its input to rank i and folds the blocks it receives in rank order.
    std::vector<std::int64_t> offset(static_cast<std::size_t>(n) + 1, 0);
    for (int i = 0; i < n; ++i) offset[i + 1] = offset[i] + counts[i];
    std::vector<Operand> values(static_cast<std::size_t>(n));
    values[me] = input.slice(offset[me], counts[me]);
    plan.round();
    for (int k = 1; k < n; ++k) {
        const int to = (me + k) % n;
        const int from = (me - k + n) % n;
        plan.send(to, input.slice(offset[to], counts[to]));
        values[from] = plan.temp_like(result);
        plan.recv(from, values[from]);
    }
    fold_in_rank_order(plan, op, values, result);
}

void alltoallw_linear(Plan& plan, int me, int n, const std::vector<Blocks>& send, const std::vector<Blocks>& recv) {
    // The block to oneself is copied (byte for byte: its two types may differ, their sizes may not).
    const std::byte* from = send[me].at[0];
    std::byte* to = recv[me].at[0];
    const auto bytes = static_cast<std::size_t>(
        std::min(send[me].counts[0] * send[me].type.size, recv[me].counts[0] * recv[me].type.size));
    if (bytes && from != to) plan.local([to, from, bytes] { std::memcpy(to, from, bytes); });
    plan.round();
    for (int k = 1; k < n; ++k) {
        const int dest = (me + k) % n;
        const int source = (me - k + n) % n;
        plan.send_range(dest, send[dest], 0, 1);
        plan.recv_range(source, recv[source], 0, 1);
    }
}

void scan_linear(Plan& plan, int me, int n, const Op& op, const Operand& input, const Operand& result,
                 bool exclusive) {
    // `prefix` is what this rank passes on: x_0 op ... op x_me.
    Operand prefix = input;
    if (me > 0) {
        const Operand before = plan.temp_like(input);   // x_0 op ... op x_{me-1}
        plan.round();
        plan.recv(me - 1, before);
        if (me < n - 1) {
            prefix = plan.temp_like(input);
            plan.copy(prefix, input);
            plan.combine(op, prefix, before, true);
        }
        if (exclusive) {
            plan.copy(result, before);
        } else {
            plan.copy(result, input);
            plan.combine(op, result, before, true);
        }
    } else if (!exclusive) {
        plan.copy(result, input);
    }
    if (me < n - 1) {
        plan.round();
        plan.send(me + 1, prefix);
    }
}

}  // namespace mpilab::collectives
