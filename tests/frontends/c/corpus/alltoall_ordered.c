/* alltoall_ordered.c: the alltoall challenge, part 2, fixed with blocking calls only: in round k every
 * rank exchanges with partner rank ^ k (a pairwise schedule on a power-of-two rank count), the lower
 * rank of each pair sending first. Every send meets a posted receive, whatever the message size. */
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
    int received = 0;
    for (int k = 1; k < size; k++) {
        int partner = rank ^ k;
        if (partner >= size) continue;
        if (rank < partner) {
            MPI_Send(block, COUNT, MPI_DOUBLE, partner, 0, MPI_COMM_WORLD);
            MPI_Recv(incoming, COUNT, MPI_DOUBLE, partner, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        } else {
            MPI_Recv(incoming, COUNT, MPI_DOUBLE, partner, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            MPI_Send(block, COUNT, MPI_DOUBLE, partner, 0, MPI_COMM_WORLD);
        }
        received++;
    }
    printf("rank %d received %d blocks\n", rank, received);
    free(block);
    free(incoming);
    MPI_Finalize();
    return 0;
}
