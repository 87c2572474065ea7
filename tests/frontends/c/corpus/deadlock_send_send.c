/* deadlock_send_send.c: both ranks send first, then receive. With 10,000 doubles (80,000 bytes, above
 * the eager threshold) each MPI_Send waits for the matching receive, which the other rank only posts
 * after its own send returns. With small messages the same code seems to work: it relies on buffering.
 * The fixes: MPI_Sendrecv, or order the calls by rank parity, or MPI_Isend / MPI_Irecv + MPI_Waitall. */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char** argv)
{
    int rank, count = 10000;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    if (argc > 1) count = atoi(argv[1]);
    int other = 1 - rank;
    double* mine = calloc(count, sizeof(double));
    double* theirs = calloc(count, sizeof(double));
    MPI_Send(mine, count, MPI_DOUBLE, other, 0, MPI_COMM_WORLD);
    MPI_Recv(theirs, count, MPI_DOUBLE, other, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    printf("rank %d exchanged %d doubles\n", rank, count);
    free(mine);
    free(theirs);
    MPI_Finalize();
    return 0;
}
