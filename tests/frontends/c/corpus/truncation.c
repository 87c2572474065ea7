/* truncation.c: rank 0 sends 10 ints, rank 1 posts a receive for 4. A receive buffer must be large
 * enough for the message: MPI reports MPI_ERR_TRUNCATE. MPI_Probe and MPI_Get_count tell the size
 * before receiving (see probe_get_count.c). */
#include <mpi.h>
#include <stdio.h>

int main(int argc, char** argv)
{
    int rank, data[10] = {0};
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    if (rank == 0) {
        MPI_Send(data, 10, MPI_INT, 1, 0, MPI_COMM_WORLD);
    } else if (rank == 1) {
        MPI_Recv(data, 4, MPI_INT, 0, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    }
    MPI_Finalize();
    return 0;
}
