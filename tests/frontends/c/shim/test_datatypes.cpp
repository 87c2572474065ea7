// Derived datatypes from C: a column arrives as a column, structs travel whole, indexed and subarray
// types select the right elements, resized types scatter columns, and type signatures are checked.
#include "harness.hpp"

extern "C" {
int c_column_vector(void);
int c_column_type_mismatch(void);
int c_struct_type(void);
int c_indexed_and_subarray(void);
int c_scatter_columns(void);
int c_pack_unpack(void);
int c_uncommitted_type(void);
int c_freed_type(void);
}

using namespace mpilab;
using namespace mpilab::test;

TEST_CASE("a matrix column sent with MPI_Type_vector arrives as a column, or as a plain array") {
    completes_on(c_column_vector, {2, 3});
}

TEST_CASE("a column of doubles received into ints is a type mismatch") {
    const RunResult r = run_c(c_column_type_mismatch, 2);
    REQUIRE(outcome_of(r) == "error");
    CHECK(r.outcome().error->kind == "type mismatch");
    CHECK(r.outcome().error->line == line_of("datatypes.c", "if (rank == 1) MPI_Recv(ints, N, MPI_INT"));
}

TEST_CASE("a struct type is padded like the C struct and travels whole in Bcast and Gather") {
    completes_on(c_struct_type, {1, 2, 4});
}

TEST_CASE("an indexed type sends a triangle and a subarray type a block") { completes_on(c_indexed_and_subarray, {2}); }

TEST_CASE("a vector resized to one element scatters and gathers the columns of a matrix") {
    completes_on(c_scatter_columns, {1, 2, 4, 5});
}

TEST_CASE("MPI_Pack and MPI_Unpack round-trip through an MPI_PACKED message") { completes_on(c_pack_unpack, {2}); }

TEST_CASE("sending with a datatype that was never committed is an error that says to commit it") {
    const RunResult r = run_c(c_uncommitted_type, 2);
    REQUIRE(outcome_of(r) == "error");
    CHECK(r.outcome().error->kind == "invalid datatype");
    CHECK(r.outcome().error->message.find("MPI_Type_commit") != std::string::npos);
}

TEST_CASE("a freed datatype is reported as freed, with the line that freed it") {
    const RunResult r = run_c(c_freed_type, 2);
    REQUIRE(outcome_of(r) == "error");
    CHECK(r.outcome().error->call == "MPI_Bcast");
    CHECK(r.outcome().error->message.find("was already freed (at " + at("datatypes.c", "MPI_Type_free(&pair);")) !=
          std::string::npos);
}

extern "C" int c_more_constructors_and_reductions(void);

TEST_CASE("hvector, hindexed and indexed_block pick a diagonal, and reductions work on derived types") {
    completes_on(c_more_constructors_and_reductions, {1, 2, 3, 4});
}
