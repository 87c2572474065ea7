// What one rank looks like at playhead time t, derived from the trace alone: its state, the call it
// is in, its posted receives, the unexpected messages waiting for it, its pending requests, its
// clock and the source line it is at. The rank inspector and the source view show this.
// Scans look back at most `scan_limit` records per table, so a snapshot stays cheap on huge traces.
#pragma once

#include "trace_model.hpp"

#include <cstdint>
#include <vector>

namespace mpilab::gui {

struct PendingRequest {
    std::uint32_t call = NONE;   // the isend / irecv / i-collective that created it
    double done_at = -1;         // when its operation completed (-1: never); it is pending until then
};

struct RankSnapshot {
    int rank = -1;
    RankState state = RankState::Running;
    double clock = 0;
    std::uint32_t current_call = NONE;   // the call containing t
    std::uint32_t last_call = NONE;      // the last call entered at or before t
    std::uint32_t location = NONE;       // where the rank is: current call, else last call
    std::vector<std::uint32_t> posted_receives;      // receive calls still waiting for a match
    std::vector<std::uint32_t> unexpected_messages;  // messages arrived (envelope) but not matched
    std::vector<PendingRequest> pending_requests;
    std::size_t output_lines = 0;        // lines this rank printed up to t
};

RankSnapshot rank_snapshot(const TraceModel& model, int rank, double t, std::size_t scan_limit = 4096);

// The time a non-blocking call's operation completes, or -1 if it never does.
double request_completion(const TraceModel& model, std::uint32_t call);

}  // namespace mpilab::gui
