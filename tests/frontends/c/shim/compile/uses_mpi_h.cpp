// mpi.h from C++: calls inside namespaces, templates, lambdas and classes, overloads beside MPI's
// names, std::function of an MPI function. Compiled with -Werror by ctest (never linked).
#include <mpi.h>

#include <functional>
#include <vector>

namespace physics {

template <class T>
MPI_Datatype mpi_type();
template <>
MPI_Datatype mpi_type<int>() { return MPI_INT; }
template <>
MPI_Datatype mpi_type<double>() { return MPI_DOUBLE; }

template <class T>
T sum(const std::vector<T>& mine, MPI_Comm comm) {
    T local = 0, total = 0;
    for (const T& x : mine) local += x;
    MPI_Allreduce(&local, &total, 1, mpi_type<T>(), MPI_SUM, comm);
    return total;
}

class Halo {
public:
    explicit Halo(MPI_Comm comm) : comm_(comm) { MPI_Comm_rank(comm_, &rank_); }
    void exchange(std::vector<double>& cells) const {
        MPI_Sendrecv_replace(cells.data(), static_cast<int>(cells.size()), MPI_DOUBLE, rank_, 0, rank_, 0, comm_,
                             MPI_STATUS_IGNORE);
    }

private:
    MPI_Comm comm_;
    int rank_ = 0;
};

}  // namespace physics

static double start_time = MPI_Wtime();   // at namespace scope: no enclosing function

int run(int argc, char** argv) {
    MPI_Init(&argc, &argv);
    std::vector<int> v{1, 2, 3};
    const int total = physics::sum(v, MPI_COMM_WORLD);
    physics::Halo halo(MPI_COMM_WORLD);
    std::vector<double> cells(8, 1.0);
    halo.exchange(cells);
    std::function<int(MPI_Comm)> barrier = MPI_Barrier;
    barrier(MPI_COMM_WORLD);
    auto lambda = [](MPI_Comm c) { return MPI_Barrier(c); };
    lambda(MPI_COMM_WORLD);
    const MPI_Comm comms[] = {MPI_COMM_WORLD, MPI_COMM_SELF};
    int sizes[2];
    for (int i = 0; i < 2; ++i) MPI_Comm_size(comms[i], &sizes[i]);
    (void)start_time;
    return MPI_Finalize() + total * 0;
}
