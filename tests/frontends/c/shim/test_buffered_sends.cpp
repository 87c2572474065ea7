// MPI_Bsend: never blocks, and fails clearly when the attached buffer is too small.
#include "harness.hpp"

extern "C" {
int c_bsend_exchange(void);
int c_bsend_buffer_full(void);
int c_bsend_buffer_full_fatal(void);
int c_bsend_without_buffer(void);
}

using namespace mpilab;
using namespace mpilab::test;

TEST_CASE("two ranks that both Bsend a large message first do not deadlock") {
    const RunResult r = run_c(c_bsend_exchange, 2);
    INFO(r.outcome().message);
    REQUIRE(outcome_of(r) == "completed");
    // The buffered sends travel by rendezvous (they are large) but never block their caller.
    int bsends = 0;
    for (const CallRecord& c : r.trace.calls)
        if (c.kind == CallKind::Bsend) {
            ++bsends;
            CHECK(c.protocol == Protocol::Rendezvous);
            CHECK(!c.blocked());
        }
    CHECK(bsends == 2);
}

TEST_CASE("a Bsend that does not fit the attached buffer returns MPI_ERR_BUFFER under MPI_ERRORS_RETURN") {
    const RunResult r = run_c(c_bsend_buffer_full, 3);
    INFO(r.outcome().message);
    CHECK(outcome_of(r) == "completed");
    CHECK(has_warning(r, "MPI_Bsend at " + at("buffered.c", "int rc = MPI_Bsend(") + " returned MPI_ERR_BUFFER"));
}

TEST_CASE("a Bsend that does not fit ends the run by default, saying how much space it needed") {
    const RunResult r = run_c(c_bsend_buffer_full_fatal, 2);
    REQUIRE(outcome_of(r) == "error");
    const ErrorInfo& e = *r.outcome().error;
    CHECK(e.call == "MPI_Bsend");
    CHECK(e.kind == "invalid buffer");
    CHECK(e.message.find("needs 80096 bytes") != std::string::npos);
    CHECK(e.message.find("only 0 of the 160192 bytes") != std::string::npos);
    CHECK(e.message.find("2 earlier buffered messages have not been received yet") != std::string::npos);
}

TEST_CASE("a Bsend without an attached buffer is an error") {
    const RunResult r = run_c(c_bsend_without_buffer, 2);
    REQUIRE(outcome_of(r) == "error");
    CHECK(r.outcome().error->message.find("no buffer is attached") != std::string::npos);
}
