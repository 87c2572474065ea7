/* collective_mismatch.c: rank 0 calls MPI_Bcast then MPI_Barrier, the others MPI_Barrier then
 * MPI_Bcast. Collectives on a communicator must be called in the same order by every rank. */
#include <mpi.h>
#include <stdio.h>

int main(int argc, char** argv)
{
    int rank, value = 0;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    if (rank == 0) {
        value = 5;
        MPI_Bcast(&value, 1, MPI_INT, 0, MPI_COMM_WORLD);
        MPI_Barrier(MPI_COMM_WORLD);
    } else {
        MPI_Barrier(MPI_COMM_WORLD);
        MPI_Bcast(&value, 1, MPI_INT, 0, MPI_COMM_WORLD);
    }
    printf("rank %d: value %d\n", rank, value);
    MPI_Finalize();
    return 0;
}
