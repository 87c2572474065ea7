// Algorithm: pairwise exchange. In step k = 1 .. n-1 rank r sends its block for rank r + k and
//   receives the block of rank r - k (mod n): one send and one receive in flight per rank, every
//   rank busy with a different partner, so no receiver is flooded and large (rendezvous) blocks never
//   wait on a busy peer. Serves alltoall and alltoallv.
// Messages: n(n-1).
// Cost: (n-1)(alpha + b*beta) for blocks of b bytes, the same as linear, but with bounded buffering:
//   the choice for large blocks.
#include "algorithms.hpp"

namespace mpilab::collectives {

void alltoall_pairwise(Plan& plan, int me, int n, const Blocks& send, const Blocks& recv) {
    plan.copy(recv, me, send, me);
    for (int k = 1; k < n; ++k) {
        const int to = (me + k) % n;
        const int from = (me - k + n) % n;
        plan.round();
        plan.send_range(to, send, to, 1);
        plan.recv_range(from, recv, from, 1);
    }
}

}  // namespace mpilab::collectives
