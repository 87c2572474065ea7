/* deadlock_head_to_head.c: both ranks receive first, then send. Each waits for a message the other
 * will only send after its own receive returns: a deadlock whatever the message size. */
#include <mpi.h>
#include <stdio.h>

int main(int argc, char** argv)
{
    int rank, mine, theirs;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    int other = 1 - rank;
    mine = rank;
    MPI_Recv(&theirs, 1, MPI_INT, other, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    MPI_Send(&mine, 1, MPI_INT, other, 0, MPI_COMM_WORLD);
    printf("rank %d got %d\n", rank, theirs);
    MPI_Finalize();
    return 0;
}
