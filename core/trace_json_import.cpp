// Trace JSON import (format version 1, see assets/trace-schema.json) and load_trace. TraceReader reads each
// part of a trace with the JSON pull parser (json_reader.hpp); check_trace() (trace_check.hpp) then checks
// every invariant of a trace. Invariant: nothing read is trusted until check_trace() has passed, so a
// loaded Trace is as safe to draw as a fresh one, and every failure is a TraceFormatError naming where
// and what.
#include "trace_json.hpp"
#include "json_reader.hpp"
#include "trace_check.hpp"
#include "trace_json_names.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mpilab {

using namespace trace_json_names;

namespace {

// Reads the parts of a trace; each read_<part>() checks types, ranges and enum names as it goes.
class TraceReader : public JsonReader {
public:
    using JsonReader::JsonReader;

    Trace read_trace();

private:
    std::uint32_t read_index() {   // null or 0 .. NONE-1
        if (null_here()) return NONE;
        return static_cast<std::uint32_t>(read_int(0, NONE - 1));
    }
    double read_time_or_never() { return null_here() ? -1.0 : read_double(); }
    // A flags byte, written as the list of the names of its set bits.
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
                schema(at, "unknown flag \"" + shown(name) + "\" (known flags: " + known + ")");
            }
            flags = static_cast<std::uint8_t>(flags | (1u << bit));
            path_.pop_back();
        }
        return flags;
    }

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
    TraceEvent read_event();
    ChoicePoint read_choice();
};

// "events" and "choices" are optional: a trace without events has no recorded event order, and
// only runs that made choices have "choices".
constexpr std::array<std::string_view, 13> kTopFields{"format", "version", "run", "outcome", "calls", "messages",
                                                     "output", "locations", "comms", "ranks", "algorithms", "events",
                                                     "choices"};

// Checks "format" and "version" before anything else is interpreted, so a foreign or future file is named
// as such instead of failing on some field deep inside.
void TraceReader::read_header() {
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
                syntax(at, "not an mpilab trace (\"format\" is \"" + shown(format) + "\", expected \"mpilab-trace\")");
            have_format = true;
        } else if (key == "version") {
            ws();
            const char* at = p_;
            char c = peek();
            if (c != '-' && !is_digit(c)) syntax(at, "the trace's \"version\" is not a number");
            NumberToken t = number_token();
            if (t.view() != std::to_string(TRACE_FORMAT_VERSION))
                syntax(at, "unsupported version " + shown(t.view()) + " (this mpilab reads version " +
                               std::to_string(TRACE_FORMAT_VERSION) + ")");
            have_version = true;
        } else {
            skip_value();
        }
    }
    if (!have_format) throw TraceFormatError("not an mpilab trace (missing \"format\": \"mpilab-trace\")");
    if (!have_version) throw TraceFormatError("the trace has no \"version\" (this mpilab reads version 1)");
}

Trace TraceReader::read_trace() {
    read_header();
    p_ = begin_;
    Trace t;
    t.algorithms.clear();
    read_object(kTopFields, (std::uint64_t{1} << 11) | (std::uint64_t{1} << 12), [&](std::size_t f) {
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
            case 11: read_array(t.events, [&] { return read_event(); }); break;
            case 12: read_array(t.choices, [&] { return read_choice(); }); break;
        }
    });
    ws();
    if (p_ != end_) syntax(p_, "unexpected " + describe(*p_) + " after the end of the trace object");
    return t;
}

constexpr std::array<std::string_view, 13> kRunFields{"scenario", "ranks",     "eager_threshold", "buffer_cap",
                                                     "synchronous_sends", "schedule", "seed", "latency",
                                                     "bandwidth", "params", "algorithms", "wall_seconds",
                                                     "recorded"};
constexpr std::array<std::string_view, 4> kRecordedFields{"mpi", "launcher", "hosts", "clock_error"};

RunInfo TraceReader::read_run() {
    RunInfo r;
    read_object(kRunFields, (1ull << 11) | (1ull << 12), [&](std::size_t f) {
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
            case 12:
                if (null_here()) break;
                r.recorded.emplace();
                read_object(kRecordedFields, 0, [&](std::size_t g) {
                    switch (g) {
                        case 0: r.recorded->mpi = read_string(); break;
                        case 1: r.recorded->launcher = read_string(); break;
                        case 2: read_array(r.recorded->hosts, [&] { return read_string(); }); break;
                        case 3: r.recorded->clock_error = read_double(); break;
                    }
                });
                break;
        }
    });
    return r;
}

constexpr std::array<std::string_view, 6> kOutcomeFields{"status", "message", "deadlock", "error", "results", "warnings"};

Outcome TraceReader::read_outcome() {
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

DeadlockInfo TraceReader::read_deadlock() {
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

ErrorInfo TraceReader::read_error() {
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

CallRecord TraceReader::read_call() {
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
                if (it == table.end()) schema(name_at, "unknown call \"" + shown(name) + "\"");
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

MessageRecord TraceReader::read_message(std::size_t index) {
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

constexpr std::array<std::string_view, 9> kChoiceFields{"rank", "ordinal", "call", "kind", "keys",
                                                       "times", "later", "taken", "forced"};

ChoicePoint TraceReader::read_choice() {
    ChoicePoint c;
    std::vector<std::int32_t> keys;
    std::vector<double> times;
    read_object(kChoiceFields, 0, [&](std::size_t f) {
        switch (f) {
            case 0: c.rank = read_int32(); break;
            case 4: read_array(keys, [&] { return read_int32(); }); break;
            case 5: read_array(times, [&] { return read_double(); }); break;
            case 6: read_array(c.later, [&] { return read_int32(); }); break;
            case 7: c.taken = read_int32(); break;
            case 1: c.ordinal = read_uint32(); break;
            case 2: c.call = read_index(); break;
            case 3: {
                ws();
                const char* at = p_;
                std::string_view name = read_string_view();
                auto it = names().call_by_name.find(name);
                if (it == names().call_by_name.end()) schema(at, "unknown call \"" + std::string(name) + "\"");
                c.kind = it->second.kind;
                break;
            }
            case 8: c.forced = read_bool(); break;
        }
    });
    if (keys.size() != times.size())
        throw TraceFormatError("a choice lists " + std::to_string(keys.size()) + " keys but " +
                               std::to_string(times.size()) + " times: they must pair up");
    for (std::size_t i = 0; i < keys.size(); ++i) c.alternatives.push_back({keys[i], times[i]});
    return c;
}

constexpr std::array<std::string_view, 3> kOutputFields{"rank", "time", "text"};

OutputLine TraceReader::read_output_line() {
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

SourceLocation TraceReader::read_location() {
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

CommRecord TraceReader::read_comm(std::size_t index) {
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

RankRecord TraceReader::read_rank(std::size_t index) {
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

// ["kind", index]
TraceEvent TraceReader::read_event() {
    TraceEvent e;
    array_begin();
    bool first = true;
    if (!array_next(first)) schema(p_ - 1, "an event is [kind, index], found an empty array");
    e.kind = read_enum<EventKind>(EVENT_KINDS, event_kind_name, "event kind");
    if (!array_next(first)) schema(p_ - 1, "an event is [kind, index], found no index");
    e.index = static_cast<std::uint32_t>(read_int(0, NONE - 1));
    if (array_next(first)) schema(p_, "an event is [kind, index], found more than two items");
    return e;
}

}  // namespace

Trace trace_from_json(std::string_view text) {
    TraceReader reader(text);
    Trace t = reader.read_trace();
    check_trace(t);   // nothing read is trusted until every invariant holds
    return t;
}

namespace {

// At most this much is read from a file that is not a regular one (a pipe, a device): a bigger trace is
// saved to a file first, and /dev/zero or an endless pipe must never fill the memory.
constexpr std::size_t kMaxStreamBytes = std::size_t{1} << 30;

// Closes a file descriptor on every way out.
struct FileDescriptor {
    int fd;
    ~FileDescriptor() {
        if (fd >= 0) ::close(fd);
    }
};

}  // namespace

Trace load_trace(const std::string& path) {
    auto cannot = [&](const std::string& why) { return std::runtime_error("cannot read the trace file " + path + ": " + why); };
    FileDescriptor file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
    if (file.fd < 0) throw cannot(std::strerror(errno));
    struct stat st {};
    if (::fstat(file.fd, &st) != 0) throw cannot(std::strerror(errno));
    if (S_ISDIR(st.st_mode)) throw cannot("it is a directory");
    const bool regular = S_ISREG(st.st_mode);   // a /proc file is regular but tells size 0: read to its end too
    std::string text;
    if (regular && st.st_size > 0) text.reserve(static_cast<std::size_t>(st.st_size));
    // Read to the end, but stop at the first byte no trace can hold there: a first byte other than '{'
    // (after white space) or a NUL byte anywhere. The parser then names that byte, without reading on.
    bool started = false;
    char buffer[1 << 16];
    for (;;) {
        const ssize_t n = ::read(file.fd, buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw cannot(std::strerror(errno));
        }
        if (n == 0) break;
        std::string_view chunk(buffer, static_cast<std::size_t>(n));
        std::size_t stop = chunk.find('\0');
        if (!started) {
            const std::size_t first = chunk.find_first_not_of(" \t\r\n");
            if (first != std::string_view::npos) {
                started = true;
                if (chunk[first] != '{') stop = std::min(stop, first);
            }
        }
        if (stop != std::string_view::npos) {
            text.append(chunk.substr(0, stop + 1));
            break;
        }
        if (!regular && text.size() + chunk.size() > kMaxStreamBytes)
            throw cannot("it is not a regular file and gives more than 1 GiB; save the trace to a file and open that");
        text.append(chunk);
    }
    try {
        return trace_from_json(text);
    } catch (const TraceFormatError& e) {
        throw TraceFormatError(path + ": " + e.what());
    }
}

}  // namespace mpilab
