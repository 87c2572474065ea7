// Helpers shared by the core tests: configs and short names for outcomes.
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

}  // namespace mpilab::test
