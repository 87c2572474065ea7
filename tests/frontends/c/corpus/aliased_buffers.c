/* aliased_buffers.c: the same array as the send and the receive buffer of MPI_Allreduce. MPI forbids
 * aliased arguments; the way to reduce in place is MPI_IN_PLACE as the send buffer. */
#include <mpi.h>
#include <stdio.h>

int main(int argc, char** argv)
{
    int rank, values[4];
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    for (int i = 0; i < 4; i++) values[i] = rank + i;
    MPI_Allreduce(values, values, 4, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
    printf("rank %d: %d %d %d %d\n", rank, values[0], values[1], values[2], values[3]);
    MPI_Finalize();
    return 0;
}
