/* matvec_scatterv.c: y = A x for a 10 x 10 matrix on any number of ranks. Rows do not divide evenly,
 * so rank 0 hands them out with MPI_Scatterv (the first 10 % size ranks get one row more), broadcasts
 * x, and collects the pieces of y with MPI_Gatherv. */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

#define N 10

int main(int argc, char** argv)
{
    int rank, size;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);

    int* rows = malloc(size * sizeof(int));
    int* counts = malloc(size * sizeof(int));
    int* displs = malloc(size * sizeof(int));
    int* row_displs = malloc(size * sizeof(int));
    for (int r = 0, offset = 0; r < size; r++) {
        rows[r] = N / size + (r < N % size ? 1 : 0);
        counts[r] = rows[r] * N;
        displs[r] = offset * N;
        row_displs[r] = offset;
        offset += rows[r];
    }
    double a[N * N], x[N], y[N];
    if (rank == 0) {
        for (int i = 0; i < N; i++) {
            x[i] = 1.0;
            for (int j = 0; j < N; j++) a[i * N + j] = i + 1;   /* row i sums to N * (i + 1) */
        }
    }
    double* my_rows = malloc((counts[rank] > 0 ? counts[rank] : 1) * sizeof(double));
    MPI_Scatterv(a, counts, displs, MPI_DOUBLE, my_rows, counts[rank], MPI_DOUBLE, 0, MPI_COMM_WORLD);
    MPI_Bcast(x, N, MPI_DOUBLE, 0, MPI_COMM_WORLD);

    double my_y[N];
    for (int i = 0; i < rows[rank]; i++) {
        my_y[i] = 0.0;
        for (int j = 0; j < N; j++) my_y[i] += my_rows[i * N + j] * x[j];
    }
    printf("rank %d computed %d rows\n", rank, rows[rank]);
    MPI_Gatherv(my_y, rows[rank], MPI_DOUBLE, y, rows, row_displs, MPI_DOUBLE, 0, MPI_COMM_WORLD);
    if (rank == 0) {
        printf("y =");
        for (int i = 0; i < N; i++) printf(" %g", y[i]);
        printf("\n");
    }
    free(my_rows);
    free(rows);
    free(counts);
    free(displs);
    free(row_displs);
    MPI_Finalize();
    return 0;
}
