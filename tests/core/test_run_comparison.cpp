// Comparing two runs of a program (a recorded real run and its simulation): the same run agrees with
// itself whatever the spelling of its calls, and an outcome, a call sequence or a pair's messages that
// differ are each found and shown with both sides' calls and lines.
#include "core/run_comparison.hpp"
#include "tests/core/support.hpp"

#include <vector>

using namespace mpilab;
using namespace mpilab::test;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Two ranks exchange `bytes` bytes, both sending first: a deadlock above the eager threshold.
Trace send_send(std::int64_t eager, std::size_t bytes = 80000) {
    return run(config(2, eager), [bytes](Comm& w) {
        std::vector<char> out(bytes), in(bytes);
        w.Send(out, 1 - w.rank());
        w.Recv(in, 1 - w.rank());
    }).trace;
}

// A ring of generic messages with a compute() and a dup: calls only a simulation records.
Trace ring(int ranks, int tag_of_last = 0) {
    return run(config(ranks), [tag_of_last](Comm& w) {
        Comm copy = w.dup();
        const int next = (w.rank() + 1) % w.size(), previous = (w.rank() + w.size() - 1) % w.size();
        w.compute(1e-6);
        if (w.rank() == 0) {
            copy.send(1, next, 0);
            copy.send(2, next, tag_of_last);
            copy.recv(previous, 0);
            copy.recv(previous, tag_of_last);
        } else {
            copy.recv(previous, 0);
            copy.recv(previous, tag_of_last);
            copy.send(1, next, 0);
            copy.send(2, next, tag_of_last);
        }
    }).trace;
}

}  // namespace

TEST_CASE("a run agrees with itself: outcome, every rank's calls and every pair's messages") {
    const Trace a = ring(4);
    const Comparison c = compare_runs(a, a);
    CHECK(c.agree());
    CHECK(contains(format_comparison(c), "The runs agree: both COMPLETED"));
}

TEST_CASE("a deadlock agrees with the same deadlock: the same ranks blocked in the same calls at the same lines") {
    const Trace a = send_send(8255), b = send_send(8255);
    const Comparison c = compare_runs(a, b);
    CHECK(c.outcome.real == OutcomeStatus::Deadlock);
    REQUIRE(c.outcome.real_blocked.size() == 2);
    CHECK(c.outcome.real_blocked[0].call.name == "Send");
    CHECK(c.agree());
}

TEST_CASE("a hang on one side and a completed run on the other differ in outcome, and the hang's calls are shown") {
    const Trace hang = send_send(8255), completed = send_send(100000);
    const Comparison c = compare_runs(hang, completed);
    CHECK_FALSE(c.agree());
    CHECK_FALSE(c.outcome.agree);
    CHECK(c.outcome.simulated_blocked.empty());
    // The hang never reached its receives: both ranks' sequences end early on the real side.
    REQUIRE(c.calls.size() == 2);
    CHECK(c.calls[0].index == 1);
    CHECK(c.calls[0].real.call == NONE);
    CHECK(c.calls[0].simulated.name == "Recv");
    const std::string text = format_comparison(c);
    CHECK(contains(text, "Outcome: real run DEADLOCK, simulation COMPLETED"));
    CHECK(contains(text, "real:       rank 0 blocked in Send at "));
    CHECK(contains(text, "rank 1, call 2: real (no more calls), simulation Recv at "));
}

TEST_CASE("calls only a simulation records (compute, communicator constructors) are not compared") {
    Trace a = ring(3);
    std::vector<CallRecord> kept;
    for (const CallRecord& call : a.calls)
        if (call.kind != CallKind::Compute && call.kind != CallKind::CommDup) kept.push_back(call);
    Trace without = a;
    without.calls = kept;
    without.messages.clear();   // message indices would point at other calls: compare calls alone
    a.messages.clear();
    CHECK(comparable_calls(a, 1).size() == 4);
    CHECK(compare_runs(without, a).calls.empty());
}

TEST_CASE("generic and typed spellings of one call are the same call") {
    const Trace a = ring(3);
    Trace b = a;
    for (CallRecord& call : b.calls) call.flags &= static_cast<std::uint8_t>(~CALL_GENERIC);
    CHECK(compare_runs(a, b).calls.empty());
    CHECK(compare_runs(a, b).agree());
}

TEST_CASE("the first differing call of a rank is found with both calls and their lines") {
    const Trace a = ring(3);
    Trace b = a;
    const std::uint32_t second = comparable_calls(b, 2)[1];
    b.calls[second].kind = CallKind::Probe;
    const Comparison c = compare_runs(a, b);
    REQUIRE(c.calls.size() == 1);
    CHECK(c.calls[0].rank == 2);
    CHECK(c.calls[0].index == 1);
    CHECK(c.calls[0].real.name == "recv");
    CHECK(c.calls[0].simulated.name == "probe");
    CHECK(c.calls[0].real.line == c.calls[0].simulated.line);
    CHECK(c.calls[0].real.line > 0);
    CHECK(contains(format_comparison(c), "rank 2, call 2: real recv at "));
}

TEST_CASE("messages between a pair in another order of tags are a matching difference on that pair alone") {
    const Comparison c = compare_runs(ring(3, 0), ring(3, 7));
    CHECK(c.outcome.agree);
    CHECK(c.calls.empty());
    REQUIRE(c.messages.size() == 3);   // 0 -> 1, 1 -> 2, 2 -> 0
    const MessagePairDifference& d = c.messages[0];
    CHECK(d.src == 0);
    CHECK(d.dst == 1);
    CHECK(d.first_difference == 1);
    CHECK(d.real[1].tag == 0);
    CHECK(d.simulated[1].tag == 7);
    CHECK(d.comm == "world.dup");
    CHECK(contains(format_comparison(c), "rank 0 -> rank 1 on world.dup: 2 messages in the real run, 2 simulated; "
                                         "message 2 is tag 0"));
}

TEST_CASE("a pair that exchanges messages on one side only is a difference in count") {
    const Trace a = send_send(100000);
    Trace b = a;
    for (MessageRecord& m : b.messages)
        if (m.src == 1) m.flags |= MSG_COLLECTIVE;   // no longer a point-to-point message of the program
    const Comparison c = compare_runs(a, b);
    REQUIRE(c.messages.size() == 1);
    CHECK(c.messages[0].src == 1);
    CHECK(c.messages[0].real.size() == 1);
    CHECK(c.messages[0].simulated.empty());
    CHECK(contains(format_comparison(c), "message 1 is tag 0, 80,000 bytes in the real run, (no more messages) simulated"));
}

TEST_CASE("different rank counts differ, and the report lists at most 8 ranks unless verbose") {
    const Comparison small = compare_runs(ring(3), ring(4));
    CHECK_FALSE(small.agree());
    CHECK(contains(format_comparison(small), "Ranks: the real run has 3, the simulation 4"));
    Trace a = ring(12), b = a;
    for (CallRecord& call : b.calls)
        if (call.kind == CallKind::Recv) call.kind = CallKind::Probe;
    const Comparison many = compare_runs(a, b);
    CHECK(many.calls.size() == 12);
    CHECK(contains(format_comparison(many), "... and 4 more ranks (-v lists all)"));
    CHECK_FALSE(contains(format_comparison(many, true), "more ranks"));
}

TEST_CASE("the wait with which a front end completes blocking buffered sends is not compared; a program's own wait is") {
    const Trace t = run(config(2), [](Comm& w) {
        std::vector<char> out(100), in(100);
        Request buffered = w.buffered_send(out, 1 - w.rank(), 0, /*nonblocking=*/false);
        w.Recv(in, 1 - w.rank());
        Request own = w.Irecv(in, 1 - w.rank(), 1);
        w.Send(out, 1 - w.rank(), 1);
        w.wait(own);
        std::vector<Request> detach{buffered};
        w.waitall(detach);
    }).trace;
    std::string names;
    for (std::uint32_t i : comparable_calls(t, 0)) names += call_name(t.calls[i].kind, t.calls[i].generic()) + " ";
    CHECK(t.outcome.status == OutcomeStatus::Completed);
    CHECK(names == "Bsend Recv Irecv Send wait ");
}
