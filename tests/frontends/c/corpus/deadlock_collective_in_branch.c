/* deadlock_collective_in_branch.c: MPI_Bcast inside an if on the rank. Rank 0 reads the parameter and
 * broadcasts it, but the other ranks never call MPI_Bcast: they go on with their default and finish.
 * Rank 0's MPI_Bcast returns only because its small messages are buffered (MPICH and Open MPI exit 0
 * here); with a larger parameter, or another MPI, it waits for ranks that never arrive. mpilab reports
 * it as an error. A collective must be called by every rank of the communicator: move the MPI_Bcast
 * out of the if. */
#include <mpi.h>
#include <stdio.h>

int main(int argc, char** argv)
{
    int rank, parameter = 1;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    if (rank == 0) {
        parameter = 42;   /* read from the input */
        MPI_Bcast(&parameter, 1, MPI_INT, 0, MPI_COMM_WORLD);   /* the bug: only rank 0 gets here */
    }
    printf("rank %d works with parameter %d\n", rank, parameter);
    MPI_Finalize();
    return 0;
}
