// The commands. Reports go to stdout, progress and messages about the command line to stderr, so
// `mpilab run X --json > out.json` always writes clean JSON. A report quotes text from the trace (a
// program's output, names, messages): it is printed through terminal_safe(), so no trace can send the
// terminal escape sequences.
#include "app/cli/commands.hpp"

#include "app/cli/check.hpp"
#include "app/cli/options.hpp"
#include "app/cli/progress.hpp"
#include "app/cli/report.hpp"
#include "core/atomic_file.hpp"
#include "core/chrome_trace.hpp"
#include "core/eager_presets.hpp"
#include "core/memory_budget.hpp"
#include "core/protocol.hpp"
#include "core/run_comparison.hpp"
#include "core/terminal_text.hpp"
#include "core/trace_json.hpp"
#include "app/source/scenario_source.hpp"

#include <cctype>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <set>
#include <sstream>

namespace mpilab::cli {

namespace {

Value scenario_to_json(const Scenario& s) {
    Value params = Value::array();
    for (const ParamSpec& p : s.params) {
        Value param = {{"name", p.name}, {"default", p.default_value}, {"description", p.description}};
        param["type"] = p.default_value.is_boolean()         ? "boolean"
                        : p.default_value.is_number_integer() ? "integer"
                        : p.default_value.is_number()         ? "number"
                                                              : "string";
        if (p.min) param["min"] = *p.min;
        if (p.max) param["max"] = *p.max;
        params.push_back(param);
    }
    return {{"id", s.id},
            {"title", s.title},
            {"category", s.category},
            {"summary", s.summary},
            {"default_ranks", s.default_ranks},
            {"min_ranks", s.min_ranks},
            {"max_ranks", s.max_ranks},
            {"params", params},
            {"expect", std::string(outcome_status_name(s.expect))},
            {"source_file", s.source_file}};
}

// Text wrapped at `width` columns (scenario summaries are one long line).
std::string wrap(const std::string& text, std::size_t width = 100) {
    std::string out, line, word;
    std::istringstream words(text);
    while (words >> word) {
        if (!line.empty() && line.size() + 1 + word.size() > width) {
            out += line + "\n";
            line.clear();
        }
        line += (line.empty() ? "" : " ") + word;
    }
    return out + line;
}

void expect_no_arguments(std::span<const std::string> args, std::string_view command, std::size_t allowed) {
    if (args.size() > allowed) {
        throw UsageError("unexpected '" + args[allowed] + "' for `mpilab " + std::string(command) +
                         "`; run `mpilab help` for its usage");
    }
}

// Refuses, before anything runs, output files that could not be written: a long run must not end in
// nothing but a write error.
void check_output_files(const RunOptions& options) {
    try {
        if (!options.trace_file.empty()) check_writable(options.trace_file, "the trace file");
        if (!options.chrome_file.empty()) check_writable(options.chrome_file, "the Chrome trace file");
    } catch (const FileWriteError& e) {
        throw UsageError(std::string(e.what()) + " (choose a path in a folder you can write to)");
    }
    if (!options.trace_file.empty() && options.trace_file == options.chrome_file)
        throw UsageError("--trace and --chrome name the same file " + options.trace_file + "; give each its own name");
}

// Saves the files --trace and --chrome asked for. Returns what failed ("" if nothing did): the caller
// prints the report first, so a failed write never throws the run's result away.
std::string save_requested_files(const Trace& trace, const RunOptions& options) {
    std::string failures;
    try {
        if (!options.trace_file.empty()) {
            JsonOptions json;
            json.wall_time = false;   // the file then depends only on the run: same run, same bytes
            json.indent = 1;
            save_trace(trace, options.trace_file, json);
        }
    } catch (const std::exception& e) {
        failures += std::string(e.what()) + "\n";
    }
    try {
        if (!options.chrome_file.empty()) save_chrome_trace(trace, options.chrome_file);
    } catch (const std::exception& e) {
        failures += std::string(e.what()) + "\n";
    }
    return failures;
}

// After the report: a file that could not be written is an input error (exit status 1).
int report_write_failures(const std::string& failures, int status) {
    if (failures.empty()) return status;
    std::cerr << failures << "mpilab: the report above is complete, but the file(s) named were not written "
                             "(choose a path in a folder you can write to)\n";
    return 1;
}

Trace load_trace_file(const std::string& path) {
    try {
        return load_trace(path);
    } catch (const TraceFormatError& e) {
        throw UsageError(std::string(e.what()) + " (is it a trace written by `mpilab run --trace` or `mpilab record`?)");
    } catch (const std::exception& e) {
        throw UsageError(std::string(e.what()) + " (check the path)");
    }
}

// What `run` and `check` share: the options parsed, the program source opened and prepared (compiled,
// for a program file), its arguments and rank count checked before anything runs.
struct Prepared {
    RunOptions options;
    std::unique_ptr<ProgramSource> source;
    Config config;
    ProgramArgs args;
};

// `run --replay FILE` takes every setting from FILE: a setting given as well is a mistake.
void refuse_settings_beside_replay(const RunOptions& o) {
    if (o.ranks || o.eager || o.schedule || o.seed || !o.algorithms.empty() || !o.overrides.empty())
        throw UsageError("--replay takes the ranks, eager threshold, schedule, seed, algorithms and parameters from " +
                         o.replay_file + "; leave out -n, --eager, --schedule, --seed, --algorithm and --set");
}

// `run --replay FILE`: the settings and the choices of the recorded run, so that it runs again exactly.
void apply_replay(Prepared& p, const Trace& recorded) {
    const RunOptions& o = p.options;
    const RunInfo& run = recorded.run;
    if (!run.scenario.empty() && run.scenario != o.program && run.scenario != p.source->name())
        throw UsageError(o.replay_file + " records a run of '" + run.scenario + "', not of '" + o.program +
                         "': replay it with `mpilab run " + run.scenario + " --replay " + o.replay_file + "`");
    p.config.ranks = run.ranks;
    p.config.eager_threshold = run.eager_threshold;
    p.config.buffer_cap = run.buffer_cap;
    p.config.synchronous_sends = run.synchronous_sends;
    if (auto schedule = schedule_from_name(run.schedule)) p.config.schedule = *schedule;
    p.config.seed = run.seed;
    p.config.cost.latency = run.latency;
    p.config.cost.bandwidth = run.bandwidth;
    p.config.algorithms.clear();
    for (const auto& [collective, algorithm] : run.algorithms.items())
        if (algorithm.is_string()) p.config.algorithms[collective] = algorithm.get<std::string>();
    // Parameters go back in as --set would give them.
    if (!p.source->params().empty())
        for (const auto& [name, value] : run.params.items())
            p.args.overrides[name] = value.is_string() ? value.get<std::string>() : value.dump();
    p.config.choices = replay_choices(recorded);
}

// An --algorithm for a collective the run never called had no effect: say so rather than let the
// student believe the choice was tried.
void note_unused_algorithms(const Trace& trace, const Config& config) {
    std::set<std::string> called;
    for (const CallRecord& c : trace.calls) {
        if (c.algorithm == 0) continue;
        std::string name = call_name(c.kind, true);
        for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (name.starts_with("mpi_")) name.erase(0, 4);
        called.insert(name);
        if (name.starts_with("i")) called.insert(name.substr(1));   // ialltoall uses alltoall's algorithms
    }
    for (const auto& [collective, algorithm] : config.algorithms)
        if (!called.contains(collective))
            std::cerr << "mpilab: note: --algorithm " << collective << "=" << algorithm << " had no effect: this run "
                      << "never called " << collective << "\n";
}

// `compare REAL PROGRAM`: the simulation runs on the recorded run's rank count, at the eager threshold
// of the MPI that made it (an --eager given as well wins, and is noted).
void apply_recorded_run(Prepared& p, const Trace& real, const std::string& real_file) {
    const RunOptions& o = p.options;
    if (o.ranks)
        throw UsageError("compare runs the program on as many ranks as " + real_file + " records (" +
                         std::to_string(real.run.ranks) + "); leave out -n");
    p.config.ranks = real.run.ranks;
    const std::string& mpi = real.run.recorded->mpi;
    const auto preset = eager_preset_of_library(mpi);
    if (o.eager) {
        if (preset && *o.eager != preset->bytes)
            std::cerr << "mpilab: note: --eager " << *o.eager << " instead of the " << mpi << " preset (--eager "
                      << preset->name << ", " << with_commas(preset->bytes) << " bytes)\n";
    } else if (preset) {
        p.config.eager_threshold = preset->bytes;
    } else {
        throw UsageError(real_file + " was recorded under '" + mpi + "', whose eager threshold mpilab has not " +
                         "measured: give the simulation's threshold with --eager BYTES (or a preset: " +
                         eager_preset_names() + ")");
    }
}

// Opens, checks and prepares the program of `run`, `check` or `compare`; `recorded_run` (compare) gives
// the ranks and eager threshold.
Prepared prepare(std::span<const std::string> words, std::string_view command, const Trace* recorded_run = nullptr,
                 const std::string& recorded_file = {}) {
    Prepared p;
    p.options = parse_run_options(words, command);
    for (const std::string& note : p.options.notes) std::cerr << "mpilab: note: " << note << "\n";
    if (p.options.max_memory) set_run_memory_budget(*p.options.max_memory);
    p.source = open_program_source(p.options.program);
    p.config = make_config(*p.source, p.options);
    p.args = program_args(p.options);
    check_output_files(p.options);
    if (!p.options.replay_file.empty()) {
        refuse_settings_beside_replay(p.options);
        apply_replay(p, load_trace_file(p.options.replay_file));
    }
    if (recorded_run) apply_recorded_run(p, *recorded_run, recorded_file);
    check_program_args(*p.source, p.args);
    p.source->check_ranks(p.config.ranks);
    p.source->prepare();
    return p;
}

}  // namespace

int command_list(std::span<const std::string> args) {
    bool json = false;
    for (const std::string& a : args) {
        if (a == "--json") json = true;
        else throw UsageError("unexpected '" + a + "' for `mpilab list`; it takes only --json");
    }
    if (json) {
        Value list = Value::array();
        for (const Scenario& s : all_scenarios()) list.push_back(scenario_to_json(s));
        std::cout << list.dump(2) << "\n";
        return 0;
    }
    std::string category;
    for (const Scenario& s : all_scenarios()) {
        if (s.category != category) {
            category = s.category;
            std::cout << (category == all_scenarios().front().category ? "" : "\n") << category << "\n";
        }
        std::string expect = s.expect == OutcomeStatus::Completed ? "" : "  [" + std::string(outcome_status_name(s.expect)) + "]";
        std::cout << "  " << std::left << std::setw(24) << s.id << s.title << expect << "\n";
    }
    std::cout << "\nRun one with `mpilab run ID`; `mpilab describe ID` shows its parameters.\n";
    return 0;
}

int command_describe(std::span<const std::string> args) {
    if (args.empty()) throw UsageError("`mpilab describe` needs a scenario id, for example: mpilab describe send-send");
    expect_no_arguments(args, "describe", 1);
    const Scenario& s = scenario_named(args[0]);
    std::cout << s.id << ": " << s.title << "\n"
              << "category: " << s.category << "\n\n"
              << wrap(s.summary) << "\n\n"
              << "ranks: default " << s.default_ranks << ", at least " << s.min_ranks;
    if (s.max_ranks < MAX_RANKS) std::cout << ", at most " << s.max_ranks;
    std::cout << "\nexpected outcome at the defaults: " << outcome_status_name(s.expect) << "\n";
    if (!s.params.empty()) {
        std::cout << "parameters (--set NAME=VALUE):\n";
        for (const ParamSpec& p : s.params) {
            std::cout << "  " << std::left << std::setw(12) << p.name << " default " << p.default_value.dump()
                      << ": " << p.description << "\n";
        }
    }
    std::cout << "source: " << s.source_file << "\n";
    return 0;
}

int command_run(std::span<const std::string> args) {
    Prepared p = prepare(args, "run");
    Progress progress("running " + p.source->name(), !p.options.json && Progress::stderr_is_terminal());
    p.config.progress = progress.callback();
    const RunOptions& options = p.options;
    RunResult result = p.source->run(p.config, p.args);
    note_unused_algorithms(result.trace, p.config);
    const std::string failures = save_requested_files(result.trace, options);
    if (options.json) {
        Value out = {{"run", run_to_json(result.trace.run, /*wall_time=*/false)},
                     {"outcome", outcome_to_json(result.trace)}};
        std::cout << out.dump(2) << "\n";
    } else {
        std::cout << terminal_safe(format_report(result.trace, options.verbose));
    }
    return report_write_failures(failures, exit_status(result.outcome().status));
}

int command_check(std::span<const std::string> args) {
    Prepared p = prepare(args, "check");
    Progress progress("checking " + p.source->name(), !p.options.json && Progress::stderr_is_terminal());
    p.config.progress = progress.callback();
    const RunOptions& options = p.options;
    ExploreLimits limits;
    if (options.max_runs) limits.max_runs = *options.max_runs;
    if (options.max_seconds) limits.max_seconds = *options.max_seconds;
    CheckResult result = check_program(*p.source, p.config, p.args, limits);
    const std::string failures = save_requested_files(check_trace(result), options);
    if (options.json) {
        std::cout << check_to_json(result).dump(2) << "\n";
    } else {
        std::cout << terminal_safe(format_check(result));
    }
    return report_write_failures(failures, exit_status(result));
}

int command_show(std::span<const std::string> args) {
    std::vector<std::string> files;
    bool verbose = false;
    for (const std::string& a : args) {
        if (a == "--verbose" || a == "-v") verbose = true;
        else files.push_back(a);
    }
    if (files.empty()) throw UsageError("`mpilab show` needs a trace file, for example: mpilab show run.json");
    expect_no_arguments(files, "show", 1);
    Trace trace = load_trace_file(files[0]);
    std::cout << terminal_safe(format_report(trace, verbose));
    return exit_status(trace.outcome.status);
}

int command_export(std::span<const std::string> args) {
    std::string input, chrome;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--chrome") {
            if (i + 1 >= args.size()) throw UsageError("--chrome needs an output file, for example: --chrome run.chrome.json");
            chrome = args[++i];
        } else if (a.starts_with("--chrome=")) {
            chrome = a.substr(9);
        } else if (a.starts_with("-")) {
            throw UsageError("unknown option '" + a + "' for `mpilab export`; it takes FILE --chrome OUT");
        } else if (input.empty()) {
            input = a;
        } else {
            throw UsageError("unexpected '" + a + "' for `mpilab export`; it takes FILE --chrome OUT");
        }
    }
    if (input.empty() || chrome.empty()) {
        throw UsageError("`mpilab export` needs a trace file and an output: mpilab export run.json --chrome run.chrome.json");
    }
    if (same_file(input, chrome))
        throw UsageError("the output " + chrome + " is the trace file being exported; give the Chrome trace its own "
                         "name, for example: --chrome run.chrome.json");
    try {
        check_writable(chrome, "the Chrome trace file");
    } catch (const FileWriteError& e) {
        throw UsageError(std::string(e.what()) + " (choose a path in a folder you can write to)");
    }
    Trace trace = load_trace_file(input);
    try {
        save_chrome_trace(trace, chrome);
    } catch (const std::exception& e) {
        throw UsageError(std::string(e.what()) + " (choose a path in a folder you can write to)");
    }
    std::cerr << "wrote " << chrome << ": open it at https://ui.perfetto.dev or chrome://tracing\n";
    return 0;
}

// `mpilab compare REAL.json PROGRAM`: the program simulated on the recorded run's ranks and its MPI's eager
// threshold, then where the two runs differ. Exit status 0 when they agree, 2 when they differ.
int command_compare(std::span<const std::string> args) {
    const char* usage = "mpilab compare REAL.json PROGRAM [--trace SIM.json] [-v] [-- ARGS]";
    if (args.empty() || args[0].starts_with("-"))
        throw UsageError(std::string("`mpilab compare` needs a recorded run and the program that made it: ") + usage);
    const std::string real_file = args[0];
    const Trace real = load_trace_file(real_file);
    if (!real.run.recorded)
        throw UsageError(real_file + " is a simulated run, not a recorded one: record the program on a real MPI with "
                         "`mpilab record -o real.json -- mpiexec -n 4 ./program`, then compare that file");
    const std::span<const std::string> words = args.subspan(1);
    if (words.empty() || words[0] == "--")
        throw UsageError("`mpilab compare` needs the program after " + real_file + " (a .c, .cpp or .py file, a built "
                         "program or a scenario id): " + usage);
    Prepared p = prepare(words, "compare", &real, real_file);
    if (p.options.json) throw UsageError("`mpilab compare` prints a text report; leave out --json");
    const std::string recorded_program = std::filesystem::path(real.run.scenario).filename().string();
    if (!recorded_program.empty() && recorded_program != std::filesystem::path(p.source->name()).filename().string())
        std::cerr << "mpilab: note: " << terminal_safe(real_file) << " records a run of " << terminal_safe(recorded_program)
                  << ", not of " << terminal_safe(p.source->name()) << ": is it the program that made it?\n";
    Progress progress("simulating " + p.source->name(), Progress::stderr_is_terminal());
    p.config.progress = progress.callback();
    RunResult result = p.source->run(p.config, p.args);
    const Trace& simulated = result.trace;
    const std::string failures = save_requested_files(simulated, p.options);
    const Comparison comparison = compare_runs(real, simulated);

    const RecordedRun& recorded = *real.run.recorded;
    std::ostringstream out;
    out << "Real run:   " << real_file << ": " << recorded.mpi << ", " << real.run.ranks << " ranks, `"
        << recorded.launcher << "`: " << outcome_status_name(real.outcome.status) << "\n"
        << "Simulation: " << p.source->name() << " on " << simulated.run.ranks << " ranks, "
        << eager_threshold_text(simulated.run) << ": " << outcome_status_name(simulated.outcome.status) << "\n\n"
        << format_comparison(comparison, p.options.verbose) << "\n";
    if (!p.options.trace_file.empty())
        out << "See both runs on one screen: mpilab-gui " << real_file << " --compare " << p.options.trace_file << "\n";
    else
        out << "To see both runs on one screen, save the simulation with --trace SIM.json, then: mpilab-gui "
            << real_file << " --compare SIM.json\n";
    std::cout << terminal_safe(out.str());
    return report_write_failures(failures, comparison.agree() ? 0 : 2);
}

}  // namespace mpilab::cli
