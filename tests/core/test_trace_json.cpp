// The trace JSON format: a trace with every field set survives export and import unchanged, the text is
// stable across round trips, and every kind of damage (syntax, schema, out-of-range index, random
// mutation) ends in a TraceFormatError that says where — never in a crash.
#include "core/trace_check.hpp"
#include "core/trace_json.hpp"
#include "tests/core/trace_mutation.hpp"

#include <doctest/doctest.h>

#include <bit>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <set>
#include <sstream>
#include <vector>

#include <unistd.h>

using namespace mpilab;

namespace {

CallRecord call(std::int32_t rank, CallKind kind, double enter, double leave, std::uint8_t flags = 0) {
    CallRecord c;
    c.rank = rank;
    c.kind = kind;
    c.enter = enter;
    c.leave = leave;
    c.flags = flags;
    c.location = 0;
    return c;
}

MessageRecord message(std::int32_t src, std::int32_t dst, std::int64_t bytes, Protocol protocol, std::uint32_t send_call,
                      std::uint32_t recv_call) {
    MessageRecord m;
    m.src = src;
    m.dst = dst;
    m.bytes = bytes;
    m.protocol = protocol;
    m.send_call = send_call;
    m.recv_call = recv_call;
    return m;
}

// Three ranks that deadlocked after some traffic; every field of every table holds a value that differs
// from its default somewhere.
Trace sample_trace() {
    Trace t;
    t.run.scenario = "alltoall-deadlock";
    t.run.ranks = 3;
    t.run.eager_threshold = 65536;
    t.run.buffer_cap = 1 << 20;
    t.run.synchronous_sends = true;
    t.run.schedule = "random";
    t.run.seed = 0xfedcba9876543210ull;   // above 2^63
    t.run.latency = 1e-6;
    t.run.bandwidth = 1e10;
    t.run.params = {{"count", 10000}, {"label", "x\"y"}, {"ratio", 0.1}};
    t.run.algorithms = {{"alltoall", "pairwise"}};
    t.run.wall_seconds = 0.0123;

    t.locations = {{"scenarios/alltoall_deadlock.cpp", 42, "run"}, {"tests/\xc3\xbc.cpp", 7, "main"}};
    t.comms = {{0, "world", NONE, {0, 1, 2}}, {1, "world.split(color=1)", 0, {2, 0}}};
    t.algorithms = {"", "pairwise", "binomial"};

    CallRecord send = call(0, CallKind::Send, 0, 1.5e-6, CALL_BLOCKED);
    send.peer = 1;
    send.tag = 7;
    send.bytes = 80000;
    send.protocol = Protocol::Rendezvous;
    send.message = 0;
    CallRecord recv = call(1, CallKind::Recv, 0.1 + 0.2, 1.0 / 3.0, CALL_GENERIC);
    recv.peer = ANY_SOURCE;
    recv.tag = ANY_TAG;
    recv.bytes = 1 << 20;
    recv.message = 0;
    recv.location = 1;
    CallRecord isend = call(2, CallKind::Isend, 2e-6, 2e-6);
    isend.peer = 0;
    isend.request = 5;
    isend.message = 1;
    isend.protocol = Protocol::Eager;
    isend.comm = 1;
    isend.location = NONE;
    CallRecord wait = call(2, CallKind::Wait, 3e-6, 3e-6, CALL_GENERIC);   // generic flag on a call without flavours
    wait.request = 5;
    CallRecord reduce = call(0, CallKind::Reduce, 4e-6, 9e-6, CALL_GENERIC | CALL_BLOCKED);
    reduce.op = OpKind::Sum;
    reduce.algorithm = 2;
    reduce.peer = 0;
    reduce.tag = 3;
    CallRecord compute = call(1, CallKind::Compute, 5e-6, 6e-6);
    CallRecord stuck = call(1, CallKind::Recv, 1e-5, 1e-5, CALL_BLOCKED | CALL_UNFINISHED | 0x80);
    stuck.peer = 2;
    stuck.bytes = 4096;
    CallRecord failed = call(2, CallKind::Ssend, 1e-5, 1e-5, CALL_UNFINISHED | CALL_FAILED);
    failed.peer = 7;   // the invalid rank that made it fail
    t.calls = {send, recv, isend, wait, reduce, compute, stuck, failed};

    MessageRecord m0 = message(0, 1, 80000, Protocol::Rendezvous, 0, 1);
    m0.tag = 7;
    m0.type = TypeKind::Int64;
    m0.post_time = 0;
    m0.match_time = 0.3;
    m0.arrival_time = 1e-300;
    m0.complete_time = 1.0 / 3.0;
    m0.flags = MSG_RECEIVED | MSG_MATCHED | MSG_SYNCHRONOUS;
    MessageRecord m1 = message(2, 0, 8, Protocol::Eager, 2, NONE);   // never received
    m1.comm = 1;
    m1.type = TypeKind::Generic;
    m1.post_time = 2e-6;
    m1.flags = MSG_GENERIC | 0x80;
    MessageRecord m2 = message(1, 0, 16, Protocol::Eager, 5, 4);
    m2.type = TypeKind::DoubleInt;
    m2.post_time = 5e-324;
    m2.match_time = -0.0;
    m2.arrival_time = std::numeric_limits<double>::max();
    m2.complete_time = 4e-6;
    m2.flags = MSG_COLLECTIVE | MSG_RECEIVED | MSG_MATCHED;
    t.messages = {m0, m1, m2};

    t.output = {{0, 1e-6, "hello from rank 0"}, {1, 2e-6, "tab\there, newline\n, quote \" backslash \\ \x01 \xe2\x82\xac"}};
    t.ranks = {{9e-6, RankEnd::Finished, 0}, {1e-5, RankEnd::Deadlocked, 1}, {1e-5, RankEnd::Failed, NONE}};

    t.outcome.status = OutcomeStatus::Deadlock;
    t.outcome.message = "rank 1 waits for rank 2, which has stopped";
    DeadlockInfo d;
    BlockedCall b;
    b.rank = 1;
    b.call = 6;
    b.call_name = "Recv";
    b.peer = 2;
    b.tag = 0;
    b.bytes = 80000;
    b.protocol = Protocol::Rendezvous;
    b.requests = {5, 9};
    b.file = "scenarios/alltoall_deadlock.cpp";
    b.line = 42;
    b.reason = "receive of 80,000 bytes: waits for a matching send";
    BlockedCall b2;
    b2.rank = 2;
    b2.call = NONE;
    b2.peer = ANY_SOURCE;
    d.blocked = {b, b2};
    d.arcs = {{1, 2, ArcKind::And, "recv tag 0", true}, {2, 0, ArcKind::Or, "waitany", false}};
    d.cycle = {1, 2};
    d.knot = {2};
    d.finished = {0};
    t.outcome.deadlock = d;
    t.outcome.results = {{"pi", 3.141592653589793}, {"n", {1, 2, 3}}, {"nested", {{"ok", true}, {"none", nullptr}}}};
    t.outcome.warnings = {"1 message was never received", "request 5 never completed"};
    t.events = {{0, EventKind::Enter},  {0, EventKind::Post},   {1, EventKind::Enter}, {0, EventKind::Match},
                {0, EventKind::Deliver}, {0, EventKind::Return}, {1, EventKind::Return}, {0, EventKind::Finish},
                {1, EventKind::Print},   {1, EventKind::Finish},  {2, EventKind::Finish}};
    return t;
}

// The sample ended by an error instead of the deadlock (an outcome has one or the other).
Trace sample_error_trace() {
    Trace t = sample_trace();
    t.outcome.status = OutcomeStatus::Error;
    t.outcome.deadlock.reset();
    ErrorInfo e;
    e.rank = 2;
    e.call = "Ssend";
    e.call_index = 7;
    e.file = "x.cpp";
    e.line = 3;
    e.kind = "invalid rank";
    e.message = "rank 7 does not exist";
    t.outcome.error = e;
    return t;
}

bool same_double(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }

void check_same(const Trace& a, const Trace& b) {
    CHECK(a.run.scenario == b.run.scenario);
    CHECK(a.run.ranks == b.run.ranks);
    CHECK(a.run.eager_threshold == b.run.eager_threshold);
    CHECK(a.run.buffer_cap == b.run.buffer_cap);
    CHECK(a.run.synchronous_sends == b.run.synchronous_sends);
    CHECK(a.run.schedule == b.run.schedule);
    CHECK(a.run.seed == b.run.seed);
    CHECK(same_double(a.run.latency, b.run.latency));
    CHECK(same_double(a.run.bandwidth, b.run.bandwidth));
    CHECK(a.run.params == b.run.params);
    CHECK(a.run.algorithms == b.run.algorithms);
    CHECK(same_double(a.run.wall_seconds, b.run.wall_seconds));

    CHECK(a.events == b.events);
    CHECK(a.outcome.status == b.outcome.status);
    CHECK(a.outcome.message == b.outcome.message);
    CHECK(a.outcome.results == b.outcome.results);
    CHECK(a.outcome.warnings == b.outcome.warnings);
    REQUIRE(a.outcome.deadlock.has_value() == b.outcome.deadlock.has_value());
    if (a.outcome.deadlock) {
        const DeadlockInfo& x = *a.outcome.deadlock;
        const DeadlockInfo& y = *b.outcome.deadlock;
        CHECK(x.cycle == y.cycle);
        CHECK(x.knot == y.knot);
        CHECK(x.finished == y.finished);
        REQUIRE(x.blocked.size() == y.blocked.size());
        for (std::size_t i = 0; i < x.blocked.size(); ++i) {
            const BlockedCall& p = x.blocked[i];
            const BlockedCall& q = y.blocked[i];
            CHECK(p.rank == q.rank);
            CHECK(p.call == q.call);
            CHECK(p.call_name == q.call_name);
            CHECK(p.peer == q.peer);
            CHECK(p.tag == q.tag);
            CHECK(p.bytes == q.bytes);
            CHECK(p.protocol == q.protocol);
            CHECK(p.requests == q.requests);
            CHECK(p.file == q.file);
            CHECK(p.line == q.line);
            CHECK(p.reason == q.reason);
        }
        REQUIRE(x.arcs.size() == y.arcs.size());
        for (std::size_t i = 0; i < x.arcs.size(); ++i) {
            CHECK(x.arcs[i].from == y.arcs[i].from);
            CHECK(x.arcs[i].to == y.arcs[i].to);
            CHECK(x.arcs[i].kind == y.arcs[i].kind);
            CHECK(x.arcs[i].label == y.arcs[i].label);
            CHECK(x.arcs[i].to_finished == y.arcs[i].to_finished);
        }
    }
    REQUIRE(a.outcome.error.has_value() == b.outcome.error.has_value());
    if (a.outcome.error) {
        const ErrorInfo& x = *a.outcome.error;
        const ErrorInfo& y = *b.outcome.error;
        CHECK(x.rank == y.rank);
        CHECK(x.call == y.call);
        CHECK(x.call_index == y.call_index);
        CHECK(x.file == y.file);
        CHECK(x.line == y.line);
        CHECK(x.kind == y.kind);
        CHECK(x.message == y.message);
    }

    REQUIRE(a.calls.size() == b.calls.size());
    for (std::size_t i = 0; i < a.calls.size(); ++i) {
        const CallRecord& x = a.calls[i];
        const CallRecord& y = b.calls[i];
        CAPTURE(i);
        CHECK(same_double(x.enter, y.enter));
        CHECK(same_double(x.leave, y.leave));
        CHECK(x.bytes == y.bytes);
        CHECK(x.rank == y.rank);
        CHECK(x.peer == y.peer);
        CHECK(x.tag == y.tag);
        CHECK(x.comm == y.comm);
        CHECK(x.location == y.location);
        CHECK(x.request == y.request);
        CHECK(x.message == y.message);
        CHECK(x.kind == y.kind);
        CHECK(x.flags == y.flags);
        CHECK(x.protocol == y.protocol);
        CHECK(x.op == y.op);
        CHECK(x.algorithm == y.algorithm);
    }
    REQUIRE(a.messages.size() == b.messages.size());
    for (std::size_t i = 0; i < a.messages.size(); ++i) {
        const MessageRecord& x = a.messages[i];
        const MessageRecord& y = b.messages[i];
        CAPTURE(i);
        CHECK(same_double(x.post_time, y.post_time));
        CHECK(same_double(x.match_time, y.match_time));
        CHECK(same_double(x.arrival_time, y.arrival_time));
        CHECK(same_double(x.complete_time, y.complete_time));
        CHECK(x.bytes == y.bytes);
        CHECK(x.src == y.src);
        CHECK(x.dst == y.dst);
        CHECK(x.tag == y.tag);
        CHECK(x.comm == y.comm);
        CHECK(x.send_call == y.send_call);
        CHECK(x.recv_call == y.recv_call);
        CHECK(x.protocol == y.protocol);
        CHECK(x.flags == y.flags);
        CHECK(x.type == y.type);
    }
    REQUIRE(a.output.size() == b.output.size());
    for (std::size_t i = 0; i < a.output.size(); ++i) {
        CHECK(a.output[i].rank == b.output[i].rank);
        CHECK(same_double(a.output[i].time, b.output[i].time));
        CHECK(a.output[i].text == b.output[i].text);
    }
    CHECK(a.locations == b.locations);
    REQUIRE(a.comms.size() == b.comms.size());
    for (std::size_t i = 0; i < a.comms.size(); ++i) {
        CHECK(a.comms[i].id == b.comms[i].id);
        CHECK(a.comms[i].name == b.comms[i].name);
        CHECK(a.comms[i].parent == b.comms[i].parent);
        CHECK(a.comms[i].members == b.comms[i].members);
    }
    REQUIRE(a.ranks.size() == b.ranks.size());
    for (std::size_t i = 0; i < a.ranks.size(); ++i) {
        CHECK(same_double(a.ranks[i].end_time, b.ranks[i].end_time));
        CHECK(a.ranks[i].end == b.ranks[i].end);
        CHECK(a.ranks[i].last_location == b.ranks[i].last_location);
    }
    CHECK(a.algorithms == b.algorithms);
}

// The message of the TraceFormatError that importing `text` raises ("" if it imports).
std::string error_of(std::string_view text) {
    try {
        trace_from_json(text);
    } catch (const TraceFormatError& e) {
        return e.what();
    }
    return "";
}

std::string replaced(std::string text, std::string_view from, std::string_view to) {
    auto at = text.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, "the export should contain " << from);
    return text.replace(at, from.size(), to);
}

std::string error_after_export(const Trace& t) { return error_of(trace_to_json(t)); }

}  // namespace

TEST_CASE("trace json: a trace with every field set survives export and import unchanged") {
    for (const Trace& original : {sample_trace(), sample_error_trace()}) {
        std::string text = trace_to_json(original);
        Trace loaded = trace_from_json(text);
        check_same(original, loaded);
    }
}

TEST_CASE("trace json: export of an imported export is byte-identical, compact or indented, with or without wall time") {
    Trace original = sample_trace();
    for (int indent : {-1, 0, 2, 4}) {
        for (bool wall : {true, false}) {
            CAPTURE(indent);
            CAPTURE(wall);
            JsonOptions options{wall, indent};
            std::string first = trace_to_json(original, options);
            std::string second = trace_to_json(trace_from_json(first), options);
            CHECK(first == second);
        }
    }
}

TEST_CASE("trace json: the JSON says what it means: format, version, readable names") {
    std::string text = trace_to_json(sample_trace());
    CHECK(text.starts_with(R"({"format":"mpilab-trace","version":1,"run":{"scenario":"alltoall-deadlock")"));
    CHECK(text.find(R"("call":"Send")") != std::string::npos);
    CHECK(text.find(R"("call":"recv")") != std::string::npos);
    CHECK(text.find(R"("protocol":"rendezvous")") != std::string::npos);
    CHECK(text.find(R"("op":"SUM")") != std::string::npos);
    CHECK(text.find(R"("flags":["blocked","unfinished","bit7"])") != std::string::npos);
    CHECK(text.find(R"("flags":["received","matched","synchronous"])") != std::string::npos);
    CHECK(text.find(R"("match_time":null)") != std::string::npos);   // never matched
    CHECK(text.find(R"("recv_call":null)") != std::string::npos);
    CHECK(text.find(R"("status":"deadlock")") != std::string::npos);
    CHECK(text.find(R"("seed":18364758544493064720)") != std::string::npos);
    CHECK(text.find("\"wall_seconds\"") != std::string::npos);
    CHECK(trace_to_json(sample_trace(), {false, -1}).find("\"wall_seconds\"") == std::string::npos);

    std::string pretty = trace_to_json(sample_trace(), {true, 2});
    CHECK(pretty.find("\n  \"calls\": [\n    {\"rank\":0,\"call\":\"Send\"") != std::string::npos);
    CHECK(nlohmann::json::parse(pretty) == nlohmann::json::parse(text));
}

TEST_CASE("trace json: the run and outcome objects alone are what the trace holds") {
    Trace t = sample_trace();
    auto whole = nlohmann::ordered_json::parse(trace_to_json(t));
    CHECK(whole["run"] == run_to_json(t.run));
    CHECK(whole["outcome"] == outcome_to_json(t));
    // The threshold's source and the advice are derived from the trace: the outcome itself is written without them.
    auto outcome = whole["outcome"];
    outcome.erase("eager_threshold_text");
    outcome.erase("advice");
    outcome.erase("advice_note");
    CHECK(outcome == outcome_to_json(t.outcome));
}

TEST_CASE("trace json: doubles round-trip bit for bit; non-finite ones are written but a trace holding them is refused") {
    Trace t = sample_trace();
    const double values[] = {0.1 + 0.2, 1.0 / 3.0, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, -0.0,
                             123456789.123456789, 1e21, 1e-7, 4.35, 0.0};
    for (double v : values) {
        t.calls[0].enter = v;
        t.calls[0].leave = v;
        t.messages[0].post_time = v;
        t.run.latency = v;
        Trace back = trace_from_json(trace_to_json(t));
        CHECK(same_double(back.calls[0].enter, v));
        CHECK(same_double(back.messages[0].post_time, v));
        CHECK(same_double(back.run.latency, v));
    }
    t.run.latency = std::numeric_limits<double>::infinity();
    t.calls[0].leave = std::numeric_limits<double>::quiet_NaN();
    const std::string text = trace_to_json(t);
    CHECK(text.find(R"("latency":"Infinity")") != std::string::npos);
    CHECK(text.find(R"("leave":"NaN")") != std::string::npos);
    CHECK(error_of(text) == "run.latency = Infinity but the latency must be a finite number of seconds >= 0");
}

TEST_CASE("trace json: strings keep every character, and invalid UTF-8 becomes U+FFFD once and stays") {
    Trace t = sample_trace();
    std::string all_controls;
    for (int c = 1; c < 0x20; ++c) all_controls.push_back(static_cast<char>(c));
    t.output[0].text = all_controls + "\xf0\x9f\x98\x80 \xe4\xb8\xad / \\ \"";
    t.output[1].text = std::string("bad \xff\xfe and cut \xe2\x82", 17);
    std::string first = trace_to_json(t);
    Trace back = trace_from_json(first);
    CHECK(back.output[0].text == t.output[0].text);
    CHECK(back.output[1].text == "bad \xEF\xBF\xBD\xEF\xBF\xBD and cut \xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(trace_to_json(back) == first);
    // \u escapes, including a surrogate pair, read as UTF-8.
    std::string escaped = replaced(trace_to_json(sample_trace()), R"("hello from rank 0")", R"("\u00fc\ud83d\ude00\/")");
    CHECK(trace_from_json(escaped).output[0].text == "\xc3\xbc\xf0\x9f\x98\x80/");
}

TEST_CASE("trace json: a foreign or future file is named as such") {
    std::string text = trace_to_json(sample_trace());
    CHECK(error_of("") == "the text is empty: not an mpilab trace");
    CHECK(error_of("   \n ") == "the text is empty: not an mpilab trace");
    CHECK(error_of("[1,2]").find("not an mpilab trace (expected a JSON object") != std::string::npos);
    CHECK(error_of(R"({"traceEvents":[]})") == R"(not an mpilab trace (missing "format": "mpilab-trace"))");
    CHECK(error_of(replaced(text, R"("format":"mpilab-trace")", R"("format":"chrome")"))
              .find(R"(not an mpilab trace ("format" is "chrome", expected "mpilab-trace"))") != std::string::npos);
    CHECK(error_of(replaced(text, R"("version":1)", R"("version":2)"))
              .find("unsupported version 2 (this mpilab reads version 1)") != std::string::npos);
    CHECK(error_of(replaced(text, R"("version":1,)", "")).find("no \"version\"") != std::string::npos);
    // format and version are found wherever they are in the object
    std::string moved = replaced(text, R"("format":"mpilab-trace","version":1,)", "");
    moved = replaced(moved, R"("algorithms":["","pairwise","binomial"])",
                     R"("algorithms":["","pairwise","binomial"],"version":1,"format":"mpilab-trace")");
    CHECK(error_of(moved) == "");
}

TEST_CASE("trace json: syntax errors give line and column") {
    std::string pretty = trace_to_json(sample_trace(), {true, 2});
    // Line 2 is `  "format": "mpilab-trace",`; break the comma after it.
    std::string broken = replaced(pretty, "\"mpilab-trace\",\n", "\"mpilab-trace\" ;\n");
    CHECK(error_of(broken) == "line 2, column 28: expected ',' or '}' after an object member, found ';'");
    std::string truncated = pretty.substr(0, pretty.size() / 2);
    CHECK(error_of(truncated).find("unexpected end of the text (is the file truncated?)") != std::string::npos);
    CHECK(error_of(truncated).starts_with("line "));
    std::string text = trace_to_json(sample_trace());
    CHECK(error_of(text + "x") == "line 1, column " + std::to_string(text.size() + 1) +
                                      ": unexpected 'x' after the end of the trace object");
    CHECK(error_of(replaced(text, R"("tag":7,)", R"("tag":07,)")).find("expected ',' or '}'") != std::string::npos);
    CHECK(error_of(replaced(text, R"("tag":7,)", R"("tag":7,,)")).find("expected a member name") != std::string::npos);
    CHECK(error_of(replaced(text, R"("cycle":[1,2])", R"("cycle":[1,2,])")).find("expected a value after ','") != std::string::npos);
    CHECK(error_of(replaced(text, "hello from", "hello\x01 from")).find("control character") != std::string::npos);
    CHECK(error_of(replaced(text, "hello from", "hello \\q from")).find("invalid escape") != std::string::npos);
    CHECK(error_of(replaced(text, "hello from", "hello \xff from")).find("invalid UTF-8") != std::string::npos);
    CHECK(error_of(replaced(text, "hello from", "hello \\ud800 from")).find("surrogate") != std::string::npos);
    CHECK(error_of(replaced(text, R"("synchronous_sends":true)", R"("synchronous_sends":tru)")).find("invalid literal") != std::string::npos);
}

TEST_CASE("trace json: schema errors give the JSON path and say what is wrong") {
    std::string text = trace_to_json(sample_trace());
    auto error = [&](std::string_view from, std::string_view to) { return error_of(replaced(text, from, to)); };
    CHECK(error(R"("comm":0,"location":0)", R"("comm":"world","location":0)")
              .starts_with("calls[0].comm: expected an integer, found a string (line 1, column "));
    CHECK(error(R"("call":"Send")", R"("call":"Sned")").starts_with(R"(calls[0].call: unknown call "Sned")"));
    CHECK(error(R"("call":"Send")", R"("call":"send")").starts_with(R"(calls[0].call: the call is spelled "send" but its flags lack "generic")"));
    CHECK(error(R"("tag":7,)", "").starts_with(R"(calls[0]: missing "tag")"));
    CHECK(error(R"("tag":7,)", R"("tag":7,"tag":8,)").starts_with(R"(calls[0]: the member "tag" appears twice)"));
    CHECK(error(R"("tag":7,)", R"("tag":7.5,)").starts_with("calls[0].tag: expected an integer, found 7.5"));
    CHECK(error(R"("tag":7,)", R"("tag":4294967296,)").starts_with("calls[0].tag: 4294967296 is out of range"));
    CHECK(error(R"("protocol":"rendezvous","op")", R"("protocol":"fast","op")")
              .starts_with(R"(calls[0].protocol: unknown protocol "fast" (expected one of "none", "eager", "rendezvous"))"));
    CHECK(error(R"("flags":["blocked"]})", R"("flags":["blokced"]})")
              .starts_with(R"(calls[0].flags[0]: unknown flag "blokced")"));
    CHECK(error(R"({"id":1,)", R"({"id":4,)").starts_with("messages[1].id: id 4 but this is message 1"));
    CHECK(error(R"("type":"int64")", R"("type":"int65")").starts_with(R"(messages[0].type: unknown element type "int65")"));
    CHECK(error(R"("status":"deadlock")", R"("status":"stuck")").starts_with(R"(outcome.status: unknown status "stuck")"));
    CHECK(error(R"("kind":"or")", R"("kind":"xor")").starts_with(R"(outcome.deadlock.arcs[1].kind: unknown arc kind "xor")"));
    CHECK(error(R"("requests":[5,9])", R"("requests":[5,-9])").starts_with("outcome.deadlock.blocked[0].requests[1]: -9 is out of range"));
    CHECK(error(R"("ranks":3,)", R"("ranks":0,)").starts_with("run.ranks: 0 is out of range"));
    CHECK(error(R"("seed":18364758544493064720)", R"("seed":-1)").starts_with("run.seed: -1 is out of range"));
    CHECK(error(R"("latency":1e-06)", R"("latency":"fast")").starts_with(R"(run.latency: expected a number (or "NaN", "Infinity", "-Infinity"), found the string "fast")"));
    CHECK(error(R"("latency":1e-06)", R"("latency":1e999)").starts_with("run.latency: 1e999 is out of the range of a double"));
    CHECK(error(R"("calls":[)", R"("calls":{"x":[)").starts_with("calls: expected an array, found an object"));
    CHECK(error(R"("run":{)", R"("run":[{)").starts_with("run: expected an object, found an array"));
    CHECK(error(R"("algorithms":["","pairwise","binomial"])", R"("algorithms":["",2,"binomial"])").starts_with("algorithms[1]: expected a string, found a number"));
    CHECK(error(R"("warnings":[)", R"("warnings":[true,)").starts_with("outcome.warnings[0]: expected a string, found a boolean"));
    CHECK(error(R"("comms":[)", R"("comms":[],"comms":[)").starts_with("the member \"comms\" appears twice"));
    std::string no_calls = replaced(text, R"("calls":[)", R"("calls_":[)");
    CHECK(error_of(no_calls).starts_with(R"(missing "calls" (line 1, column 1))"));
    // unknown members are ignored, so a newer writer's additions do not break this reader
    CHECK(error(R"("tag":7,)", R"("tag":7,"colour":{"r":[1,2]},)") == "");
}

TEST_CASE("trace json: every index is checked against its table") {
    auto with = [](auto change) {
        Trace t = sample_trace();
        change(t);
        return error_after_export(t);
    };
    CHECK(with([](Trace& t) { t.calls[3].comm = 7; }) == "calls[3].comm = 7 but the trace has 2 communicators");
    CHECK(with([](Trace& t) { t.calls[1].location = 2; }) == "calls[1].location = 2 but the trace has 2 locations");
    CHECK(with([](Trace& t) { t.calls[0].message = 3; }) == "calls[0].message = 3 but the trace has 3 messages");
    CHECK(with([](Trace& t) { t.calls[4].algorithm = 3; }) == "calls[4].algorithm = 3 but the trace has 3 algorithm names");
    CHECK(with([](Trace& t) { t.calls[2].rank = 3; }) == "calls[2].rank = 3 but the run has 3 ranks");
    CHECK(with([](Trace& t) { t.calls[2].rank = -1; }) == "calls[2].rank = -1 but the run has 3 ranks");
    CHECK(with([](Trace& t) { t.calls[0].peer = 3; }) ==
          "calls[0].peer = 3 but the run has 3 ranks (a peer is a rank, -1 for any source or -2 for none)");
    CHECK(with([](Trace& t) { t.calls[0].peer = PROC_NULL; }) == "");
    CHECK(with([](Trace& t) { t.messages[2].src = 5; }) == "messages[2].src = 5 but the run has 3 ranks");
    CHECK(with([](Trace& t) { t.messages[2].dst = 3; }) == "messages[2].dst = 3 but the run has 3 ranks");
    CHECK(with([](Trace& t) { t.messages[1].comm = 2; }) == "messages[1].comm = 2 but the trace has 2 communicators");
    CHECK(with([](Trace& t) { t.messages[0].send_call = 8; }) == "messages[0].send_call = 8 but the trace has 8 calls");
    CHECK(with([](Trace& t) { t.messages[0].recv_call = 100; }) == "messages[0].recv_call = 100 but the trace has 8 calls");
    CHECK(with([](Trace& t) { t.output[1].rank = 3; }) == "output[1].rank = 3 but the run has 3 ranks");
    CHECK(with([](Trace& t) { t.comms[1].parent = 1; }) ==
          "comms[1].parent = 1 but a communicator's parent must be an earlier communicator");
    CHECK(with([](Trace& t) { t.comms[1].members[1] = 9; }) == "comms[1].members[1] = 9 but the run has 3 ranks");
    CHECK(with([](Trace& t) { t.comms[1].id = 0; }).starts_with("comms[1].id: id 0 but this is communicator 1"));
    CHECK(with([](Trace& t) { t.ranks.pop_back(); }) == "ranks: the table has 2 entries but run.ranks = 3");
    CHECK(with([](Trace& t) { t.ranks[2].last_location = 5; }) == "ranks[2].last_location = 5 but the trace has 2 locations");
    CHECK(with([](Trace& t) { t.outcome.deadlock->blocked[0].call = 8; }) ==
          "outcome.deadlock.blocked[0].call = 8 but the trace has 8 calls");
    CHECK(with([](Trace& t) { t.outcome.deadlock->blocked[1].rank = 4; }) ==
          "outcome.deadlock.blocked[1].rank = 4 but the run has 3 ranks");
    CHECK(with([](Trace& t) { t.outcome.deadlock->arcs[1].to = 3; }) == "outcome.deadlock.arcs[1].to = 3 but the run has 3 ranks");
    CHECK(with([](Trace& t) { t.outcome.deadlock->cycle[0] = 3; }) == "outcome.deadlock.cycle[0] = 3 but the run has 3 ranks");
    CHECK(with([](Trace& t) { t.outcome.deadlock->knot[0] = 3; }) == "outcome.deadlock.knot[0] = 3 but the run has 3 ranks");
    CHECK(with([](Trace& t) { t.outcome.deadlock->finished[0] = -2; }) == "outcome.deadlock.finished[0] = -2 but the run has 3 ranks");
    Trace error = sample_error_trace();
    error.outcome.error->rank = 3;
    CHECK(error_after_export(error) == "outcome.error.rank = 3 but the run has 3 ranks");
    error = sample_error_trace();
    error.outcome.error->call_index = 9;
    CHECK(error_after_export(error) == "outcome.error.call_index = 9 but the trace has 8 calls");
    CHECK(with([](Trace& t) { t.algorithms.clear(); }) == "calls[0].algorithm = 0 but the trace has 0 algorithm names");
    CHECK(with([](Trace& t) { t.events[2].index = 8; }) == "events[2][1] = 8 but the trace has 8 calls");
    CHECK(with([](Trace& t) { t.events[3].index = 3; }) == "events[3][1] = 3 but the trace has 3 messages");
    CHECK(with([](Trace& t) { t.events[10].index = 3; }) == "events[10][1] = 3 but the trace has 3 ranks");
    CHECK(with([](Trace& t) { t.events[8].index = 2; }) == "events[8][1] = 2 but the trace has 2 output lines");
}

TEST_CASE("trace json: events are [kind, index] pairs, and a trace without them still loads") {
    std::string text = trace_to_json(sample_trace());
    CHECK(text.find(R"("events":[["enter",0],["post",0],["enter",1],["match",0],["deliver",0],)") != std::string::npos);
    auto error = [&](std::string_view from, std::string_view to) { return error_of(replaced(text, from, to)); };
    CHECK(error(R"(["match",0])", R"(["meet",0])").starts_with(R"(events[3]: unknown event kind "meet" (expected one of "enter", "return", "post", "deliver", "match", "finish", "print"))"));
    CHECK(error(R"(["match",0])", R"(["match"])").starts_with("events[3]: an event is [kind, index], found no index"));
    CHECK(error(R"(["match",0])", R"(["match",0,1])").starts_with("events[3]: an event is [kind, index], found more than two items"));
    CHECK(error(R"(["match",0])", R"(["match",-1])").starts_with("events[3]: -1 is out of range"));
    CHECK(error(R"(["match",0])", R"([])").starts_with("events[3]: an event is [kind, index], found an empty array"));
    // written by an earlier mpilab: no event order, everything else as before
    const std::size_t at = text.find(R"(,"events":[)");
    REQUIRE(at != std::string::npos);
    std::string without = text.substr(0, at) + "}";
    Trace t = trace_from_json(without);
    CHECK(t.events.empty());
    CHECK(t.calls.size() == 8);
}

TEST_CASE("trace json: completed and error outcomes, and an empty trace, round-trip") {
    Trace error = sample_error_trace();
    error.outcome.error->rank = -1;   // an error that belongs to no rank
    error.outcome.error->call_index = NONE;
    Trace back = trace_from_json(trace_to_json(error));
    check_same(error, back);
    CHECK(trace_to_json(error).find(R"("error":{"rank":null,"call":"Ssend","call_index":null)") != std::string::npos);

    Trace empty;   // one rank that did nothing: the world communicator is all it has
    empty.ranks.resize(1);
    empty.comms = {{0, "world", NONE, {0}}};
    check_same(empty, trace_from_json(trace_to_json(empty)));
    CHECK(trace_to_json(trace_from_json(trace_to_json(empty))) == trace_to_json(empty));

    Trace cancelled = sample_trace();
    cancelled.outcome.status = OutcomeStatus::Cancelled;
    cancelled.outcome.deadlock.reset();
    cancelled.outcome.error.reset();
    cancelled.run.buffer_cap.reset();
    check_same(cancelled, trace_from_json(trace_to_json(cancelled, {true, 2})));
}

TEST_CASE("trace json: randomly mutated files either load and keep every invariant, or fail with a TraceFormatError") {
    // Seeded mutants of the sample and of traces mpilab recorded (the golden files), compact and indented.
    const Trace base = sample_trace();
    std::vector<std::string> sources = {trace_to_json(base), trace_to_json(base, {true, 2})};
    for (const char* golden : {"ring", "send-send", "type-mismatch", "bcast-reduce"}) {
        std::ifstream in(std::string("tests/cli/golden/") + golden + ".json", std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        REQUIRE_MESSAGE(!text.str().empty(), "tests/cli/golden/" << golden << ".json (the tests run from the repository root)");
        sources.push_back(text.str());
    }
    std::mt19937_64 rng(20240601);
    // MPILAB_JSON_MUTATIONS=N runs N mutations instead (for a long run under the sanitizers).
    const char* rounds_env = std::getenv("MPILAB_JSON_MUTATIONS");
    const int rounds = rounds_env ? std::atoi(rounds_env) : 4000;
    int loaded = 0;
    int rejected = 0;
    for (int round = 0; round < rounds; ++round) {
        const std::string text = testing::mutate_trace_text(sources[static_cast<std::size_t>(round) % sources.size()], rng);
        try {
            Trace t = trace_from_json(text);
            ++loaded;
            REQUIRE_NOTHROW(check_trace(t));   // no accept that breaks an invariant
            // Whatever loads is sound: it exports, and that export is a fixed point.
            std::string again = trace_to_json(t);
            REQUIRE(trace_to_json(trace_from_json(again)) == again);
        } catch (const TraceFormatError& e) {
            ++rejected;
            REQUIRE(std::string_view(e.what()).size() > 0);
        }
    }
    MESSAGE("mutations: " << loaded << " loaded, " << rejected << " rejected");
    CHECK(rejected > rounds / 4);
    CHECK(loaded > 0);
}

TEST_CASE("trace json: deeply nested values are refused, not overflowed") {
    std::string text = trace_to_json(sample_trace());
    std::string deep = std::string(100000, '[') + std::string(100000, ']');
    CHECK(error_of(replaced(text, R"("results":{)", R"("deep":)" + deep + R"(,"results":{)")).find("nested deeper than") !=
          std::string::npos);
    std::string ok = std::string(100, '[') + std::string(100, ']');
    CHECK(error_of(replaced(text, R"("results":{)", R"("results":{"deep":)" + ok + ",")) == "");
}

TEST_CASE("trace json: save_trace and load_trace use files and name the file in errors") {
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / ("mpilab-trace-json-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::string path = (dir / "t.json").string();
    Trace t = sample_trace();
    save_trace(t, path, {true, 2});
    check_same(t, load_trace(path));
    {
        std::ofstream bad(path, std::ios::trunc);
        bad << "{\"format\":\"mpilab-trace\",\"version\":1,\n\"run\":";
    }
    try {
        load_trace(path);
        FAIL("a truncated file must not load");
    } catch (const TraceFormatError& e) {
        CHECK(std::string(e.what()).starts_with(path + ": line 2, column 7: unexpected end of the text"));
    }
    CHECK_THROWS_AS(load_trace((dir / "missing.json").string()), std::runtime_error);
    CHECK_THROWS_WITH(load_trace(dir.string()), ("cannot read the trace file " + dir.string() + ": it is a directory").c_str());
    CHECK_THROWS_AS(save_trace(t, (dir / "no-such-dir" / "t.json").string()), std::runtime_error);
    fs::remove_all(dir);
}

TEST_CASE("trace json: a device or a /proc file is refused at the first byte no trace can start with") {
    // /dev/zero and /dev/full never end: the loader must stop at their first byte, not read until memory runs out.
    for (const char* device : {"/dev/zero", "/dev/full"}) {
        CAPTURE(device);
        CHECK_THROWS_WITH_AS(load_trace(device), doctest::Contains("not an mpilab trace (expected a JSON object starting with '{', found byte 0x00)"),
                             TraceFormatError);
    }
    // /dev/urandom: refused at its first byte, or (if that happens to be '{') soon after.
    CHECK_THROWS_AS(load_trace("/dev/urandom"), TraceFormatError);
    // A /proc file says its size is 0 but has text: it is read, and refused for what it holds.
    CHECK_THROWS_WITH_AS(load_trace("/proc/self/status"), doctest::Contains("found 'N'"), TraceFormatError);
}

TEST_CASE("trace json: a NUL byte in a file stops the reading there, naming where it is") {
    namespace fs = std::filesystem;
    const std::string path = (fs::temp_directory_path() / ("mpilab-nul-" + std::to_string(::getpid()) + ".json")).string();
    std::string text = trace_to_json(sample_trace());
    const std::size_t at = text.find(',', text.size() / 2);
    text[at] = '\0';
    std::ofstream(path, std::ios::binary) << text;
    CHECK_THROWS_WITH_AS(load_trace(path), doctest::Contains(("line 1, column " + std::to_string(at + 1) + ": ").c_str()), TraceFormatError);
    fs::remove(path);
}

TEST_CASE("trace json: a huge number or string is quoted in an error by its beginning and its length only") {
    std::string text = trace_to_json(sample_trace());
    const std::string digits(1'000'000, '7');
    std::string message = error_of(replaced(text, R"("tag":7,)", "\"tag\":" + digits + ","));
    CHECK(message.find("77777777... (1000000 characters) is out of range") != std::string::npos);
    CHECK(message.size() < 200);
    message = error_of(replaced(text, R"("call":"Send")", "\"call\":\"" + std::string(100'000, 'x') + "\""));
    CHECK(message.find("(100000 characters)") != std::string::npos);
    CHECK(message.size() < 200);
}

namespace {

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Checks one object of the export against its schema: every key it writes is a documented property, and
// every required property is written.
void check_against_schema(const nlohmann::json& object, const nlohmann::json& schema, const nlohmann::json& defs,
                          const std::string& where) {
    const nlohmann::json* s = &schema;
    if (s->contains("$ref")) s = &defs.at(s->at("$ref").get<std::string>().substr(std::string("#/$defs/").size()));
    CAPTURE(where);
    REQUIRE(s->contains("properties"));
    for (const auto& [key, value] : object.items()) CHECK_MESSAGE(s->at("properties").contains(key), where << "." << key << " is not in the schema");
    for (const auto& key : s->value("required", nlohmann::json::array()))
        CHECK_MESSAGE(object.contains(key.get<std::string>()), where << " lacks the required " << key);
    CHECK(s->value("additionalProperties", true) == true);   // readers ignore unknown members
}

}  // namespace

TEST_CASE("trace json: the JSON Schema documents exactly what the exporter writes") {
#ifdef MPILAB_SOURCE_DIR
    const std::string root = MPILAB_SOURCE_DIR;
#else
    const std::string root = ".";
#endif
    std::string schema_text = read_text(root + "/assets/trace-schema.json");
    REQUIRE_MESSAGE(!schema_text.empty(), "run the tests from the source tree");
    nlohmann::ordered_json ordered_schema = nlohmann::ordered_json::parse(schema_text);
    nlohmann::json schema = nlohmann::json::parse(schema_text);
    CHECK(schema["$schema"] == "https://json-schema.org/draft/2020-12/schema");
    const nlohmann::json& defs = schema["$defs"];

    Trace t = sample_trace();
    nlohmann::ordered_json exported = nlohmann::ordered_json::parse(trace_to_json(t));
    std::vector<std::string> written;
    for (const auto& [key, value] : exported.items()) written.push_back(key);
    std::vector<std::string> required = ordered_schema["required"].get<std::vector<std::string>>();
    CHECK(required == written);   // the same keys, in the order the exporter writes them

    nlohmann::json e = nlohmann::json::parse(trace_to_json(t));
    const nlohmann::json& props = schema["properties"];
    check_against_schema(e, schema, defs, "trace");
    check_against_schema(e["run"], props["run"], defs, "run");
    check_against_schema(e["outcome"], props["outcome"], defs, "outcome");
    const nlohmann::json& outcome_props = props["outcome"].contains("$ref")
                                              ? defs[props["outcome"]["$ref"].get<std::string>().substr(8)]["properties"]
                                              : props["outcome"]["properties"];
    check_against_schema(e["outcome"]["deadlock"], outcome_props["deadlock"], defs, "outcome.deadlock");
    auto deadlock_schema = outcome_props["deadlock"].contains("$ref")
                               ? defs[outcome_props["deadlock"]["$ref"].get<std::string>().substr(8)]
                               : outcome_props["deadlock"];
    check_against_schema(e["outcome"]["deadlock"]["blocked"][0], deadlock_schema["properties"]["blocked"]["items"], defs,
                         "outcome.deadlock.blocked[0]");
    check_against_schema(e["outcome"]["deadlock"]["arcs"][0], deadlock_schema["properties"]["arcs"]["items"], defs,
                         "outcome.deadlock.arcs[0]");
    const nlohmann::json with_error = nlohmann::json::parse(trace_to_json(sample_error_trace()));
    check_against_schema(with_error["outcome"]["error"], outcome_props["error"], defs, "outcome.error");
    for (const char* table : {"calls", "messages", "output", "locations", "comms", "ranks"})
        check_against_schema(e[table][0], props[table]["items"], defs, std::string(table) + "[0]");
    std::set<std::string> event_names;
    for (const auto& n : props["events"]["items"]["prefixItems"][0]["enum"]) event_names.insert(n.get<std::string>());
    CHECK(event_names.size() == static_cast<std::size_t>(EVENT_KINDS));
    for (const auto& event : e["events"]) {
        REQUIRE(event.size() == 2);
        CHECK(event_names.count(event[0].get<std::string>()) == 1);
        CHECK(event[1].is_number_unsigned());
    }
    // the enum names the schema lists are the ones the exporter uses
    std::set<std::string> call_names;
    for (const auto& n : defs["call_name"]["enum"]) call_names.insert(n.get<std::string>());
    for (int k = 0; k < static_cast<int>(CallKind::Count_); ++k) {
        CHECK(call_names.count(call_name(static_cast<CallKind>(k), false)) == 1);
        CHECK(call_names.count(call_name(static_cast<CallKind>(k), true)) == 1);
    }
}

// Throughput of export and import on a synthetic trace of 1,000,000 messages and 2,000,000 calls. Not a
// timed test: it runs only with MPILAB_JSON_BENCH=1 in the environment, and prints MB/s.
TEST_CASE("trace json: export and import throughput (MPILAB_JSON_BENCH=1)") {
    if (!std::getenv("MPILAB_JSON_BENCH")) return;
    const std::size_t messages = 1000000;
    const std::int32_t ranks = 64;
    Trace t;
    t.run.ranks = ranks;
    t.ranks.resize(ranks);
    t.comms = {{0, "world", NONE, {}}};
    for (std::int32_t r = 0; r < ranks; ++r) t.comms[0].members.push_back(r);
    t.locations = {{"scenarios/ring.cpp", 10, "run"}, {"scenarios/ring.cpp", 11, "run"}};
    t.calls.reserve(2 * messages);
    t.messages.reserve(messages);
    double clock = 0;
    for (std::size_t i = 0; i < messages; ++i) {
        auto src = static_cast<std::int32_t>(i % ranks);
        std::int32_t dst = (src + 1) % ranks;
        std::int64_t bytes = static_cast<std::int64_t>(8 << (i % 16));
        Protocol protocol = bytes <= 65536 ? Protocol::Eager : Protocol::Rendezvous;
        CallRecord s = call(src, CallKind::Send, clock, clock + 1.3e-6, protocol == Protocol::Rendezvous ? CALL_BLOCKED : 0);
        s.peer = dst;
        s.bytes = bytes;
        s.protocol = protocol;
        s.message = static_cast<std::uint32_t>(i);
        CallRecord r = call(dst, CallKind::Recv, clock + 0.2e-6, clock + 2.1e-6, CALL_BLOCKED);
        r.peer = src;
        r.bytes = bytes;
        r.location = 1;
        r.message = static_cast<std::uint32_t>(i);
        MessageRecord m = message(src, dst, bytes, protocol, static_cast<std::uint32_t>(2 * i), static_cast<std::uint32_t>(2 * i + 1));
        m.type = TypeKind::Double;
        m.post_time = clock;
        m.match_time = clock + 0.2e-6;
        m.arrival_time = clock + 1.1e-6 + static_cast<double>(bytes) / 1e10;
        m.complete_time = clock + 2.1e-6;
        m.flags = MSG_RECEIVED | MSG_MATCHED;
        t.calls.push_back(s);
        t.calls.push_back(r);
        t.messages.push_back(m);
        clock += 0.7e-6;
    }
    using clock_type = std::chrono::steady_clock;
    auto seconds = [](clock_type::time_point a, clock_type::time_point b) { return std::chrono::duration<double>(b - a).count(); };
    // Wall and CPU time: on a shared machine the CPU time says what the code costs.
    auto cpu = [] { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; };
    auto t0 = clock_type::now();
    double c0 = cpu();
    std::string text = trace_to_json(t);
    auto t1 = clock_type::now();
    double c1 = cpu();
    Trace back = trace_from_json(text);
    auto t2 = clock_type::now();
    double c2 = cpu();
    double mb = static_cast<double>(text.size()) / 1e6;
    std::printf("trace JSON: %zu messages, %zu calls, %.1f MB\n", t.messages.size(), t.calls.size(), mb);
    std::printf("  export %.3f s wall = %.0f MB/s, %.3f s CPU = %.0f MB/s\n", seconds(t0, t1), mb / seconds(t0, t1), c1 - c0,
                mb / (c1 - c0));
    std::printf("  import %.3f s wall = %.0f MB/s, %.3f s CPU = %.0f MB/s\n", seconds(t1, t2), mb / seconds(t1, t2), c2 - c1,
                mb / (c2 - c1));
    CHECK(back.messages.size() == messages);
    CHECK(trace_to_json(back) == text);
}
