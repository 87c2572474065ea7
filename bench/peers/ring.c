/* Peer workload: token ring. An 8-byte token travels rank 0 -> 1 -> ... -> n-1 -> 0, `laps` times
 * (n x laps messages). Each rank adds one, so rank 0 can check the count at the end. Prints the
 * in-program wall time (MPI_Init to the last message) as one JSON line from rank 0.
 * Usage: ring LAPS */
#include "peer.h"

#include <stdint.h>

int main(int argc, char** argv)
{
    double start = bench_wall_seconds();
    int rank = 0, size = 0;
    peer_init(&argc, &argv, &rank, &size);
    long laps = bench_arg(argc, argv, 1, 100);
    int next = (rank + 1) % size, prev = (rank + size - 1) % size;
    int64_t token = 0;
    for (long lap = 0; lap < laps; ++lap) {
        if (rank == 0) {
            MPI_Send(&token, 1, MPI_INT64_T, next, 0, MPI_COMM_WORLD);
            MPI_Recv(&token, 1, MPI_INT64_T, prev, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        } else {
            MPI_Recv(&token, 1, MPI_INT64_T, prev, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            ++token;
            MPI_Send(&token, 1, MPI_INT64_T, next, 0, MPI_COMM_WORLD);
        }
    }
    double seconds = bench_wall_seconds() - start;
    if (rank == 0) {
        if (token != (int64_t)(size - 1) * laps) {
            fprintf(stderr, "ring: token is %lld, expected %lld\n", (long long)token, (long long)(size - 1) * laps);
            MPI_Abort(MPI_COMM_WORLD, 1);
        }
        printf("{\"seconds\": %.9f, \"messages\": %ld}\n", seconds, (long)size * laps);
    }
    MPI_Finalize();
    return 0;
}
