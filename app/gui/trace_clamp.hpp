// A trace made safe to draw. The loader refuses traces that contradict themselves, but the GUI must
// not depend on it: a time of Infinity, NaN or 1e300, a call that leaves before it enters, or a
// table of 300,000 copies of one wait-for arc would otherwise overflow the screen arithmetic, trip
// ImGui's asserts or cost seconds per frame. Invariant after clamping: every time is finite and in
// [0, kMaxDisplayTime] (message times may also be -1, "never"), leave >= enter, and every record's
// rank lies in [0, kMaxLanes). A trace that needs no change is shared, not copied.
#pragma once

#include "core/trace.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace mpilab::gui {

inline constexpr double kMaxDisplayTime = 1e12;   // virtual seconds: about 31,700 years
inline constexpr int kMaxLanes = 65536;            // more ranks than mpilab runs (4096), fewer than a bad count

struct ClampedTrace {
    std::shared_ptr<const Trace> trace;
    std::uint64_t changed_values = 0;   // how many values were out of range (0: the trace as given)
    std::string note;                   // what was changed, for the user; empty if nothing
};

ClampedTrace clamp_for_display(std::shared_ptr<const Trace> trace);

// One arc of the wait-for graph as drawn: duplicates of (from, to, kind) folded into one.
struct DrawnArc {
    std::int32_t from = 0;
    std::int32_t to = 0;
    ArcKind kind = ArcKind::And;
    bool in_cycle = false;        // from -> to is a step of the outcome's cycle
    bool to_finished = false;
    std::uint32_t label = 0;      // index of the first arc in outcome.deadlock->arcs with this key
};

// The outcome's arcs deduplicated and sorted by (from, to, kind); arcs naming a rank outside
// [0, ranks) are dropped. Linear in the number of arcs (plus the sort of the distinct ones).
std::vector<DrawnArc> distinct_wait_arcs(const DeadlockInfo& info, int ranks);

// The arcs leaving `rank` in a list from distinct_wait_arcs(), by binary search.
std::pair<const DrawnArc*, const DrawnArc*> arcs_from(const std::vector<DrawnArc>& arcs, int rank);

}  // namespace mpilab::gui
