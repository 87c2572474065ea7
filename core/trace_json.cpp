// Trace JSON export and import (format version 1, see assets/trace-schema.json).
// Export: the small "run" and "outcome" objects go through nlohmann::ordered_json; the big tables (calls,
// messages) are written by hand, one row at a time, because a DOM of millions of rows is slow and large.
// Import: a pull parser walks the text once, so every error knows its line:column and its JSON path,
// and nothing is trusted until validate() has checked every index against its table.
#include "trace_json.hpp"

#include <array>
#include <bit>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <unordered_map>

namespace mpilab {

// ---------------------------------------------------------------------------------------------------
// Names of enums and flags, as the JSON spells them
// ---------------------------------------------------------------------------------------------------
namespace {

constexpr std::size_t kCallKinds = static_cast<std::size_t>(CallKind::Count_);

struct CallNameInfo {
    CallKind kind;
    bool generic;     // the lowercase spelling of a call that has two flavours
    bool flavoured;   // the call has distinct typed and generic spellings
};

// Built once from the runtime's own naming functions, so the JSON always spells calls as reports do.
struct NameTables {
    std::array<std::array<std::string, 2>, kCallKinds> call;   // [kind][generic]
    std::unordered_map<std::string_view, CallNameInfo> call_by_name;

    NameTables() {
        for (std::size_t k = 0; k < kCallKinds; ++k) {
            auto kind = static_cast<CallKind>(k);
            call[k][0] = mpilab::call_name(kind, false);
            call[k][1] = mpilab::call_name(kind, true);
            bool flavoured = call[k][0] != call[k][1];
            call_by_name.emplace(call[k][0], CallNameInfo{kind, false, flavoured});
            if (flavoured) call_by_name.emplace(call[k][1], CallNameInfo{kind, true, true});
        }
    }
    std::string_view call_name(CallKind kind, bool generic) const {
        auto k = static_cast<std::size_t>(kind);
        return k < kCallKinds ? std::string_view(call[k][generic ? 1 : 0]) : std::string_view("unknown");
    }
};

const NameTables& names() {
    static const NameTables tables;
    return tables;
}

using FlagNames = std::array<std::string_view, 8>;
constexpr FlagNames kCallFlagNames{"generic", "blocked", "unfinished", "failed", "bit4", "bit5", "bit6", "bit7"};
constexpr FlagNames kMessageFlagNames{"collective", "generic", "received", "matched", "synchronous",
                                      "bit5",       "bit6",    "bit7"};

// Equality of short names without a call into memcmp (the reader compares a dozen per table row).
inline bool same(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i] != b[i]) return false;
    return true;
}

// Finds the enum value whose name is `name` by asking the naming function for each value in [0, count).
template <class E, class NameFn>
bool enum_from_name(std::string_view name, int count, NameFn name_of, E& out) {
    for (int i = 0; i < count; ++i) {
        if (same(name_of(static_cast<E>(i)), name)) {
            out = static_cast<E>(i);
            return true;
        }
    }
    return false;
}

template <class E, class NameFn>
std::string known_names(int count, NameFn name_of) {
    std::string list;
    for (int i = 0; i < count; ++i) {
        std::string_view n = name_of(static_cast<E>(i));
        if (n.empty()) continue;
        if (!list.empty()) list += ", ";
        list += '"';
        list += n;
        list += '"';
    }
    return list;
}

constexpr int kProtocols = 3;
constexpr int kOps = static_cast<int>(OpKind::User) + 1;
constexpr int kRankEnds = static_cast<int>(RankEnd::Aborted) + 1;
constexpr int kStatuses = static_cast<int>(OutcomeStatus::Cancelled) + 1;
constexpr int kTypeKinds = static_cast<int>(TypeKind::Generic) + 1;

std::string_view arc_kind_name(ArcKind k) { return k == ArcKind::Or ? "or" : "and"; }

// Length of the valid UTF-8 sequence at s[i], or 0 if the bytes there are not one.
std::size_t utf8_length(const unsigned char* s, std::size_t avail) {
    unsigned char c = s[0];
    if (c < 0x80) return 1;
    std::size_t n;
    std::uint32_t min;
    std::uint32_t cp;
    if ((c & 0xe0) == 0xc0) { n = 2; min = 0x80; cp = c & 0x1f; }
    else if ((c & 0xf0) == 0xe0) { n = 3; min = 0x800; cp = c & 0x0f; }
    else if ((c & 0xf8) == 0xf0) { n = 4; min = 0x10000; cp = c & 0x07; }
    else return 0;
    if (avail < n) return 0;
    for (std::size_t k = 1; k < n; ++k) {
        if ((s[k] & 0xc0) != 0x80) return 0;
        cp = (cp << 6) | (s[k] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
    return n;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xc0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xe0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else {
        out.push_back(static_cast<char>(0xf0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    }
}

}  // namespace

// ---------------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------------
namespace json_text {

void append_string(std::string& out, std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    out.push_back('"');
    const auto* bytes = reinterpret_cast<const unsigned char*>(s.data());
    std::size_t i = 0;
    std::size_t run = 0;   // start of the pending run of bytes copied as they are
    while (i < s.size()) {
        unsigned char c = bytes[i];
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            ++i;
            continue;
        }
        std::size_t n = c < 0x80 ? 1 : utf8_length(bytes + i, s.size() - i);
        if (n > 1) {   // valid multi-byte UTF-8: copied as is
            i += n;
            continue;
        }
        out.append(s.data() + run, i - run);
        switch (c) {
            case '"': out.append("\\\""); break;
            case '\\': out.append("\\\\"); break;
            case '\b': out.append("\\b"); break;
            case '\f': out.append("\\f"); break;
            case '\n': out.append("\\n"); break;
            case '\r': out.append("\\r"); break;
            case '\t': out.append("\\t"); break;
            default:
                if (c < 0x20) {
                    char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
                    out.append(esc, 6);
                } else {
                    out.append("\xEF\xBF\xBD");   // U+FFFD for a byte that is not valid UTF-8
                }
        }
        ++i;
        run = i;
    }
    out.append(s.data() + run, s.size() - run);
    out.push_back('"');
}

void append_double(std::string& out, double x) {
    if (std::isnan(x)) {
        out.append("\"NaN\"");
    } else if (std::isinf(x)) {
        out.append(x > 0 ? "\"Infinity\"" : "\"-Infinity\"");
    } else {
        char buf[32];
        auto r = std::to_chars(buf, buf + sizeof buf, x);   // shortest text that reads back exactly
        out.append(buf, r.ptr);
    }
}

void append_int(std::string& out, std::int64_t x) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, x);
    out.append(buf, r.ptr);
}

}  // namespace json_text

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
    out.reserve(1024 + t.calls.size() * 260 + t.messages.size() * 300 + t.output.size() * 64);
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
    out += dump_nested(outcome_to_json(t.outcome), pretty ? options.indent : -1);
    table("calls", t.calls.size(), [&](std::size_t i) { write_call(out, t.calls[i], n); });
    table("messages", t.messages.size(), [&](std::size_t i) { write_message(out, t.messages[i], i); });
    table("output", t.output.size(), [&](std::size_t i) { write_output_line(out, t.output[i]); });
    table("locations", t.locations.size(), [&](std::size_t i) { write_location(out, t.locations[i]); });
    table("comms", t.comms.size(), [&](std::size_t i) { write_comm(out, t.comms[i]); });
    table("ranks", t.ranks.size(), [&](std::size_t i) { write_rank(out, t.ranks[i], i); });
    table("algorithms", t.algorithms.size(), [&](std::size_t i) { append_string(out, t.algorithms[i]); });
    out += nl;
    out.push_back('}');
    if (pretty) out.push_back('\n');
    return out;
}

// ---------------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------------
namespace {

constexpr int kMaxDepth = 256;   // nesting allowed inside params / results values

// A pull parser over the whole text. It keeps the JSON path of the value being read, so that an error
// can say "calls[12].comm" as well as line and column.
class Reader {
public:
    explicit Reader(std::string_view text) : begin_(text.data()), p_(text.data()), end_(text.data() + text.size()) {}

    Trace read_trace();

private:
    struct Segment {
        std::string_view key;   // empty: an array index
        std::size_t index = 0;
    };

    const char* begin_;
    const char* p_;
    const char* end_;
    const char* key_at_ = nullptr;   // where the last member name started
    std::vector<Segment> path_;
    std::string key_scratch_;
    std::string value_scratch_;

    // ---- errors ----
    std::string position(const char* at) const {
        std::size_t line = 1;
        const char* line_start = begin_;
        for (const char* q = begin_; q < at && q < end_; ++q) {
            if (*q == '\n') {
                ++line;
                line_start = q + 1;
            }
        }
        return "line " + std::to_string(line) + ", column " + std::to_string(at - line_start + 1);
    }
    std::string path_string() const {
        std::string s;
        for (const Segment& seg : path_) {
            if (seg.key.empty()) {
                s += '[' + std::to_string(seg.index) + ']';
            } else {
                if (!s.empty()) s += '.';
                s += seg.key;
            }
        }
        return s;
    }
    [[noreturn]] void syntax(const char* at, const std::string& what) const {
        throw TraceFormatError(position(at) + ": " + what);
    }
    [[noreturn]] void schema(const char* at, const std::string& what) const {
        std::string path = path_string();
        throw TraceFormatError((path.empty() ? "" : path + ": ") + what + " (" + position(at) + ")");
    }
    static std::string describe(char c) {
        if (c >= 0x21 && c < 0x7f) return std::string("'") + c + "'";
        char buf[8];
        std::snprintf(buf, sizeof buf, "0x%02x", static_cast<unsigned char>(c));
        return std::string("byte ") + buf;
    }
    [[noreturn]] void truncated() const { syntax(p_, "unexpected end of the text (is the file truncated?)"); }
    static bool is_digit(char c) { return c >= '0' && c <= '9'; }

    // ---- tokens ----
    void ws() {
        while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
    }
    char peek() {
        ws();
        if (p_ == end_) truncated();
        return *p_;
    }
    std::string_view found(char c) const {
        switch (c) {
            case '"': return "a string";
            case '{': return "an object";
            case '[': return "an array";
            case 't': case 'f': return "a boolean";
            case 'n': return "null";
            default: return (c == '-' || is_digit(c)) ? "a number" : "";
        }
    }
    [[noreturn]] void wrong_type(std::string_view expected) {
        char c = peek();
        std::string_view what = found(c);
        if (what.empty()) syntax(p_, "expected a value, found " + describe(c));
        schema(p_, "expected " + std::string(expected) + ", found " + std::string(what));
    }
    void literal(std::string_view word) {
        if (static_cast<std::size_t>(end_ - p_) < word.size()) {
            if (std::memcmp(p_, word.data(), static_cast<std::size_t>(end_ - p_)) == 0) {
                p_ = end_;
                truncated();
            }
            syntax(p_, "invalid literal (expected " + std::string(word) + ")");
        }
        if (std::memcmp(p_, word.data(), word.size()) != 0)
            syntax(p_, "invalid literal (expected " + std::string(word) + ")");
        p_ += word.size();
    }

    // The string at p_ (which is '"'). The view is into the text or into `scratch`.
    std::string_view string_token(std::string& scratch) {
        const char* start = ++p_;
        const char* q = start;
        for (;;) {
            if (q == end_) {
                p_ = q;
                truncated();
            }
            auto c = static_cast<unsigned char>(*q);
            if (c == '"') {
                p_ = q + 1;
                return {start, static_cast<std::size_t>(q - start)};
            }
            if (c == '\\' || c < 0x20 || c >= 0x80) break;
            ++q;
        }
        scratch.assign(start, q);
        for (;;) {
            if (q == end_) {
                p_ = q;
                truncated();
            }
            auto c = static_cast<unsigned char>(*q);
            if (c == '"') {
                p_ = q + 1;
                return scratch;
            }
            if (c < 0x20) syntax(q, "control character inside a string (write it as an escape such as \\n)");
            if (c >= 0x80) {
                std::size_t n = utf8_length(reinterpret_cast<const unsigned char*>(q), static_cast<std::size_t>(end_ - q));
                if (n == 0) syntax(q, "invalid UTF-8 inside a string");
                scratch.append(q, n);
                q += n;
                continue;
            }
            if (c != '\\') {
                scratch.push_back(static_cast<char>(c));
                ++q;
                continue;
            }
            const char* esc = q++;
            if (q == end_) {
                p_ = q;
                truncated();
            }
            switch (*q++) {
                case '"': scratch.push_back('"'); break;
                case '\\': scratch.push_back('\\'); break;
                case '/': scratch.push_back('/'); break;
                case 'b': scratch.push_back('\b'); break;
                case 'f': scratch.push_back('\f'); break;
                case 'n': scratch.push_back('\n'); break;
                case 'r': scratch.push_back('\r'); break;
                case 't': scratch.push_back('\t'); break;
                case 'u': {
                    std::uint32_t cp = hex4(q, esc);
                    if (cp >= 0xdc00 && cp <= 0xdfff) syntax(esc, "invalid \\u escape (a lone low surrogate)");
                    if (cp >= 0xd800 && cp <= 0xdbff) {
                        if (end_ - q < 6 || q[0] != '\\' || q[1] != 'u')
                            syntax(esc, "invalid \\u escape (a high surrogate without its low half)");
                        q += 2;
                        std::uint32_t low = hex4(q, esc);
                        if (low < 0xdc00 || low > 0xdfff)
                            syntax(esc, "invalid \\u escape (a high surrogate without its low half)");
                        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
                    }
                    append_utf8(scratch, cp);
                    break;
                }
                default: syntax(esc, "invalid escape " + describe(q[-1]) + " in a string");
            }
        }
    }
    std::uint32_t hex4(const char*& q, const char* esc) {
        if (end_ - q < 4) {
            p_ = end_;
            truncated();
        }
        std::uint32_t v = 0;
        for (int k = 0; k < 4; ++k, ++q) {
            char c = *q;
            int d = is_digit(c) ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
            if (d < 0) syntax(esc, "invalid \\u escape (needs four hex digits)");
            v = v * 16 + static_cast<std::uint32_t>(d);
        }
        return v;
    }

    struct NumberToken {
        const char* start;
        const char* end;
        bool integer;
        std::string text() const { return std::string(start, end); }
    };
    NumberToken number_token() {
        const char* q = p_;
        if (*q == '-') ++q;
        auto digits = [&] {
            if (q == end_) {
                p_ = q;
                truncated();
            }
            if (!is_digit(*q)) syntax(q, "invalid number: expected a digit, found " + describe(*q));
            while (q < end_ && is_digit(*q)) ++q;
        };
        if (q < end_ && *q == '0') ++q;
        else digits();
        bool integer = true;
        if (q < end_ && *q == '.') {
            integer = false;
            ++q;
            digits();
        }
        if (q < end_ && (*q == 'e' || *q == 'E')) {
            integer = false;
            ++q;
            if (q < end_ && (*q == '+' || *q == '-')) ++q;
            digits();
        }
        NumberToken t{p_, q, integer};
        p_ = q;
        return t;
    }

    // ---- structure ----
    const char* object_begin() {
        if (peek() != '{') wrong_type("an object");
        return p_++;
    }
    bool object_next(bool& first, std::string_view& key) {
        char c = peek();
        if (c == '}') {
            ++p_;
            return false;
        }
        if (!first) {
            if (c != ',') syntax(p_, "expected ',' or '}' after an object member, found " + describe(c));
            ++p_;
            c = peek();
        }
        if (c != '"')
            syntax(p_, first ? "expected a member name in double quotes or '}', found " + describe(c)
                             : "expected a member name in double quotes after ',', found " + describe(c));
        key_at_ = p_;
        key = string_token(key_scratch_);
        if (peek() != ':') syntax(p_, "expected ':' after the member name, found " + describe(*p_));
        ++p_;
        first = false;
        return true;
    }
    void array_begin() {
        if (peek() != '[') wrong_type("an array");
        ++p_;
    }
    bool array_next(bool& first) {
        char c = peek();
        if (c == ']') {
            ++p_;
            return false;
        }
        if (!first) {
            if (c != ',') syntax(p_, "expected ',' or ']' after an array element, found " + describe(c));
            ++p_;
            if (peek() == ']') syntax(p_, "expected a value after ',', found ']'");
        }
        first = false;
        return true;
    }
    void skip_value(int depth = 0) {
        char c = peek();
        switch (c) {
            case '{': {
                if (depth >= kMaxDepth) syntax(p_, "values nested deeper than " + std::to_string(kMaxDepth) + " levels");
                ++p_;
                bool first = true;
                std::string_view key;
                while (object_next(first, key)) skip_value(depth + 1);
                return;
            }
            case '[': {
                if (depth >= kMaxDepth) syntax(p_, "values nested deeper than " + std::to_string(kMaxDepth) + " levels");
                ++p_;
                bool first = true;
                while (array_next(first)) skip_value(depth + 1);
                return;
            }
            case '"': string_token(value_scratch_); return;
            case 't': literal("true"); return;
            case 'f': literal("false"); return;
            case 'n': literal("null"); return;
            default:
                if (c == '-' || is_digit(c)) {
                    number_token();
                    return;
                }
                syntax(p_, "expected a value, found " + describe(c));
        }
    }

    // ---- typed values ----
    bool null_here() {
        if (peek() != 'n') return false;
        literal("null");
        return true;
    }
    std::int64_t read_int(std::int64_t min, std::int64_t max) {
        char c = peek();
        if (c != '-' && !is_digit(c)) wrong_type("an integer");
        const char* at = p_;
        NumberToken t = number_token();
        if (!t.integer) schema(at, "expected an integer, found " + t.text());
        std::int64_t v = 0;
        std::from_chars_result r{t.end, std::errc()};
        if (t.end - t.start <= 18) {   // fits: no overflow possible
            bool negative = *t.start == '-';
            for (const char* q = t.start + negative; q < t.end; ++q) v = v * 10 + (*q - '0');
            if (negative) v = -v;
        } else {
            r = std::from_chars(t.start, t.end, v);
        }
        if (r.ec != std::errc() || v < min || v > max)
            schema(at, t.text() + " is out of range (" + std::to_string(min) + " to " + std::to_string(max) + ")");
        return v;
    }
    std::int32_t read_int32() {
        return static_cast<std::int32_t>(read_int(std::numeric_limits<std::int32_t>::min(), std::numeric_limits<std::int32_t>::max()));
    }
    std::uint32_t read_uint32() { return static_cast<std::uint32_t>(read_int(0, std::numeric_limits<std::uint32_t>::max())); }
    std::uint32_t read_index() {   // null or 0 .. NONE-1
        if (null_here()) return NONE;
        return static_cast<std::uint32_t>(read_int(0, NONE - 1));
    }
    std::uint64_t read_uint64() {
        char c = peek();
        if (c != '-' && !is_digit(c)) wrong_type("an integer");
        const char* at = p_;
        NumberToken t = number_token();
        if (!t.integer) schema(at, "expected an integer, found " + t.text());
        std::uint64_t v = 0;
        auto r = std::from_chars(t.start, t.end, v);
        if (r.ec != std::errc() || r.ptr != t.end)
            schema(at, t.text() + " is out of range (0 to " + std::to_string(std::numeric_limits<std::uint64_t>::max()) + ")");
        return v;
    }
    double read_double() {
        char c = peek();
        const char* at = p_;
        if (c == '"') {
            std::string_view s = string_token(value_scratch_);
            if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
            if (s == "Infinity") return std::numeric_limits<double>::infinity();
            if (s == "-Infinity") return -std::numeric_limits<double>::infinity();
            schema(at, "expected a number (or \"NaN\", \"Infinity\", \"-Infinity\"), found the string \"" + std::string(s) + "\"");
        }
        if (c != '-' && !is_digit(c)) wrong_type("a number");
        NumberToken t = number_token();
        double v = 0;
        auto r = std::from_chars(t.start, t.end, v);
        if (r.ec != std::errc() || r.ptr != t.end) schema(at, t.text() + " is out of the range of a double");
        return v;
    }
    double read_time_or_never() { return null_here() ? -1.0 : read_double(); }
    bool read_bool() {
        char c = peek();
        if (c == 't') {
            literal("true");
            return true;
        }
        if (c == 'f') {
            literal("false");
            return false;
        }
        wrong_type("true or false");
    }
    std::string_view read_string_view() {
        if (peek() != '"') wrong_type("a string");
        return string_token(value_scratch_);
    }
    std::string read_string() { return std::string(read_string_view()); }
    Value read_value() {
        ws();
        const char* start = p_;
        skip_value();
        try {
            return Value::parse(start, p_);
        } catch (const nlohmann::json::exception& e) {
            schema(start, std::string("invalid JSON value: ") + e.what());
        }
    }
    template <class E, class NameFn>
    E read_enum(int count, NameFn name_of, std::string_view what) {
        ws();
        const char* at = p_;
        std::string_view name = read_string_view();
        E out{};
        if (!enum_from_name(name, count, name_of, out))
            schema(at, "unknown " + std::string(what) + " \"" + std::string(name) + "\" (expected one of " +
                           known_names<E>(count, name_of) + ")");
        return out;
    }
    std::uint8_t read_flags(const FlagNames& flag_names) {
        array_begin();
        std::uint8_t flags = 0;
        bool first = true;
        std::size_t i = 0;
        while (array_next(first)) {
            path_.push_back({{}, i++});
            ws();
            const char* at = p_;
            std::string_view name = read_string_view();
            int bit = 0;
            while (bit < 8 && !same(flag_names[bit], name)) ++bit;
            if (bit == 8) {
                std::string known;
                for (std::string_view f : flag_names) {
                    if (f.starts_with("bit")) continue;
                    known += (known.empty() ? "\"" : ", \"") + std::string(f) + "\"";
                }
                schema(at, "unknown flag \"" + std::string(name) + "\" (known flags: " + known + ")");
            }
            flags = static_cast<std::uint8_t>(flags | (1u << bit));
            path_.pop_back();
        }
        return flags;
    }
    template <class T, class ReadOne>
    void read_array(std::vector<T>& out, ReadOne read_one) {
        array_begin();
        bool first = true;
        std::size_t i = 0;
        while (array_next(first)) {
            path_.push_back({{}, i++});
            out.push_back(read_one());
            path_.pop_back();
        }
    }

    // Iterates the members of an object, calling on_field(index) for the known names in `fields` (which
    // must all be present unless listed in `optional_mask`) and skipping unknown ones.
    template <std::size_t N, class OnField>
    void read_object(const std::array<std::string_view, N>& fields, std::uint64_t optional_mask, OnField on_field) {
        static_assert(N <= 64);
        const char* at = object_begin();
        bool first = true;
        std::string_view key;
        std::uint64_t seen = 0;
        std::size_t hint = 0;
        while (object_next(first, key)) {
            std::size_t f = N;
            if (hint < N && same(fields[hint], key)) {
                f = hint;
            } else {
                for (std::size_t k = 0; k < N; ++k) {
                    if (same(fields[k], key)) {
                        f = k;
                        break;
                    }
                }
            }
            if (f == N) {
                skip_value();
                continue;
            }
            if (seen & (1ull << f)) schema(key_at_, "the member \"" + std::string(fields[f]) + "\" appears twice");
            seen |= 1ull << f;
            hint = f + 1;
            path_.push_back({fields[f], 0});
            on_field(f);
            path_.pop_back();
        }
        std::uint64_t all = N == 64 ? ~0ull : ((1ull << N) - 1);
        std::uint64_t missing = all & ~seen & ~optional_mask;
        if (missing) schema(at, "missing \"" + std::string(fields[std::countr_zero(missing)]) + "\"");
    }

    // ---- the trace's parts ----
    void read_header();
    RunInfo read_run();
    Outcome read_outcome();
    DeadlockInfo read_deadlock();
    ErrorInfo read_error();
    CallRecord read_call();
    MessageRecord read_message(std::size_t index);
    OutputLine read_output_line();
    SourceLocation read_location();
    CommRecord read_comm(std::size_t index);
    RankRecord read_rank(std::size_t index);
};

constexpr std::array<std::string_view, 11> kTopFields{"format", "version", "run", "outcome", "calls", "messages",
                                                     "output", "locations", "comms", "ranks", "algorithms"};

// Checks "format" and "version" before anything else is interpreted, so a foreign or future file is named
// as such instead of failing on some field deep inside.
void Reader::read_header() {
    ws();
    if (p_ == end_) throw TraceFormatError("the text is empty: not an mpilab trace");
    if (*p_ != '{') syntax(p_, "not an mpilab trace (expected a JSON object starting with '{', found " + describe(*p_) + ")");
    ++p_;
    bool first = true;
    std::string_view key;
    bool have_format = false;
    bool have_version = false;
    while ((!have_format || !have_version) && object_next(first, key)) {
        if (key == "format") {
            ws();
            const char* at = p_;
            if (peek() != '"') syntax(at, "not an mpilab trace (\"format\" is not \"mpilab-trace\")");
            std::string_view format = string_token(value_scratch_);
            if (format != TRACE_FORMAT_NAME)
                syntax(at, "not an mpilab trace (\"format\" is \"" + std::string(format) + "\", expected \"mpilab-trace\")");
            have_format = true;
        } else if (key == "version") {
            ws();
            const char* at = p_;
            char c = peek();
            if (c != '-' && !is_digit(c)) syntax(at, "the trace's \"version\" is not a number");
            NumberToken t = number_token();
            if (t.text() != std::to_string(TRACE_FORMAT_VERSION))
                syntax(at, "unsupported version " + t.text() + " (this mpilab reads version " +
                               std::to_string(TRACE_FORMAT_VERSION) + ")");
            have_version = true;
        } else {
            skip_value();
        }
    }
    if (!have_format) throw TraceFormatError("not an mpilab trace (missing \"format\": \"mpilab-trace\")");
    if (!have_version) throw TraceFormatError("the trace has no \"version\" (this mpilab reads version 1)");
}

Trace Reader::read_trace() {
    read_header();
    p_ = begin_;
    Trace t;
    t.algorithms.clear();
    read_object(kTopFields, 0, [&](std::size_t f) {
        switch (f) {
            case 0: case 1: skip_value(); break;   // checked by read_header
            case 2: t.run = read_run(); break;
            case 3: t.outcome = read_outcome(); break;
            case 4: read_array(t.calls, [&] { return read_call(); }); break;
            case 5: read_array(t.messages, [&] { return read_message(t.messages.size()); }); break;
            case 6: read_array(t.output, [&] { return read_output_line(); }); break;
            case 7: read_array(t.locations, [&] { return read_location(); }); break;
            case 8: read_array(t.comms, [&] { return read_comm(t.comms.size()); }); break;
            case 9: read_array(t.ranks, [&] { return read_rank(t.ranks.size()); }); break;
            case 10: read_array(t.algorithms, [&] { return read_string(); }); break;
        }
    });
    ws();
    if (p_ != end_) syntax(p_, "unexpected " + describe(*p_) + " after the end of the trace object");
    return t;
}

constexpr std::array<std::string_view, 12> kRunFields{"scenario", "ranks",     "eager_threshold", "buffer_cap",
                                                     "synchronous_sends", "schedule", "seed", "latency",
                                                     "bandwidth", "params", "algorithms", "wall_seconds"};

RunInfo Reader::read_run() {
    RunInfo r;
    read_object(kRunFields, 1ull << 11, [&](std::size_t f) {
        switch (f) {
            case 0: r.scenario = read_string(); break;
            case 1: r.ranks = static_cast<std::int32_t>(read_int(1, std::numeric_limits<std::int32_t>::max())); break;
            case 2: r.eager_threshold = read_int(std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()); break;
            case 3:
                if (null_here()) r.buffer_cap.reset();
                else r.buffer_cap = read_int(std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max());
                break;
            case 4: r.synchronous_sends = read_bool(); break;
            case 5: r.schedule = read_string(); break;
            case 6: r.seed = read_uint64(); break;
            case 7: r.latency = read_double(); break;
            case 8: r.bandwidth = read_double(); break;
            case 9: r.params = read_value(); break;
            case 10: r.algorithms = read_value(); break;
            case 11: r.wall_seconds = read_double(); break;
        }
    });
    return r;
}

constexpr std::array<std::string_view, 6> kOutcomeFields{"status", "message", "deadlock", "error", "results", "warnings"};

Outcome Reader::read_outcome() {
    Outcome o;
    read_object(kOutcomeFields, (1ull << 2) | (1ull << 3), [&](std::size_t f) {
        switch (f) {
            case 0: o.status = read_enum<OutcomeStatus>(kStatuses, outcome_status_name, "status"); break;
            case 1: o.message = read_string(); break;
            case 2: if (!null_here()) o.deadlock = read_deadlock(); break;
            case 3: if (!null_here()) o.error = read_error(); break;
            case 4: o.results = read_value(); break;
            case 5: read_array(o.warnings, [&] { return read_string(); }); break;
        }
    });
    return o;
}

constexpr std::array<std::string_view, 5> kDeadlockFields{"cycle", "knot", "finished", "blocked", "arcs"};
constexpr std::array<std::string_view, 11> kBlockedFields{"rank", "call", "call_name", "peer", "tag", "bytes",
                                                         "protocol", "requests", "file", "line", "reason"};
constexpr std::array<std::string_view, 5> kArcFields{"from", "to", "kind", "label", "to_finished"};

DeadlockInfo Reader::read_deadlock() {
    DeadlockInfo d;
    read_object(kDeadlockFields, 0, [&](std::size_t f) {
        switch (f) {
            case 0: read_array(d.cycle, [&] { return read_int32(); }); break;
            case 1: read_array(d.knot, [&] { return read_int32(); }); break;
            case 2: read_array(d.finished, [&] { return read_int32(); }); break;
            case 3:
                read_array(d.blocked, [&] {
                    BlockedCall b;
                    read_object(kBlockedFields, 0, [&](std::size_t g) {
                        switch (g) {
                            case 0: b.rank = read_int32(); break;
                            case 1: b.call = read_index(); break;
                            case 2: b.call_name = read_string(); break;
                            case 3: b.peer = read_int32(); break;
                            case 4: b.tag = read_int32(); break;
                            case 5: b.bytes = read_int(std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()); break;
                            case 6: b.protocol = read_enum<Protocol>(kProtocols, protocol_name, "protocol"); break;
                            case 7: read_array(b.requests, [&] { return read_uint32(); }); break;
                            case 8: b.file = read_string(); break;
                            case 9: b.line = read_uint32(); break;
                            case 10: b.reason = read_string(); break;
                        }
                    });
                    return b;
                });
                break;
            case 4:
                read_array(d.arcs, [&] {
                    WaitArc a;
                    read_object(kArcFields, 0, [&](std::size_t g) {
                        switch (g) {
                            case 0: a.from = read_int32(); break;
                            case 1: a.to = read_int32(); break;
                            case 2: a.kind = read_enum<ArcKind>(2, arc_kind_name, "arc kind"); break;
                            case 3: a.label = read_string(); break;
                            case 4: a.to_finished = read_bool(); break;
                        }
                    });
                    return a;
                });
                break;
        }
    });
    return d;
}

constexpr std::array<std::string_view, 7> kErrorFields{"rank", "call", "call_index", "file", "line", "kind", "message"};

ErrorInfo Reader::read_error() {
    ErrorInfo e;
    read_object(kErrorFields, 0, [&](std::size_t f) {
        switch (f) {
            case 0: e.rank = null_here() ? -1 : static_cast<std::int32_t>(read_int(0, std::numeric_limits<std::int32_t>::max())); break;
            case 1: e.call = read_string(); break;
            case 2: e.call_index = read_index(); break;
            case 3: e.file = read_string(); break;
            case 4: e.line = read_uint32(); break;
            case 5: e.kind = read_string(); break;
            case 6: e.message = read_string(); break;
        }
    });
    return e;
}

constexpr std::array<std::string_view, 15> kCallFields{"rank", "call", "enter", "leave", "peer", "tag", "bytes", "comm",
                                                      "location", "request", "message", "protocol", "op",
                                                      "algorithm", "flags"};

CallRecord Reader::read_call() {
    CallRecord c;
    const char* name_at = nullptr;
    CallNameInfo info{};
    read_object(kCallFields, 0, [&](std::size_t f) {
        switch (f) {
            case 0: c.rank = read_int32(); break;
            case 1: {
                ws();
                name_at = p_;
                std::string_view name = read_string_view();
                const auto& table = names().call_by_name;
                auto it = table.find(name);
                if (it == table.end()) schema(name_at, "unknown call \"" + std::string(name) + "\"");
                info = it->second;
                c.kind = info.kind;
                break;
            }
            case 2: c.enter = read_double(); break;
            case 3: c.leave = read_double(); break;
            case 4: c.peer = read_int32(); break;
            case 5: c.tag = read_int32(); break;
            case 6: c.bytes = read_int(std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()); break;
            case 7: c.comm = static_cast<std::uint32_t>(read_int(0, NONE - 1)); break;
            case 8: c.location = read_index(); break;
            case 9: c.request = read_uint32(); break;
            case 10: c.message = read_index(); break;
            case 11: c.protocol = read_enum<Protocol>(kProtocols, protocol_name, "protocol"); break;
            case 12:
                if (null_here()) c.op = OpKind::None;
                else c.op = read_enum<OpKind>(kOps, op_name, "reduction op");
                break;
            case 13: c.algorithm = static_cast<std::uint8_t>(read_int(0, 255)); break;
            case 14: c.flags = read_flags(kCallFlagNames); break;
        }
    });
    // The spelling of a call with two flavours says which one it is; the "generic" flag must agree.
    if (info.flavoured && info.generic != c.generic()) {
        path_.push_back({"call", 0});
        schema(name_at, "the call is spelled \"" + std::string(names().call_name(c.kind, info.generic)) + "\" but its flags " +
                            (c.generic() ? "include" : "lack") + " \"generic\"");
    }
    return c;
}

constexpr std::array<std::string_view, 15> kMessageFields{"id",        "src",        "dst",          "tag",
                                                         "comm",      "bytes",      "type",         "protocol",
                                                         "post_time", "match_time", "arrival_time", "complete_time",
                                                         "send_call", "recv_call",  "flags"};

MessageRecord Reader::read_message(std::size_t index) {
    MessageRecord m;
    read_object(kMessageFields, 0, [&](std::size_t f) {
        switch (f) {
            case 0: {
                ws();
                const char* at = p_;
                auto id = read_int(0, std::numeric_limits<std::int64_t>::max());
                if (static_cast<std::size_t>(id) != index)
                    schema(at, "id " + std::to_string(id) + " but this is message " + std::to_string(index) + " (a message's id is its position)");
                break;
            }
            case 1: m.src = read_int32(); break;
            case 2: m.dst = read_int32(); break;
            case 3: m.tag = read_int32(); break;
            case 4: m.comm = static_cast<std::uint32_t>(read_int(0, NONE - 1)); break;
            case 5: m.bytes = read_int(std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()); break;
            case 6: m.type = read_enum<TypeKind>(kTypeKinds, type_kind_name, "element type"); break;
            case 7: m.protocol = read_enum<Protocol>(kProtocols, protocol_name, "protocol"); break;
            case 8: m.post_time = read_double(); break;
            case 9: m.match_time = read_time_or_never(); break;
            case 10: m.arrival_time = read_time_or_never(); break;
            case 11: m.complete_time = read_time_or_never(); break;
            case 12: m.send_call = read_index(); break;
            case 13: m.recv_call = read_index(); break;
            case 14: m.flags = read_flags(kMessageFlagNames); break;
        }
    });
    return m;
}

constexpr std::array<std::string_view, 3> kOutputFields{"rank", "time", "text"};

OutputLine Reader::read_output_line() {
    OutputLine o;
    read_object(kOutputFields, 0, [&](std::size_t f) {
        switch (f) {
            case 0: o.rank = read_int32(); break;
            case 1: o.time = read_double(); break;
            case 2: o.text = read_string(); break;
        }
    });
    return o;
}

constexpr std::array<std::string_view, 3> kLocationFields{"file", "line", "function"};

SourceLocation Reader::read_location() {
    SourceLocation l;
    read_object(kLocationFields, 0, [&](std::size_t f) {
        switch (f) {
            case 0: l.file = read_string(); break;
            case 1: l.line = read_uint32(); break;
            case 2: l.function = read_string(); break;
        }
    });
    return l;
}

constexpr std::array<std::string_view, 4> kCommFields{"id", "name", "parent", "members"};

CommRecord Reader::read_comm(std::size_t index) {
    CommRecord c;
    read_object(kCommFields, 0, [&](std::size_t f) {
        switch (f) {
            case 0: {
                ws();
                const char* at = p_;
                auto id = read_int(0, NONE - 1);
                if (static_cast<std::size_t>(id) != index)
                    schema(at, "id " + std::to_string(id) + " but this is communicator " + std::to_string(index) +
                                   " (a communicator's id is its position)");
                c.id = static_cast<std::uint32_t>(id);
                break;
            }
            case 1: c.name = read_string(); break;
            case 2: c.parent = read_index(); break;
            case 3: read_array(c.members, [&] { return read_int32(); }); break;
        }
    });
    return c;
}

constexpr std::array<std::string_view, 4> kRankFields{"rank", "end", "end_time", "last_location"};

RankRecord Reader::read_rank(std::size_t index) {
    RankRecord r;
    read_object(kRankFields, 0, [&](std::size_t f) {
        switch (f) {
            case 0: {
                ws();
                const char* at = p_;
                auto rank = read_int(0, std::numeric_limits<std::int32_t>::max());
                if (static_cast<std::size_t>(rank) != index)
                    schema(at, "rank " + std::to_string(rank) + " but this is entry " + std::to_string(index) +
                                   " (the table lists ranks in order)");
                break;
            }
            case 1: r.end = read_enum<RankEnd>(kRankEnds, rank_end_name, "rank end"); break;
            case 2: r.end_time = read_double(); break;
            case 3: r.last_location = read_index(); break;
        }
    });
    return r;
}

// ---------------------------------------------------------------------------------------------------
// Cross-checks: every index points inside its table, so a viewer can index without checking.
// ---------------------------------------------------------------------------------------------------
[[noreturn]] void invalid(const std::string& what) { throw TraceFormatError(what); }

// Names a checked field, e.g. calls[3].comm or comms[1].members[2]; spelled out only on failure, so the
// checks of a million rows cost no string work.
struct Where {
    const char* table;
    std::size_t row = NONE;      // NONE: the table is a single object
    const char* field = nullptr;
    std::size_t item = NONE;     // position inside an array field
    std::string str() const {
        std::string s = table;
        if (row != NONE) s += "[" + std::to_string(row) + "]";
        if (field) s += std::string(".") + field;
        if (item != NONE) s += "[" + std::to_string(item) + "]";
        return s;
    }
};

std::string plural(std::size_t n, const char* what) {
    return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
}

void validate(const Trace& t) {
    const auto ranks = static_cast<std::int64_t>(t.run.ranks);
    auto check_rank = [&](std::int64_t r, const Where& where) {
        if (r < 0 || r >= ranks)
            invalid(where.str() + " = " + std::to_string(r) + " but the run has " + plural(static_cast<std::size_t>(ranks), "rank"));
    };
    auto check_index = [&](std::uint32_t i, std::size_t size, const char* what, const Where& where, bool nullable) {
        if ((nullable && i == NONE) || i < size) return;
        invalid(where.str() + " = " + (i == NONE ? std::string("null") : std::to_string(i)) + " but the trace has " + plural(size, what));
    };

    if (t.ranks.size() != static_cast<std::size_t>(ranks))
        invalid("ranks: the table has " + std::to_string(t.ranks.size()) + (t.ranks.size() == 1 ? " entry" : " entries") +
                " but run.ranks = " + std::to_string(ranks));
    for (std::size_t i = 0; i < t.ranks.size(); ++i)
        check_index(t.ranks[i].last_location, t.locations.size(), "location", {"ranks", i, "last_location"}, true);
    for (std::size_t i = 0; i < t.comms.size(); ++i) {
        const CommRecord& c = t.comms[i];
        if (c.parent != NONE && c.parent >= i)
            invalid(Where{"comms", i, "parent"}.str() + " = " + std::to_string(c.parent) +
                    " but a communicator's parent must be an earlier communicator");
        for (std::size_t k = 0; k < c.members.size(); ++k) check_rank(c.members[k], {"comms", i, "members", k});
    }
    for (std::size_t i = 0; i < t.calls.size(); ++i) {
        const CallRecord& c = t.calls[i];
        check_rank(c.rank, {"calls", i, "rank"});
        // A failed call may name the invalid rank that made it fail; any other names a real one.
        if (!(c.flags & CALL_FAILED) && c.peer != ANY_SOURCE && c.peer != PROC_NULL) check_rank(c.peer, {"calls", i, "peer"});
        check_index(c.comm, t.comms.size(), "communicator", {"calls", i, "comm"}, false);
        check_index(c.location, t.locations.size(), "location", {"calls", i, "location"}, true);
        check_index(c.message, t.messages.size(), "message", {"calls", i, "message"}, true);
        check_index(c.algorithm, t.algorithms.size(), "algorithm name", {"calls", i, "algorithm"}, false);
    }
    for (std::size_t i = 0; i < t.messages.size(); ++i) {
        const MessageRecord& m = t.messages[i];
        check_rank(m.src, {"messages", i, "src"});
        check_rank(m.dst, {"messages", i, "dst"});
        check_index(m.comm, t.comms.size(), "communicator", {"messages", i, "comm"}, false);
        check_index(m.send_call, t.calls.size(), "call", {"messages", i, "send_call"}, true);
        check_index(m.recv_call, t.calls.size(), "call", {"messages", i, "recv_call"}, true);
    }
    for (std::size_t i = 0; i < t.output.size(); ++i) check_rank(t.output[i].rank, {"output", i, "rank"});

    if (t.outcome.deadlock) {
        const DeadlockInfo& d = *t.outcome.deadlock;
        for (std::size_t k = 0; k < d.cycle.size(); ++k) check_rank(d.cycle[k], {"outcome.deadlock.cycle", k});
        for (std::size_t k = 0; k < d.knot.size(); ++k) check_rank(d.knot[k], {"outcome.deadlock.knot", k});
        for (std::size_t k = 0; k < d.finished.size(); ++k) check_rank(d.finished[k], {"outcome.deadlock.finished", k});
        for (std::size_t k = 0; k < d.blocked.size(); ++k) {
            check_rank(d.blocked[k].rank, {"outcome.deadlock.blocked", k, "rank"});
            check_index(d.blocked[k].call, t.calls.size(), "call", {"outcome.deadlock.blocked", k, "call"}, true);
        }
        for (std::size_t k = 0; k < d.arcs.size(); ++k) {
            check_rank(d.arcs[k].from, {"outcome.deadlock.arcs", k, "from"});
            check_rank(d.arcs[k].to, {"outcome.deadlock.arcs", k, "to"});
        }
    }
    if (t.outcome.error) {
        const ErrorInfo& e = *t.outcome.error;
        if (e.rank != -1) check_rank(e.rank, {"outcome.error.rank"});
        check_index(e.call_index, t.calls.size(), "call", {"outcome.error.call_index"}, true);
    }
}

}  // namespace

Trace trace_from_json(std::string_view text) {
    Reader reader(text);
    Trace t = reader.read_trace();
    validate(t);
    return t;
}

void save_trace(const Trace& trace, const std::string& path, const JsonOptions& options) {
    std::string text = trace_to_json(trace, options);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write the trace file " + path + ": " + std::strerror(errno));
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) throw std::runtime_error("cannot write the trace file " + path + ": " + std::strerror(errno));
}

Trace load_trace(const std::string& path) {
    auto cannot = [&](const std::string& why) { return std::runtime_error("cannot read the trace file " + path + ": " + why); };
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw cannot("it is a directory");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw cannot(std::strerror(errno));
    std::string text;
    if (std::filesystem::is_regular_file(path, ec)) {
        auto size = std::filesystem::file_size(path, ec);
        if (ec) throw cannot(ec.message());
        text.resize(static_cast<std::size_t>(size));
        in.read(text.data(), static_cast<std::streamsize>(text.size()));
        text.resize(static_cast<std::size_t>(in.gcount()));
    } else {   // a pipe or device: read until its end
        char buffer[1 << 16];
        while (in.read(buffer, sizeof buffer) || in.gcount() > 0) text.append(buffer, static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) throw cannot(std::strerror(errno));
    try {
        return trace_from_json(text);
    } catch (const TraceFormatError& e) {
        throw TraceFormatError(path + ": " + e.what());
    }
}

}  // namespace mpilab
