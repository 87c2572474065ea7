// Small hand-made traces for the GUI tests: a two-rank world, calls appended with their times and
// flags, and the TraceModel over a finished trace.
#pragma once

#include "app/gui/trace_model.hpp"

#include <memory>

namespace mpilab::gui::testing {

inline Trace two_rank_world() {
    Trace t;
    t.run.ranks = 2;
    t.comms.push_back({0, "world", NONE, {0, 1}});
    return t;
}

inline std::uint32_t add_call(Trace& t, int rank, CallKind kind, double enter, double leave, std::uint8_t flags = 0) {
    CallRecord c;
    c.rank = rank;
    c.kind = kind;
    c.enter = enter;
    c.leave = leave;
    c.flags = flags;
    t.calls.push_back(c);
    return static_cast<std::uint32_t>(t.calls.size() - 1);
}

inline std::shared_ptr<const TraceModel> model_of(Trace t) {
    return std::make_shared<const TraceModel>(std::make_shared<const Trace>(std::move(t)));
}

}  // namespace mpilab::gui::testing
