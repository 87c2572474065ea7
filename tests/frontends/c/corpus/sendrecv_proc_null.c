/* sendrecv_proc_null.c: a shift along a chain (not a ring): each rank passes a value to its right
 * neighbour. The ends use MPI_PROC_NULL as the missing neighbour: a send to it or a receive from it
 * completes at once and moves nothing, so no rank needs a special case. */
#include <mpi.h>
#include <stdio.h>

int main(int argc, char** argv)
{
    int rank, size;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    int right = rank + 1 < size ? rank + 1 : MPI_PROC_NULL;
    int left = rank > 0 ? rank - 1 : MPI_PROC_NULL;
    int value = 100 + rank, received = -1;
    MPI_Sendrecv(&value, 1, MPI_INT, right, 0, &received, 1, MPI_INT, left, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    printf("rank %d received %d\n", rank, received);
    MPI_Finalize();
    return 0;
}
