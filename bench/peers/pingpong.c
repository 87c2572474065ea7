/* Peer workload: 2-rank ping-pong. Rank 0 sends `bytes` to rank 1, which sends them back;
 * after `warmup` untimed round trips, `iterations` round trips are timed. Prints the one-way
 * latency (half a round trip) and the bandwidth bytes / one-way time, as one JSON line from rank 0.
 * Usage: pingpong BYTES ITERATIONS [WARMUP] */
#include "peer.h"

#include <string.h>

int main(int argc, char** argv)
{
    int rank = 0, size = 0;
    peer_init(&argc, &argv, &rank, &size);
    long bytes = bench_arg(argc, argv, 1, 8);
    long iterations = bench_arg(argc, argv, 2, 100000);
    long warmup = bench_arg(argc, argv, 3, iterations / 10);
    if (size != 2) {
        if (rank == 0) fprintf(stderr, "pingpong needs exactly 2 ranks\n");
        MPI_Abort(MPI_COMM_WORLD, 2);
    }
    char* buffer = malloc((size_t)bytes);
    memset(buffer, rank, (size_t)bytes);
    int peer = 1 - rank;
    double start = 0;
    for (long i = 0; i < warmup + iterations; ++i) {
        if (i == warmup) {
            MPI_Barrier(MPI_COMM_WORLD);
            start = bench_wall_seconds();
        }
        if (rank == 0) {
            MPI_Send(buffer, (int)bytes, MPI_BYTE, peer, 0, MPI_COMM_WORLD);
            MPI_Recv(buffer, (int)bytes, MPI_BYTE, peer, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        } else {
            MPI_Recv(buffer, (int)bytes, MPI_BYTE, peer, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            MPI_Send(buffer, (int)bytes, MPI_BYTE, peer, 0, MPI_COMM_WORLD);
        }
    }
    double seconds = bench_wall_seconds() - start;
    if (rank == 0) {
        double one_way = seconds / (2.0 * (double)iterations);
        printf("{\"seconds\": %.9f, \"one_way_seconds\": %.12f, \"bytes_per_second\": %.1f}\n", seconds, one_way,
               (double)bytes / one_way);
    }
    free(buffer);
    MPI_Finalize();
    return 0;
}
