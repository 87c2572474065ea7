// Writes a run into its Trace as it happens: calls, messages, output, source locations, and each event
// in the order the engine executed it. Called only with the engine lock held, so the event order is the
// order of the lock. When recording is off (benchmarks), calls, messages and events are skipped and
// every id is NONE; output, locations needed for reports, and the outcome are still kept.
#pragma once

#include "trace.hpp"

#include "location.hpp"
#include <string>
#include <unordered_map>

namespace mpilab {

class Recorder {
public:
    Recorder(Trace& trace, bool enabled) : trace_(trace), enabled_(enabled) {}
    bool enabled() const { return enabled_; }
    Trace& trace() { return trace_; }

    std::uint32_t location(const Location& loc);

    struct CallStart {
        int rank;
        CallKind kind;
        bool generic;
        std::uint32_t comm;
        int peer;          // world rank, ANY_SOURCE or PROC_NULL
        int tag;
        std::int64_t bytes;
        double time;
    };
    std::uint32_t begin_call(const CallStart& start, const Location& loc);
    void end_call(std::uint32_t call, double time);
    void set_flag(std::uint32_t call, std::uint8_t flag) {
        if (call != NONE) trace_.calls[call].flags |= flag;
    }
    CallRecord* call(std::uint32_t id) { return id == NONE ? nullptr : &trace_.calls[id]; }

    std::uint32_t begin_message(const MessageRecord& record);
    MessageRecord* message(std::uint32_t id) { return id == NONE ? nullptr : &trace_.messages[id]; }
    // A message's data reached the receiver's side / its envelope met a receive (message times are set
    // by the caller: they follow the cost model, not this order).
    void delivered(std::uint32_t message) { event(EventKind::Deliver, message); }
    void matched(std::uint32_t message) { event(EventKind::Match, message); }
    // A rank returned from its program, or the run's end stopped it: once per rank.
    void finished(int rank) { event(EventKind::Finish, static_cast<std::uint32_t>(rank)); }

    void output(int rank, double time, std::string text);
    std::uint8_t algorithm(std::string_view name);

private:
    void event(EventKind kind, std::uint32_t index) {
        if (enabled_ && index != NONE) trace_.events.push_back(TraceEvent{index, kind});
    }

    struct LocationKey {
        const char* file;
        std::uint32_t line;
        std::uint32_t column;
        friend bool operator==(const LocationKey&, const LocationKey&) = default;
    };
    struct LocationHash {
        std::size_t operator()(const LocationKey& k) const {
            return std::hash<const void*>()(k.file) ^ (std::size_t{k.line} * 0x9e3779b97f4a7c15ull) ^ k.column;
        }
    };
    Trace& trace_;
    bool enabled_;
    std::unordered_map<LocationKey, std::uint32_t, LocationHash> locations_;   // by the strings' addresses
    std::unordered_map<std::string, std::uint32_t> location_ids_;              // by file, line and function
};

}  // namespace mpilab
