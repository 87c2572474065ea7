// Exploring a program's non-determinism: every distinct way its choices (receives and probes from
// ANY_SOURCE, waitany / testany / waitsome / testsome) can go, one run per distinct match order.
// A run records its choices (Trace::choices); the exploration then replays that run's choices up to
// one of them and forces another alternative there — one the run had, or one that came later (a
// message that arrived after the choice was made, a request that completed after it), which the
// engine waits for by postponing the choice. Only alternatives that make a different match are tried,
// and choices of different ranks are never permuted (the engine commits them in one fixed order), so
// each run is a different match order: a partial-order reduction of the interleavings to the matches.
// A forced alternative that cannot happen (the message is only sent because of the choice) ends its
// run as "choice not reproducible"; that run is discarded. A program without choices takes one run.
#pragma once

#include "config.hpp"
#include "trace.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

namespace mpilab {

// The error kind of a run whose forced choices could not all be made (see choice.cpp).
inline constexpr std::string_view CHOICE_NOT_REPRODUCIBLE = "choice not reproducible";

struct ExploreLimits {
    std::uint64_t max_runs = 10'000;   // runs, including discarded ones
    double max_seconds = 60;           // wall-clock seconds
};

struct Exploration {
    std::uint64_t runs = 0;            // runs made
    std::uint64_t orders = 0;          // distinct match orders that ran to an outcome
    std::uint64_t deadlocks = 0;       // of them: ended in a deadlock
    std::uint64_t errors = 0;          // of them: ended in an error
    bool choices = false;              // the program made choices at all
    bool exhaustive = true;            // false: a budget stopped it before every order was tried
    bool cancelled = false;            // a run was cancelled (Config::cancel)
    bool stopped_by_time = false;      // the budget that stopped it was time (else runs)
    Trace first;                       // the first run: choices in virtual-time order
    std::optional<Trace> first_failing;   // the first run that failed with an error, else the first that deadlocked
    std::uint64_t failing() const { return deadlocks + errors; }
};

// Runs `run_one` on `config` (whose own forced choices, if any, are kept) and on each other match order.
Exploration explore(const std::function<Trace(const Config&)>& run_one, const Config& config,
                    const ExploreLimits& limits);

// The forced choices that replay `trace` exactly.
std::vector<ForcedChoice> replay_choices(const Trace& trace);

}  // namespace mpilab
