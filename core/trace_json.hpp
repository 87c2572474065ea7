// The trace JSON format, version 1: export and import of a Trace (documented by
// assets/trace-schema.json). Import never trusts its input: every index is checked against its table, so a
// loaded Trace is as safe to draw as a fresh one, and any malformed, truncated or foreign text ends in a
// TraceFormatError naming where (line:column, or a path such as calls[12].comm) and what is wrong.
// Invariant: export(import(export(t))) is byte-identical to export(t).
#pragma once

#include "trace.hpp"

#include <stdexcept>
#include <string>
#include <string_view>

namespace mpilab {

inline constexpr std::string_view TRACE_FORMAT_NAME = "mpilab-trace";
inline constexpr int TRACE_FORMAT_VERSION = 1;

// The text is not a valid mpilab trace. what() says where and why, e.g.
// "calls[3].comm = 7 but the trace has 2 communicators".
struct TraceFormatError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct JsonOptions {
    bool wall_time = true;   // write run.wall_seconds (off: the text depends only on the run's content)
    int indent = -1;         // < 0: one line; >= 0: run and outcome indented, one table row per line
};

std::string trace_to_json(const Trace& trace, const JsonOptions& options = {});
Trace trace_from_json(std::string_view text);   // throws TraceFormatError

// File forms. save_trace replaces the file atomically (atomic_file.hpp) and throws FileWriteError when it
// cannot be written; load_trace throws
// std::runtime_error when it cannot be read and TraceFormatError (prefixed with the path) when it is
// not a valid trace.
void save_trace(const Trace& trace, const std::string& path, const JsonOptions& options = {});
Trace load_trace(const std::string& path);

// The "run" and "outcome" objects alone, exactly as trace_to_json writes them (for `mpilab run --json`).
nlohmann::ordered_json run_to_json(const RunInfo& run, bool wall_time = true);
nlohmann::ordered_json outcome_to_json(const Outcome& outcome);
// The same with the explanation's advice for a deadlock ("advice", "advice_note"): derived from the
// trace, so a reader ignores it and recomputes it (core/explanation.hpp).
nlohmann::ordered_json outcome_to_json(const Trace& trace);

// Building blocks shared with the Chrome trace writer.
namespace json_text {
// Appends s as a JSON string literal. Invalid UTF-8 is replaced by U+FFFD, so the output is always JSON.
void append_string(std::string& out, std::string_view s);
// Appends the shortest text that reads back as exactly x; non-finite values become the strings
// "NaN", "Infinity", "-Infinity".
void append_double(std::string& out, double x);
void append_int(std::string& out, std::int64_t x);
}  // namespace json_text

}  // namespace mpilab
