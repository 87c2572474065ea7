/* deadlock_alltoall.c: the alltoall challenge, part 1. Every rank sends a large block to every other
 * rank in rank order, then receives from every other rank. Rank 0 and rank 1 each wait for the other to
 * receive; the other ranks queue behind rank 0. */
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
    for (int dest = 0; dest < size; dest++)
        if (dest != rank) MPI_Send(block, COUNT, MPI_DOUBLE, dest, 0, MPI_COMM_WORLD);
    for (int source = 0; source < size; source++)
        if (source != rank) MPI_Recv(incoming, COUNT, MPI_DOUBLE, source, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    printf("rank %d done\n", rank);
    free(block);
    free(incoming);
    MPI_Finalize();
    return 0;
}
