// Algorithm: ring. Every rank sends only to rank + 1 and receives only from rank - 1 (mod n).
//   allgather(v): in step s rank r forwards the block of rank r - s, which it received in step s-1.
//   allreduce, typed with a commutative op: a reduce-scatter around the ring (the vector cut into n
//   chunks; after n-1 steps rank r holds chunk r+1 fully reduced) followed by a ring allgather of
//   the chunks. Generic values cannot be cut and a non-commutative op cannot be combined out of rank
//   order, so those allreduces ring-allgather the whole contributions and fold them in rank order.
// Messages: allgather(v): n(n-1). allreduce: 2n(n-1) (chunked), n(n-1) (whole contributions).
// Cost: allgather ~(n-1)(alpha + b*beta). Chunked allreduce ~2(n-1)alpha + 2(n-1)/n*m*beta: the
//   bandwidth term is independent of n, which makes the ring the choice for long vectors.
#include "algorithms.hpp"

namespace mpilab::collectives {

void allgather_ring(Plan& plan, int me, int n, const Blocks& own, const Blocks& all) {
    if (!own.empty()) plan.copy(all, me, own, 0);
    const int right = (me + 1) % n;
    const int left = (me - 1 + n) % n;
    for (int s = 0; s < n - 1; ++s) {
        plan.round();
        plan.send_range(right, all, (me - s + n) % n, 1);
        plan.recv_range(left, all, (me - s - 1 + n) % n, 1);
    }
}

namespace {

void allreduce_ring_whole(Plan& plan, int me, int n, const Op& op, const Operand& input, const Operand& result) {
    std::vector<Operand> values(static_cast<std::size_t>(n));
    Blocks all;
    all.generic = input.generic();
    all.type = input.type;
    for (int i = 0; i < n; ++i) {
        values[i] = i == me ? input : plan.temp_like(input);
        if (all.generic) {
            all.values.push_back(values[i].value);
        } else {
            all.at.push_back(values[i].data);
            all.counts.push_back(values[i].count);
        }
    }
    allgather_ring(plan, me, n, Blocks{}, all);
    fold_in_rank_order(plan, op, values, result);
}

}  // namespace

void allreduce_ring(Plan& plan, int me, int n, const Op& op, const Operand& input, const Operand& result) {
    if (input.generic() || !op.commutative() || n == 1) {
        allreduce_ring_whole(plan, me, n, op, input, result);
        return;
    }
    const std::int64_t count = input.count;
    auto chunk = [&](const Operand& o, int c) {
        const std::int64_t first = count * c / n;
        return o.slice(first, count * (c + 1) / n - first);
    };
    const Operand incoming = plan.temp_like(input);
    plan.copy(result, input);
    const int right = (me + 1) % n;
    const int left = (me - 1 + n) % n;
    for (int s = 0; s < n - 1; ++s) {   // reduce-scatter
        const int out = (me - s + n) % n;
        const int in = (me - s - 1 + n) % n;
        plan.round();
        plan.send(right, chunk(result, out));
        plan.recv(left, chunk(incoming, in));
        plan.combine(op, chunk(result, in), chunk(incoming, in), true);
    }
    for (int s = 0; s < n - 1; ++s) {   // allgather of the reduced chunks
        plan.round();
        plan.send(right, chunk(result, (me + 1 - s + n) % n));
        plan.recv(left, chunk(result, (me - s + n) % n));
    }
}

}  // namespace mpilab::collectives
