/* deadlock_wrong_tag.c: rank 0 sends with tag 1, rank 1 receives with tag 0. The message waits
 * unmatched in rank 1's unexpected queue while rank 1 waits for a message that never comes. */
#include <mpi.h>
#include <stdio.h>

int main(int argc, char** argv)
{
    int rank, value = 7;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    if (rank == 0) {
        MPI_Send(&value, 1, MPI_INT, 1, 1, MPI_COMM_WORLD);
    } else if (rank == 1) {
        MPI_Recv(&value, 1, MPI_INT, 0, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        printf("rank 1 got %d\n", value);
    }
    MPI_Finalize();
    return 0;
}
