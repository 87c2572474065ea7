// Cartesian topologies from C: a stencil's grid, shifts at the edges, sub-grids.
#include "harness.hpp"

extern "C" {
int c_cartesian_grid(void);
int c_cartesian_smaller_grid(void);
int c_cart_too_big(void);
}

using namespace mpilab;
using namespace mpilab::test;

TEST_CASE("a 2-D grid: coordinates, ranks, shifts with MPI_PROC_NULL at non-periodic edges, rows") {
    completes_on(c_cartesian_grid, {1, 2, 4, 6, 9, 12});
}

TEST_CASE("a grid smaller than the world leaves the extra ranks out and MPI_Dims_create balances") {
    completes_on(c_cartesian_smaller_grid, {2, 4});
}

TEST_CASE("a grid larger than the communicator is an error that suggests MPI_Dims_create") {
    const RunResult r = run_c(c_cart_too_big, 3);
    REQUIRE(outcome_of(r) == "error");
    CHECK(r.outcome().error->call == "MPI_Cart_create");
    CHECK(r.outcome().error->message.find("MPI_Dims_create") != std::string::npos);
}
