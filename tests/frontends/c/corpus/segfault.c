/* segfault.c: rank 2 writes through a pointer it never set (NULL), while the others wait in a barrier.
 * Under mpiexec the job dies with "signal 11"; mpilab names the rank and the line. */
#include <mpi.h>
#include <stdio.h>

static void fill(int* values, int count)
{
    for (int i = 0; i < count; i++) values[i] = i;
}

int main(int argc, char** argv)
{
    int rank;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    int storage[4];
    int* values = rank == 2 ? NULL : storage;   /* the bug: rank 2 never gets its storage */
    printf("rank %d filling its values\n", rank);
    fill(values, 4);
    MPI_Barrier(MPI_COMM_WORLD);
    MPI_Finalize();
    return 0;
}
