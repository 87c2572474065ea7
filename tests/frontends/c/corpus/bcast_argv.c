/* bcast_argv.c: the program's own arguments (mpilab run bcast_argv.c -- 12): every rank gets argv, but
 * the usual pattern is that rank 0 parses it and broadcasts the value, so all ranks agree. */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char** argv)
{
    int rank, n = 0;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    if (rank == 0) n = argc > 1 ? atoi(argv[1]) : 10;
    MPI_Bcast(&n, 1, MPI_INT, 0, MPI_COMM_WORLD);
    long sum = 0;
    for (int i = 1; i <= n; i++) sum += i;
    printf("rank %d: n = %d, 1 + ... + n = %ld\n", rank, n, sum);
    MPI_Finalize();
    return 0;
}
