/* persistent.c: a halo exchange repeated many times with the same arguments. MPI_Send_init and
 * MPI_Recv_init set the requests up once; every iteration only starts them (MPI_Startall) and waits
 * (MPI_Waitall). MPI_Request_free releases them at the end. */
#include <mpi.h>
#include <stdio.h>

int main(int argc, char** argv)
{
    int rank, size;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    int right = (rank + 1) % size, left = (rank + size - 1) % size;

    int send_value = 0, received = 0, total = 0;
    MPI_Request requests[2];
    MPI_Recv_init(&received, 1, MPI_INT, left, 0, MPI_COMM_WORLD, &requests[0]);
    MPI_Send_init(&send_value, 1, MPI_INT, right, 0, MPI_COMM_WORLD, &requests[1]);
    for (int iteration = 1; iteration <= 5; iteration++) {
        send_value = rank * iteration;
        MPI_Startall(2, requests);
        MPI_Waitall(2, requests, MPI_STATUSES_IGNORE);
        total += received;
    }
    MPI_Request_free(&requests[0]);
    MPI_Request_free(&requests[1]);
    printf("rank %d: sum of its left neighbour's values over 5 iterations = %d\n", rank, total);
    MPI_Finalize();
    return 0;
}
