/* globals.c: each MPI process has its own copy of every global and static variable, so a counter that
 * each rank increments rank + 1 times ends at rank + 1 everywhere, never at the sum. */
#include <mpi.h>
#include <stdio.h>

int calls = 0;
static double last_value;

static void record(double value)
{
    static int seen = 0;   /* a static local: also one per process */
    calls++;
    seen++;
    last_value = value;
}

int main(int argc, char** argv)
{
    int rank;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    for (int i = 0; i <= rank; i++) record(rank * 10.0 + i);
    MPI_Barrier(MPI_COMM_WORLD);
    printf("rank %d: calls = %d, last value = %g\n", rank, calls, last_value);
    MPI_Finalize();
    return 0;
}
