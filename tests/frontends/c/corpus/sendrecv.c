/* sendrecv.c: the safe exchange. MPI_Sendrecv posts the send and the receive together, so two ranks
 * swapping large arrays never wait for each other in the wrong order. */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

#define COUNT 10000

int main(int argc, char** argv)
{
    int rank;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    int other = 1 - rank;
    double* mine = malloc(COUNT * sizeof(double));
    double* theirs = malloc(COUNT * sizeof(double));
    for (int i = 0; i < COUNT; i++) mine[i] = rank;
    MPI_Sendrecv(mine, COUNT, MPI_DOUBLE, other, 0, theirs, COUNT, MPI_DOUBLE, other, 0, MPI_COMM_WORLD,
                 MPI_STATUS_IGNORE);
    printf("rank %d received rank %d's array (%g)\n", rank, other, theirs[0]);
    free(mine);
    free(theirs);
    MPI_Finalize();
    return 0;
}
