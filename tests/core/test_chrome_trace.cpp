// The Chrome trace export: one thread per rank, an X event per call, and every delivered message as a v2
// flow whose flow_out (on the sender's thread) comes no later than its flow_in (on the receiver's), as
// Perfetto needs to draw the arrow.
#include "core/chrome_trace.hpp"
#include "core/run.hpp"
#include "core/trace_json.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>

#include <unistd.h>

using namespace mpilab;

namespace {

CallRecord make_call(std::int32_t rank, CallKind kind, double enter, double leave, std::int32_t peer, std::uint32_t message) {
    CallRecord c;
    c.rank = rank;
    c.kind = kind;
    c.enter = enter;
    c.leave = leave;
    c.peer = peer;
    c.message = message;
    c.location = 0;
    return c;
}

MessageRecord make_message(std::int32_t src, std::int32_t dst, std::uint32_t send_call, std::uint32_t recv_call, double post,
                           double complete) {
    MessageRecord m;
    m.src = src;
    m.dst = dst;
    m.bytes = 8;
    m.send_call = send_call;
    m.recv_call = recv_call;
    m.post_time = post;
    m.match_time = post;
    m.arrival_time = complete;
    m.complete_time = complete;
    m.flags = MSG_RECEIVED | MSG_MATCHED;
    return m;
}

// Three ranks: a send whose receive starts after it, a receive posted before its send, a broadcast whose
// root sends two messages, a sendrecv pair, an unreceived message, and a receive stuck at the deadlock.
Trace flow_trace() {
    Trace t;
    t.run.scenario = "flows";
    t.run.ranks = 3;
    t.ranks.resize(3);
    t.comms = {{0, "world", NONE, {0, 1, 2}}};
    t.locations = {{"scenarios/flows.cpp", 12, "run"}};
    t.algorithms = {"", "linear"};
    t.calls = {
        make_call(0, CallKind::Send, 0, 1e-6, 1, 0),            // 0
        make_call(1, CallKind::Recv, 0.5e-6, 2e-6, 0, 0),       // 1: starts after the send
        make_call(2, CallKind::Recv, 0, 5e-6, 1, 1),            // 2: posted before its send
        make_call(1, CallKind::Send, 3e-6, 4e-6, 2, 1),         // 3
        make_call(0, CallKind::Bcast, 6e-6, 7e-6, 0, NONE),     // 4: root, sends messages 2 and 3
        make_call(1, CallKind::Bcast, 6e-6, 7.5e-6, 0, NONE),   // 5
        make_call(2, CallKind::Bcast, 6.5e-6, 8e-6, 0, NONE),   // 6
        make_call(0, CallKind::Sendrecv, 9e-6, 10e-6, 2, 4),    // 7: sends 4, receives 5
        make_call(2, CallKind::Sendrecv, 9e-6, 10e-6, 0, 5),    // 8: sends 5, receives 4
        make_call(1, CallKind::Recv, 1e-5, 1e-5, ANY_SOURCE, NONE),   // 9: never returns
        make_call(0, CallKind::Compute, 1.1e-5, 2e-5, PROC_NULL, NONE),
        make_call(2, CallKind::Isend, 1.2e-5, 1.2e-5, 1, 6),    // 11: its message is never received
    };
    t.calls[4].algorithm = 1;
    t.calls[9].flags = CALL_BLOCKED | CALL_UNFINISHED;
    t.calls[9].tag = ANY_TAG;
    t.messages = {
        make_message(0, 1, 0, 1, 0, 1.5e-6),
        make_message(1, 2, 3, 2, 3e-6, 4.5e-6),
        make_message(0, 1, 4, 5, 6.1e-6, 7e-6),
        make_message(0, 2, 4, 6, 6.2e-6, 7.5e-6),
        make_message(0, 2, 7, 8, 9e-6, 9.5e-6),
        make_message(2, 0, 8, 7, 9e-6, 9.6e-6),
        make_message(2, 1, 11, NONE, 1.2e-5, -1),
    };
    t.messages[2].flags |= MSG_COLLECTIVE;
    t.messages[3].flags |= MSG_COLLECTIVE;
    t.messages[6].flags = 0;
    t.output = {{1, 2e-6, "got \"it\""}};
    t.outcome.status = OutcomeStatus::Deadlock;
    t.outcome.message = "rank 1 waits for a message nobody sends";
    t.outcome.deadlock = DeadlockInfo{};
    BlockedCall stuck;
    stuck.rank = 1;
    stuck.call = 9;
    stuck.call_name = "Recv";
    stuck.peer = ANY_SOURCE;
    t.outcome.deadlock->blocked = {stuck};
    return t;
}

struct FlowEnd {
    nlohmann::json event;
    bool out;
};

}  // namespace

TEST_CASE("chrome json: the Chrome export names a thread per rank and has an X event per call") {
    Trace t = flow_trace();
    nlohmann::json chrome = nlohmann::json::parse(trace_to_chrome(t));
    REQUIRE(chrome["traceEvents"].is_array());
    const nlohmann::json& events = chrome["traceEvents"];

    std::map<int, std::string> thread_names;
    std::vector<nlohmann::json> call_events;
    for (const auto& e : events) {
        REQUIRE(e.contains("ph"));
        if (e["ph"] == "M" && e["name"] == "thread_name") thread_names[e["tid"].get<int>()] = e["args"]["name"];
        if (e["ph"] == "X") {
            CHECK(e["ts"].is_number());
            CHECK(e["dur"].get<double>() >= 0);
            CHECK(e["pid"] == 0);
            if (e["cat"] != "message") call_events.push_back(e);
        }
    }
    CHECK(thread_names == std::map<int, std::string>{{0, "rank 0"}, {1, "rank 1"}, {2, "rank 2"}});

    REQUIRE(call_events.size() == t.calls.size());
    const double end = t.end_time();
    for (std::size_t i = 0; i < t.calls.size(); ++i) {
        const CallRecord& c = t.calls[i];
        const nlohmann::json& e = call_events[i];
        CAPTURE(i);
        CHECK(e["name"] == call_name(c.kind, c.generic()));
        CHECK(e["tid"] == c.rank);
        CHECK(e["ts"].get<double>() == doctest::Approx(c.enter * 1e6));
        // A call that never returned reaches past the end by a tenth of the run (at least 1 us).
        double leave = c.unfinished() ? std::max(end, c.enter) + std::max(1e-6, 0.1 * end) : c.leave;
        CHECK(e["dur"].get<double>() == doctest::Approx((leave - c.enter) * 1e6));
        CHECK(e["args"]["source"] == "scenarios/flows.cpp:12");
    }
    CHECK(call_events[0]["args"]["peer"] == 1);
    CHECK(call_events[0]["args"]["bytes"].is_null());   // zero bytes are not shown
    CHECK(call_events[4]["args"]["root"] == 0);
    CHECK(call_events[4]["args"]["algorithm"] == "linear");
    CHECK(call_events[9]["args"]["peer"] == "ANY_SOURCE");
    CHECK(call_events[9]["args"]["tag"] == "ANY_TAG");
    CHECK(call_events[9]["args"]["unfinished"] == "never returned: the run ended in a deadlock");
    CHECK(call_events[9]["dur"].get<double>() > 0);   // drawn up to the end of the trace

    bool printed = false;
    for (const auto& e : events)
        if (e["ph"] == "i" && e["name"] == "print") printed = e["args"]["text"] == "got \"it\"" && e["tid"] == 1;
    CHECK(printed);
}

TEST_CASE("chrome json: every delivered message is one flow from its sender's thread to its receiver's, out before in") {
    Trace t = flow_trace();
    nlohmann::json chrome = nlohmann::json::parse(trace_to_chrome(t));
    std::map<std::uint64_t, std::vector<FlowEnd>> flows;
    std::map<int, nlohmann::json> enclosing;   // the last call event per thread
    for (const auto& e : chrome["traceEvents"]) {
        if (e["ph"] != "X") continue;
        if (e["cat"] != "message") enclosing[e["tid"].get<int>()] = e;
        if (!e.contains("bind_id")) continue;
        bool out = e.value("flow_out", false);
        bool in = e.value("flow_in", false);
        CHECK(out != in);   // one end per event
        flows[e["bind_id"].get<std::uint64_t>()].push_back({e, out});
        if (e["cat"] == "message") {   // a per-message slice lies inside its call's span
            const nlohmann::json& call = enclosing.at(e["tid"].get<int>());
            double start = call["ts"].get<double>();
            CHECK(e["ts"].get<double>() >= start);
            CHECK(e["ts"].get<double>() <= start + call["dur"].get<double>() + 1e-9);
        }
    }
    CHECK(flows.size() == 6);   // message 6 was never received: no flow
    CHECK(flows.count(6) == 0);
    for (const auto& [id, ends] : flows) {
        CAPTURE(id);
        REQUIRE(ends.size() == 2);
        const FlowEnd& out = ends[0].out ? ends[0] : ends[1];
        const FlowEnd& in = ends[0].out ? ends[1] : ends[0];
        REQUIRE(out.out);
        REQUIRE(!in.out);
        CHECK(out.event["tid"] == t.messages[id].src);
        CHECK(in.event["tid"] == t.messages[id].dst);
        CHECK(out.event["ts"].get<double>() <= in.event["ts"].get<double>());
    }
    // A call that carries one message holds the flow end itself, when the order allows.
    CHECK(flows[0][0].event["name"] == "Send");
    CHECK(flows[0][1].event["name"] == "Recv");
    CHECK(flows[1][0].event["name"] == "recv #1 from rank 1");   // the receive began before the send
    CHECK(flows[1][1].event["name"] == "Send");
    // The broadcast root sends two messages: one slice each.
    CHECK(flows[2][0].event["name"] == "send #2 to rank 1");
    CHECK(flows[3][0].event["name"] == "send #3 to rank 2");
    // A sendrecv carries two messages: a slice for each direction.
    for (std::uint64_t id : {4, 5}) {
        for (const FlowEnd& end : flows[id]) CHECK(end.event["cat"] == "message");
    }
}

TEST_CASE("chrome json: a trace loaded from JSON exports the same Chrome trace, and save_chrome_trace writes it") {
    Trace t = flow_trace();
    std::string chrome = trace_to_chrome(t);
    CHECK(trace_to_chrome(trace_from_json(trace_to_json(t))) == chrome);

    namespace fs = std::filesystem;
    fs::path path = fs::temp_directory_path() / ("mpilab-chrome-" + std::to_string(::getpid()) + ".json");
    save_chrome_trace(t, path.string());
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    CHECK(text.str() == chrome);
    fs::remove(path);
    CHECK_THROWS_AS(save_chrome_trace(t, "/nonexistent-dir/x.json"), std::runtime_error);
}

TEST_CASE("chrome json: an empty trace exports a valid Chrome trace") {
    Trace t;
    t.ranks.resize(1);
    nlohmann::json chrome = nlohmann::json::parse(trace_to_chrome(t));
    CHECK(chrome["traceEvents"].size() == 3);   // process name, thread name, thread sort index
}

TEST_CASE("chrome json: a time of NaN or infinity in a trace built in memory is written as a number") {
    Trace t = flow_trace();
    t.calls[0].enter = std::numeric_limits<double>::quiet_NaN();
    t.calls[3].leave = std::numeric_limits<double>::infinity();
    t.output[0].time = std::numeric_limits<double>::quiet_NaN();
    const std::string text = trace_to_chrome(t);
    CHECK(text.find("NaN") == std::string::npos);
    CHECK(text.find("Infinity") == std::string::npos);
    nlohmann::json chrome = nlohmann::json::parse(text);
    for (const auto& e : chrome["traceEvents"]) {
        if (e.contains("ts")) CHECK(e["ts"].is_number());
        if (e.contains("dur")) CHECK(e["dur"].is_number());
    }
}

TEST_CASE("chrome json: a call stuck in a deadlock has a visible duration and a marker where it got stuck") {
    Config config;
    config.ranks = 2;
    const RunResult r = run(config, [](Comm& comm) {   // both Sends rendezvous: stuck at time 0
        std::vector<double> block(10000);
        comm.Send(block, 1 - comm.rank());
        comm.Recv(block, 1 - comm.rank());
    });
    REQUIRE(r.outcome().status == OutcomeStatus::Deadlock);
    const nlohmann::json chrome = nlohmann::json::parse(trace_to_chrome(r.trace));
    int stuck_calls = 0, markers = 0;
    for (const auto& e : chrome["traceEvents"]) {
        if (e["ph"] == "X" && e["args"].contains("unfinished")) {
            ++stuck_calls;
            CHECK(e["dur"].get<double>() >= 1.0);   // microseconds
        }
        if (e["ph"] == "i" && e["name"] == "never returned: Send") {
            ++markers;
            CHECK(e["s"] == "t");
            CHECK(e["args"]["reason"] == "never returned: the run ended in a deadlock");
        }
    }
    CHECK(stuck_calls == 2);
    CHECK(markers == 2);
}
