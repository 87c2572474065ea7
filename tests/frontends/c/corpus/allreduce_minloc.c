/* allreduce_minloc.c: which rank holds the smallest value? MPI_MINLOC reduces (value, index) pairs
 * (MPI_DOUBLE_INT) and keeps the index of the minimum; MPI_MAX finds the largest value. Every rank gets
 * both results from MPI_Allreduce. */
#include <mpi.h>
#include <stdio.h>

int main(int argc, char** argv)
{
    int rank;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    struct {
        double value;
        int index;
    } mine, lowest;
    mine.value = (rank - 1.5) * (rank - 1.5);   /* smallest at rank 1 and 2: the lower index wins */
    mine.index = rank;
    double largest;
    MPI_Allreduce(&mine, &lowest, 1, MPI_DOUBLE_INT, MPI_MINLOC, MPI_COMM_WORLD);
    MPI_Allreduce(&mine.value, &largest, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
    printf("rank %d: minimum %.2f at rank %d, maximum %.2f\n", rank, lowest.value, lowest.index, largest);
    MPI_Finalize();
    return 0;
}
