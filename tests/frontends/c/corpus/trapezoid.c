/* trapezoid.c: the trapezoid rule for the integral of x^2 over [0, 3], Pacheco's first MPI program.
 * Each rank integrates its own slice of the interval; ranks 1.. send their result to rank 0 with
 * MPI_Send, which adds them up in rank order. */
#include <mpi.h>
#include <stdio.h>

static double f(double x) { return x * x; }

static double trapezoid(double left, double right, int count, double width)
{
    double estimate = (f(left) + f(right)) / 2.0;
    for (int i = 1; i <= count - 1; i++) estimate += f(left + i * width);
    return estimate * width;
}

int main(void)
{
    int rank, size, n = 1024;
    double a = 0.0, b = 3.0;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);

    double h = (b - a) / n;
    int local_n = n / size;
    double local_a = a + rank * local_n * h;
    double local_b = local_a + local_n * h;
    double local_integral = trapezoid(local_a, local_b, local_n, h);

    if (rank != 0) {
        MPI_Send(&local_integral, 1, MPI_DOUBLE, 0, 0, MPI_COMM_WORLD);
    } else {
        double total = local_integral;
        for (int source = 1; source < size; source++) {
            MPI_Recv(&local_integral, 1, MPI_DOUBLE, source, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            total += local_integral;
        }
        printf("With n = %d trapezoids, the integral from %.1f to %.1f is %.6f\n", n, a, b, total);
    }
    MPI_Finalize();
    return 0;
}
