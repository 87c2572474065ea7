// Chrome trace event export. Perfetto sorts events by time and binds a flow_in only to a flow_out it has
// already seen, so each message's flow ends must be ordered: the out end sits on the sending call's event
// when that call carries only this message (it starts at or before the post), otherwise on a zero-length
// slice at the post time inside the call; the in end sits on the receiving call's event when that call
// carries only this message and starts after the out end, otherwise on a zero-length slice at the
// receive's completion inside the call (a receive posted before the send is the common case).
#include "chrome_trace.hpp"

#include "atomic_file.hpp"
#include "trace_json.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <cstring>
#include <stdexcept>

namespace mpilab {
namespace {

using json_text::append_double;
using json_text::append_int;
using json_text::append_string;

constexpr double kMicroseconds = 1e6;

// Where each message's two flow ends are drawn.
struct FlowEnds {
    std::vector<double> out_ts;        // per message: time (s) of its flow_out event
    std::vector<bool> out_on_call;     // flow_out is on the sending call's own event
    std::vector<bool> in_on_call;      // flow_in is on the receiving call's own event
    std::vector<std::uint32_t> out_head, out_next, in_head, in_next;   // per call: linked lists of messages
    std::vector<std::uint32_t> out_count, in_count;
};

bool has_flow(const Trace& t, const MessageRecord& m) {
    return m.send_call < t.calls.size() && m.recv_call < t.calls.size();
}

// A call that never returned is drawn past the run's end by this much, with a marker where it got stuck:
// a deadlock often happens at the run's last instant, and a bar of zero length is invisible in Perfetto.
double stuck_tail(double trace_end) { return std::max(1e-6, 0.1 * trace_end); }

double call_end(const CallRecord& c, double trace_end) {
    return c.unfinished() ? std::max(trace_end, c.enter) + stuck_tail(trace_end) : std::max(c.leave, c.enter);
}

double clamp_into(double x, const CallRecord& c, double trace_end) {
    return std::clamp(x, c.enter, call_end(c, trace_end));
}

// When the receive finished, or the latest thing known about it.
double receive_time(const MessageRecord& m, const CallRecord& recv, double trace_end) {
    if (m.complete_time >= 0) return m.complete_time;
    if (m.arrival_time >= 0) return m.arrival_time;
    return call_end(recv, trace_end);
}

FlowEnds place_flows(const Trace& t, double trace_end) {
    FlowEnds f;
    std::size_t calls = t.calls.size();
    std::size_t messages = t.messages.size();
    f.out_ts.assign(messages, 0);
    f.out_on_call.assign(messages, false);
    f.in_on_call.assign(messages, false);
    f.out_head.assign(calls, NONE);
    f.in_head.assign(calls, NONE);
    f.out_next.assign(messages, NONE);
    f.in_next.assign(messages, NONE);
    f.out_count.assign(calls, 0);
    f.in_count.assign(calls, 0);
    for (std::size_t i = messages; i-- > 0;) {   // backwards, so each list is in message order
        const MessageRecord& m = t.messages[i];
        if (!has_flow(t, m)) continue;
        f.out_next[i] = f.out_head[m.send_call];
        f.out_head[m.send_call] = static_cast<std::uint32_t>(i);
        ++f.out_count[m.send_call];
        f.in_next[i] = f.in_head[m.recv_call];
        f.in_head[m.recv_call] = static_cast<std::uint32_t>(i);
        ++f.in_count[m.recv_call];
    }
    for (std::size_t i = 0; i < messages; ++i) {
        const MessageRecord& m = t.messages[i];
        if (!has_flow(t, m)) continue;
        const CallRecord& send = t.calls[m.send_call];
        if (f.out_count[m.send_call] == 1 && f.in_count[m.send_call] == 0) {
            f.out_on_call[i] = true;
            f.out_ts[i] = send.enter;
        } else {
            f.out_ts[i] = clamp_into(m.post_time, send, trace_end);
        }
    }
    for (std::size_t i = 0; i < messages; ++i) {
        const MessageRecord& m = t.messages[i];
        if (!has_flow(t, m)) continue;
        const CallRecord& recv = t.calls[m.recv_call];
        f.in_on_call[i] = f.in_count[m.recv_call] == 1 && f.out_count[m.recv_call] == 0 && recv.enter > f.out_ts[i];
    }
    return f;
}

const char* category(CallKind kind) {
    if (is_point_to_point(kind)) return "point-to-point";
    if (is_collective(kind)) return "collective";
    if (kind == CallKind::Compute) return "compute";
    return "communicator";
}

std::string_view unfinished_reason(OutcomeStatus status) {
    switch (status) {
        case OutcomeStatus::Deadlock: return "never returned: the run ended in a deadlock";
        case OutcomeStatus::Error: return "never returned: the run stopped at an error";
        case OutcomeStatus::Cancelled: return "never returned: the run was cancelled";
        case OutcomeStatus::Completed: break;
    }
    return "never returned";
}

// A time in microseconds. The format has no NaN or infinity (viewers reject "ts": "NaN"): a trace built
// in memory with such a time (a loaded one never has it) is written at 0 or at the largest double.
void append_microseconds(std::string& out, double seconds) {
    double us = seconds * kMicroseconds;
    if (std::isnan(us)) us = 0;
    us = std::clamp(us, -std::numeric_limits<double>::max(), std::numeric_limits<double>::max());
    append_double(out, us);
}

void event_head(std::string& out, char phase, std::string_view name, const char* cat, std::int32_t tid, double ts) {
    out += "{\"ph\":\"";
    out.push_back(phase);
    out += "\",\"name\":";
    append_string(out, name);
    out += ",\"cat\":\"";
    out += cat;
    out += "\",\"pid\":0,\"tid\":";
    append_int(out, tid);
    out += ",\"ts\":";
    append_microseconds(out, ts);
}

void bind_flow(std::string& out, std::size_t message, bool flow_out) {
    out += ",\"bind_id\":";
    append_int(out, static_cast<std::int64_t>(message));
    out += flow_out ? ",\"flow_out\":true" : ",\"flow_in\":true";
}

void call_args(std::string& out, const Trace& t, const CallRecord& c) {
    out += ",\"args\":{";
    bool first = true;
    auto key = [&](const char* name) {
        if (!first) out.push_back(',');
        first = false;
        out.push_back('"');
        out += name;
        out += "\":";
    };
    if (is_point_to_point(c.kind) && c.peer != PROC_NULL) {
        key("peer");
        if (c.peer == ANY_SOURCE) out += "\"ANY_SOURCE\"";
        else append_int(out, c.peer);
        key("tag");
        if (c.tag == ANY_TAG) out += "\"ANY_TAG\"";
        else append_int(out, c.tag);
    } else if (is_collective(c.kind)) {
        if (c.peer >= 0) {
            key("root");
            append_int(out, c.peer);
        }
        key("sequence");
        append_int(out, c.tag);
    }
    if (c.bytes != 0) {
        key("bytes");
        append_int(out, c.bytes);
    }
    if (c.protocol != Protocol::None) {
        key("protocol");
        append_string(out, protocol_name(c.protocol));
    }
    if (c.op != OpKind::None) {
        key("op");
        append_string(out, op_name(c.op));
    }
    if (c.algorithm != 0 && c.algorithm < t.algorithms.size()) {
        key("algorithm");
        append_string(out, t.algorithms[c.algorithm]);
    }
    if (c.comm < t.comms.size()) {
        key("comm");
        append_string(out, t.comms[c.comm].name);
    }
    if (c.request != 0) {
        key("request");
        append_int(out, c.request);
    }
    if (c.message != NONE) {
        key("message");
        append_int(out, c.message);
    }
    if (c.location < t.locations.size()) {
        const SourceLocation& l = t.locations[c.location];
        key("source");
        append_string(out, l.file + ":" + std::to_string(l.line));
        if (!l.function.empty()) {
            key("function");
            append_string(out, l.function);
        }
    }
    if (c.blocked()) {
        key("blocked");
        out += "true";
    }
    if (c.unfinished()) {
        key("unfinished");
        append_string(out, unfinished_reason(t.outcome.status));
    }
    if (c.flags & CALL_FAILED) {
        key("failed");
        out += "\"the run's error was raised in this call\"";
    }
    out.push_back('}');
}

void message_slice(std::string& out, const Trace& t, std::size_t id, bool outgoing, std::int32_t rank, double ts) {
    const MessageRecord& m = t.messages[id];
    std::string name = outgoing ? "send #" + std::to_string(id) + " to rank " + std::to_string(m.dst)
                                : "recv #" + std::to_string(id) + " from rank " + std::to_string(m.src);
    out += ",\n";
    event_head(out, 'X', name, "message", rank, ts);
    out += ",\"dur\":0,\"args\":{\"message\":";
    append_int(out, static_cast<std::int64_t>(id));
    out += ",\"tag\":";
    append_int(out, m.tag);
    out += ",\"bytes\":";
    append_int(out, m.bytes);
    out += ",\"protocol\":";
    append_string(out, protocol_name(m.protocol));
    out.push_back('}');
    bind_flow(out, id, outgoing);
    out.push_back('}');
}

}  // namespace

std::string trace_to_chrome(const Trace& t) {
    const double trace_end = t.end_time();
    const FlowEnds flows = place_flows(t, trace_end);
    std::string out;
    out.reserve(512 + t.calls.size() * 300 + t.messages.size() * 200);

    out += "{\"displayTimeUnit\":\"ns\",\"otherData\":{\"generator\":\"mpilab\",\"scenario\":";
    append_string(out, t.run.scenario);
    out += ",\"outcome\":";
    append_string(out, outcome_status_name(t.outcome.status));
    out += ",\"time\":\"virtual (1 us here = 1 us of the simulated machine)\"},\"traceEvents\":[\n";

    std::string process = "mpilab " + (t.run.scenario.empty() ? std::string("program") : t.run.scenario) + " (" +
                          std::string(outcome_status_name(t.outcome.status)) + ")";
    out += "{\"ph\":\"M\",\"name\":\"process_name\",\"pid\":0,\"args\":{\"name\":";
    append_string(out, process);
    out += "}}";
    for (std::int32_t r = 0; r < t.run.ranks; ++r) {
        out += ",\n{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":0,\"tid\":";
        append_int(out, r);
        out += ",\"args\":{\"name\":\"rank ";
        append_int(out, r);
        out += "\"}},\n{\"ph\":\"M\",\"name\":\"thread_sort_index\",\"pid\":0,\"tid\":";
        append_int(out, r);
        out += ",\"args\":{\"sort_index\":";
        append_int(out, r);
        out += "}}";
    }

    for (std::size_t i = 0; i < t.calls.size(); ++i) {
        const CallRecord& c = t.calls[i];
        const double end = call_end(c, trace_end);
        out += ",\n";
        event_head(out, 'X', call_name(c.kind, c.generic()), category(c.kind), c.rank, c.enter);
        out += ",\"dur\":";
        append_microseconds(out, end - c.enter);
        call_args(out, t, c);
        for (std::uint32_t m = flows.out_head[i]; m != NONE; m = flows.out_next[m])
            if (flows.out_on_call[m]) bind_flow(out, m, true);
        for (std::uint32_t m = flows.in_head[i]; m != NONE; m = flows.in_next[m])
            if (flows.in_on_call[m]) bind_flow(out, m, false);
        out.push_back('}');
        if (c.unfinished()) {
            out += ",\n";
            event_head(out, 'i', "never returned: " + call_name(c.kind, c.generic()), "outcome", c.rank,
                       std::max(trace_end, c.enter));
            out += ",\"s\":\"t\",\"args\":{\"reason\":";
            append_string(out, unfinished_reason(t.outcome.status));
            out += "}}";
        }
        // Messages this call carries that could not bind to its own event get a slice each.
        for (std::uint32_t m = flows.out_head[i]; m != NONE; m = flows.out_next[m])
            if (!flows.out_on_call[m]) message_slice(out, t, m, true, c.rank, flows.out_ts[m]);
        for (std::uint32_t m = flows.in_head[i]; m != NONE; m = flows.in_next[m]) {
            if (flows.in_on_call[m]) continue;
            double ts = std::max(receive_time(t.messages[m], c, trace_end), flows.out_ts[m]);
            message_slice(out, t, m, false, c.rank, clamp_into(ts, c, trace_end));
        }
    }

    for (const OutputLine& line : t.output) {
        out += ",\n";
        event_head(out, 'i', "print", "output", line.rank, line.time);
        out += ",\"s\":\"t\",\"args\":{\"text\":";
        append_string(out, line.text);
        out += "}}";
    }
    if (t.outcome.status != OutcomeStatus::Completed) {
        out += ",\n";
        event_head(out, 'i', outcome_status_name(t.outcome.status), "outcome", 0, trace_end);
        out += ",\"s\":\"g\",\"args\":{\"message\":";
        append_string(out, t.outcome.message);
        out += "}}";
    }
    out += "\n]}\n";
    return out;
}

void save_chrome_trace(const Trace& trace, const std::string& path) {
    write_file_atomically(path, trace_to_chrome(trace), "the Chrome trace file");
}

}  // namespace mpilab
