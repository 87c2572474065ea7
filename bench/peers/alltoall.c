/* Peer workload: MPI_Alltoall of BLOCK bytes per pair, ITERATIONS times (the algorithm is chosen by
 * the peer's configuration: --cfg=smpi/alltoall:pair under SMPI). Every block carries its source
 * rank and iteration, checked on arrival. Prints the in-program wall time as one JSON line: from before
 * MPI_Init, or, when WARMUP is given, of the ITERATIONS after WARMUP untimed ones and a barrier (what a
 * per-call cost needs: MPI_Init's own time left out).
 * Usage: alltoall BLOCK ITERATIONS [WARMUP] */
#include "peer.h"

#include <string.h>

int main(int argc, char** argv)
{
    double start = bench_wall_seconds();
    int rank = 0, size = 0;
    peer_init(&argc, &argv, &rank, &size);
    long block = bench_arg(argc, argv, 1, 1024);
    long iterations = bench_arg(argc, argv, 2, 10);
    long warmup = argc > 3 ? bench_arg(argc, argv, 3, 0) : -1;
    unsigned char* sendbuf = malloc((size_t)(block * size));
    unsigned char* recvbuf = malloc((size_t)(block * size));
    for (long it = warmup > 0 ? -warmup : 0; it < iterations; ++it) {
        if (it == 0 && warmup >= 0) {
            MPI_Barrier(MPI_COMM_WORLD);
            start = bench_wall_seconds();
        }
        for (int dest = 0; dest < size; ++dest) memset(sendbuf + dest * block, (rank + (int)it) & 0xff, (size_t)block);
        MPI_Alltoall(sendbuf, (int)block, MPI_BYTE, recvbuf, (int)block, MPI_BYTE, MPI_COMM_WORLD);
        for (int src = 0; src < size; ++src) {
            if (recvbuf[src * block + block - 1] != ((src + (int)it) & 0xff)) {
                fprintf(stderr, "alltoall: wrong block from rank %d\n", src);
                MPI_Abort(MPI_COMM_WORLD, 1);
            }
        }
    }
    double seconds = bench_wall_seconds() - start;
    if (rank == 0) printf("{\"seconds\": %.9f, \"messages\": %ld}\n", seconds, (long)size * (size - 1) * iterations);
    free(sendbuf);
    free(recvbuf);
    MPI_Finalize();
    return 0;
}
