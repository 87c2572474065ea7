/* waitany.c: rank 0 posts one MPI_Irecv per worker and handles the results with MPI_Waitany as they
 * complete, in whatever order that is; the status (and the index) say whose result it was. */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char** argv)
{
    int rank, size;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    if (rank == 0) {
        int* results = malloc(size * sizeof(int));
        MPI_Request* requests = malloc(size * sizeof(MPI_Request));
        for (int w = 1; w < size; w++) MPI_Irecv(&results[w], 1, MPI_INT, w, 0, MPI_COMM_WORLD, &requests[w - 1]);
        int sum = 0;
        for (int done = 0; done < size - 1; done++) {
            int index;
            MPI_Status status;
            MPI_Waitany(size - 1, requests, &index, &status);
            sum += results[status.MPI_SOURCE];
        }
        printf("rank 0: the %d results add up to %d\n", size - 1, sum);
        free(results);
        free(requests);
    } else {
        int result = rank * rank;
        MPI_Send(&result, 1, MPI_INT, 0, 0, MPI_COMM_WORLD);
    }
    MPI_Finalize();
    return 0;
}
