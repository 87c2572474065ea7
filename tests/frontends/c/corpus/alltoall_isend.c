/* alltoall_isend.c: the alltoall challenge, part 3: start every send with MPI_Isend, then receive with
 * blocking MPI_Recv, then wait for the sends. No rank blocks in a send, so there is no cycle. */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

#define COUNT 10000

int main(int argc, char** argv)
{
    int rank, size;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    double* block = calloc(COUNT, sizeof(double));
    double* incoming = calloc(COUNT, sizeof(double));
    MPI_Request* sends = malloc(size * sizeof(MPI_Request));
    int n = 0;
    for (int dest = 0; dest < size; dest++)
        if (dest != rank) MPI_Isend(block, COUNT, MPI_DOUBLE, dest, 0, MPI_COMM_WORLD, &sends[n++]);
    for (int source = 0; source < size; source++)
        if (source != rank) MPI_Recv(incoming, COUNT, MPI_DOUBLE, source, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    MPI_Waitall(n, sends, MPI_STATUSES_IGNORE);
    printf("rank %d received %d blocks\n", rank, size - 1);
    free(sends);
    free(block);
    free(incoming);
    MPI_Finalize();
    return 0;
}
