/* pingpong.c: rank 0 and rank 1 bounce a message back and forth and time the round trips with
 * MPI_Wtime (in mpilab: virtual time, so the latency and bandwidth of its cost model). Small messages
 * go eagerly; the last size is above the eager threshold and pays the rendezvous handshake. */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char** argv)
{
    int rank;
    const int sizes[] = {8, 1024, 65536, 262144};
    const int rounds = 10;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    char* buffer = calloc(262144, 1);

    for (int s = 0; s < 4; s++) {
        int bytes = sizes[s];
        MPI_Barrier(MPI_COMM_WORLD);
        double start = MPI_Wtime();
        for (int i = 0; i < rounds; i++) {
            if (rank == 0) {
                MPI_Send(buffer, bytes, MPI_BYTE, 1, 0, MPI_COMM_WORLD);
                MPI_Recv(buffer, bytes, MPI_BYTE, 1, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            } else if (rank == 1) {
                MPI_Recv(buffer, bytes, MPI_BYTE, 0, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
                MPI_Send(buffer, bytes, MPI_BYTE, 0, 0, MPI_COMM_WORLD);
            }
        }
        double half_trip = (MPI_Wtime() - start) / (2.0 * rounds);
        if (rank == 0) printf("%7d bytes: %.2f us one way\n", bytes, half_trip * 1e6);
    }
    free(buffer);
    MPI_Finalize();
    return 0;
}
