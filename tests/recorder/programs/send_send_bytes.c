/* send_send_bytes.c: both ranks send BYTES bytes to each other, then receive. It completes while the
 * MPI hands such a message over eagerly and hangs from one byte above its eager limit. */
#include <mpi.h>
#include <stdlib.h>

int main(int argc, char** argv)
{
    MPI_Init(&argc, &argv);
    int rank, bytes = argc > 1 ? atoi(argv[1]) : 100000;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    char* mine = calloc(bytes, 1);
    char* theirs = calloc(bytes, 1);
    MPI_Send(mine, bytes, MPI_BYTE, 1 - rank, 0, MPI_COMM_WORLD);
    MPI_Recv(theirs, bytes, MPI_BYTE, 1 - rank, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    free(mine);
    free(theirs);
    MPI_Finalize();
    return 0;
}
