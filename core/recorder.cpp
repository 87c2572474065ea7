// Recording calls, messages and output into the trace.
#include "recorder.hpp"

namespace mpilab {

std::uint32_t Recorder::location(const Location& loc) {
    LocationKey key{loc.file_name(), loc.line(), loc.column()};
    auto it = locations_.find(key);
    if (it != locations_.end()) return it->second;
    // Two columns on one line, one file reached through two pointers (each rank's private copy of a
    // C program has its own __FILE__ literal) share one entry: the table is keyed by content too.
    SourceLocation record{loc.file_name(), loc.line(), loc.function_name()};
    std::string content_key = record.file + '\n' + std::to_string(record.line) + '\n' + record.function;
    auto [content, inserted] =
        location_ids_.try_emplace(std::move(content_key), static_cast<std::uint32_t>(trace_.locations.size()));
    if (inserted) trace_.locations.push_back(std::move(record));
    locations_.emplace(key, content->second);
    return content->second;
}

std::uint32_t Recorder::begin_call(const CallStart& start, const Location& loc) {
    if (!enabled_) return NONE;
    CallRecord c;
    c.enter = c.leave = start.time;
    c.bytes = start.bytes;
    c.rank = start.rank;
    c.peer = start.peer;
    c.tag = start.tag;
    c.comm = start.comm;
    c.location = location(loc);
    c.kind = start.kind;
    c.flags = static_cast<std::uint8_t>((start.generic ? CALL_GENERIC : 0) | CALL_UNFINISHED);
    trace_.calls.push_back(c);
    const auto id = static_cast<std::uint32_t>(trace_.calls.size() - 1);
    event(EventKind::Enter, id);
    return id;
}

void Recorder::end_call(std::uint32_t call, double time) {
    if (call == NONE) return;
    CallRecord& c = trace_.calls[call];
    c.leave = time;
    c.flags &= static_cast<std::uint8_t>(~CALL_UNFINISHED);
    event(EventKind::Return, call);
}

std::uint32_t Recorder::begin_message(const MessageRecord& record) {
    if (!enabled_) return NONE;
    trace_.messages.push_back(record);
    const auto id = static_cast<std::uint32_t>(trace_.messages.size() - 1);
    event(EventKind::Post, id);
    return id;
}

void Recorder::output(int rank, double time, std::string text) {
    trace_.output.push_back(OutputLine{rank, time, std::move(text)});
    event(EventKind::Print, static_cast<std::uint32_t>(trace_.output.size() - 1));
}

std::uint8_t Recorder::algorithm(std::string_view name) {
    if (name.empty()) return 0;
    for (std::size_t i = 1; i < trace_.algorithms.size(); ++i)
        if (trace_.algorithms[i] == name) return static_cast<std::uint8_t>(i);
    if (trace_.algorithms.size() >= 255) return 0;
    trace_.algorithms.emplace_back(name);
    return static_cast<std::uint8_t>(trace_.algorithms.size() - 1);
}

}  // namespace mpilab
