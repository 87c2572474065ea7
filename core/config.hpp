// The settings of one run and their validation. validate() is called by run() before any thread
// starts, so a bad value is reported as a ConfigError and never half-starts a run.
#pragma once

#include "types.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace mpilab {

enum class SchedulePolicy : std::uint8_t {
    RunUntilBlocked,   // deterministic: the running rank keeps the baton until it blocks; then the lowest ready rank
    RoundRobin,        // deterministic: the baton moves to the next ready rank at every call
    Random,            // deterministic for a seed: a seeded random ready rank at every call
    Free,              // not deterministic: all rank threads run truly concurrently
};
std::string_view schedule_name(SchedulePolicy p);
std::optional<SchedulePolicy> schedule_from_name(std::string_view name);

// The alpha-beta cost model of the virtual clocks.
struct CostModel {
    double latency = 1e-6;      // seconds per message (alpha)
    double bandwidth = 1e10;    // bytes per second (1/beta)
};

inline constexpr int MAX_RANKS = 4096;

// A choice the run must make (see ChoicePoint): rank `rank`'s `ordinal`-th choice takes `key` — the
// sender's world rank for a wildcard receive or probe, the request's index for the wait/test family.
// A choice whose key is not available yet is postponed until it is (the other ranks run meanwhile).
struct ForcedChoice {
    int rank = 0;
    std::uint32_t ordinal = 0;
    int key = 0;
    friend bool operator==(const ForcedChoice&, const ForcedChoice&) = default;
};

struct Config {
    int ranks = 2;
    std::int64_t eager_threshold = 65536;       // a standard send of bytes <= this is eager
    std::optional<std::int64_t> buffer_cap;     // at most this many unexpected (buffered) bytes per receiver
    bool synchronous_sends = false;             // every standard send behaves as ssend (zero buffering)
    SchedulePolicy schedule = SchedulePolicy::RunUntilBlocked;
    std::uint64_t seed = 0;
    CostModel cost{};
    bool record_trace = true;                   // false: calls and messages are not recorded (benchmarks)
    std::size_t stack_bytes = 1 << 20;          // stack of each rank thread
    std::map<std::string, std::string> algorithms;   // collective name ("alltoall") -> algorithm ("bruck")
    std::uint64_t max_futile_polls = 1'000'000; // failed test/iprobe calls with nothing else able to move: livelock
    std::string scenario;                       // recorded in the trace
    Value params = Value::object();             // recorded in the trace
    const std::atomic<bool>* cancel = nullptr;  // set to true from another thread to stop the run
    std::function<void(std::uint64_t calls)> progress;   // called now and then from a rank thread (det. mode)
    std::vector<ForcedChoice> choices;          // deterministic mode: choices to make instead of the earliest
    // Take the rank threads from a pool kept between runs (core/rank_threads.hpp) instead of starting
    // new ones: for many short runs in a row. Not for programs that keep state in thread_local variables.
    bool reuse_threads = false;

    // Throws ConfigError with a message saying what to change.
    void validate() const;
};

}  // namespace mpilab
