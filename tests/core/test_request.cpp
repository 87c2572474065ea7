// Requests and the wait/test family: completion, null handles, invalid handles, any/some/all.
#include "support.hpp"

#include <vector>

using namespace mpilab;
using namespace mpilab::test;

TEST_CASE("wait sets a completed request to null and waiting on a null request returns at once") {
    auto r = run(config(2), [](Comm& w) {
        if (w.rank() == 0) {
            Request req = w.isend(7, 1, 0);
            w.wait(req);
            w.check(req.is_null(), "wait nulls the handle");
            w.wait(req);   // null: returns at once
        } else {
            Request req = w.irecv(0, 0);
            Value v = w.wait_value(req);
            w.check(v == 7, "irecv delivers the value");
        }
    });
    CHECK(status(r) == "completed");
}

TEST_CASE("waiting twice through a stale copy of a request is an invalid request error") {
    auto r = run(config(2), [](Comm& w) {
        if (w.rank() == 0) {
            Request req = w.isend(7, 1, 0);
            Request copy = req;
            w.wait(req);
            w.wait(copy);
        } else {
            w.recv(0, 0);
        }
    });
    REQUIRE(status(r) == "error");
    CHECK(r.outcome().error->kind == "invalid request");
    CHECK(r.outcome().error->call == "wait");
}

TEST_CASE("a request of another rank is invalid") {
    auto r = run(config(2), [](Comm& w) {
        // Request ids are global; rank 1 guesses rank 0's.
        if (w.rank() == 0) {
            Request req = w.irecv(1, 0);
            w.send(0, 1, 1);
            w.wait(req);
        } else {
            w.recv(0, 1);
            Request guess{1};
            w.wait(guess);
        }
    });
    REQUIRE(status(r) == "error");
    CHECK(r.outcome().error->rank == 1);
}

TEST_CASE("waitany returns a completed request and waitsome all completed ones") {
    auto r = run(config(3), [](Comm& w) {
        if (w.rank() == 0) {
            std::vector<Request> reqs{w.irecv(1, 0), w.irecv(2, 0)};
            w.send(0, 2, 9);   // only rank 2 sends at first
            Status st;
            int first = w.waitany(reqs, &st);
            w.check(first == 1 && st.source == 2, "rank 2's receive completes first");
            w.check(reqs[1].is_null() && !reqs[0].is_null(), "only the completed one is nulled");
            w.send(0, 1, 9);
            std::vector<int> rest = w.waitsome(reqs);
            w.check(rest == std::vector<int>{0}, "waitsome returns the remaining one");
            w.check(w.waitany(reqs) == -1, "all null: -1");
        } else {
            w.recv(0, 9);
            w.send(w.rank(), 0, 0);
        }
    });
    CHECK(status(r) == "completed");
}

TEST_CASE("waitany returns the request that completed first in virtual time") {
    auto r = run(config(4), [](Comm& w) {
        if (w.rank() == 0) {
            std::vector<Request> reqs{w.irecv(1, 0), w.irecv(2, 0), w.irecv(3, 0)};
            w.recv(3, 1);   // a token passed 1 -> 2 -> 3 -> 0 after each rank sent its data
            Status st;
            w.waitany(reqs, &st);
            w.check(st.source == 3, "rank 3's message arrived first");
            w.waitall(reqs);
        } else {
            w.compute(0.1 * (4 - w.rank()));   // rank 3 sends at 0.1 s, rank 1 at 0.3 s
            w.send(w.rank(), 0, 0);
            if (w.rank() > 1) w.recv(w.rank() - 1, 1);
            w.send("token", w.rank() == 3 ? 0 : w.rank() + 1, 1);
        }
    });
    CHECK(status(r) == "completed");
}

TEST_CASE("testall completes nothing until every request is complete") {
    auto r = run(config(2), [](Comm& w) {
        if (w.rank() == 0) {
            std::vector<Request> reqs{w.irecv(1, 0), w.irecv(1, 1)};
            w.send(0, 1, 5);
            w.check(!w.testall(reqs) || true, "testall may fail first");
            while (!w.testall(reqs)) {
            }
            w.check(reqs[0].is_null() && reqs[1].is_null(), "all nulled together");
            w.check(w.testany(reqs) == -1, "all null");
        } else {
            w.recv(0, 5);
            w.send(1, 0, 0);
            w.compute(1.0);
            w.send(2, 0, 1);
        }
    });
    CHECK(status(r) == "completed");
}

TEST_CASE("probe reports a waiting message without receiving it and iprobe does not block") {
    auto r = run(config(2), [](Comm& w) {
        if (w.rank() == 0) {
            std::vector<std::int64_t> data(6, 3);
            w.Send(data, 1, 4);
        } else {
            Status nothing;
            bool early = w.iprobe(0, 99, &nothing);
            w.check(!early, "no message with tag 99");
            Status st = w.probe(0, ANY_TAG);
            w.check(st.tag == 4 && st.count == 6 && st.bytes == 48, "probe status");
            std::vector<std::int64_t> into(st.count);
            w.Recv(into, 0, 4);
        }
    });
    CHECK(status(r) == "completed");
}

TEST_CASE("requests never completed or never waited on are reported as warnings") {
    auto r = run(config(2), [](Comm& w) {
        if (w.rank() == 0) {
            w.isend(1, 1, 0);   // completes (eager) but is never waited on
            w.send(2, 1, 3);    // never received
        } else {
            w.irecv(0, 7);      // never matched
        }
    });
    REQUIRE(status(r) == "completed");
    const auto& warnings = r.outcome().warnings;
    REQUIRE(warnings.size() == 4);
    auto contains = [&](const char* text) {
        for (const auto& w : warnings)
            if (w.find(text) != std::string::npos) return true;
        return false;
    };
    CHECK(contains("never received"));
    CHECK(contains("never waited on"));
    CHECK(contains("never completed"));
}
