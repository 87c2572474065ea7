// Trace JSON export (format version 1, see assets/trace-schema.json) and save_trace.
// The small "run" and "outcome" objects go through nlohmann::ordered_json; the big tables (calls, messages)
// are written by hand, one row at a time, because a DOM of millions of rows is slow and large.
// Invariant: trace_to_json(trace_from_json(text)) == text for every text written here (byte for byte).
#include "atomic_file.hpp"
#include "trace_json.hpp"

#include "explanation.hpp"
#include "trace_json_names.hpp"

#include <cmath>
#include <cstring>

namespace mpilab {

using namespace trace_json_names;

namespace {

using json_text::append_double;
using json_text::append_int;
using json_text::append_string;
using ordered = nlohmann::ordered_json;

void append_quoted(std::string& out, std::string_view plain_name) {
    out.push_back('"');
    out.append(plain_name);
    out.push_back('"');
}

// One table row as a compact object, member by member in the order of the calls.
class Row {
public:
    explicit Row(std::string& out) : out_(out) { out_.push_back('{'); }
    void end() { out_.push_back('}'); }

    Row& integer(std::string_view key, std::int64_t v) { member(key); append_int(out_, v); return *this; }
    Row& number(std::string_view key, double v) { member(key); append_double(out_, v); return *this; }
    Row& text(std::string_view key, std::string_view v) { member(key); append_string(out_, v); return *this; }
    // A name from mpilab's own tables (plain ASCII, nothing to escape); "" is written as null.
    Row& name(std::string_view key, std::string_view v) {
        member(key);
        if (v.empty()) out_.append("null");
        else append_quoted(out_, v);
        return *this;
    }
    Row& index(std::string_view key, std::uint32_t v) {   // NONE is null
        member(key);
        if (v == NONE) out_.append("null");
        else append_int(out_, v);
        return *this;
    }
    Row& time_or_never(std::string_view key, double v) {   // message times use -1 for "never": null
        member(key);
        if (v == -1.0) out_.append("null");
        else append_double(out_, v);
        return *this;
    }
    Row& integers(std::string_view key, const std::vector<std::int32_t>& v) {
        member(key);
        out_.push_back('[');
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (i) out_.push_back(',');
            append_int(out_, v[i]);
        }
        out_.push_back(']');
        return *this;
    }
    Row& numbers(std::string_view key, const std::vector<double>& v) {
        member(key);
        out_.push_back('[');
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (i) out_.push_back(',');
            append_double(out_, v[i]);
        }
        out_.push_back(']');
        return *this;
    }
    Row& boolean(std::string_view key, bool v) {
        member(key);
        out_.append(v ? "true" : "false");
        return *this;
    }
    Row& flags(std::string_view key, std::uint8_t flags, const FlagNames& flag_names) {
        member(key);
        out_.push_back('[');
        bool first = true;
        for (int bit = 0; bit < 8; ++bit) {
            if (!(flags & (1u << bit))) continue;
            if (!first) out_.push_back(',');
            first = false;
            append_quoted(out_, flag_names[bit]);
        }
        out_.push_back(']');
        return *this;
    }

private:
    void member(std::string_view key) {
        if (!first_) out_.push_back(',');
        first_ = false;
        out_.push_back('"');
        out_.append(key);
        out_.append("\":", 2);
    }
    std::string& out_;
    bool first_ = true;
};

void write_call(std::string& out, const CallRecord& c, const NameTables& n) {
    Row(out).integer("rank", c.rank).name("call", n.call_name(c.kind, c.generic())).number("enter", c.enter)
        .number("leave", c.leave).integer("peer", c.peer).integer("tag", c.tag).integer("bytes", c.bytes)
        .integer("comm", c.comm).index("location", c.location).integer("request", c.request)
        .index("message", c.message).name("protocol", protocol_name(c.protocol))
        .name("op", c.op == OpKind::None ? "" : op_name(c.op)).integer("algorithm", c.algorithm)
        .flags("flags", c.flags, kCallFlagNames).end();
}

void write_message(std::string& out, const MessageRecord& m, std::size_t id) {
    Row(out).integer("id", static_cast<std::int64_t>(id)).integer("src", m.src).integer("dst", m.dst).integer("tag", m.tag)
        .integer("comm", m.comm).integer("bytes", m.bytes).name("type", type_kind_name(m.type))
        .name("protocol", protocol_name(m.protocol)).number("post_time", m.post_time)
        .time_or_never("match_time", m.match_time).time_or_never("arrival_time", m.arrival_time)
        .time_or_never("complete_time", m.complete_time).index("send_call", m.send_call).index("recv_call", m.recv_call)
        .flags("flags", m.flags, kMessageFlagNames).end();
}

// An event is a pair: its kind and the index of the call, message or rank it concerns.
void write_event(std::string& out, const TraceEvent& e) {
    out.push_back('[');
    append_quoted(out, event_kind_name(e.kind));
    out.push_back(',');
    append_int(out, e.index);
    out.push_back(']');
}

// Alternatives as two parallel arrays ("keys", "times"): the table stays one flat row per choice.
void write_choice(std::string& out, const ChoicePoint& c, const NameTables& n) {
    std::vector<std::int32_t> keys;
    std::vector<double> times;
    for (const ChoiceAlternative& a : c.alternatives) {
        keys.push_back(a.key);
        times.push_back(a.time);
    }
    Row(out).integer("rank", c.rank).integer("ordinal", c.ordinal).index("call", c.call)
        .name("kind", n.call_name(c.kind, false)).integers("keys", keys).numbers("times", times)
        .integers("later", c.later).integer("taken", c.taken).boolean("forced", c.forced).end();
}

void write_output_line(std::string& out, const OutputLine& o) {
    Row(out).integer("rank", o.rank).number("time", o.time).text("text", o.text).end();
}

void write_location(std::string& out, const SourceLocation& l) {
    Row(out).text("file", l.file).integer("line", l.line).text("function", l.function).end();
}

void write_comm(std::string& out, const CommRecord& c) {
    Row(out).integer("id", c.id).text("name", c.name).index("parent", c.parent).integers("members", c.members).end();
}

void write_rank(std::string& out, const RankRecord& r, std::size_t rank) {
    Row(out).integer("rank", static_cast<std::int64_t>(rank)).name("end", rank_end_name(r.end))
        .number("end_time", r.end_time).index("last_location", r.last_location).end();
}

ordered number(double x) {
    if (std::isnan(x)) return "NaN";
    if (std::isinf(x)) return x > 0 ? "Infinity" : "-Infinity";
    return x;
}

ordered index_or_null(std::uint32_t index) { return index == NONE ? ordered(nullptr) : ordered(index); }

template <class T>
ordered array_of(const std::vector<T>& v) {
    ordered a = ordered::array();
    for (const T& x : v) a.push_back(x);
    return a;
}

// Dumps with the outer indentation applied to every line after the first (strings hold no raw newline).
std::string dump_nested(const ordered& j, int indent) {
    std::string text = j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
    if (indent <= 0) return text;
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (char c : text) {
        out.push_back(c);
        if (c == '\n') out.append(static_cast<std::size_t>(indent), ' ');
    }
    return out;
}

}  // namespace

nlohmann::ordered_json run_to_json(const RunInfo& run, bool wall_time) {
    ordered j = ordered::object();
    j["scenario"] = run.scenario;
    j["ranks"] = run.ranks;
    j["eager_threshold"] = run.eager_threshold;
    j["buffer_cap"] = run.buffer_cap ? ordered(*run.buffer_cap) : ordered(nullptr);
    j["synchronous_sends"] = run.synchronous_sends;
    j["schedule"] = run.schedule;
    j["seed"] = run.seed;
    j["latency"] = number(run.latency);
    j["bandwidth"] = number(run.bandwidth);
    j["params"] = ordered(run.params);
    j["algorithms"] = ordered(run.algorithms);
    if (wall_time) j["wall_seconds"] = number(run.wall_seconds);
    if (run.recorded) {
        ordered hosts = ordered::array();
        for (const std::string& host : run.recorded->hosts) hosts.push_back(host);
        j["recorded"] = {{"mpi", run.recorded->mpi},
                         {"launcher", run.recorded->launcher},
                         {"hosts", hosts},
                         {"clock_error", number(run.recorded->clock_error)}};
    }
    return j;
}

nlohmann::ordered_json outcome_to_json(const Trace& trace) {
    nlohmann::ordered_json j = outcome_to_json(trace.outcome);
    const Explanation e = explain(trace);
    j["eager_threshold_text"] = e.threshold;
    if (!e.advice.empty()) j["advice"] = e.advice;
    if (!e.note.empty()) j["advice_note"] = e.note;
    return j;
}

nlohmann::ordered_json outcome_to_json(const Outcome& outcome) {
    ordered j = ordered::object();
    j["status"] = outcome_status_name(outcome.status);
    j["message"] = outcome.message;
    if (outcome.deadlock) {
        const DeadlockInfo& d = *outcome.deadlock;
        ordered dj = ordered::object();
        dj["cycle"] = array_of(d.cycle);
        dj["knot"] = array_of(d.knot);
        dj["finished"] = array_of(d.finished);
        ordered blocked = ordered::array();
        for (const BlockedCall& b : d.blocked) {
            ordered bj = ordered::object();
            bj["rank"] = b.rank;
            bj["call"] = index_or_null(b.call);
            bj["call_name"] = b.call_name;
            bj["peer"] = b.peer;
            bj["tag"] = b.tag;
            bj["bytes"] = b.bytes;
            bj["protocol"] = protocol_name(b.protocol);
            bj["requests"] = array_of(b.requests);
            bj["file"] = b.file;
            bj["line"] = b.line;
            bj["reason"] = b.reason;
            blocked.push_back(std::move(bj));
        }
        dj["blocked"] = std::move(blocked);
        ordered arcs = ordered::array();
        for (const WaitArc& a : d.arcs) {
            ordered aj = ordered::object();
            aj["from"] = a.from;
            aj["to"] = a.to;
            aj["kind"] = arc_kind_name(a.kind);
            aj["label"] = a.label;
            aj["to_finished"] = a.to_finished;
            arcs.push_back(std::move(aj));
        }
        dj["arcs"] = std::move(arcs);
        j["deadlock"] = std::move(dj);
    }
    if (outcome.error) {
        const ErrorInfo& e = *outcome.error;
        ordered ej = ordered::object();
        ej["rank"] = e.rank < 0 ? ordered(nullptr) : ordered(e.rank);
        ej["call"] = e.call;
        ej["call_index"] = index_or_null(e.call_index);
        ej["file"] = e.file;
        ej["line"] = e.line;
        ej["kind"] = e.kind;
        ej["message"] = e.message;
        j["error"] = std::move(ej);
    }
    j["results"] = ordered(outcome.results);
    j["warnings"] = array_of(outcome.warnings);
    return j;
}

std::string trace_to_json(const Trace& t, const JsonOptions& options) {
    const NameTables& n = names();
    const bool pretty = options.indent >= 0;
    const std::string nl = pretty ? "\n" : "";
    const std::string pad = pretty ? std::string(static_cast<std::size_t>(options.indent), ' ') : "";
    const std::string row_pad = nl + pad + pad;
    const char* colon = pretty ? ": " : ":";

    std::string out;
    out.reserve(1024 + t.calls.size() * 260 + t.messages.size() * 300 + t.output.size() * 64 + t.events.size() * 12);
    auto key = [&](std::string_view name, bool first = false) {
        if (!first) out.push_back(',');
        out += nl;
        out += pad;
        append_quoted(out, name);
        out += colon;
    };
    // A table: one row per line when pretty.
    auto table = [&](std::string_view name, std::size_t count, auto&& write_row) {
        key(name);
        out.push_back('[');
        for (std::size_t i = 0; i < count; ++i) {
            if (i) out.push_back(',');
            out += row_pad;
            write_row(i);
        }
        if (count) out += nl + pad;
        out.push_back(']');
    };

    out.push_back('{');
    key("format", true);
    append_quoted(out, TRACE_FORMAT_NAME);
    key("version");
    append_int(out, TRACE_FORMAT_VERSION);
    key("run");
    out += dump_nested(run_to_json(t.run, options.wall_time), pretty ? options.indent : -1);
    key("outcome");
    out += dump_nested(outcome_to_json(t), pretty ? options.indent : -1);
    table("calls", t.calls.size(), [&](std::size_t i) { write_call(out, t.calls[i], n); });
    table("messages", t.messages.size(), [&](std::size_t i) { write_message(out, t.messages[i], i); });
    table("output", t.output.size(), [&](std::size_t i) { write_output_line(out, t.output[i]); });
    table("locations", t.locations.size(), [&](std::size_t i) { write_location(out, t.locations[i]); });
    table("comms", t.comms.size(), [&](std::size_t i) { write_comm(out, t.comms[i]); });
    table("ranks", t.ranks.size(), [&](std::size_t i) { write_rank(out, t.ranks[i], i); });
    table("algorithms", t.algorithms.size(), [&](std::size_t i) { append_string(out, t.algorithms[i]); });
    table("events", t.events.size(), [&](std::size_t i) { write_event(out, t.events[i]); });
    // Only runs that made choices have the table, so traces of programs without any keep their form.
    if (!t.choices.empty()) table("choices", t.choices.size(), [&](std::size_t i) { write_choice(out, t.choices[i], n); });
    out += nl;
    out.push_back('}');
    if (pretty) out.push_back('\n');
    return out;
}

void save_trace(const Trace& trace, const std::string& path, const JsonOptions& options) {
    write_file_atomically(path, trace_to_json(trace, options), "the trace file");
}

}  // namespace mpilab
