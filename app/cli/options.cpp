// Parsing of the command line. Options take their value as the next word or after '=' (--eager=1024).
#include "app/cli/options.hpp"

#include "core/collectives/algorithms.hpp"
#include "core/eager_presets.hpp"
#include "core/protocol.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>
#include <vector>

namespace mpilab::cli {

namespace {

std::pair<std::string, std::string> split_pair(std::string_view text, std::string_view option,
                                               std::string_view example) {
    auto eq = text.find('=');
    if (eq == std::string_view::npos || eq == 0) {
        throw UsageError(std::string(option) + " expects NAME=VALUE (for example " + std::string(example) +
                         "), not '" + std::string(text) + "'");
    }
    return {std::string(text.substr(0, eq)), std::string(text.substr(eq + 1))};
}

std::string schedule_names() {
    std::string names;
    for (auto p : {SchedulePolicy::RunUntilBlocked, SchedulePolicy::RoundRobin, SchedulePolicy::Random,
                   SchedulePolicy::Free}) {
        names += (names.empty() ? "" : ", ") + std::string(schedule_name(p));
    }
    return names;
}

// An algorithm choice the collectives' table knows, or a UsageError listing the valid ones.
void check_algorithm(const std::string& collective, const std::string& algorithm) {
    std::string collectives;
    for (const auto& entry : collectives::algorithm_table()) {
        if (entry.collective == collective) {
            std::string choices;
            for (std::string_view a : entry.algorithms) {
                if (a == algorithm) return;
                choices += (choices.empty() ? "" : ", ") + std::string(a);
            }
            throw UsageError("--algorithm: " + collective + " has no algorithm '" + algorithm +
                             "'; choose one of: " + choices);
        }
        collectives += (collectives.empty() ? "" : ", ") + std::string(entry.collective);
    }
    throw UsageError("--algorithm: there is no collective '" + collective + "'; choose one of: " + collectives);
}

}  // namespace

std::int64_t parse_eager(std::string_view text) {
    if (auto preset = find_eager_preset(text)) return preset->bytes;
    if (text.empty() || !(std::isdigit(static_cast<unsigned char>(text.front())) || text.front() == '-'))
        throw UsageError("--eager expects a number of bytes or one of the presets " + eager_preset_names() +
                         ", not '" + std::string(text) + "' (`mpilab help` says where each comes from)");
    return parse_integer(text, "--eager", 0, std::int64_t{1} << 50);
}

std::int64_t parse_integer(std::string_view text, std::string_view what, std::int64_t min, std::int64_t max) {
    std::string digits;
    for (char c : text) {
        if (c != '_' && c != ',') digits += c;   // 65_536 and 65,536 read as 65536
    }
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    const bool whole = !digits.empty() && end == digits.data() + digits.size() &&
                       (ec == std::errc() || ec == std::errc::result_out_of_range);
    // A number too long to echo is quoted by its beginning and its length.
    const std::string shown = text.size() <= 40 ? std::string(text)
                                                : std::string(text.substr(0, 20)) + "... (" +
                                                      std::to_string(text.size()) + " characters)";
    if (!whole) throw UsageError(std::string(what) + " expects a whole number, not '" + shown + "'");
    if (ec == std::errc::result_out_of_range || value < min || value > max) {
        throw UsageError(std::string(what) + " must be between " + with_commas(min) + " and " + with_commas(max) +
                         ", not " + shown);
    }
    return value;
}

std::uint64_t parse_memory_size(std::string_view text, std::string_view what) {
    const std::string example = " (for example " + std::string(what) + " 4GB or " + std::string(what) + " 512MB)";
    std::size_t end = 0;
    while (end < text.size() && (std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == '.')) ++end;
    double number = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + end, number);
    if (end == 0 || ec != std::errc() || ptr != text.data() + end)
        throw UsageError(std::string(what) + " expects a size, not '" + std::string(text) + "'" + example);
    std::string unit(text.substr(end));
    for (char& c : unit) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    static const std::pair<const char*, double> units[] = {
        {"", 1}, {"B", 1}, {"K", 1e3}, {"KB", 1e3}, {"M", 1e6}, {"MB", 1e6}, {"G", 1e9}, {"GB", 1e9}, {"T", 1e12},
        {"TB", 1e12}, {"KIB", 1024.0}, {"MIB", 1048576.0}, {"GIB", 1073741824.0}, {"TIB", 1099511627776.0}};
    for (const auto& [name, factor] : units) {
        if (unit != name) continue;
        const double bytes = number * factor;
        if (bytes < 1e6 || bytes > 1e15)
            throw UsageError(std::string(what) + " must be between 1MB and 1000TB, not '" + std::string(text) + "'");
        return static_cast<std::uint64_t>(bytes);
    }
    throw UsageError(std::string(what) + ": unknown unit '" + std::string(text.substr(end)) + "'; use B, KB, MB, GB, TB" +
                     " or KiB, MiB, GiB, TiB" + example);
}

RunOptions parse_run_options(std::span<const std::string> args, std::string_view command) {
    RunOptions options;
    const std::string where = "`mpilab " + std::string(command) + "`";
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string word = args[i];
        std::string value;
        bool has_inline_value = false;
        if (word.starts_with("--") && word.find('=') != std::string::npos) {
            value = word.substr(word.find('=') + 1);
            word = word.substr(0, word.find('='));
            has_inline_value = true;
        } else if (word.starts_with("-n") && word.size() > 2 && word[2] != '-') {
            value = word.substr(2);   // -n4
            word = "-n";
            has_inline_value = true;
        }
        auto next_value = [&](std::string_view example) -> std::string {
            if (has_inline_value) return value;
            if (i + 1 >= args.size()) {
                throw UsageError(word + " needs a value, for example: " + word + " " + std::string(example));
            }
            return args[++i];
        };
        if (word == "-n" || word == "--ranks" || word == "--np") {
            options.ranks = static_cast<int>(parse_integer(next_value("4"), "-n", 1, MAX_RANKS));
        } else if (word == "--eager") {
            options.eager = parse_eager(next_value("mpich"));
        } else if (word == "--set" || word == "-s") {
            auto [name, text] = split_pair(next_value("count=100"), "--set", "--set count=100");
            options.overrides[name] = text;
        } else if (word == "--schedule") {
            std::string name = next_value("random");
            auto policy = schedule_from_name(name);
            if (!policy) throw UsageError("unknown schedule '" + name + "'; choose one of: " + schedule_names());
            options.schedule = policy;
        } else if (word == "--seed") {
            options.seed = static_cast<std::uint64_t>(
                parse_integer(next_value("1"), "--seed", 0, std::numeric_limits<std::int64_t>::max()));
        } else if (word == "--algorithm") {
            auto [collective, algorithm] =
                split_pair(next_value("alltoall=pairwise"), "--algorithm", "--algorithm alltoall=pairwise");
            check_algorithm(collective, algorithm);
            options.algorithms[collective] = algorithm;
        } else if (word == "--trace") {
            options.trace_file = next_value("run.json");
            if (options.trace_file.empty()) throw UsageError("--trace needs a file name, for example: --trace run.json");
        } else if (word == "--chrome") {
            options.chrome_file = next_value("run.chrome.json");
            if (options.chrome_file.empty())
                throw UsageError("--chrome needs a file name, for example: --chrome run.chrome.json");
        } else if (word == "--replay") {
            if (command != "run")
                throw UsageError("--replay is an option of `mpilab run` (it reruns one recorded match order)");
            options.replay_file = next_value("failing.json");
        } else if (word == "--max-runs" || word == "--max-seconds") {
            if (command != "check")
                throw UsageError(word + " is an option of `mpilab check` (it bounds the exploration of match orders)");
            if (word == "--max-runs")
                options.max_runs = static_cast<std::uint64_t>(parse_integer(next_value("10000"), word, 1, std::int64_t{1} << 40));
            else
                options.max_seconds = static_cast<double>(parse_integer(next_value("60"), word, 1, 1'000'000));
        } else if (word == "--max-memory") {
            options.max_memory = parse_memory_size(next_value("4GB"), "--max-memory");
        } else if (word == "--json" && !has_inline_value) {
            options.json = true;
        } else if ((word == "--verbose" || word == "-v") && !has_inline_value) {
            options.verbose = true;
        } else if (word == "--" && !has_inline_value) {
            options.argv.assign(args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end());
            break;
        } else if (word.starts_with("-") && word != "-") {
            throw UsageError("unknown option '" + args[i] + "' for " + where + "; run `mpilab help` for the options");
        } else if (options.program.empty()) {
            options.program = word;
        } else {
            throw UsageError("unexpected word '" + word + "': " + where + " takes one scenario id or program file (have '" +
                             options.program + "'); scenario parameters are given as --set NAME=VALUE, a "
                             "program's own arguments after `--`");
        }
    }
    if (options.seed && !options.schedule) {
        // A seed means the random schedule: say so instead of silently ignoring it.
        options.schedule = SchedulePolicy::Random;
        options.notes.push_back("--seed " + std::to_string(*options.seed) + " implies --schedule random");
    } else if (options.seed && *options.schedule != SchedulePolicy::Random) {
        throw UsageError("--seed is the seed of --schedule random; the " + std::string(schedule_name(*options.schedule)) +
                         " schedule takes no seed (leave out --seed, or use --schedule random)");
    }
    if (options.program.empty()) {
        throw UsageError(where + " needs a scenario id or a program file, for example: mpilab " +
                         std::string(command) + " send-send. Run `mpilab list` to see the scenarios.");
    }
    return options;
}

Config make_config(const ProgramSource& source, const RunOptions& options) {
    Config config;
    config.ranks = options.ranks.value_or(source.default_ranks());
    if (options.eager) config.eager_threshold = *options.eager;
    if (options.schedule) config.schedule = *options.schedule;
    if (options.seed) config.seed = *options.seed;
    config.algorithms = options.algorithms;
    return config;
}

ProgramArgs program_args(const RunOptions& options) {
    ProgramArgs args;
    args.overrides = options.overrides;
    args.argv = options.argv;
    return args;
}

namespace {

// One line per --eager preset: its name, value and source (up to the source's first ';').
std::string preset_lines() {
    std::string lines;
    for (const EagerPreset& p : eager_presets()) {
        std::string name(p.name), bytes = with_commas(p.bytes);
        name.resize(10, ' ');
        bytes.insert(0, bytes.size() < 6 ? 6 - bytes.size() : 0, ' ');
        lines += "  " + name + bytes + " bytes  " + std::string(p.source.substr(0, p.source.find(';'))) + "\n";
    }
    return lines;
}

}  // namespace

std::string usage_text() {
    std::string text = R"(mpilab: a teaching simulator for MPI-style message passing

Usage:
  mpilab list [--json]                 the scenarios, by category
  mpilab describe ID                   what a scenario teaches, its parameters and its expected outcome
  mpilab run ID|PROGRAM [options] [-- ARGS]
                                       run a scenario, or a program of your own, and print a report
  mpilab check ID|PROGRAM [options] [-- ARGS]
                                       run it with the given eager threshold and with zero buffering
                                       (every send synchronous), each in every distinct match order its
                                       wildcard receives (ANY_SOURCE), probes and waitany / testany /
                                       waitsome / testsome can take: is it safe, or does it only work
                                       because the runtime buffers messages, or because its messages
                                       arrive in a lucky order? Bisects the smallest eager threshold at
                                       which it completes.
  mpilab show FILE [--verbose]         validate a trace file (from --trace) and print its report
  mpilab record -o FILE [--hang-timeout S] [--mpi mpich|openmpi] [--dir FOLDER] -- LAUNCHER ARGS...
                                       run a program on a real MPI (MPICH or Open MPI) with your own
                                       launcher (mpiexec -n 4 ./ring), record every MPI call of every
                                       process, and save the run as a trace FILE: the same report, GUI
                                       and deadlock explanation as a simulated run. A run in which every
                                       process is blocked with no progress for S seconds (default 60;
                                       0: wait forever) is stopped and recorded as a hang
  mpilab record -o FILE --merge FOLDER merge record files collected from several hosts into FILE
  mpilab compare REAL PROGRAM [--trace SIM] [-v] [-- ARGS]
                                       simulate PROGRAM on the ranks of the recorded run REAL, at the eager
                                       threshold of the MPI that made it, and show where the two runs
                                       differ: outcome (and the calls a hang is blocked in), each rank's
                                       sequence of calls, the messages between each pair of ranks. Exit
                                       status 0 when they agree, 2 when they differ; --trace saves the
                                       simulation for mpilab-gui REAL --compare SIM
  mpilab export FILE --chrome OUT      convert a trace file for chrome://tracing or ui.perfetto.dev
  mpilab help                          this text

A PROGRAM is a file of your own (the kinds this build of mpilab runs are listed when a name is not
understood); its own arguments follow `--`. Everything below works the same for scenarios and programs.

Options of run and check:
  -n, --ranks N            number of ranks (default: the scenario's)
  --eager BYTES|PRESET     eager threshold: standard sends of at most BYTES bytes are buffered; a preset
                           names a real MPI's limit (below); every report names the one it used
  --set NAME=VALUE         a scenario parameter (repeatable; `mpilab describe ID` lists them)
  --schedule POLICY        run-until-blocked (default), round-robin, random or free
  --seed S                 seed of the random schedule (default 0); implies --schedule random
  --algorithm COLL=ALG     collective algorithm, e.g. --algorithm allreduce=ring (repeatable)
  --trace FILE             save the trace as JSON (open it in mpilab-gui, or `mpilab show FILE`);
                           for check, the first failing match order (else the zero-buffering run)
  --chrome FILE            save the same trace in the Chrome trace format (Perfetto)
  --max-memory SIZE        the run's memory budget, e.g. 4GB (default: 3/4 of the memory available); a
                           run that needs more ends as "out of memory" instead of exhausting the machine
  --json                   print the run and its outcome as one JSON object instead of the report
  -v, --verbose            list every blocked rank, output line and warning (the report otherwise groups
                           ranks in the same place and keeps to about 60 lines at any rank count)

Option of run:
  --replay FILE            rerun exactly the run FILE records (a trace from --trace): its ranks, eager
                           threshold, buffering, schedule, parameters, and every choice it made

Eager presets (--eager NAME); openmpi and mpich are the largest message a send-send exchange survives
under the library's own mpiexec, measured by bench/eager_limits/measure:
@PRESETS@
  A program that completes in mpilab may still hang on a real MPI: a send that mpilab buffers (at the
  default, up to 64 KiB) may wait there for its receive, and real libraries differ (by version, network,
  settings). Run with --eager openmpi or --eager mpich to see what those would do, and `mpilab check` to know
  whether the program depends on buffering at all: it also runs with zero buffering.

Options of check (the exploration of match orders):
  --max-runs N             at most N runs per buffering mode (default 10000)
  --max-seconds S          at most S seconds per buffering mode (default 60)
  A choice is a receive or probe from ANY_SOURCE choosing among the senders whose messages could
  match, or waitany / testany / waitsome / testsome choosing among completed requests. A run makes
  each in virtual-time order (the earliest arrival); check also tries every other alternative that
  makes a different match, including messages that could have arrived earlier on another network.
  A program without such choices takes one run per buffering mode.

Exit status: 0 completed (check: safe; compare: the runs agree), 2 deadlock (check: unsafe;
               compare: the runs differ), 3 error,
             1 a mistake on the command line, an unreadable input file, an output file
               that could not be written (the report is printed all the same) or a
               standard output that could not take the report.
)";
    text.replace(text.find("@PRESETS@\n"), 10, preset_lines());
    return text;
}

}  // namespace mpilab::cli
