// Non-blocking point-to-point, completion calls and persistent requests from C.
#include "harness.hpp"

extern "C" {
int c_nonblocking_exchange(void);
int c_waitany_waitsome_testall(void);
int c_persistent_requests(void);
int c_persistent_started_twice(void);
int c_cancel_and_free(void);
int c_wait_twice_on_a_copy(void);
int c_waitall_deadlock(void);
}

using namespace mpilab;
using namespace mpilab::test;

TEST_CASE("every rank exchanges with every rank through Isend, Irecv and one Waitall") {
    completes_on(c_nonblocking_exchange, {1, 2, 5});
}

TEST_CASE("Waitany, Waitsome, Test, Testall and Request_get_status complete what has arrived") {
    completes_on(c_waitany_waitsome_testall, {2, 3, 6});
}

TEST_CASE("persistent requests are started and completed again and again, then freed") {
    completes_on(c_persistent_requests, {1, 2, 4});
}

TEST_CASE("starting a persistent request that is still active is an error") {
    const RunResult r = run_c(c_persistent_started_twice, 2);
    REQUIRE(outcome_of(r) == "error");
    CHECK(r.outcome().error->call == "MPI_Start");
    CHECK(r.outcome().error->message.find("still active") != std::string::npos);
    CHECK(r.outcome().error->line == line_of("requests.c", "MPI_Start(&request);", 2));
}

TEST_CASE("a receive nobody matches can be cancelled, and a freed send still arrives") {
    completes_on(c_cancel_and_free, {2, 3});
}

TEST_CASE("waiting on a stale copy of a completed request is an error") {
    const RunResult r = run_c(c_wait_twice_on_a_copy, 1);
    REQUIRE(outcome_of(r) == "error");
    CHECK(r.outcome().error->call == "MPI_Wait");
    CHECK(r.outcome().error->kind == "invalid request");
    CHECK(r.outcome().error->line == line_of("requests.c", "MPI_Wait(&copy"));
}

TEST_CASE("a Waitall for messages nobody sends is a deadlock at the Waitall's line") {
    const RunResult r = run_c(c_waitall_deadlock, 3);
    REQUIRE(outcome_of(r) == "deadlock");
    for (const BlockedCall& b : r.outcome().deadlock->blocked) {
        CHECK(b.call_name == "waitall");
        CHECK(b.line == line_of("requests.c", "MPI_Waitall(2, requests, MPI_STATUSES_IGNORE);", 2));
    }
}
