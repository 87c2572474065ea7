// The eager / rendezvous switch, synchronous sends, buffer caps and delivery checks.
#include "core/protocol.hpp"
#include "support.hpp"

#include <vector>

using namespace mpilab;
using namespace mpilab::test;

namespace {

// Rank 0 sends `bytes` to rank 1, which receives only after rank 0 has returned from its send —
// ordered by a second message the other way. Completes only if the send was buffered (eager).
RunResult send_before_receive(std::int64_t bytes, std::int64_t eager, bool synchronous_call = false) {
    Config c = config(2, eager);
    return run(c, [=](Comm& w) {
        std::vector<char> data(static_cast<std::size_t>(bytes), 'x');
        if (w.rank() == 0) {
            if (synchronous_call)
                w.Ssend(data, 1, 0);
            else
                w.Send(data, 1, 0);
            w.send("sent", 1, 1);
        } else {
            Value note = w.recv(0, 1);
            w.Recv(data, 0, 0);
        }
    });
}

}  // namespace

TEST_CASE("a send of exactly the eager threshold is eager and one byte more is rendezvous") {
    Config c;
    CHECK(choose_protocol(c, 65536, false, 0) == Protocol::Eager);
    CHECK(choose_protocol(c, 65537, false, 0) == Protocol::Rendezvous);
    CHECK(choose_protocol(c, 0, true, 0) == Protocol::Rendezvous);
    c.synchronous_sends = true;
    CHECK(choose_protocol(c, 1, false, 0) == Protocol::Rendezvous);
}

TEST_CASE("a rendezvous send blocks until the matching receive is posted") {
    CHECK(status(send_before_receive(1000, 1000)) == "completed");
    auto r = send_before_receive(1001, 1000);
    CHECK(status(r) == "deadlock");
    REQUIRE(r.outcome().deadlock);
    CHECK(r.outcome().deadlock->blocked.size() == 2);
}

TEST_CASE("ssend always uses rendezvous, even for a tiny message") {
    auto r = send_before_receive(4, 65536, true);
    CHECK(status(r) == "deadlock");
    CHECK(r.outcome().message.find("synchronous") != std::string::npos);
}

TEST_CASE("an isend of a large message completes only after the receive matches it") {
    auto r = run(config(2, 64), [](Comm& w) {
        std::vector<double> data(100, 1.0);
        if (w.rank() == 0) {
            Request req = w.Isend(data, 1, 0);
            w.check(!w.test(req), "not complete before the receive is posted");
            w.send("go", 1, 1);
            w.wait(req);
        } else {
            w.recv(0, 1);
            w.Recv(data, 0, 0);
        }
    });
    CHECK(status(r) == "completed");
    REQUIRE(r.trace.messages.size() == 2);
    CHECK(r.trace.messages[0].protocol == Protocol::Rendezvous);
}

TEST_CASE("a buffer cap turns eager sends into rendezvous once the receiver's buffer is full") {
    Config c = config(2, 1 << 20);
    c.buffer_cap = 100;
    auto r = run(c, [](Comm& w) {
        std::vector<char> data(60, 'a');
        if (w.rank() == 0) {
            w.Send(data, 1, 0);   // 60 bytes buffered
            w.Send(data, 1, 0);   // would make 120 > 100: rendezvous
        } else {
            w.compute(1.0);
            w.Recv(data, 0, 0);
            w.Recv(data, 0, 0);
        }
    });
    CHECK(status(r) == "completed");
    REQUIRE(r.trace.messages.size() == 2);
    CHECK(r.trace.messages[0].protocol == Protocol::Eager);
    CHECK(r.trace.messages[1].protocol == Protocol::Rendezvous);
}

TEST_CASE("synchronous_sends makes every standard send wait for its receive") {
    Config c = config(2);
    c.synchronous_sends = true;
    auto r = run(c, [](Comm& w) {
        w.send(1, 1 - w.rank(), 0);
        w.recv(1 - w.rank(), 0);
    });
    CHECK(status(r) == "deadlock");
    CHECK(r.outcome().message.find("buffers nothing") != std::string::npos);
}

TEST_CASE("int64 elements sent into an int32 buffer end the run with a type mismatch naming the receive") {
    auto r = run(config(2), [](Comm& w) {
        if (w.rank() == 0) {
            std::vector<std::int64_t> data{0, 1, 2, 3, 4};
            w.Send(data, 1, 0);
        } else {
            std::vector<std::int32_t> into(5);
            w.Recv(into, 0, 0);
        }
    });
    CHECK(status(r) == "error");
    REQUIRE(r.outcome().error);
    const ErrorInfo& e = *r.outcome().error;
    CHECK(e.rank == 1);
    CHECK(e.call == "Recv");
    CHECK(e.kind == "type mismatch");
    CHECK(e.file.find("test_protocol.cpp") != std::string::npos);
    CHECK(e.line > 0);
    CHECK(e.message.find("MPI_ERR_TRUNCATE") != std::string::npos);
}

TEST_CASE("more elements than the receive buffer holds is a truncation error") {
    auto r = run(config(2), [](Comm& w) {
        std::vector<std::int32_t> data(8, 7);
        if (w.rank() == 0) {
            w.Send(data, 1, 0);
        } else {
            std::vector<std::int32_t> small(4);
            w.Recv(small, 0, 0);
        }
    });
    CHECK(status(r) == "error");
    CHECK(r.outcome().error->kind == "truncation");
}

TEST_CASE("fewer elements than the buffer holds are fine and the status counts them") {
    auto r = run(config(2), [](Comm& w) {
        if (w.rank() == 0) {
            std::vector<float> data{1, 2, 3};
            w.Send(data, 1, 9);
        } else {
            std::vector<float> into(10, 0);
            Status st = w.Recv(into, 0, ANY_TAG);
            w.check(st.count == 3 && st.bytes == 12 && st.tag == 9 && st.source == 0, "status");
            w.check(into[2] == 3 && into[3] == 0, "data");
        }
    });
    CHECK(status(r) == "completed");
}

TEST_CASE("a generic object received by a typed receive is a type mismatch") {
    auto r = run(config(2), [](Comm& w) {
        if (w.rank() == 0) {
            w.send(Value{{"a", 1}}, 1, 0);
        } else {
            std::int32_t x;
            w.Recv(x, 0, 0);
        }
    });
    CHECK(status(r) == "error");
    CHECK(r.outcome().error->kind == "type mismatch");
}

TEST_CASE("a generic value's size is its serialised size") {
    auto r = run(config(2), [](Comm& w) {
        if (w.rank() == 0)
            w.send(Value{{"a", 1}, {"b", 2}}, 1, 0);
        else
            w.recv(0, 0);
    });
    REQUIRE(r.trace.messages.size() == 1);
    CHECK(r.trace.messages[0].bytes == static_cast<std::int64_t>(Value{{"a", 1}, {"b", 2}}.dump().size()));
}

TEST_CASE("an eager message that no receive takes has arrived: it waits in the unexpected queue, not in flight") {
    auto r = run(config(2, 65536), [](Comm& w) {
        if (w.rank() == 0) w.send("never taken", 1, 7);
    });
    const auto& messages = r.trace.messages;
    REQUIRE(messages.size() == 1);
    CHECK_FALSE(messages[0].received());
    CHECK(messages[0].arrival_time >= messages[0].post_time);
    CHECK(messages[0].match_time == -1);
    CHECK(messages[0].complete_time == -1);
}
