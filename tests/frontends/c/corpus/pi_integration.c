/* pi_integration.c: pi as the integral of 4 / (1 + x^2) over [0, 1] with the midpoint rule. Rank 0
 * broadcasts the number of intervals; each rank sums every size-th interval; MPI_Reduce adds the
 * partial sums on rank 0. */
#include <math.h>
#include <mpi.h>
#include <stdio.h>

int main(int argc, char** argv)
{
    int rank, size;
    long n = 1000000;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);

    MPI_Bcast(&n, 1, MPI_LONG, 0, MPI_COMM_WORLD);
    double h = 1.0 / (double)n, local = 0.0;
    for (long i = rank; i < n; i += size) {
        double x = h * ((double)i + 0.5);
        local += 4.0 / (1.0 + x * x);
    }
    local *= h;

    double pi = 0.0;
    MPI_Reduce(&local, &pi, 1, MPI_DOUBLE, MPI_SUM, 0, MPI_COMM_WORLD);
    if (rank == 0)
        printf("pi is approximately %.10f, error %.1e\n", pi, fabs(pi - 3.141592653589793));
    MPI_Finalize();
    return 0;
}
