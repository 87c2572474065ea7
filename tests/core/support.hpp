// Helpers shared by the core tests: configs, short names for outcomes, and test programs used by several.
#pragma once

#include "core/run.hpp"

#include <doctest/doctest.h>

#include <string>

namespace mpilab::test {

inline Config config(int ranks, std::int64_t eager = 65536, SchedulePolicy schedule = SchedulePolicy::RunUntilBlocked) {
    Config c;
    c.ranks = ranks;
    c.eager_threshold = eager;
    c.schedule = schedule;
    return c;
}

inline std::string status(const RunResult& r) { return std::string(outcome_status_name(r.outcome().status)); }

inline const CallRecord* find_call(const Trace& t, int rank, CallKind kind) {
    for (const CallRecord& c : t.calls)
        if (c.rank == rank && c.kind == kind) return &c;
    return nullptr;
}

// A wildcard race: rank 0 receives size-2 messages from ANY_SOURCE, then one from the last rank by
// name; it deadlocks in the match orders where a wildcard receive takes the last rank's message.
inline void wildcard_race(Comm& w) {
    if (w.rank() == 0) {
        for (int i = 0; i < w.size() - 2; ++i) w.recv(ANY_SOURCE, 0);
        w.recv(w.size() - 1, 0);
    } else {
        w.send(w.rank(), 0, 0);
    }
}

}  // namespace mpilab::test
