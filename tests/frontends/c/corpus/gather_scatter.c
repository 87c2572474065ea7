/* gather_scatter.c: rank 0 scatters one chunk of an array to every rank (MPI_Scatter), each rank
 * doubles its chunk, and MPI_Gather puts the chunks back together on rank 0 in rank order. */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

#define CHUNK 3

int main(int argc, char** argv)
{
    int rank, size;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    int* all = NULL;
    if (rank == 0) {
        all = malloc(size * CHUNK * sizeof(int));
        for (int i = 0; i < size * CHUNK; i++) all[i] = i;
    }
    int chunk[CHUNK];
    MPI_Scatter(all, CHUNK, MPI_INT, chunk, CHUNK, MPI_INT, 0, MPI_COMM_WORLD);
    for (int i = 0; i < CHUNK; i++) chunk[i] *= 2;
    printf("rank %d doubled %d %d %d\n", rank, chunk[0], chunk[1], chunk[2]);
    MPI_Gather(chunk, CHUNK, MPI_INT, all, CHUNK, MPI_INT, 0, MPI_COMM_WORLD);
    if (rank == 0) {
        printf("gathered:");
        for (int i = 0; i < size * CHUNK; i++) printf(" %d", all[i]);
        printf("\n");
        free(all);
    }
    MPI_Finalize();
    return 0;
}
