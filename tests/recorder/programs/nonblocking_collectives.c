/* nonblocking_collectives.c: every non-blocking collective once on 4 ranks, each started and then
 * waited for (the last two together, with MPI_Waitall); with the argument "hang", rank 3 never starts the
 * Ibarrier the others wait for and waits in a receive nobody sends instead. */
#include <mpi.h>
#include <string.h>

int main(int argc, char** argv)
{
    MPI_Init(&argc, &argv);
    int rank, size;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    int one = rank + 1, sum = 0, block[64], all[64], counts[16], displs[16];
    for (int i = 0; i < 64; ++i) block[i] = rank * 100 + i;
    for (int i = 0; i < size; ++i) {
        counts[i] = 1;
        displs[i] = i;
    }
    MPI_Request req[2];
    if (argc > 1 && strcmp(argv[1], "hang") == 0) {
        if (rank == 3)
            MPI_Recv(&sum, 1, MPI_INT, 0, 7, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        else {
            MPI_Ibarrier(MPI_COMM_WORLD, &req[0]);
            MPI_Wait(&req[0], MPI_STATUS_IGNORE);
        }
        MPI_Finalize();
        return 0;
    }
    MPI_Ibarrier(MPI_COMM_WORLD, &req[0]);
    MPI_Wait(&req[0], MPI_STATUS_IGNORE);
    MPI_Ibcast(&one, 1, MPI_INT, 0, MPI_COMM_WORLD, &req[0]);
    MPI_Wait(&req[0], MPI_STATUS_IGNORE);
    MPI_Ireduce(&one, &sum, 1, MPI_INT, MPI_SUM, 0, MPI_COMM_WORLD, &req[0]);
    MPI_Wait(&req[0], MPI_STATUS_IGNORE);
    MPI_Iallreduce(&one, &sum, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD, &req[0]);
    MPI_Wait(&req[0], MPI_STATUS_IGNORE);
    MPI_Igather(block, 1, MPI_INT, all, 1, MPI_INT, 0, MPI_COMM_WORLD, &req[0]);
    MPI_Wait(&req[0], MPI_STATUS_IGNORE);
    MPI_Igatherv(block, 1, MPI_INT, all, counts, displs, MPI_INT, 0, MPI_COMM_WORLD, &req[0]);
    MPI_Wait(&req[0], MPI_STATUS_IGNORE);
    MPI_Iscatter(block, 1, MPI_INT, all, 1, MPI_INT, 0, MPI_COMM_WORLD, &req[0]);
    MPI_Wait(&req[0], MPI_STATUS_IGNORE);
    MPI_Iscatterv(block, counts, displs, MPI_INT, all, 1, MPI_INT, 0, MPI_COMM_WORLD, &req[0]);
    MPI_Wait(&req[0], MPI_STATUS_IGNORE);
    MPI_Iallgather(block, 1, MPI_INT, all, 1, MPI_INT, MPI_COMM_WORLD, &req[0]);
    MPI_Wait(&req[0], MPI_STATUS_IGNORE);
    MPI_Iallgatherv(block, 1, MPI_INT, all, counts, displs, MPI_INT, MPI_COMM_WORLD, &req[0]);
    MPI_Wait(&req[0], MPI_STATUS_IGNORE);
    MPI_Ialltoall(block, 1, MPI_INT, all, 1, MPI_INT, MPI_COMM_WORLD, &req[0]);
    MPI_Wait(&req[0], MPI_STATUS_IGNORE);
    MPI_Ialltoallv(block, counts, displs, MPI_INT, all, counts, displs, MPI_INT, MPI_COMM_WORLD, &req[0]);
    MPI_Wait(&req[0], MPI_STATUS_IGNORE);
    MPI_Ireduce_scatter(block, all, counts, MPI_INT, MPI_SUM, MPI_COMM_WORLD, &req[0]);
    MPI_Wait(&req[0], MPI_STATUS_IGNORE);
    MPI_Ireduce_scatter_block(block, all, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD, &req[0]);
    MPI_Wait(&req[0], MPI_STATUS_IGNORE);
    MPI_Iscan(&one, &sum, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD, &req[0]);
    MPI_Iexscan(&one, all, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD, &req[1]);
    MPI_Waitall(2, req, MPI_STATUSES_IGNORE);
    MPI_Finalize();
    return 0;
}
