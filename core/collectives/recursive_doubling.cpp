// Algorithm: recursive doubling. In step k ranks whose numbers differ only in bit k exchange
//   everything they have gathered so far, doubling it. With n not a power of two, p = 2^floor(log2 n)
//   and r = n - p: first each even rank below 2r hands its data to the odd rank above it and sits
//   out; the p remaining ranks double; at the end each odd rank below 2r returns the full result to
//   its even partner. A remaining rank's block range stays contiguous in rank order, so combines
//   keep rank order and non-commutative ops work. Scan uses the same exchange pattern without the
//   fold-in (a rank whose partner is >= n simply skips that step).
// Messages: allreduce, allgather: p*log2(p) + 2r (n*log2 n for a power of two);
//   scan, exscan: sum over ranks of the steps whose partner exists (n*log2 n for a power of two).
// Cost: allreduce ~(log2 p + 2)(alpha + m*beta): good for short vectors, but every step moves the
//   whole vector (ring is better for long ones). allgather ~log2(p)*alpha + (n-1)*b*beta.
#include "algorithms.hpp"

namespace mpilab::collectives {

namespace {

// The fold-in of n ranks onto p = 2^floor(log2 n) participants.
struct Fold {
    int n, p, rest;
    explicit Fold(int ranks) : n(ranks), p(floor_pow2(ranks)), rest(ranks - floor_pow2(ranks)) {}
    bool sits_out(int rank) const { return rank < 2 * rest && rank % 2 == 0; }
    int participant(int rank) const { return rank < 2 * rest ? rank / 2 : rank - rest; }
    int rank_of(int participant) const { return participant < rest ? 2 * participant + 1 : participant + rest; }
    // The first rank whose block participant j holds (first_rank(p) == n).
    int first_rank(int participant) const { return participant < rest ? 2 * participant : participant + rest; }
};

}  // namespace

void allreduce_recursive_doubling(Plan& plan, int me, int n, const Op& op, const Operand& input, const Operand& result) {
    const Fold fold(n);
    const Operand& acc = result;
    const Operand incoming = plan.temp_like(input);
    plan.copy(acc, input);
    if (fold.sits_out(me)) {
        plan.round();
        plan.send(me + 1, acc);
        plan.round();
        plan.recv(me + 1, result);
        return;
    }
    if (me < 2 * fold.rest) {
        plan.round();
        plan.recv(me - 1, incoming);
        plan.combine(op, acc, incoming, true);
    }
    const int self = fold.participant(me);
    for (int mask = 1; mask < fold.p; mask <<= 1) {
        const int partner = self ^ mask;
        plan.round();
        plan.send(fold.rank_of(partner), acc);
        plan.recv(fold.rank_of(partner), incoming);
        plan.combine(op, acc, incoming, partner < self);
    }
    if (me < 2 * fold.rest) {
        plan.round();
        plan.send(me - 1, acc);
    }
}

void allgather_recursive_doubling(Plan& plan, int me, int n, const Blocks& own, const Blocks& all) {
    const Fold fold(n);
    if (!own.empty()) plan.copy(all, me, own, 0);
    if (fold.sits_out(me)) {
        plan.round();
        plan.send_range(me + 1, all, me, 1);
        plan.round();
        plan.recv_range(me + 1, all, 0, n);   // everything, its own block included: one contiguous message
        return;
    }
    if (me < 2 * fold.rest) {
        plan.round();
        plan.recv_range(me - 1, all, me - 1, 1);
    }
    const int self = fold.participant(me);
    for (int mask = 1; mask < fold.p; mask <<= 1) {
        const int partner = self ^ mask;
        const int mine = self & ~(mask - 1);
        const int theirs = partner & ~(mask - 1);
        plan.round();
        plan.send_range(fold.rank_of(partner), all, fold.first_rank(mine),
                        fold.first_rank(mine + mask) - fold.first_rank(mine));
        plan.recv_range(fold.rank_of(partner), all, fold.first_rank(theirs),
                        fold.first_rank(theirs + mask) - fold.first_rank(theirs));
    }
    if (me < 2 * fold.rest) {
        plan.round();
        plan.send_range(me - 1, all, 0, n);
    }
}

void scan_recursive_doubling(Plan& plan, int me, int n, const Op& op, const Operand& input, const Operand& result,
                             bool exclusive) {
    const Operand partial = plan.temp_like(input);   // the reduction of this rank's current group
    const Operand incoming = plan.temp_like(input);
    plan.copy(partial, input);
    if (!exclusive) plan.copy(result, input);
    bool have_result = !exclusive;
    for (int mask = 1; mask < n; mask <<= 1) {
        const int partner = me ^ mask;
        if (partner >= n) continue;
        plan.round();
        plan.send(partner, partial);
        plan.recv(partner, incoming);
        const bool earlier = partner < me;
        plan.combine(op, partial, incoming, earlier);
        if (!earlier) continue;
        if (have_result) {
            plan.combine(op, result, incoming, true);
        } else {
            plan.copy(result, incoming);
            have_result = true;
        }
    }
}

}  // namespace mpilab::collectives
