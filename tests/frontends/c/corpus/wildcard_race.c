/* wildcard_race.c: rank 0 receives one message from each other rank with MPI_ANY_SOURCE and prints
 * who came first. Which message matches first depends on timing: under mpiexec it changes from run to
 * run; in mpilab it depends on the schedule (try --schedule random --seed N). */
#include <mpi.h>
#include <stdio.h>

int main(int argc, char** argv)
{
    int rank, size;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    if (rank == 0) {
        int total = 0;
        for (int i = 1; i < size; i++) {
            int value;
            MPI_Status status;
            MPI_Recv(&value, 1, MPI_INT, MPI_ANY_SOURCE, 0, MPI_COMM_WORLD, &status);
            total += value;
        }
        printf("rank 0 received from all %d others, total %d\n", size - 1, total);
    } else {
        MPI_Send(&rank, 1, MPI_INT, 0, 0, MPI_COMM_WORLD);
    }
    MPI_Finalize();
    return 0;
}
