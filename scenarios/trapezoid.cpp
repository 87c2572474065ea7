// trapezoid: integrate x^2 from 0 to 2 with the trapezoidal rule; each rank takes a slice of the
// trapezoids and rank 0 receives and adds the partial integrals.
#include "scenarios/scenario_kit.hpp"

#include <cmath>
#include <cstdint>

namespace mpilab::scenarios {

namespace {

double f(double x) { return x * x; }

double trapezoidal(double a, double b, std::int64_t n, double h) {
    double s = h * f(a);
    for (std::int64_t i = 1; i < n; ++i) s += 2.0 * h * f(a + static_cast<double>(i) * h);
    s += h * f(b);
    return s / 2.0;
}

}  // namespace

Scenario trapezoid() {
    Scenario s;
    s.id = "trapezoid";
    s.title = "Trapezoid integration of x^2 on [0, 2]";
    s.category = "Applications";
    s.summary = "The n trapezoids are divided among the ranks (the last rank also takes the remainder); each rank "
                "integrates its own interval, the others send their integrals to rank 0, and rank 0 adds them "
                "in rank order: 8/3 up to the rule's error.";
    s.default_ranks = 4;
    s.params = {{"n", 1024, "number of trapezoids", 1, 100'000'000}};
    s.source_file = this_file();
    s.program = [](Comm& comm, const Params& params) {
        const int my_rank = comm.rank();
        const int p = comm.size();
        if (my_rank == 0) comm.print("Number of ranks = ", p);
        const double a = 0.0, b = 2.0;   // left and right endpoints
        const std::int64_t n = params.integer("n");
        const int dest = 0;              // destination of the partial integrals
        const double h = (b - a) / static_cast<double>(n);   // the same for all processes
        const std::int64_t base_n = n / p;
        const std::int64_t local_n = my_rank == p - 1 ? n - base_n * (p - 1) : base_n;
        const double local_a = a + static_cast<double>(my_rank * base_n) * h;
        const double local_b = local_a + static_cast<double>(local_n) * h;
        double integral = local_n > 0 ? trapezoidal(local_a, local_b, local_n, h) : 0.0;
        comm.compute(1e-9 * static_cast<double>(local_n));
        if (my_rank == 0) {
            double total = integral;
            for (int source = 1; source < p; ++source) {
                double part = comm.recv(source).get<double>();
                comm.print("PE ", my_rank, " <- ", source, ", ", part);
                total += part;
            }
            comm.print("**With n = ", n, " trapezoids, final integral from ", a, " to ", b, " = ", total);
            const double error_bound = (b - a) * h * h / 12.0 * 2.0 + 1e-9;   // (b-a) h^2 max|f''| / 12
            comm.check(std::fabs(total - 8.0 / 3.0) <= error_bound, "the integral is 8/3 within the rule's error");
            comm.result("integral", total);
        } else {
            comm.print("PE ", my_rank, " -> ", dest, ", ", integral);
            comm.send(integral, dest);
        }
    };
    return s;
}

}  // namespace mpilab::scenarios
