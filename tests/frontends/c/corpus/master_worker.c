/* master_worker.c: rank 0 hands out tasks (numbers to square) and collects the results from whichever
 * worker answers first (MPI_ANY_SOURCE), sending that worker its next task; a tag of 0 tells a worker to
 * stop. The order of answers depends on the schedule, the sum does not. */
#include <mpi.h>
#include <stdio.h>

#define TASKS 20
#define WORK 1
#define STOP 0

int main(int argc, char** argv)
{
    int rank, size;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);

    if (rank == 0) {
        int next = 1, sum = 0, active = 0;
        for (int worker = 1; worker < size; worker++) {
            if (next <= TASKS) {
                MPI_Send(&next, 1, MPI_INT, worker, WORK, MPI_COMM_WORLD);
                next++;
                active++;
            } else {
                MPI_Send(&next, 1, MPI_INT, worker, STOP, MPI_COMM_WORLD);
            }
        }
        while (active > 0) {
            int result;
            MPI_Status status;
            MPI_Recv(&result, 1, MPI_INT, MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &status);
            sum += result;
            active--;
            int tag = next <= TASKS ? WORK : STOP;
            MPI_Send(&next, 1, MPI_INT, status.MPI_SOURCE, tag, MPI_COMM_WORLD);
            if (tag == WORK) {
                next++;
                active++;
            }
        }
        printf("Sum of the squares of 1..%d: %d\n", TASKS, sum);
    } else {
        int task, done = 0;
        for (;;) {
            MPI_Status status;
            MPI_Recv(&task, 1, MPI_INT, 0, MPI_ANY_TAG, MPI_COMM_WORLD, &status);
            if (status.MPI_TAG == STOP) break;
            int result = task * task;
            MPI_Send(&result, 1, MPI_INT, 0, 0, MPI_COMM_WORLD);
            done++;
        }
        (void)done;
    }
    MPI_Finalize();
    return 0;
}
