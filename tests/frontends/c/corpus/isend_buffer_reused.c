/* isend_buffer_reused.c: rank 0 sends three numbers to rank 1 with MPI_Isend from one variable, changing
 * it for the next send before the earlier sends have completed, and waits for all three at the end. MPI
 * forbids changing a send buffer until its send completes: a real MPI may deliver 1 2 3, or 3 3 3 when it
 * reads the variable late (a large message is read only when its receive is posted). mpilab compares a
 * checksum of each send buffer at the MPI_Isend with one at the MPI_Waitall and reports the change.
 * The fix: one buffer per send (int values[3]), or wait for each send before changing its buffer. */
#include <mpi.h>
#include <stdio.h>

int main(int argc, char** argv)
{
    int rank, value = 0;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    if (rank == 0) {
        MPI_Request requests[3];
        for (int i = 0; i < 3; ++i) {
            value = i + 1;
            MPI_Isend(&value, 1, MPI_INT, 1, i, MPI_COMM_WORLD, &requests[i]);
        }
        MPI_Waitall(3, requests, MPI_STATUSES_IGNORE);
    } else if (rank == 1) {
        int received[3];
        for (int i = 0; i < 3; ++i) MPI_Recv(&received[i], 1, MPI_INT, 0, i, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        printf("rank 1 received %d %d %d\n", received[0], received[1], received[2]);
    }
    MPI_Finalize();
    return 0;
}
