// The collectives from C: data checked against MPI's definitions at several rank counts, blocking and
// non-blocking, in place; mismatches and wrong ops reported with the C lines.
#include "harness.hpp"

extern "C" {
int c_data_collectives(void);
int c_v_collectives(void);
int c_reductions(void);
int c_collective_mismatch(void);
int c_op_on_wrong_type(void);
int c_in_place_not_allowed(void);
}

using namespace mpilab;
using namespace mpilab::test;

TEST_CASE("Bcast, Gather, Scatter, Allgather, Alltoall and Barrier move the right data, blocking or not") {
    completes_on(c_data_collectives, {1, 2, 3, 4, 7});
}

TEST_CASE("the v-collectives and Alltoallw place blocks of different sizes at their displacements") {
    completes_on(c_v_collectives, {1, 2, 3, 5});
}

TEST_CASE("reductions, scans, reduce-scatters, MINLOC, long double and a non-commutative user op") {
    completes_on(c_reductions, {1, 2, 3, 5});
}

TEST_CASE("non-blocking collectives are recorded under their own names") {
    const RunResult r = run_c(c_v_collectives, 3);
    REQUIRE(outcome_of(r) == "completed");
    for (CallKind kind : {CallKind::Igatherv, CallKind::Iscatterv, CallKind::Iallgatherv, CallKind::Ialltoallv,
                          CallKind::Ialltoallw, CallKind::Alltoallw}) {
        bool found = false;
        for (const CallRecord& c : r.trace.calls) found = found || c.kind == kind;
        CHECK_MESSAGE(found, call_name(kind, false));
    }
}

TEST_CASE("a Bcast on one rank against a Reduce on another is a collective mismatch naming both lines") {
    const RunResult r = run_c(c_collective_mismatch, 2);
    REQUIRE(outcome_of(r) == "error");
    CHECK(r.outcome().error->kind == "collective mismatch");
    const std::string& m = r.outcome().error->message;
    CHECK(m.find(at("collectives.c", "if (rank == 0) MPI_Bcast(&x")) != std::string::npos);
    CHECK(m.find(at("collectives.c", "else MPI_Reduce(&x, &y")) != std::string::npos);
}

TEST_CASE("MPI_BAND on doubles is an error that says which types it takes") {
    const RunResult r = run_c(c_op_on_wrong_type, 2);
    REQUIRE(outcome_of(r) == "error");
    CHECK(r.outcome().error->call == "MPI_Allreduce");
    CHECK(r.outcome().error->message.find("MPI_BAND does not apply to MPI_DOUBLE") != std::string::npos);
}

TEST_CASE("MPI_IN_PLACE as the send buffer of a rank that is not the root is an error") {
    const RunResult r = run_c(c_in_place_not_allowed, 2);
    REQUIRE(outcome_of(r) == "error");
    CHECK(r.outcome().error->rank == 1);
    CHECK(r.outcome().error->message.find("only the root may use it") != std::string::npos);
}

extern "C" int c_communication_inside_user_op(void);

TEST_CASE("an MPI call that communicates inside a reduction function is an error, not a hang") {
    const RunResult r = run_c(c_communication_inside_user_op, 3);
    REQUIRE(outcome_of(r) == "error");
    CHECK(r.outcome().error->kind == "invalid operation");
    CHECK(r.outcome().error->message.find("MPI_Barrier was called inside a reduction function") != std::string::npos);
    CHECK(r.outcome().error->message.find(at("collectives.c", "MPI_Barrier(MPI_COMM_WORLD);   /* communication inside")) !=
          std::string::npos);
}
