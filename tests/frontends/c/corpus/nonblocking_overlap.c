/* nonblocking_overlap.c: each rank starts receiving from its left neighbour and sending to its right
 * one (MPI_Irecv, MPI_Isend), does work that does not need the message while it travels, and only then
 * waits for both (MPI_Waitall). Any message size works: no rank blocks before all have posted. */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

#define COUNT 100000

int main(int argc, char** argv)
{
    int rank, size;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    int right = (rank + 1) % size, left = (rank + size - 1) % size;

    double* out = malloc(COUNT * sizeof(double));
    double* in = malloc(COUNT * sizeof(double));
    for (int i = 0; i < COUNT; i++) out[i] = rank;

    MPI_Request requests[2];
    MPI_Irecv(in, COUNT, MPI_DOUBLE, left, 0, MPI_COMM_WORLD, &requests[0]);
    MPI_Isend(out, COUNT, MPI_DOUBLE, right, 0, MPI_COMM_WORLD, &requests[1]);

    double work = 0.0;   /* computation that overlaps the transfer */
    for (int i = 1; i <= 1000; i++) work += 1.0 / i;

    MPI_Waitall(2, requests, MPI_STATUSES_IGNORE);
    printf("rank %d received the array of rank %d (first value %g); own work %.4f\n", rank, left, in[0], work);
    free(out);
    free(in);
    MPI_Finalize();
    return 0;
}
