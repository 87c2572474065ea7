/* A send-send exchange of BYTES bytes between ranks 0 and 1: both send first, then receive. It returns
 * only if the MPI library buffers a standard send of BYTES bytes (its eager protocol); above the
 * library's eager limit both sends wait for a receive that is never posted and the program hangs.
 * bench/eager_limits/measure runs it under a timeout and bisects BYTES to find that limit. */
#include <mpi.h>

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char** argv)
{
    MPI_Init(&argc, &argv);
    int rank = 0, size = 0;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    const long bytes = argc > 1 ? strtol(argv[1], NULL, 10) : 0;
    if (size != 2 || bytes < 0 || bytes > (1L << 30)) {
        if (rank == 0) fprintf(stderr, "usage: mpiexec -n 2 exchange BYTES (0 <= BYTES <= 2^30)\n");
        MPI_Abort(MPI_COMM_WORLD, 2);
    }
    char* out = calloc((size_t)bytes + 1, 1);
    char* in = calloc((size_t)bytes + 1, 1);
    const int partner = 1 - rank;
    MPI_Send(out, (int)bytes, MPI_BYTE, partner, 0, MPI_COMM_WORLD);
    MPI_Recv(in, (int)bytes, MPI_BYTE, partner, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (rank == 0) printf("exchanged %ld bytes\n", bytes);
    free(out);
    free(in);
    MPI_Finalize();
    return 0;
}
