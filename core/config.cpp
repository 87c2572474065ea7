// Config validation and schedule policy names.
#include "config.hpp"

#include "collectives/algorithms.hpp"

#include <cmath>
#include <string>

namespace mpilab {

std::string_view schedule_name(SchedulePolicy p) {
    switch (p) {
        case SchedulePolicy::RunUntilBlocked: return "run-until-blocked";
        case SchedulePolicy::RoundRobin: return "round-robin";
        case SchedulePolicy::Random: return "random";
        case SchedulePolicy::Free: return "free";
    }
    return "run-until-blocked";
}

std::optional<SchedulePolicy> schedule_from_name(std::string_view name) {
    for (SchedulePolicy p : {SchedulePolicy::RunUntilBlocked, SchedulePolicy::RoundRobin, SchedulePolicy::Random,
                             SchedulePolicy::Free}) {
        if (name == schedule_name(p)) return p;
    }
    return std::nullopt;
}

void Config::validate() const {
    if (ranks < 1 || ranks > MAX_RANKS)
        throw ConfigError("ranks must be between 1 and " + std::to_string(MAX_RANKS) + ", not " +
                          std::to_string(ranks));
    if (eager_threshold < 0)
        throw ConfigError("the eager threshold must be 0 bytes or more, not " + std::to_string(eager_threshold) +
                          " (use synchronous sends for zero buffering)");
    if (buffer_cap && *buffer_cap < 0)
        throw ConfigError("the buffer cap must be 0 bytes or more, not " + std::to_string(*buffer_cap));
    if (!(cost.latency >= 0) || !std::isfinite(cost.latency))
        throw ConfigError("the latency must be a finite number of seconds >= 0");
    if (!(cost.bandwidth > 0) || !std::isfinite(cost.bandwidth))
        throw ConfigError("the bandwidth must be a finite number of bytes per second > 0");
    if (stack_bytes < 64 * 1024)
        throw ConfigError("each rank needs a stack of at least 64 KiB, not " + std::to_string(stack_bytes) + " bytes");
    if (max_futile_polls == 0) throw ConfigError("max_futile_polls must be at least 1");
    if (!choices.empty() && schedule == SchedulePolicy::Free)
        throw ConfigError("recorded choices can only be replayed in a deterministic schedule, not in free mode");
    for (const ForcedChoice& c : choices)
        if (c.rank < 0 || c.rank >= ranks || c.key < 0)
            throw ConfigError("a recorded choice names rank " + std::to_string(c.rank) + " and key " +
                              std::to_string(c.key) + ", which do not exist in a run of " + std::to_string(ranks) +
                              " ranks: replay it with the rank count it was recorded with");
    for (const auto& [collective, algorithm] : algorithms) {
        const collectives::CollectiveAlgorithms* entry = nullptr;
        std::string names;
        for (const auto& e : collectives::algorithm_table()) {
            names += (names.empty() ? "" : ", ") + std::string(e.collective);
            if (e.collective == collective) entry = &e;
        }
        if (!entry)
            throw ConfigError("no collective is called '" + collective + "'; algorithms can be chosen for: " + names);
        std::string choices;
        bool known = false;
        for (std::string_view a : entry->algorithms) {
            choices += (choices.empty() ? "" : ", ") + std::string(a);
            known = known || a == algorithm;
        }
        if (!known)
            throw ConfigError("'" + algorithm + "' is not an algorithm for " + collective + "; choose one of: " + choices);
    }
}

}  // namespace mpilab
