/* exit_early.c: rank 3 decides it has nothing to do and calls exit(0) before MPI_Finalize, while the
 * others still expect it in MPI_Allreduce. A real MPI job would be torn down (or hang). */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char** argv)
{
    int rank, size, sum;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    if (rank == size - 1) {
        printf("rank %d: nothing to do, leaving\n", rank);
        exit(0);
    }
    MPI_Allreduce(&rank, &sum, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
    MPI_Finalize();
    return 0;
}
