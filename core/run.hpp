// The entry point: run a program on N ranks and get back its outcome and trace. A run always
// returns: completed, deadlock (explained), error (explained) or cancelled.
#pragma once

#include "comm.hpp"
#include "config.hpp"
#include "trace.hpp"

#include <functional>

namespace mpilab {

using Program = std::function<void(Comm& world)>;

struct RunResult {
    Trace trace;   // trace.outcome is the outcome
    const Outcome& outcome() const { return trace.outcome; }
};

// Throws ConfigError (before any thread starts) if the config is invalid.
RunResult run(const Config& config, const Program& program);

// The settings of a run with this config, as its trace records them (for a front end that must
// describe a run whose trace was lost, e.g. in a process that crashed).
RunInfo run_info(const Config& config);

}  // namespace mpilab
