/* odd_even_sort.c: odd-even transposition sort with one value per rank. In even phases ranks (0,1),
 * (2,3), ... compare-exchange; in odd phases (1,2), (3,4), ... After size phases the values are
 * sorted across the ranks. Each exchange is one MPI_Sendrecv. */
#include <mpi.h>
#include <stdio.h>

int main(int argc, char** argv)
{
    int rank, size;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    int value = (rank * 7 + 3) % 11;   /* an unsorted start */
    for (int phase = 0; phase < size; phase++) {
        int partner = (phase % 2 == rank % 2) ? rank + 1 : rank - 1;
        if (partner < 0 || partner >= size) continue;
        int other;
        MPI_Sendrecv(&value, 1, MPI_INT, partner, phase, &other, 1, MPI_INT, partner, phase, MPI_COMM_WORLD,
                     MPI_STATUS_IGNORE);
        if (rank < partner ? other < value : other > value) value = other;
    }
    int sorted[64];
    MPI_Gather(&value, 1, MPI_INT, sorted, 1, MPI_INT, 0, MPI_COMM_WORLD);
    if (rank == 0) {
        printf("sorted:");
        for (int i = 0; i < size && i < 64; i++) printf(" %d", sorted[i]);
        printf("\n");
    }
    MPI_Finalize();
    return 0;
}
