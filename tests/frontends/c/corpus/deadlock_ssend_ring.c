/* deadlock_ssend_ring.c: every rank sends to its right neighbour with MPI_Ssend before receiving from
 * its left one. A synchronous send returns only when the receive has started, so the ring of waits
 * closes into a cycle, even for a single int. */
#include <mpi.h>
#include <stdio.h>

int main(int argc, char** argv)
{
    int rank, size, token, received;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    token = rank;
    MPI_Ssend(&token, 1, MPI_INT, (rank + 1) % size, 0, MPI_COMM_WORLD);
    MPI_Recv(&received, 1, MPI_INT, (rank + size - 1) % size, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    printf("rank %d received %d\n", rank, received);
    MPI_Finalize();
    return 0;
}
