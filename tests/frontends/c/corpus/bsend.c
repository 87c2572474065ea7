/* bsend.c: a buffered send never waits for the receiver: MPI_Bsend copies the message into a buffer
 * the program attached with MPI_Buffer_attach. Both ranks may then send first, with messages far above
 * any eager threshold, and still not deadlock. The buffer must hold the message plus
 * MPI_BSEND_OVERHEAD; MPI_Buffer_detach waits until the buffered messages have gone. */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

#define COUNT 50000

int main(int argc, char** argv)
{
    int rank;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    int other = 1 - rank;

    int buffer_size = COUNT * (int)sizeof(double) + MPI_BSEND_OVERHEAD;
    void* buffer = malloc(buffer_size);
    MPI_Buffer_attach(buffer, buffer_size);

    double* mine = malloc(COUNT * sizeof(double));
    double* theirs = malloc(COUNT * sizeof(double));
    for (int i = 0; i < COUNT; i++) mine[i] = rank;
    MPI_Bsend(mine, COUNT, MPI_DOUBLE, other, 0, MPI_COMM_WORLD);
    MPI_Recv(theirs, COUNT, MPI_DOUBLE, other, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    printf("rank %d got %d doubles from rank %d (first %g)\n", rank, COUNT, other, theirs[0]);

    MPI_Buffer_detach(&buffer, &buffer_size);
    free(buffer);
    free(mine);
    free(theirs);
    MPI_Finalize();
    return 0;
}
