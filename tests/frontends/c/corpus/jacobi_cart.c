/* jacobi_cart.c: heat spreading along a rod split between the ranks. MPI_Cart_create lays the ranks
 * out on a line (not periodic), MPI_Cart_shift finds each rank's neighbours (MPI_PROC_NULL at the
 * ends), and every iteration exchanges one halo cell with each neighbour using MPI_Sendrecv before the
 * Jacobi update. The left end of the rod is held at 100 degrees, the right end at 0. */
#include <mpi.h>
#include <stdio.h>

#define CELLS 8        /* cells per rank */
#define STEPS 200

int main(int argc, char** argv)
{
    int size, rank, dims[1] = {0}, periods[1] = {0};
    MPI_Comm line;
    MPI_Init(&argc, &argv);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    MPI_Dims_create(size, 1, dims);
    MPI_Cart_create(MPI_COMM_WORLD, 1, dims, periods, 1, &line);
    MPI_Comm_rank(line, &rank);
    int left, right;
    MPI_Cart_shift(line, 0, 1, &left, &right);

    double u[CELLS + 2] = {0}, next[CELLS + 2] = {0};   /* u[0] and u[CELLS + 1] are halo cells */
    for (int step = 0; step < STEPS; step++) {
        MPI_Sendrecv(&u[CELLS], 1, MPI_DOUBLE, right, 0, &u[0], 1, MPI_DOUBLE, left, 0, line, MPI_STATUS_IGNORE);
        MPI_Sendrecv(&u[1], 1, MPI_DOUBLE, left, 1, &u[CELLS + 1], 1, MPI_DOUBLE, right, 1, line, MPI_STATUS_IGNORE);
        if (left == MPI_PROC_NULL) u[0] = 100.0;
        if (right == MPI_PROC_NULL) u[CELLS + 1] = 0.0;
        for (int i = 1; i <= CELLS; i++) next[i] = 0.5 * (u[i - 1] + u[i + 1]);
        for (int i = 1; i <= CELLS; i++) u[i] = next[i];
    }
    double local_sum = 0.0, total = 0.0;
    for (int i = 1; i <= CELLS; i++) local_sum += u[i];
    MPI_Reduce(&local_sum, &total, 1, MPI_DOUBLE, MPI_SUM, 0, line);
    char left_name[16] = "none", right_name[16] = "none";   /* MPI_PROC_NULL's value differs between MPIs */
    if (left != MPI_PROC_NULL) snprintf(left_name, sizeof left_name, "%d", left);
    if (right != MPI_PROC_NULL) snprintf(right_name, sizeof right_name, "%d", right);
    printf("rank %d: left neighbour %s, right neighbour %s, first cell %.3f\n", rank, left_name, right_name, u[1]);
    if (rank == 0) printf("mean temperature after %d steps: %.3f\n", STEPS, total / (CELLS * size));
    MPI_Comm_free(&line);
    MPI_Finalize();
    return 0;
}
