/* type_mismatch.c: rank 0 sends 5 doubles, rank 1 receives 5 ints. The types of a send and its
 * receive must match; here the message (40 bytes) does not even fit the receive buffer (20 bytes). */
#include <mpi.h>
#include <stdio.h>

int main(int argc, char** argv)
{
    int rank;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    if (rank == 0) {
        double values[5] = {1, 2, 3, 4, 5};
        MPI_Send(values, 5, MPI_DOUBLE, 1, 0, MPI_COMM_WORLD);
    } else if (rank == 1) {
        int values[5];
        MPI_Recv(values, 5, MPI_INT, 0, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        printf("rank 1 got %d\n", values[0]);
    }
    MPI_Finalize();
    return 0;
}
