// The advice after a deadlock follows its cause, and the orderings it advises complete when applied
// literally, with zero buffering, at every rank count.
#include "core/explanation.hpp"
#include "tests/core/support.hpp"

using namespace mpilab;
using namespace mpilab::test;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string all_advice(const Explanation& e) {
    std::string text;
    for (const std::string& a : e.advice) text += a + "\n";
    return text;
}

Config zero_buffering(int ranks) {
    Config c = config(ranks);
    c.synchronous_sends = true;
    return c;
}

// The alltoall challenge's first attempt: every rank sends to every other, then receives.
void send_all_then_receive(Comm& comm) {
    std::vector<double> block(1000, comm.rank());
    for (int i = 0; i < comm.size(); ++i)
        if (i != comm.rank()) comm.Send(block, i);
    for (int i = 0; i < comm.size(); ++i)
        if (i != comm.rank()) comm.Recv(block, i);
}

}  // namespace

TEST_CASE("rank lists are compressed into ranges") {
    CHECK(rank_ranges({}) == "");
    CHECK(rank_ranges({3}) == "3");
    CHECK(rank_ranges({0, 1}) == "0, 1");
    CHECK(rank_ranges({5, 0, 1, 2, 3, 7, 8, 9, 1}) == "0-3, 5, 7-9");
    CHECK(ranks_text({4}) == "rank 4");
    CHECK(ranks_text({1, 2, 3}) == "ranks 1-3");
}

TEST_CASE("the advice for an alltoall of blocking sends is the pairwise ordering, which completes on any rank count") {
    for (int ranks : {2, 3, 4, 5, 8}) {
        const RunResult r = run(zero_buffering(ranks), send_all_then_receive);
        REQUIRE(status(r) == "deadlock");
        const Explanation e = explain(r.trace);
        const std::string text = all_advice(e);
        INFO(text);
        CHECK(!contains(text, "even ranks"));
        CHECK(contains(text, "in increasing rank order"));
        CHECK(contains(text, "the lower rank sends first"));
        CHECK(contains(text, "alltoall-ordered"));
        CHECK(contains(text, "alltoall-isend"));
        CHECK(contains(e.note, "only hides the bug"));
    }
    // The advice applied literally: partners in increasing rank order, the lower rank of a pair sends first.
    for (int ranks : {2, 3, 4, 5, 8}) {
        const RunResult r = run(zero_buffering(ranks), [](Comm& comm) {
            std::vector<double> out(1000, comm.rank()), in(1000);
            for (int i = 0; i < comm.size(); ++i) {
                if (comm.rank() < i) {
                    comm.Send(out, i);
                    comm.Recv(in, i);
                } else if (comm.rank() > i) {
                    comm.Recv(in, i);
                    comm.Send(out, i);
                }
            }
        });
        INFO(ranks, " ranks: ", r.outcome().message);
        CHECK(status(r) == "completed");
    }
    // Why parity is not advised beyond two ranks: on 3 ranks, even ranks 0 and 2 both send first.
    const RunResult parity = run(zero_buffering(3), [](Comm& comm) {
        std::vector<double> out(1000, comm.rank()), in(1000);
        for (int i = 0; i < comm.size(); ++i) {
            if (i == comm.rank()) continue;
            if (comm.rank() % 2 == 0) {
                comm.Send(out, i);
                comm.Recv(in, i);
            } else {
                comm.Recv(in, i);
                comm.Send(out, i);
            }
        }
    });
    CHECK(status(parity) == "deadlock");
}

TEST_CASE("a tag mismatch leads the advice with making the tags agree, at both lines, without the buffering note") {
    int send_line = 0, recv_line = 0;
    const RunResult r = run(config(2), [&](Comm& comm) {
        if (comm.rank() == 0) {
            send_line = __LINE__ + 1;
            comm.send(42, 1, /*tag=*/7);
        } else {
            recv_line = __LINE__ + 1;
            comm.recv(0, /*tag=*/8);
        }
    });
    REQUIRE(status(r) == "deadlock");
    const Explanation e = explain(r.trace);
    REQUIRE(!e.advice.empty());
    INFO(all_advice(e));
    CHECK(e.advice.front().starts_with("Make the tags agree"));
    CHECK(contains(e.advice.front(), "tag 8"));
    CHECK(contains(e.advice.front(), "tag 7"));
    CHECK(contains(e.advice.front(), "test_explanation.cpp:" + std::to_string(send_line)));
    CHECK(contains(e.advice.front(), "test_explanation.cpp:" + std::to_string(recv_line)));
    CHECK(e.note.empty());
}

TEST_CASE("a wildcard receive that took the wrong message is named with its line and the message left unreceived") {
    int wildcard_line = 0;
    const RunResult r = run(config(3), [&](Comm& comm) {
        if (comm.rank() == 0) {
            wildcard_line = __LINE__ + 1;
            comm.recv(ANY_SOURCE, 0);   // only rank 2's message can exist yet
            comm.recv(2, 0);            // assumes rank 2 has not been heard yet
        } else if (comm.rank() == 1) {
            comm.recv(2, 5);            // rank 1 sends only after rank 2 has sent to rank 0
            comm.send(1, 0, 0);
        } else {
            comm.send(2, 0, 0);
            comm.send(2, 1, 5);
        }
    });
    REQUIRE(status(r) == "deadlock");
    const Explanation e = explain(r.trace);
    REQUIRE(!e.advice.empty());
    INFO(all_advice(e));
    CHECK(contains(e.advice.front(), "ANY_SOURCE at"));
    CHECK(contains(e.advice.front(), "test_explanation.cpp:" + std::to_string(wildcard_line)));
    CHECK(contains(e.advice.front(), "took rank 2's message"));
    CHECK(contains(e.advice.front(), "rank 1's message"));
    CHECK(contains(e.advice.front(), "never received"));
}

TEST_CASE("the advice spells calls as the program's language does") {
    RunResult r = run(zero_buffering(2), send_all_then_receive);
    REQUIRE(status(r) == "deadlock");
    CHECK(contains(all_advice(explain(r.trace)), "sendrecv / Sendrecv"));
    r.trace.run.scenario = "exchange.c";
    CHECK(language_of(r.trace) == Language::C);
    CHECK(contains(all_advice(explain(r.trace)), "MPI_Sendrecv"));
    CHECK(contains(all_advice(explain(r.trace)), "MPI_Waitall"));
    r.trace.run.scenario = "exchange.py";
    CHECK(language_of(r.trace) == Language::Python);
    CHECK(contains(all_advice(explain(r.trace)), "comm.sendrecv"));
}

TEST_CASE("a blocked collective is explained without its algorithm's rounds unless an algorithm was chosen") {
    auto program = [](Comm& comm) {
        if (comm.rank() == 0) comm.Barrier();
        comm.recv(ANY_SOURCE, 3);
    };
    const RunResult plain = run(config(4), program);
    REQUIRE(status(plain) == "deadlock");
    CHECK(!contains(plain.outcome().message, "round"));
    CHECK(contains(all_advice(explain(plain.trace)), "Barrier"));
    Config chosen = config(4);
    chosen.algorithms = {{"barrier", "linear"}};
    const RunResult with_algorithm = run(chosen, program);
    REQUIRE(status(with_algorithm) == "deadlock");
    CHECK(contains(with_algorithm.outcome().message, "round"));
}

TEST_CASE("a deadlock of a thousand ranks is explained in a message of bounded length") {
    const RunResult r = run(config(1000), [](Comm& comm) {
        if (comm.rank() == 0) comm.recv(ANY_SOURCE, 1);
        else comm.recv(0, 1);
    });
    REQUIRE(status(r) == "deadlock");
    INFO(r.outcome().message.substr(0, 2000));
    CHECK(r.outcome().message.size() < 4000);
    CHECK(r.outcome().deadlock->blocked.size() == 1000);
}
