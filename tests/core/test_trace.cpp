// What a run records: calls with enter/leave times and blocking, messages with their calls and
// protocol, communicators, rank ends, and the record sizes.
#include "core/trace.hpp"
#include "support.hpp"

#include <vector>

using namespace mpilab;
using namespace mpilab::test;

TEST_CASE("calls and messages are linked and carry protocol, peer, tag and bytes") {
    auto r = run(config(2, 100), [](Comm& w) {
        std::vector<std::int32_t> small(4), big(100);
        if (w.rank() == 0) {
            w.Send(small, 1, 1);
            w.Send(big, 1, 2);
        } else {
            w.compute(1.0);
            w.Recv(small, 0, 1);
            w.Recv(big, 0, 2);
        }
    });
    REQUIRE(status(r) == "completed");
    const Trace& t = r.trace;
    REQUIRE(t.messages.size() == 2);
    const MessageRecord& eager = t.messages[0];
    const MessageRecord& rendezvous = t.messages[1];
    CHECK(eager.protocol == Protocol::Eager);
    CHECK(rendezvous.protocol == Protocol::Rendezvous);
    CHECK(eager.bytes == 16);
    CHECK(rendezvous.tag == 2);
    const CallRecord& send = t.calls.at(rendezvous.send_call);
    const CallRecord& recv = t.calls.at(rendezvous.recv_call);
    CHECK(send.kind == CallKind::Send);
    CHECK(send.rank == 0);
    CHECK(send.peer == 1);
    CHECK(send.blocked());
    CHECK(send.leave > send.enter);
    CHECK(recv.rank == 1);
    CHECK(recv.message == 1);
    CHECK(t.locations.at(send.location).file.find("test_trace.cpp") != std::string::npos);
    CHECK_FALSE(t.calls[0].blocked());
    CHECK(eager.received());
}

TEST_CASE("an unfinished call is flagged and the deadlocked ranks' ends are recorded") {
    auto r = run(config(2), [](Comm& w) { w.recv(1 - w.rank(), 0); });
    REQUIRE(r.trace.calls.size() == 2);
    CHECK(r.trace.calls[0].unfinished());
    CHECK(r.trace.ranks[0].end == RankEnd::Deadlocked);
}

TEST_CASE("trace records stay compact") {
    CHECK(sizeof(CallRecord) == 64);
    CHECK(sizeof(MessageRecord) <= 72);
}

TEST_CASE("recording can be switched off for benchmarks while the outcome stays exact") {
    Config c = config(2);
    c.record_trace = false;
    auto r = run(c, [](Comm& w) { w.recv(1 - w.rank(), 0); });
    CHECK(status(r) == "deadlock");
    CHECK(r.trace.calls.empty());
    CHECK(r.outcome().deadlock->blocked[0].line > 0);
}

TEST_CASE("names of calls follow mpi4py's spelling and read back") {
    CHECK(call_name(CallKind::Send, true) == "send");
    CHECK(call_name(CallKind::Send, false) == "Send");
    CHECK(call_name(CallKind::Waitall, true) == "waitall");
    CallKind kind;
    bool generic;
    REQUIRE(call_kind_from_name("alltoall", kind, generic));
    CHECK(kind == CallKind::Alltoall);
    CHECK(generic);
    CHECK_FALSE(call_kind_from_name("Sned", kind, generic));
}
