/* abort.c: rank 1 finds its input unusable and stops the whole job with MPI_Abort, while rank 0 waits
 * for a message that will never come. MPI_Abort ends every rank, not only the caller. */
#include <mpi.h>
#include <stdio.h>

int main(int argc, char** argv)
{
    int rank, value = 0;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    if (rank == 1) {
        int input = -1;
        if (input < 0) {
            fprintf(stderr, "rank 1: the input must not be negative, giving up\n");
            MPI_Abort(MPI_COMM_WORLD, 2);
        }
        MPI_Send(&input, 1, MPI_INT, 0, 0, MPI_COMM_WORLD);
    } else if (rank == 0) {
        MPI_Recv(&value, 1, MPI_INT, 1, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    }
    MPI_Finalize();
    return 0;
}
