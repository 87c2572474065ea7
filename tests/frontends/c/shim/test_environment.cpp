// The MPI environment of a C program: init, finalize and the queries between them, MPI_Abort, the
// usage errors around init and finalize, objects never freed, and calls mpilab does not simulate.
#include "harness.hpp"

extern "C" {
int c_environment_queries(void);
int c_abort_in_rank_1(void);
int c_send_before_init(void);
int c_call_after_finalize(void);
int c_no_finalize(void);
int c_unsupported_call(void);
int c_leaks_objects(void);
}

using namespace mpilab;
using namespace mpilab::test;

TEST_CASE("a C program initialises MPI, asks about it, reads the virtual clock and finalises") {
    completes_on(c_environment_queries, {1, 3});
}

TEST_CASE("MPI_Abort ends the run with an error naming the rank, the code and the program's line") {
    const RunResult r = run_c(c_abort_in_rank_1, 3);
    REQUIRE(outcome_of(r) == "error");
    const ErrorInfo& e = *r.outcome().error;
    CHECK(e.rank == 1);
    CHECK(e.call == "MPI_Abort");
    CHECK(e.file == program_file("environment.c"));
    CHECK(e.line == line_of("environment.c", "MPI_Abort(MPI_COMM_WORLD, 42)"));
    CHECK(e.message.find("error code 42") != std::string::npos);
}

TEST_CASE("an MPI call before MPI_Init is an error that says to call MPI_Init first") {
    const RunResult r = run_c(c_send_before_init, 2);
    REQUIRE(outcome_of(r) == "error");
    CHECK(r.outcome().error->call == "MPI_Send");
    CHECK(r.outcome().error->kind == "call before MPI_Init");
    CHECK(r.outcome().error->line == line_of("environment.c", "MPI_Send(&x, 1, MPI_INT, 0, 0, MPI_COMM_WORLD)"));
}

TEST_CASE("an MPI call after MPI_Finalize is an error naming where MPI_Finalize was called") {
    const RunResult r = run_c(c_call_after_finalize, 2);
    REQUIRE(outcome_of(r) == "error");
    CHECK(r.outcome().error->call == "MPI_Comm_rank");
    const std::string finalize = at("environment.c", "MPI_Finalize();", 3);
    CHECK(r.outcome().error->message.find(finalize) != std::string::npos);
}

TEST_CASE("returning from main without MPI_Finalize is a warning") {
    const RunResult r = run_c(c_no_finalize, 2);
    CHECK(outcome_of(r) == "completed");
    CHECK(has_warning(r, "rank 1 returned from main without calling MPI_Finalize (MPI_Init at " +
                             at("environment.c", "MPI_Init(NULL, NULL);", 3) + ")"));
}

TEST_CASE("a call mpilab does not simulate ends the run with an error that names it") {
    const RunResult r = run_c(c_unsupported_call, 2);
    REQUIRE(outcome_of(r) == "error");
    const ErrorInfo& e = *r.outcome().error;
    CHECK(e.call == "MPI_Win_create");
    CHECK(e.kind == "not simulated");
    CHECK(e.line == line_of("environment.c", "MPI_Win_create("));
    CHECK(e.message.find("one-sided communication") != std::string::npos);
    CHECK(e.message.find("does not simulate") != std::string::npos);
}

TEST_CASE("communicators and datatypes never freed are a warning at MPI_Finalize") {
    const RunResult r = run_c(c_leaks_objects, 2);
    CHECK(outcome_of(r) == "completed");
    CHECK(has_warning(r, "rank 0 reached MPI_Finalize"));
    CHECK(has_warning(r, "1 communicator (MPI_Comm_dup at " + at("environment.c", "MPI_Comm_dup(") + ")"));
    CHECK(has_warning(r, "1 datatype (created at " + at("environment.c", "MPI_Type_contiguous(2") + ")"));
}
