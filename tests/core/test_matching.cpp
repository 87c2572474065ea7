// Matching: the match predicate with wildcards, FIFO queues, non-overtaking and posting order.
#include "core/matching.hpp"
#include "support.hpp"

#include <vector>

using namespace mpilab;
using namespace mpilab::test;

TEST_CASE("the match predicate honours contexts, sources, tags and both wildcards") {
    const Envelope message{4, 2, 7};
    CHECK(matches(4, 2, 7, message));
    CHECK(matches(4, ANY_SOURCE, 7, message));
    CHECK(matches(4, 2, ANY_TAG, message));
    CHECK(matches(4, ANY_SOURCE, ANY_TAG, message));
    CHECK_FALSE(matches(5, ANY_SOURCE, ANY_TAG, message));   // another communicator never matches
    CHECK_FALSE(matches(4, 1, 7, message));
    CHECK_FALSE(matches(4, 2, 8, message));
}

TEST_CASE("the unexpected queue gives the oldest matching message first") {
    MatchQueues q;
    for (int i = 0; i < 3; ++i) {
        auto m = std::make_unique<Message>();
        m->envelope = Envelope{0, 1, i == 1 ? 5 : 9};
        m->bytes = 10 + i;
        q.unexpected.push_back(std::move(m));
    }
    q.buffered_bytes = 33;
    auto first = q.take_unexpected(0, 1, 9);
    REQUIRE(first);
    CHECK(first->bytes == 10);
    CHECK(q.buffered_bytes == 23);
    CHECK(q.find_unexpected(0, ANY_SOURCE, 5)->bytes == 11);
    CHECK(q.take_unexpected(0, 2, ANY_TAG) == nullptr);
}

TEST_CASE("messages from one sender on one communicator never overtake each other") {
    auto r = run(config(2), [](Comm& w) {
        if (w.rank() == 0) {
            for (int i = 0; i < 20; ++i) w.send(i, 1, i % 2);
        } else {
            w.compute(1.0);   // everything arrives before the receives are posted
            for (int i = 0; i < 20; ++i) {
                Value v = w.recv(0, ANY_TAG);
                w.check(v == i, "message order");
            }
        }
    });
    CHECK(status(r) == "completed");
}

TEST_CASE("receives are matched in the order they were posted") {
    auto r = run(config(2), [](Comm& w) {
        if (w.rank() == 1) {
            std::int32_t a = -1, b = -1;
            Request first = w.Irecv(a, ANY_SOURCE, ANY_TAG);
            Request second = w.Irecv(b, 0, ANY_TAG);
            w.Send(std::int32_t{0}, 0, 0);   // let rank 0 go
            std::vector<Request> both{first, second};
            w.waitall(both);
            w.check(a == 100 && b == 200, "first posted receive gets the first message");
        } else {
            std::int32_t go = 0;
            w.Recv(go, 1, 0);
            w.Send(std::int32_t{100}, 1, 3);
            w.Send(std::int32_t{200}, 1, 4);
        }
    });
    CHECK(status(r) == "completed");
}

TEST_CASE("a wildcard receive takes a message of any source and tag, and the status names them") {
    auto r = run(config(3), [](Comm& w) {
        if (w.rank() == 0) {
            int seen = 0;
            for (int i = 0; i < 2; ++i) {
                Status st;
                Value v = w.recv(ANY_SOURCE, ANY_TAG, &st);
                w.check(v == st.source * 10 && st.tag == st.source + 40, "status matches the message");
                seen |= 1 << st.source;
            }
            w.check(seen == 6, "both senders were received");
        } else {
            w.send(w.rank() * 10, 0, w.rank() + 40);
        }
    });
    CHECK(status(r) == "completed");
}

TEST_CASE("a message on one communicator cannot match a receive on its duplicate") {
    auto r = run(config(2), [](Comm& w) {
        Comm other = w.dup();
        if (w.rank() == 0) {
            other.send("on dup", 1, 0);
            w.send("on world", 1, 0);
        } else {
            Value a = w.recv(0, 0);
            Value b = other.recv(0, 0);
            w.check(a == "on world" && b == "on dup", "contexts are isolated");
        }
    });
    CHECK(status(r) == "completed");
}
