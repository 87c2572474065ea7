// Point-to-point from C: every send mode, exchanges, probes and statuses, and the errors and
// deadlocks a student meets — reported with the C program's own lines.
#include "harness.hpp"

extern "C" {
int c_ring_all_modes(void);
int c_sendrecv_and_replace(void);
int c_probe_and_get_count(void);
int c_ready_send_after_barrier(void);
int c_ready_send_too_early(void);
int c_send_send_deadlock(void);
int c_type_mismatch(void);
int c_invalid_rank(void);
}

using namespace mpilab;
using namespace mpilab::test;

TEST_CASE("a token goes around a ring with MPI_Send and MPI_Ssend, statuses naming source and tag") {
    completes_on(c_ring_all_modes, {2, 3, 5});
}

TEST_CASE("MPI_Sendrecv and MPI_Sendrecv_replace exchange with neighbours, MPI_PROC_NULL does nothing") {
    completes_on(c_sendrecv_and_replace, {1, 2, 4});
}

TEST_CASE("a master probes for messages of unknown length and sizes them with MPI_Get_count") {
    completes_on(c_probe_and_get_count, {2, 4, 6});
}

TEST_CASE("MPI_Rsend works when the receive is already posted") { completes_on(c_ready_send_after_barrier, {2, 3}); }

TEST_CASE("MPI_Rsend without a posted receive is an error that says to post the receive first") {
    const RunResult r = run_c(c_ready_send_too_early, 2);
    REQUIRE(outcome_of(r) == "error");
    const ErrorInfo& e = *r.outcome().error;
    CHECK(e.rank == 0);
    CHECK(e.call == "Rsend");
    CHECK(e.kind == "ready send without a posted receive");
    CHECK(e.file == program_file("point_to_point.c"));
    CHECK(e.line == line_of("point_to_point.c", "if (rank == 0) MPI_Rsend("));
}

TEST_CASE("the send-send deadlock of a C program names the C file's lines and the rendezvous") {
    const RunResult r = run_c(c_send_send_deadlock, 2);
    REQUIRE(outcome_of(r) == "deadlock");
    const DeadlockInfo& d = *r.outcome().deadlock;
    REQUIRE(d.blocked.size() == 2);
    const std::uint32_t line = line_of("point_to_point.c", "MPI_Send(mine, count");
    for (const BlockedCall& b : d.blocked) {
        CHECK(b.call_name == "Send");
        CHECK(b.file == program_file("point_to_point.c"));
        CHECK(b.line == line);
        CHECK(b.protocol == Protocol::Rendezvous);
    }
    CHECK(d.cycle == std::vector<std::int32_t>{0, 1});
    // The trace records the C function each call was made in.
    bool found = false;
    for (const SourceLocation& l : r.trace.locations) found = found || (l.line == line && l.function == "c_send_send_deadlock");
    CHECK(found);
    // With a larger eager threshold the same program completes.
    const RunResult eager = run_c(c_send_send_deadlock, 2, [](Config& c) { c.eager_threshold = 100000; });
    CHECK(outcome_of(eager) == "completed");
}

TEST_CASE("doubles received into ints are a type mismatch at the receive's line") {
    const RunResult r = run_c(c_type_mismatch, 2);
    REQUIRE(outcome_of(r) == "error");
    CHECK(r.outcome().error->kind == "type mismatch");
    CHECK(r.outcome().error->rank == 1);
    CHECK(r.outcome().error->line == line_of("point_to_point.c", "MPI_Recv(i, 8, MPI_INT"));
}

TEST_CASE("a destination that is not a rank is an error in MPI's words") {
    const RunResult r = run_c(c_invalid_rank, 3);
    REQUIRE(outcome_of(r) == "error");
    const ErrorInfo& e = *r.outcome().error;
    CHECK(e.call == "MPI_Send");
    CHECK(e.kind == "invalid rank");
    CHECK(e.message.find("rank 7, which does not exist") != std::string::npos);
    CHECK(e.message.find("MPI_PROC_NULL") != std::string::npos);
    CHECK(e.message.find("(MPI_ERR_RANK)") != std::string::npos);
}

extern "C" int c_matched_probe(void);

TEST_CASE("MPI_Mprobe takes the probed message, MPI_Mrecv receives exactly it") { completes_on(c_matched_probe, {2, 4}); }
