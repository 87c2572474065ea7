// Communicators, groups and attributes from C.
#include "harness.hpp"

extern "C" {
int c_split_rows(void);
int c_dup_compare_self(void);
int c_groups(void);
int c_attributes(void);
int c_use_freed_comm(void);
int c_use_comm_null(void);
}

using namespace mpilab;
using namespace mpilab::test;

TEST_CASE("MPI_Comm_split makes rows ordered by key, and MPI_UNDEFINED gives MPI_COMM_NULL") {
    completes_on(c_split_rows, {1, 2, 5});
}

TEST_CASE("a duplicate is congruent and isolated, and MPI_COMM_SELF holds one rank") {
    completes_on(c_dup_compare_self, {1, 3});
}

TEST_CASE("groups: include, exclude, ranges, union, translation, and MPI_Comm_create") {
    completes_on(c_groups, {1, 2, 5});
}

TEST_CASE("attributes: a keyval copy callback runs on dup, and MPI_UNIVERSE_SIZE is the world size") {
    completes_on(c_attributes, {1});
}

TEST_CASE("a freed communicator is reported as freed") {
    const RunResult r = run_c(c_use_freed_comm, 2);
    REQUIRE(outcome_of(r) == "error");
    CHECK(r.outcome().error->kind == "invalid communicator");
    CHECK(r.outcome().error->message.find("already freed") != std::string::npos);
}

TEST_CASE("a rank that uses the MPI_COMM_NULL split gave it is told to test for MPI_COMM_NULL") {
    const RunResult r = run_c(c_use_comm_null, 2);
    REQUIRE(outcome_of(r) == "error");
    CHECK(r.outcome().error->rank == 1);
    CHECK(r.outcome().error->message.find("comm != MPI_COMM_NULL") != std::string::npos);
}

extern "C" int c_split_type_and_info(void);

TEST_CASE("MPI_COMM_TYPE_SHARED puts every rank on one node, and info objects keep their keys") {
    completes_on(c_split_type_and_info, {1, 3});
}
