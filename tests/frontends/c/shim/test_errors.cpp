// Error handlers from C: MPI_ERRORS_RETURN, handlers of the program's own, error strings and classes.
#include "harness.hpp"

extern "C" {
int c_errors_return(void);
}

using namespace mpilab;
using namespace mpilab::test;

TEST_CASE("under MPI_ERRORS_RETURN a bad argument is returned as its error class, and recorded as a warning") {
    const RunResult r = run_c(c_errors_return, 1);
    INFO(r.outcome().message);
    REQUIRE(outcome_of(r) == "completed");
    CHECK(has_warning(r, "rank 0: MPI_Send at " + at("errors.c", "int rc = MPI_Send(&x, 1, MPI_INT, size + 3") +
                             " returned MPI_ERR_RANK to the program (error handler MPI_ERRORS_RETURN)"));
}
