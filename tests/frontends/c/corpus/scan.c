/* scan.c: prefix sums. MPI_Scan gives rank r the sum over ranks 0..r (inclusive); MPI_Exscan the sum
 * over ranks 0..r-1 (rank 0's result is undefined). A classic use: each rank's offset into a shared
 * output when the ranks hold different amounts of data. */
#include <mpi.h>
#include <stdio.h>

int main(int argc, char** argv)
{
    int rank, inclusive = 0, offset = 0;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    int items = rank + 1;   /* rank r holds r + 1 items */
    MPI_Scan(&items, &inclusive, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
    MPI_Exscan(&items, &offset, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
    if (rank == 0) offset = 0;
    printf("rank %d: %d items, written at offset %d, running total %d\n", rank, items, offset, inclusive);
    MPI_Finalize();
    return 0;
}
