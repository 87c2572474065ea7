// Buffers of non-blocking calls changed before the call completed (core/buffer_watch.hpp): an Isend's
// send buffer or an Irecv's receive buffer written between the call and the Wait or Test completing it
// is the error "buffer changed in flight" naming the call that posted it; a correct program of the same
// shape (reading the send buffer, reusing a buffer once its request completed) is not reported.
#include "core/buffer_watch.hpp"
#include "support.hpp"

#include <string>
#include <vector>

using namespace mpilab;
using namespace mpilab::test;

namespace {

std::string error_message(const RunResult& r) { return r.outcome().error ? r.outcome().error->message : ""; }

// Rank 0 sends `count` ints to rank 1 with Isend, optionally changing them before its Wait.
RunResult isend_then(std::int64_t count, bool change_before_wait, std::int64_t eager = 65536) {
    return run(config(2, eager), [=](Comm& w) {
        std::vector<int> data(static_cast<std::size_t>(count), 1);
        if (w.rank() == 0) {
            Request req = w.Isend(data, 1, 0);
            if (change_before_wait) data[data.size() / 2] = 2;
            int sum = 0;
            for (int x : data) sum += x;   // reading it is allowed
            w.wait(req);
            data[0] = sum;                 // changing it after the Wait is allowed
        } else {
            w.Recv(data, 0, 0);
        }
    });
}

}  // namespace

TEST_CASE("the buffer checksum tells equal contents from a change of one byte, at any length and alignment") {
    std::vector<unsigned char> bytes(100);
    for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<unsigned char>(i * 7);
    for (std::size_t offset : {0, 1, 3}) {
        for (std::size_t length : {0, 1, 7, 8, 9, 64, 95}) {
            CAPTURE(offset);
            CAPTURE(length);
            const std::uint64_t sum = buffer_checksum(bytes.data() + offset, length);
            std::vector<unsigned char> copy(bytes.begin() + static_cast<std::ptrdiff_t>(offset), bytes.end());
            CHECK(buffer_checksum(copy.data(), length) == sum);
            for (std::size_t at = 0; at < length; ++at) {
                copy[at] ^= 0x10;
                CHECK(buffer_checksum(copy.data(), length) != sum);
                copy[at] ^= 0x10;
            }
            if (length > 0) CHECK(buffer_checksum(bytes.data() + offset, length - 1) != sum);
        }
    }
}

TEST_CASE("a send buffer changed before its eager Isend completed is an error at the Wait naming the Isend") {
    RunResult r = isend_then(10, true);
    REQUIRE(status(r) == "error");
    CHECK(r.outcome().error->kind == "buffer changed in flight");
    CHECK(r.outcome().error->rank == 0);
    CHECK(r.outcome().error->call == "wait");
    CHECK(error_message(r).find("send buffer of the Isend at tests/core/test_buffer_watch.cpp:") != std::string::npos);
}

TEST_CASE("a send buffer changed before its rendezvous Isend completed is an error at the Wait") {
    RunResult r = isend_then(100'000, true, /*eager=*/1024);
    REQUIRE(status(r) == "error");
    CHECK(r.outcome().error->kind == "buffer changed in flight");
}

TEST_CASE("reading a send buffer in flight and changing it after the Wait is not reported") {
    CHECK(status(isend_then(10, false)) == "completed");
    CHECK(status(isend_then(100'000, false, 1024)) == "completed");
}

TEST_CASE("a receive buffer written before its message arrived is an error at the Wait naming the Irecv") {
    RunResult r = run(config(2), [](Comm& w) {
        std::vector<double> data(4, 0.0);
        if (w.rank() == 1) {
            Request req = w.Irecv(data, 0, 0);
            data[3] = 9.0;   // the message is not there yet: rank 0 sends after the barrier
            w.Barrier();
            w.wait(req);
        } else {
            w.Barrier();
            w.Send(data, 1, 0);
        }
    });
    REQUIRE(status(r) == "error");
    CHECK(r.outcome().error->rank == 1);
    CHECK(r.outcome().error->kind == "buffer changed in flight");
    CHECK(error_message(r).find("receive buffer of the Irecv at") != std::string::npos);
}

TEST_CASE("a receive buffer written after its message was delivered but before the Wait is an error") {
    RunResult r = run(config(2), [](Comm& w) {
        std::vector<double> data(4, 0.0);
        if (w.rank() == 1) {
            w.Barrier();   // rank 0's eager message is in the queue before the Irecv: it is delivered at once
            Request req = w.Irecv(data, 0, 0);
            data[0] = 9.0;
            w.wait(req);
        } else {
            w.Send(data, 1, 0);
            w.Barrier();
        }
    });
    REQUIRE(status(r) == "error");
    CHECK(r.outcome().error->kind == "buffer changed in flight");
}

TEST_CASE("a changed buffer is caught by waitall and by a test that completes the request too") {
    for (bool by_test : {false, true}) {
        CAPTURE(by_test);
        RunResult r = run(config(2), [by_test](Comm& w) {
            std::vector<int> data(8, 1);
            if (w.rank() == 0) {
                std::vector<Request> reqs{w.Isend(data, 1, 0)};
                data[7] = 5;
                if (by_test) {
                    while (!w.testall(reqs)) {}
                } else {
                    w.waitall(reqs);
                }
            } else {
                w.Recv(data, 0, 0);
            }
        });
        REQUIRE(status(r) == "error");
        CHECK(r.outcome().error->kind == "buffer changed in flight");
    }
}

TEST_CASE("a ring of Isend and Irecv that reuses its buffers only after each Waitall is not reported") {
    RunResult r = run(config(4), [](Comm& w) {
        std::vector<int> out(16, w.rank()), in(16, -1);
        const int right = (w.rank() + 1) % w.size(), left = (w.rank() + w.size() - 1) % w.size();
        for (int lap = 0; lap < 3; ++lap) {
            std::vector<Request> reqs{w.Irecv(in, left, lap), w.Isend(out, right, lap)};
            w.waitall(reqs);
            out = in;   // both requests are complete: both buffers are the program's again
        }
    });
    CHECK(status(r) == "completed");
}
