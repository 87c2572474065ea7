// The scenario library: every tutorial example and exercise as a runnable program with its
// parameters, its expected outcome and its own source text (the GUI shows it with each rank's
// current line). Scenarios are data: one file each, listed in the one table in registry.cpp.
#pragma once

#include "core/config.hpp"
#include "core/run.hpp"
#include "core/trace.hpp"

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace mpilab {

struct ParamSpec {
    std::string name;
    Value default_value;          // its JSON type is the parameter's type (integer, number, boolean, string)
    std::string description;
    std::optional<double> min;    // inclusive bounds for numbers
    std::optional<double> max;
};

// The parameter values of one run: defaults merged with what the user set, already validated.
class Params {
public:
    explicit Params(Value values = Value::object()) : values_(std::move(values)) {}
    std::int64_t integer(const std::string& name) const { return values_.at(name).get<std::int64_t>(); }
    double number(const std::string& name) const { return values_.at(name).get<double>(); }
    bool boolean(const std::string& name) const { return values_.at(name).get<bool>(); }
    std::string text(const std::string& name) const { return values_.at(name).get<std::string>(); }
    const Value& values() const { return values_; }

private:
    Value values_;
};

struct Scenario {
    std::string id;               // "alltoall-deadlock"
    std::string title;            // "The alltoall challenge, part 1: a deadlock"
    std::string category;         // "Basics", "Collectives", "Non-blocking", "Applications", "Deadlocks and errors"
    std::string summary;          // what it teaches, two or three sentences
    int default_ranks = 4;
    int min_ranks = 1;
    int max_ranks = MAX_RANKS;
    std::string max_ranks_why;    // optional: why not more ("the product n! no longer fits in 64 bits")
    std::function<std::string(int ranks)> ranks_check;   // optional: "" if ranks is fine, else why not
    std::vector<ParamSpec> params;
    OutcomeStatus expect = OutcomeStatus::Completed;      // at the defaults
    std::string source_file;      // path relative to the repository root: "scenarios/alltoall_deadlock.cpp"
    std::string_view source_text; // that file's text, embedded at build time
    std::function<void(Comm& world, const Params& params)> program;
    // Optional, where the memory a run needs is predictable from its settings: about how many bytes it
    // needs. A run that needs more than its memory budget is refused before it starts.
    std::function<double(const Config& config, const Params& params)> memory_bytes;
};

// About how many bytes of trace one message costs with its two calls (records, names, locations), for
// the memory estimates of the scenarios whose message count grows with the square of the rank count.
inline constexpr double TRACE_BYTES_PER_MESSAGE = 320;

// Thrown for an unknown scenario id, an unknown parameter, a value of the wrong type or out of range,
// or a rank count the scenario cannot run with. The message says what to do.
struct ScenarioError : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

const std::vector<Scenario>& all_scenarios();
const Scenario* find_scenario(std::string_view id);

// Merges `overrides` (name -> value; strings are parsed as the parameter's type) into the defaults.
Params resolve_params(const Scenario& scenario, const Value& overrides);

// A source path as recorded by std::source_location (absolute, or relative to the build folder) made
// relative to the repository: everything up to the last "scenarios/", "core/", "app/", "tests/" or
// "bench/" is dropped ("/home/x/mpilab/scenarios/ring.cpp" -> "scenarios/ring.cpp"). A path without
// one of those folders is returned unchanged.
std::string repo_relative_path(std::string_view file);

// Rewrites every source path in a scenario's trace (locations, blocked calls, the error, and the paths
// quoted in messages) relative to the repository, so a saved trace and its report do not depend on where
// the repository was checked out: "/home/x/mpilab/scenarios/ring.cpp" -> "scenarios/ring.cpp". Only for
// traces of the scenario library: a user's "/home/x/app/main.c" would lose its folder.
void make_paths_relative(Trace& trace);

// The scenario whose source file is `file` (any form repo_relative_path accepts), or nullptr.
const Scenario* scenario_for_file(std::string_view file);

// The embedded text of any source file of the scenario library, given as a trace location's file (any
// form repo_relative_path accepts), e.g. a helper shared by several scenarios; empty if not embedded.
std::string_view scenario_source_text(std::string_view file);

// Checks that a scenario can run on `ranks` ranks (ScenarioError saying which counts it accepts).
void check_ranks(const Scenario& scenario, int ranks);

// Runs a scenario: checks ranks and parameters (ScenarioError), fills config.scenario and
// config.params, and runs it. config.ranks must already be set (default_ranks if the user gave none).
RunResult run_scenario(const Scenario& scenario, Config config, const Value& overrides = Value::object());

}  // namespace mpilab
