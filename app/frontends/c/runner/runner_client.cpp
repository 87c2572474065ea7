// Starting the zygote, sending requests, reading records, and the outcome of a run that did not hand
// back a trace (a crash inside the MPI library, a killed or vanished run process, a run that could not
// start).
#include "app/frontends/c/runner/runner_client.hpp"

#include "app/frontends/c/cc/subprocess.hpp"
#include "app/frontends/c/runner/crash_report.hpp"
#include "app/frontends/c/runner/program_image.hpp"
#include "app/frontends/c/runner/run_protocol.hpp"
#include "core/trace_json.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace mpilab::c_runner {

namespace {

using Clock = std::chrono::steady_clock;

std::string signal_words(int signal) {
    switch (signal) {
        case SIGKILL: return "SIGKILL: it was killed, perhaps by the system for lack of memory";
        case SIGSEGV: return "SIGSEGV";
        case SIGABRT: return "SIGABRT";
        case SIGTERM: return "SIGTERM: it was asked to stop";
        default: return "signal " + std::to_string(signal);
    }
}

// A trace for a run whose own trace was lost: its settings, a row per rank, the world, the outcome.
Trace lost_trace(const Config& config, Outcome outcome, int failed_rank) {
    Trace trace;
    trace.run = run_info(config);
    trace.ranks.assign(static_cast<std::size_t>(config.ranks), RankRecord{0, RankEnd::Aborted, NONE});
    if (failed_rank >= 0 && failed_rank < config.ranks) trace.ranks[static_cast<std::size_t>(failed_rank)].end = RankEnd::Failed;
    CommRecord world;
    world.name = "world";
    for (int r = 0; r < config.ranks; ++r) world.members.push_back(r);
    trace.comms.push_back(std::move(world));
    trace.outcome = std::move(outcome);
    return trace;
}

Outcome error_outcome(std::string kind, std::string message, int rank = -1, std::string file = {}, unsigned line = 0) {
    ErrorInfo error;
    error.rank = rank;
    error.kind = std::move(kind);
    error.message = std::move(message);
    error.file = std::move(file);
    error.line = line;
    Outcome outcome;
    outcome.status = OutcomeStatus::Error;
    outcome.message = error.message;
    outcome.error = std::move(error);
    return outcome;
}

}  // namespace

std::string default_runner_path() { return c_tools::executable_folder() + "/mpilab-run"; }

RunnerClient::RunnerClient(std::string runner, std::string program, RunnerTimeouts timeouts)
    : runner_(std::move(runner)), program_(std::move(program)), timeouts_(timeouts) {
    directory_ = ProgramImage::open(program_).marker().directory;
    std::lock_guard lock(mutex_);
    start();
}

RunnerClient::~RunnerClient() {
    std::lock_guard lock(mutex_);
    stop();
}

void RunnerClient::start() {
    int sockets[2];
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sockets) != 0)
        throw std::runtime_error(std::string("cannot start mpilab-run: socketpair: ") + std::strerror(errno));
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    // What a program prints outside its ranks (a constructor at load) goes to stderr, never into
    // the client's stdout (which may be JSON).
    posix_spawn_file_actions_adddup2(&actions, 2, 1);
    posix_spawn_file_actions_adddup2(&actions, sockets[1], 3);
    std::vector<char*> args = {const_cast<char*>(runner_.c_str()), const_cast<char*>("--serve"),
                               const_cast<char*>(program_.c_str()), nullptr};
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, runner_.c_str(), &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(sockets[1]);
    if (rc != 0) {
        close(sockets[0]);
        throw std::runtime_error("cannot start " + runner_ + ": " + std::strerror(rc) +
                                 " (mpilab-run belongs next to mpilab; rebuild mpilab)");
    }
    control_fd_ = sockets[0];
    zygote_pid_ = pid;
}

void RunnerClient::stop() {
    if (control_fd_ >= 0) close(control_fd_);   // the zygote sees the end of file and exits
    control_fd_ = -1;
    if (zygote_pid_ > 0) {
        int status;
        while (waitpid(zygote_pid_, &status, 0) < 0 && errno == EINTR) {
        }
    }
    zygote_pid_ = -1;
}

int RunnerClient::send(const std::string& text) {
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) != 0) return -1;
    iovec part{const_cast<char*>(text.data()), text.size()};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
    msghdr header{};
    header.msg_iov = &part;
    header.msg_iovlen = 1;
    header.msg_control = control;
    header.msg_controllen = sizeof control;
    cmsghdr* c = CMSG_FIRSTHDR(&header);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    std::memcpy(CMSG_DATA(c), &pipe_fds[1], sizeof(int));
    ssize_t sent;
    {
        std::lock_guard lock(mutex_);
        sent = sendmsg(control_fd_, &header, MSG_NOSIGNAL);
        if (sent < 0 && (errno == EPIPE || errno == ECONNRESET)) {
            // The zygote is gone (killed from outside?): start a new one and try once more.
            stop();
            try {
                start();
                sent = sendmsg(control_fd_, &header, MSG_NOSIGNAL);
            } catch (const std::exception&) {
                sent = -1;
            }
        }
    }
    close(pipe_fds[1]);
    if (sent < 0) {
        close(pipe_fds[0]);
        return -1;
    }
    return pipe_fds[0];
}

void RunnerClient::load(int ranks) {
    const std::string request = Value({{"type", "load"}, {"ranks", ranks}}).dump();
    const int fd = send(request);
    if (fd < 0) throw std::runtime_error("mpilab-run stopped unexpectedly while loading " + program_);
    ResultReader reader;
    char buffer[4096];
    for (;;) {
        const ssize_t n = read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        reader.feed(std::string_view(buffer, static_cast<std::size_t>(n)));
    }
    close(fd);
    if (reader.failure) throw std::runtime_error(*reader.failure);
    if (!reader.exit_code || *reader.exit_code != 0)
        throw std::runtime_error("mpilab-run stopped unexpectedly while loading " + program_);
}

RunResult RunnerClient::run(const Config& config, const std::vector<std::string>& argv) {
    config.validate();
    RunRequest request;
    request.config = config;
    request.config.cancel = nullptr;
    request.config.progress = nullptr;
    request.report_progress = static_cast<bool>(config.progress);
    request.argv = argv;
    const int fd = send(request_to_json(request));
    if (fd < 0)
        return RunResult{lost_trace(config, error_outcome("start failure", "could not start the run process (mpilab-run): " +
                                                                               std::string(std::strerror(errno))), -1)};

    ResultReader reader;
    std::optional<Clock::time_point> kill_at;
    bool cancel_sent = false, killed = false;
    char buffer[1 << 16];
    for (;;) {
        pollfd p{fd, POLLIN, 0};
        const int ready = poll(&p, 1, 50);
        if (ready < 0 && errno != EINTR) break;
        if (ready > 0) {
            const ssize_t n = read(fd, buffer, sizeof buffer);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            reader.feed(std::string_view(buffer, static_cast<std::size_t>(n)));
        }
        if (reader.progress_changed && config.progress) {
            reader.progress_changed = false;
            config.progress(*reader.progress);
        }
        const bool ended = reader.exit_code || reader.exit_signal;
        if (!reader.pid || ended || killed) continue;
        const auto now = Clock::now();
        if (config.cancel && config.cancel->load() && !cancel_sent) {
            kill(*reader.pid, SIGUSR1);   // the run ends as cancelled at its next call
            cancel_sent = true;
            const auto deadline = now + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(timeouts_.after_cancel));
            if (!kill_at || deadline < *kill_at) kill_at = deadline;
        }
        if (reader.crash && !kill_at)
            kill_at = now + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(timeouts_.after_crash));
        if (kill_at && now >= *kill_at) {
            kill(*reader.pid, SIGKILL);
            killed = true;
        }
    }
    close(fd);

    if (reader.trace_json) {
        try {
            return RunResult{trace_from_json(*reader.trace_json)};
        } catch (const std::exception& e) {
            return RunResult{lost_trace(config, error_outcome("internal error", std::string("mpilab-run handed back a trace "
                                                                                            "mpilab cannot read: ") + e.what()), -1)};
        }
    }
    if (reader.crash) {
        const CrashRecord& record = *reader.crash;
        CrashFacts facts;
        facts.rank = record.rank;
        facts.signal = record.signal;
        facts.code = record.code;
        facts.fault_address = record.fault_address;
        facts.stack_overflow = record.stack_overflow;
        facts.stack_bytes = config.stack_bytes;
        facts.in_mpi_call = record.in_mpi_call;
        facts.trace_kept = false;
        facts.program = innermost_program_place(program_, record.frames, directory_);
        facts.last_call_file = record.call_file;
        facts.last_call_line = record.call_line;
        const std::string message = crash_message(facts);
        const std::string file = record.in_mpi_call || !facts.program.known() ? record.call_file : facts.program.file;
        const unsigned line = record.in_mpi_call || !facts.program.known() ? record.call_line : facts.program.line;
        return RunResult{lost_trace(config, error_outcome("crash", message, record.rank, file, line), record.rank)};
    }
    if (cancel_sent) {
        Outcome outcome;
        outcome.status = OutcomeStatus::Cancelled;
        outcome.message = "The run was cancelled before it finished (a rank was running its own code and did not call "
                          "MPI again, so its process was stopped; the trace is lost).";
        return RunResult{lost_trace(config, std::move(outcome), -1)};
    }
    if (reader.failure) return RunResult{lost_trace(config, error_outcome("start failure", *reader.failure), -1)};
    std::string how = reader.exit_signal ? "was ended by " + signal_words(*reader.exit_signal)
                      : reader.exit_code ? "exited with status " + std::to_string(*reader.exit_code)
                                         : "vanished";
    return RunResult{lost_trace(config, error_outcome("run process died",
                                                      "the process running the program " + how +
                                                          " before it could hand back the trace."),
                                -1)};
}

}  // namespace mpilab::c_runner
