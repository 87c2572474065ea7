/* missing_finalize.c: every rank does its work but returns from main without MPI_Finalize. The run
 * completes; mpilab warns, because MPI requires every process to finalize. */
#include <mpi.h>
#include <stdio.h>

int main(int argc, char** argv)
{
    int rank, total;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Reduce(&rank, &total, 1, MPI_INT, MPI_SUM, 0, MPI_COMM_WORLD);
    if (rank == 0) printf("total %d\n", total);
    return 0;   /* MPI_Finalize forgotten */
}
