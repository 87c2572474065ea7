/* request_never_waited.c: rank 1 starts an MPI_Irecv for a message that rank 0 never sends, and never
 * waits for it. The program ends, but MPI requires every request to be completed (or freed): mpilab
 * warns about the request still pending. */
#include <mpi.h>
#include <stdio.h>

int main(int argc, char** argv)
{
    int rank, value = 0;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Request request;
    if (rank == 1) MPI_Irecv(&value, 1, MPI_INT, 0, 0, MPI_COMM_WORLD, &request);
    MPI_Barrier(MPI_COMM_WORLD);
    printf("rank %d finished\n", rank);
    MPI_Finalize();
    return 0;
}
