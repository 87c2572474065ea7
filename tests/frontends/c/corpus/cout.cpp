// cout.cpp: an MPI program in C++: std::vector buffers, std::cout output (each line attributed to the
// rank that prints it) and std::accumulate for the local part of a dot product.
#include <mpi.h>

#include <iostream>
#include <numeric>
#include <vector>

int main(int argc, char** argv)
{
    MPI_Init(&argc, &argv);
    int rank = 0, size = 0;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);

    const int n = 1000;
    std::vector<double> x, y;
    for (int i = rank; i < n; i += size) {
        x.push_back(i);
        y.push_back(2.0);
    }
    double local = std::inner_product(x.begin(), x.end(), y.begin(), 0.0);
    double dot = 0.0;
    MPI_Allreduce(&local, &dot, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
    std::cout << "rank " << rank << " holds " << x.size() << " elements; dot product " << dot << std::endl;
    MPI_Finalize();
    return 0;
}
