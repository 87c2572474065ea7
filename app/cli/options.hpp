// The command line's words: parsing the options of `run` and `check`, and turning them into a Config.
// Every mistake becomes a UsageError whose message says what to type instead; main() prints it and
// exits with status 1.
#pragma once

#include "core/config.hpp"
#include "app/source/program_source.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace mpilab::cli {

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The options shared by `mpilab run` and `mpilab check`.
struct RunOptions {
    std::string program;                           // a scenario id or a program file (see open_program_source)
    std::vector<std::string> argv;                 // the program's own arguments, after `--`
    std::optional<int> ranks;
    std::optional<std::int64_t> eager;
    Value overrides = Value::object();            // --set NAME=VALUE, values kept as text
    std::optional<SchedulePolicy> schedule;
    std::optional<std::uint64_t> seed;
    std::map<std::string, std::string> algorithms; // --algorithm COLL=ALG
    std::string trace_file;                        // --trace FILE
    std::string chrome_file;                       // --chrome FILE
    std::string replay_file;                       // run --replay FILE: its settings and choices
    std::optional<std::uint64_t> max_runs;         // check --max-runs N
    std::optional<double> max_seconds;             // check --max-seconds S
    std::optional<std::uint64_t> max_memory;       // --max-memory SIZE (bytes): the budget of every run
    bool json = false;
    bool verbose = false;                          // --verbose: every blocked rank, output line and warning
    std::vector<std::string> notes;                // what an option implied ("--seed 5 implies --schedule random")
};

// Parses the arguments after the command word ("run ID -n 4 ..."); `command` names it in messages.
RunOptions parse_run_options(std::span<const std::string> args, std::string_view command);

// The Config of a run: the program's default ranks unless -n was given, then the options on top.
Config make_config(const ProgramSource& source, const RunOptions& options);
// The --set values and the program's own arguments.
ProgramArgs program_args(const RunOptions& options);

// --eager's value: a preset's name (core/eager_presets.hpp) or a whole number of bytes.
std::int64_t parse_eager(std::string_view text);

// A whole number in [min, max]; `what` names the option in the message ("-n", "--eager").
std::int64_t parse_integer(std::string_view text, std::string_view what, std::int64_t min, std::int64_t max);

// A size in bytes: a number with an optional unit B, KB, MB, GB, TB (powers of 1000) or KiB, MiB, GiB, TiB
// (powers of 1024), e.g. "2GB", "1.5G", "512MiB"; `what` names the option in the message.
std::uint64_t parse_memory_size(std::string_view text, std::string_view what);

// The text `mpilab help` prints.
std::string usage_text();

}  // namespace mpilab::cli
