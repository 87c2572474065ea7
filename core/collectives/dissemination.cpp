// Algorithm: dissemination barrier. In round k (k = 1, 2, 4, ... < n) every rank signals rank + k
//   and waits for the signal of rank - k (mod n); after ceil(log2 n) rounds every rank has heard,
//   directly or indirectly, from every other rank, so none can leave before all have arrived.
// Messages: n * ceil(log2 n), all empty.
// Cost: ceil(log2 n) * alpha, with no root bottleneck (the linear barrier needs 2(n-1) messages
//   and 2(n-1) alpha at rank 0).
#include "algorithms.hpp"

namespace mpilab::collectives {

void barrier_dissemination(Plan& plan, int me, int n) {
    for (int k = 1; k < n; k <<= 1) {
        plan.round();
        plan.send_signal((me + k) % n);
        plan.recv_signal((me - k + n) % n);
    }
}

}  // namespace mpilab::collectives
