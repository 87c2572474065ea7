// `mpilab record`: a real MPI run recorded into a trace — the launcher started with the preload library,
// watched for a hang, its per-process record files merged (or, with --merge, files collected from
// several hosts merged) — then the same report as for a simulated run.
#include "app/cli/commands.hpp"
#include "app/cli/options.hpp"
#include "app/cli/report.hpp"
#include "app/recorder/launch.hpp"
#include "app/recorder/merge.hpp"
#include "core/atomic_file.hpp"
#include "core/terminal_text.hpp"
#include "core/trace_json.hpp"

#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace mpilab::cli {

namespace {

struct RecordOptions {
    std::string output;
    std::string merge_folder;
    std::string folder;               // --dir: keep the record files there
    double hang_timeout = 60;
    std::optional<recorder::MpiFlavour> mpi;
    std::vector<std::string> command;
    bool verbose = false;
};

const char* kRecordUsage = "mpilab record -o run.json [--hang-timeout S] -- mpiexec -n 4 ./program";

RecordOptions parse_record_options(std::span<const std::string> args) {
    RecordOptions o;
    std::size_t i = 0;
    auto value = [&](const std::string& option) -> std::string {
        if (i + 1 >= args.size()) throw UsageError(option + " needs a value; for example: " + kRecordUsage);
        return args[++i];
    };
    for (; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--") {
            o.command.assign(args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end());
            break;
        }
        if (a == "-o" || a == "--output") o.output = value(a);
        else if (a == "--merge") o.merge_folder = value(a);
        else if (a == "--dir") o.folder = value(a);
        else if (a == "--hang-timeout") {
            const std::string text = value(a);
            char* end = nullptr;
            o.hang_timeout = std::strtod(text.c_str(), &end);
            if (text.empty() || *end || !(o.hang_timeout >= 0) || o.hang_timeout > 1e6)
                throw UsageError("--hang-timeout takes seconds (a number >= 0; 0 waits forever), not '" + text + "'");
        } else if (a == "--mpi") {
            const std::string name = value(a);
            if (name == "mpich") o.mpi = recorder::MpiFlavour::Mpich;
            else if (name == "openmpi") o.mpi = recorder::MpiFlavour::OpenMpi;
            else throw UsageError("--mpi takes mpich or openmpi, not '" + name + "'");
        } else if (a == "-v" || a == "--verbose") o.verbose = true;
        else throw UsageError("unexpected '" + a + "' for `mpilab record`; the launcher and program go after `--`: " + kRecordUsage);
    }
    if (o.output.empty()) throw UsageError("`mpilab record` needs an output trace file: " + std::string(kRecordUsage));
    if (o.merge_folder.empty() && o.command.empty())
        throw UsageError("`mpilab record` needs the command to run after `--` (or --merge FOLDER): " + std::string(kRecordUsage));
    if (!o.merge_folder.empty() && !o.command.empty())
        throw UsageError("--merge merges record files already made: leave out the command after `--`");
    return o;
}

std::string command_text(const std::vector<std::string>& command) {
    std::string text;
    for (const std::string& word : command) text += (text.empty() ? "" : " ") + word;
    return text;
}

// A fresh folder for the record files of one run (removed after the merge).
std::string temporary_folder() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/mpilab-record-XXXXXX";
    if (!mkdtemp(pattern.data())) throw UsageError("cannot create a folder for the record files in " + pattern.substr(0, pattern.rfind('/')));
    return pattern;
}

}  // namespace

int command_record(std::span<const std::string> args) {
    const RecordOptions o = parse_record_options(args);
    try {
        check_writable(o.output, "the trace file");
    } catch (const FileWriteError& e) {
        throw UsageError(std::string(e.what()) + " (choose a path in a folder you can write to)");
    }
    recorder::RunFacts facts;
    facts.folder = std::filesystem::current_path().string();
    std::vector<recorder::ProcessRecord> processes;
    try {
        if (!o.merge_folder.empty()) {
            facts.launcher = "(merged from " + o.merge_folder + ")";
            processes = recorder::read_record_folder(o.merge_folder);
        } else {
            const bool temporary = o.folder.empty();
            const std::string folder = temporary ? temporary_folder() : o.folder;
            std::error_code ec;
            std::filesystem::create_directories(folder, ec);
            for (const auto& entry : std::filesystem::directory_iterator(folder, ec))
                if (entry.path().filename().string().starts_with("rank-")) std::filesystem::remove(entry.path(), ec);
            recorder::LaunchOptions launch;
            launch.command = o.command;
            launch.folder = std::filesystem::absolute(folder).string();
            launch.hang_timeout = o.hang_timeout;
            launch.mpi = o.mpi;
            const recorder::LaunchResult result = recorder::launch(launch);
            facts.launcher = command_text(o.command);
            facts.exit_status = result.exit_status;
            facts.exit_signal = result.signal;
            facts.hung = result.hung;
            facts.hang_timeout = o.hang_timeout;
            facts.wall_seconds = result.wall_seconds;
            try {
                processes = recorder::read_record_folder(folder);
            } catch (const recorder::RecordError& e) {
                if (temporary) std::filesystem::remove_all(folder, ec);
                throw recorder::RecordError(std::string(e.what()) + "; the launcher " +
                                            (result.signal ? "was ended by signal " + std::to_string(result.signal)
                                                           : "exited with status " + std::to_string(result.exit_status)));
            }
            if (temporary) std::filesystem::remove_all(folder, ec);
        }
    } catch (const recorder::RecordError& e) {
        throw UsageError(e.what());
    } catch (const recorder::LaunchError& e) {
        throw UsageError(e.what());
    }
    Trace trace = recorder::merge_records(processes, facts);
    std::string failure;
    try {
        save_trace(trace, o.output);
    } catch (const std::exception& e) {
        failure = e.what();
    }
    std::cout << terminal_safe(format_report(trace, o.verbose));
    if (!failure.empty()) {
        std::cerr << "mpilab: " << terminal_safe(failure) << " (choose a path in a folder you can write to)\n";
        return 1;
    }
    std::cerr << "wrote " << o.output << ": open it with mpilab-gui " << o.output << " or `mpilab show " << o.output << "`\n";
    return exit_status(trace.outcome.status);
}

}  // namespace mpilab::cli
