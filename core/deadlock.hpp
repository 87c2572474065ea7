// Deadlock explanation. When no rank can run, the engine asks this analysis — with the lock held and
// every blocked rank's wait still in place — for the wait-for graph (AND arcs: needs all of them; OR
// arcs: any one would do, as for ANY_SOURCE or waitany), a cycle, the knot, and each blocked call with
// the reason it cannot return, in a student's words.
#pragma once

#include "trace.hpp"

#include <string>
#include <vector>

namespace mpilab {

class Engine;
struct RankState;
struct RequestState;

class DeadlockAnalysis {
public:
    explicit DeadlockAnalysis(const Engine& engine) : engine_(engine) {}

    // The deadlock outcome for the current state. `prefix` opens the message (e.g. a livelock note).
    Outcome outcome(const std::string& prefix) const;

    // Where a rank is, for "ranks that never arrived": "blocked in Recv at x.cpp:20" or "finished (last call at ...)".
    std::string whereabouts(int rank) const;
    // The same for several ranks, those in the same place grouped: "ranks 1-999 finished (last call ...)".
    std::string whereabouts(const std::vector<int>& ranks) const;

    // "rank 0 -> rank 1 -> rank 0"
    static std::string cycle_text(const std::vector<std::int32_t>& cycle);

private:
    void describe(const RankState& rank, BlockedCall& call, std::vector<WaitArc>& arcs) const;
    void describe_request(const RankState& rank, const RequestState& request, ArcKind kind, BlockedCall& call,
                          std::vector<WaitArc>& arcs, std::string& reason) const;
    std::string not_arrived_note(const RankState& rank) const;
    std::string state_of(int rank) const;   // "finished (last call ...)", "blocked in Recv at x.cpp:20"
    const Engine& engine_;
};

// Cycle and knot of a wait-for graph over `blocked` ranks (arcs to other ranks are dead ends).
std::vector<std::int32_t> find_cycle(const std::vector<std::int32_t>& blocked, const std::vector<WaitArc>& arcs);
std::vector<std::int32_t> find_knot(const std::vector<std::int32_t>& blocked, const std::vector<WaitArc>& arcs);

}  // namespace mpilab
