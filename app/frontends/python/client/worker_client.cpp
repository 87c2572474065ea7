// Starting mpilab-python, running a script through it, and turning whatever comes back — a trace, a
// crash report, a dead process — into a RunResult (see worker_client.hpp).
#include "app/frontends/python/client/worker_client.hpp"

#include "app/frontends/python/client/worker_protocol.hpp"
#include "core/config_json.hpp"
#include "core/trace_json.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fcntl.h>
#include <map>
#include <poll.h>
#include <spawn.h>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace mpilab::python {

namespace {

using Clock = std::chrono::steady_clock;

// How long a cancelled run may take to stop by itself before its process is ended.
constexpr auto CANCEL_GRACE = std::chrono::milliseconds(1000);

std::string signal_name(int number) {
    static const std::map<int, const char*> names = {{SIGSEGV, "SIGSEGV"}, {SIGBUS, "SIGBUS"}, {SIGFPE, "SIGFPE"},
                                                     {SIGILL, "SIGILL"},   {SIGABRT, "SIGABRT"}, {SIGKILL, "SIGKILL"}};
    const auto it = names.find(number);
    const char* text = strsignal(number);
    return (it != names.end() ? std::string(it->second) : "signal " + std::to_string(number)) +
           (text ? std::string(", ") + text : "");
}

// What Python's faulthandler wrote when a run process died: the rank whose thread crashed and the
// script's innermost line on its stack. Rank threads announce themselves in the same file
// ("mpilab rank R thread 0x...").
struct CrashSite {
    int rank = -1;
    std::string file, function;
    std::uint32_t line = 0;
};

CrashSite parse_crash(const std::string& text, const std::string& script) {
    CrashSite site;
    std::map<std::string, int> rank_of_thread;
    std::istringstream in(text);
    std::string line;
    bool in_current = false;
    while (std::getline(in, line)) {
        if (line.rfind("mpilab rank ", 0) == 0) {
            std::istringstream fields(line.substr(12));
            int rank = -1;
            std::string word, thread;
            fields >> rank >> word >> thread;
            rank_of_thread[thread] = rank;
        } else if (line.rfind("Current thread ", 0) == 0) {
            in_current = true;
            const std::string thread = line.substr(15, line.find(' ', 15) - 15);
            if (auto it = rank_of_thread.find(thread); it != rank_of_thread.end()) site.rank = it->second;
        } else if (in_current && line.empty()) {
            in_current = false;
        } else if (in_current && site.line == 0) {
            // `  File "x.py", line 12 in f`
            const std::size_t open = line.find("File \"");
            const std::size_t close = open == std::string::npos ? open : line.find('"', open + 6);
            if (close == std::string::npos) continue;
            if (line.substr(open + 6, close - open - 6) != script) continue;
            std::istringstream rest(line.substr(close + 1));
            std::string comma_line, in_word;
            rest >> comma_line >> site.line >> in_word >> site.function;
            site.file = script;
        }
    }
    return site;
}

Outcome crash_outcome(int signal, const std::string& crash_text, const std::string& script) {
    const CrashSite site = parse_crash(crash_text, script);
    ErrorInfo e;
    e.kind = "crash";
    e.rank = site.rank;
    e.file = site.file;
    e.line = site.line;
    std::string who = site.rank >= 0 ? "rank " + std::to_string(site.rank) : "a rank";
    std::string where = site.line ? " at " + site.file + ":" + std::to_string(site.line) +
                                        (site.function.empty() ? "" : " (in " + site.function + ")")
                                  : "";
    e.message = who + " crashed the Python interpreter (" + signal_name(signal) + ")" + where +
                ": native code failed (a C extension, ctypes, or a C stack exhausted by deep recursion). Under "
                "mpiexec that process would die and the job end; here every rank stopped, and the run's trace "
                "was lost with its process.";
    Outcome outcome;
    outcome.status = OutcomeStatus::Error;
    outcome.message = "Error: " + e.message;
    outcome.error = std::move(e);
    return outcome;
}

Outcome failed_outcome(const std::string& message) {
    ErrorInfo e;
    e.kind = "worker failure";
    e.message = message;
    Outcome outcome;
    outcome.status = OutcomeStatus::Error;
    outcome.message = "Error: " + message;
    outcome.error = std::move(e);
    return outcome;
}

Outcome cancelled_outcome() {
    Outcome outcome;
    outcome.status = OutcomeStatus::Cancelled;
    outcome.message = "Cancelled: the run was stopped before it ended.";
    return outcome;
}

void close_fd(int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
}

}  // namespace

std::string worker_executable() {
    std::error_code error;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
    if (error) return {};
    const std::filesystem::path worker = self.parent_path() / "mpilab-python";
    return std::filesystem::exists(worker, error) ? worker.string() : std::string();
}

RunResult outcome_without_trace(const Config& config, Outcome outcome) {
    RunResult result;
    result.trace.run = run_info(config);
    result.trace.ranks.assign(static_cast<std::size_t>(std::max(config.ranks, 0)), RankRecord{});
    for (RankRecord& r : result.trace.ranks) r.end = RankEnd::Aborted;
    if (outcome.error && outcome.error->rank >= 0 && outcome.error->rank < config.ranks)
        result.trace.ranks[static_cast<std::size_t>(outcome.error->rank)].end = RankEnd::Failed;
    result.trace.outcome = std::move(outcome);
    return result;
}

PythonWorker::PythonWorker(const std::string& executable, const std::string& path, const std::string& text)
    : path_(path) {
    int to[2], from[2];
    if (::pipe2(to, O_CLOEXEC) != 0) throw std::runtime_error(std::string("cannot start mpilab-python: ") + std::strerror(errno));
    if (::pipe2(from, O_CLOEXEC) != 0) {
        ::close(to[0]), ::close(to[1]);
        throw std::runtime_error(std::string("cannot start mpilab-python: ") + std::strerror(errno));
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, to[0], 0);
    posix_spawn_file_actions_adddup2(&actions, from[1], 1);
    const char* args[] = {executable.c_str(), "--serve", nullptr};
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, executable.c_str(), &actions, nullptr, const_cast<char* const*>(args), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(to[0]);
    ::close(from[1]);
    to_worker_ = to[1];
    from_worker_ = from[0];
    if (rc != 0) {
        close_fd(to_worker_);
        close_fd(from_worker_);
        throw std::runtime_error("cannot start " + executable + ": " + std::strerror(rc));
    }
    pid_ = pid;
    // A worker that dies must not kill this process with SIGPIPE when it writes the next request.
    std::signal(SIGPIPE, SIG_IGN);
    const Value script = {{"path", path}, {"text", text}};
    write_record(to_worker_, "script", script.dump());
    RecordReader reader;
    const std::optional<Record> answer = read_record(from_worker_, reader);
    if (answer && answer->word == "ready") return;
    stop();
    if (answer && answer->word == "rejected") throw ScriptRejected(answer->body);
    if (answer && answer->word == "failure") throw std::runtime_error(answer->body);
    throw std::runtime_error("mpilab-python ended before it was ready: run `" + executable +
                             " --serve` by hand to see why, or reinstall python3-dev and python3-numpy");
}

PythonWorker::~PythonWorker() { stop(); }

void PythonWorker::stop() {
    close_fd(to_worker_);   // end of its requests: it exits
    close_fd(from_worker_);
    if (pid_ <= 0) return;
    for (int i = 0; i < 100; ++i) {   // a second at most
        if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
            pid_ = -1;
            return;
        }
        ::usleep(10000);
    }
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
}

RunResult PythonWorker::run(const Config& config, const std::vector<std::string>& argv) {
    if (!alive()) return outcome_without_trace(config, failed_outcome("the Python worker is not running"));
    const Value request = {{"config", config_to_json(config)}, {"argv", argv}, {"progress", static_cast<bool>(config.progress)}};
    if (!write_record(to_worker_, "run", request.dump())) {
        stop();
        return outcome_without_trace(config, failed_outcome("the Python worker stopped before the run started"));
    }
    RecordReader reader;
    pid_t run_pid = -1;
    std::optional<std::string> trace_json, crash_text;
    std::optional<int> exit_status, exit_signal;
    bool cancel_sent = false, killed = false;
    Clock::time_point cancel_time{};
    char chunk[65536];
    while (!exit_status && !exit_signal) {
        pollfd p{from_worker_, POLLIN, 0};
        const int ready = ::poll(&p, 1, 50);
        if (config.cancel && config.cancel->load() && run_pid > 0) {
            if (!cancel_sent) {
                ::kill(run_pid, SIGUSR1);   // the run stops at its ranks' next MPI call
                cancel_sent = true;
                cancel_time = Clock::now();
            } else if (!killed && Clock::now() - cancel_time > CANCEL_GRACE) {
                ::kill(run_pid, SIGKILL);   // a rank that never calls MPI again
                killed = true;
            }
        }
        if (ready <= 0) continue;
        const ssize_t n = ::read(from_worker_, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;   // the worker itself died
        reader.feed(std::string_view(chunk, static_cast<std::size_t>(n)));
        while (auto record = reader.next()) {
            if (record->word == "pid") run_pid = static_cast<pid_t>(record->number);
            else if (record->word == "progress" && config.progress) config.progress(record->number);
            else if (record->word == "trace") trace_json = std::move(record->body);
            else if (record->word == "crash") crash_text = std::move(record->body);
            else if (record->word == "exit") exit_status = static_cast<int>(record->number);
            else if (record->word == "signal") exit_signal = static_cast<int>(record->number);
        }
        if (reader.malformed()) break;
    }
    if (!exit_status && !exit_signal) {
        stop();
        return outcome_without_trace(config, failed_outcome("the Python worker stopped during the run"));
    }
    if (trace_json) {
        try {
            RunResult result;
            result.trace = trace_from_json(*trace_json);
            return result;
        } catch (const std::exception& e) {
            return outcome_without_trace(config, failed_outcome(std::string("the run's trace was unreadable: ") + e.what()));
        }
    }
    if (cancel_sent) return outcome_without_trace(config, cancelled_outcome());
    if (exit_signal) return outcome_without_trace(config, crash_outcome(*exit_signal, crash_text.value_or(""), path_));
    return outcome_without_trace(config, failed_outcome("the run's process ended (status " + std::to_string(*exit_status) +
                                                        ") without handing back its trace: a rank called os._exit, or "
                                                        "the process ran out of memory"));
}

}  // namespace mpilab::python
