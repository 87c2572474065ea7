// Algorithm: Bruck's alltoall. (1) Rotate locally so that slot i holds the block for rank me + i.
//   (2) For k = 1, 2, 4, ... < n, send every slot whose index has bit k set to rank me + k and receive
//   the same slots from rank me - k; a block for rank me + i thus travels i hops in the binary
//   decomposition of i. (3) Slot i now holds the block from rank me - i: un-rotate into place.
//   Equal block sizes only (alltoall, not alltoallv).
// Messages: ceil(log2 n) per rank, n*ceil(log2 n) in all, each about n/2 blocks.
// Cost: ceil(log2 n)*alpha + ceil(log2 n)*(n/2)*b*beta: fewest latencies, more bytes moved; the
//   choice for many ranks and small blocks.
#include "algorithms.hpp"

namespace mpilab::collectives {

void alltoall_bruck(Plan& plan, int me, int n, const Blocks& send, const Blocks& recv) {
    const Blocks slots = plan.temp_blocks_like(send, 0, n);
    for (int i = 0; i < n; ++i) plan.copy(slots, i, send, (me + i) % n);
    for (int k = 1; k < n; k <<= 1) {
        std::vector<int> moving;
        for (int i = 0; i < n; ++i)
            if (i & k) moving.push_back(i);
        plan.round();
        // The round receives into the very slots it sends: send a snapshot.
        plan.send((me + k) % n, slots, moving, true);
        plan.recv((me - k + n) % n, slots, moving);
    }
    for (int i = 0; i < n; ++i) plan.copy(recv, (me - i + n) % n, slots, i);
}

}  // namespace mpilab::collectives
