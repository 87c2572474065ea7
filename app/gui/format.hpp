// Text for the views: virtual times with a unit a student reads at a glance, byte counts with
// thousands separators, and one-line descriptions of calls and messages. No ImGui here.
#pragma once

#include "core/trace.hpp"

#include <cstdint>
#include <string>

namespace mpilab::gui {

std::string format_time(double seconds);            // "0 s", "850 ns", "12.5 µs", "3.20 ms", "1.25 s"
std::string format_bytes(std::int64_t bytes);       // "80,000 B", "1.5 MiB" for big ones
std::string format_count(std::uint64_t n);          // "1,000,000"
std::string rank_text(std::int32_t rank);           // "3", "any source", "none"
std::string describe_call(const Trace& trace, const CallRecord& call);       // "Send to 1, tag 0, 80,000 B (rendezvous)"
// "0 → 1, tag 0, 80,000 B, rendezvous"; ", never received" only when `end_known` (the future is not told
// before playback reveals it).
std::string describe_message(const Trace& trace, const MessageRecord& m, bool end_known = true);
std::string location_text(const Trace& trace, std::uint32_t location);       // "alltoall_deadlock.cpp:24" or ""

}  // namespace mpilab::gui
