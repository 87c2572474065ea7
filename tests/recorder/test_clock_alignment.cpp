// Clocks that disagree: a skewed clock is shifted onto rank 0's, a drifting one corrected along the run.
#include "app/recorder/clock_alignment.hpp"
#include "app/recorder/merge.hpp"
#include "tests/recorder/support.hpp"

#include <doctest/doctest.h>

using namespace mpilab;
using namespace mpilab::recorder;
using mpilab::test::FakeProcess;

TEST_CASE("A skewed clock is shifted by the offset measured at MPI_Init") {
    ProcessInfo p;
    p.sync_count = 1;
    p.sync_local_ns[0] = 5'000'000'000;
    p.sync_offset_ns[0] = -5'000'000'000;   // this clock is 5 s ahead of rank 0's
    ClockAlignment a(p);
    CHECK(a.to_reference(5'000'001'000) == 1000);
}

TEST_CASE("A drifting clock is corrected between the samples at MPI_Init and MPI_Finalize") {
    ProcessInfo p;
    p.sync_count = 2;
    p.sync_local_ns[0] = 0;
    p.sync_offset_ns[0] = 0;
    p.sync_local_ns[1] = 1'000'000'000;
    p.sync_offset_ns[1] = -1000;            // 1 microsecond fast per second
    ClockAlignment a(p);
    CHECK(a.to_reference(500'000'000) == 500'000'000 - 500);
    CHECK(a.to_reference(1'000'000'000) == 1'000'000'000 - 1000);
}

TEST_CASE("Messages between processes with skewed and drifting clocks arrive after they were sent") {
    // Rank 1's clock is 3 s ahead and runs 50 ppm fast; rank 0 sends at 1 ms, rank 1 receives at 1.001 ms
    // of rank 0's clock, which rank 1's own clock reads as 3 s + 1.001 ms * (1 + 50e-6).
    FakeProcess r0(0, 2), r1(1, 2);
    r0.sample(0, 0).sample(2'000'000'000, 0);
    r1.sample(3'000'000'000, -3'000'000'000).sample(3'000'000'000 + 2'000'100'000, -3'000'000'000 - 100'000);
    r0.call(REC_SEND, 1'000'000, 1'000'500, 1, 0, 8);
    const std::int64_t local = 3'000'000'000 + 1'001'000 + 1'001'000 / 20'000;
    r1.call(REC_RECV, local - 2000, local, 0, 0, 8);
    r1.received(0, 0, 8);
    RunFacts facts;
    facts.exit_status = 0;
    Trace t = merge_records(test::processes({r0, r1}), facts);
    REQUIRE(t.messages.size() == 1);
    const CallRecord& recv = t.calls[t.messages[0].recv_call];
    CHECK(recv.leave == doctest::Approx(1.001e-3).epsilon(1e-6));
    CHECK(recv.leave > t.calls[t.messages[0].send_call].enter);
}
