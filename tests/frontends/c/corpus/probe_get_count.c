/* probe_get_count.c: the receiver does not know how many values are coming. MPI_Probe waits for the
 * message without receiving it, MPI_Get_count reads its size from the status, and only then does the
 * receiver allocate the buffer and call MPI_Recv. */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char** argv)
{
    int rank;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    if (rank == 0) {
        int values[37];
        for (int i = 0; i < 37; i++) values[i] = i;
        MPI_Send(values, 37, MPI_INT, 1, 3, MPI_COMM_WORLD);
    } else if (rank == 1) {
        MPI_Status status;
        int count;
        MPI_Probe(0, MPI_ANY_TAG, MPI_COMM_WORLD, &status);
        MPI_Get_count(&status, MPI_INT, &count);
        int* values = malloc(count * sizeof(int));
        MPI_Recv(values, count, MPI_INT, 0, status.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        printf("rank 1 received %d ints with tag %d, last %d\n", count, status.MPI_TAG, values[count - 1]);
        free(values);
    }
    MPI_Finalize();
    return 0;
}
