// The zygote's loop and the run child. SIGCHLD arrives through a signalfd, so a finished child's exit
// record is written the moment it ends (the client reads its pipe until the end of file, which comes
// only after that record).
#include "app/frontends/c/runner/zygote.hpp"

#include "app/frontends/c/runner/crash_guard.hpp"
#include "app/frontends/c/runner/run_protocol.hpp"
#include "core/trace_json.hpp"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <map>
#include <vector>
#include <poll.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace mpilab::c_runner {

namespace {

std::atomic<bool> cancel_requested{false};

void on_cancel(int) { cancel_requested.store(true); }

// One message from the client: its text and the descriptor that came with it (-1: none).
struct Message {
    std::string text;
    int fd = -1;
    bool closed = false;   // the client is gone
};

Message receive(int control_fd) {
    Message message;
    static std::vector<char> buffer(1 << 20);   // a request is a few hundred bytes; argv may be long
    iovec part{buffer.data(), buffer.size()};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))];
    msghdr header{};
    header.msg_iov = &part;
    header.msg_iovlen = 1;
    header.msg_control = control;
    header.msg_controllen = sizeof control;
    ssize_t n;
    do {
        n = recvmsg(control_fd, &header, MSG_CMSG_CLOEXEC);
    } while (n < 0 && errno == EINTR);
    if (n <= 0) {
        message.closed = true;
        return message;
    }
    message.text.assign(buffer.data(), static_cast<std::size_t>(n));
    for (cmsghdr* c = CMSG_FIRSTHDR(&header); c; c = CMSG_NXTHDR(&header, c))
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) std::memcpy(&message.fd, CMSG_DATA(c), sizeof(int));
    return message;
}

// The child: one run, its records on `fd`, then _exit. Never returns.
[[noreturn]] void run_child(int fd, const RunRequest& request, const ProgramCopies& copies, const MpiBinding& binding) {
    write_record(fd, "pid", std::to_string(getpid()));
    // Unbuffered: every character a rank prints through an inlined putc reaches __overflow
    // (stdio_interpose.cpp), and nothing is ever left in the FILE's buffer between ranks.
    std::setvbuf(stdout, nullptr, _IONBF, 0);
    install_crash_handlers(copies, fd);
    struct sigaction action = {};
    action.sa_handler = on_cancel;
    sigemptyset(&action.sa_mask);
    sigaction(SIGUSR1, &action, nullptr);

    Config config = request.config;
    config.cancel = &cancel_requested;
    if (request.report_progress)
        config.progress = [fd](std::uint64_t calls) { write_record(fd, "progress", std::to_string(calls)); };
    Program program = make_rank_program(copies, request.argv, binding, copies.image().path());
    try {
        RunResult result = run(config, program);
        write_record_with_body(fd, "trace", trace_to_json(result.trace));
    } catch (const std::exception& e) {
        write_record_with_body(fd, "failure", e.what());
    }
    _exit(0);
}

}  // namespace

int serve(int control_fd, ProgramCopies& copies, const MpiBinding& binding) {
    std::signal(SIGPIPE, SIG_IGN);
    sigset_t child_signals, previous;
    sigemptyset(&child_signals);
    sigaddset(&child_signals, SIGCHLD);
    sigprocmask(SIG_BLOCK, &child_signals, &previous);
    const int child_fd = signalfd(-1, &child_signals, SFD_CLOEXEC | SFD_NONBLOCK);
    if (child_fd < 0) {
        std::perror("mpilab-run: signalfd");
        return 1;
    }

    std::map<pid_t, int> runs;   // running child -> its result pipe
    bool client = true;
    while (client || !runs.empty()) {
        pollfd fds[2] = {{client ? control_fd : -1, POLLIN, 0}, {child_fd, POLLIN, 0}};
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            std::perror("mpilab-run: poll");
            return 1;
        }
        if (fds[1].revents & POLLIN) {
            signalfd_siginfo info;
            while (read(child_fd, &info, sizeof info) == sizeof info) {
            }
            int status = 0;
            pid_t pid;
            while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
                auto run = runs.find(pid);
                if (run == runs.end()) continue;
                if (WIFSIGNALED(status)) write_record(run->second, "signal", std::to_string(WTERMSIG(status)));
                else write_record(run->second, "exit", std::to_string(WEXITSTATUS(status)));
                close(run->second);
                runs.erase(run);
            }
        }
        if (!(fds[0].revents & (POLLIN | POLLHUP | POLLERR))) continue;
        Message message = receive(control_fd);
        if (message.closed) {
            // Nobody is left to read the results: stop what still runs (a rank may loop forever).
            for (const auto& [pid, fd] : runs) kill(pid, SIGKILL);
            client = false;
            continue;
        }
        if (message.fd < 0) continue;
        RunRequest request;
        bool load_only = false;
        try {
            const Value json = Value::parse(message.text);
            load_only = json.value("type", "run") == "load";
            if (load_only) request.config.ranks = json.at("ranks").get<int>();
            else request = request_from_json(message.text);
            copies.ensure(request.config.ranks);
        } catch (const std::exception& e) {
            write_record_with_body(message.fd, "failure", e.what());
            write_record(message.fd, "exit", "1");
            close(message.fd);
            continue;
        }
        if (load_only) {
            write_record(message.fd, "exit", "0");
            close(message.fd);
            continue;
        }
        const pid_t pid = fork();
        if (pid < 0) {
            write_record_with_body(message.fd, "failure",
                                   std::string("could not start the run process: ") + std::strerror(errno) +
                                       " (the system may be out of memory or processes)");
            write_record(message.fd, "exit", "1");
            close(message.fd);
            continue;
        }
        if (pid == 0) {
            close(control_fd);
            close(child_fd);
            for (const auto& [other, fd] : runs) close(fd);
            sigprocmask(SIG_SETMASK, &previous, nullptr);
            run_child(message.fd, request, copies, binding);
        }
        runs[pid] = message.fd;
    }
    return 0;
}

}  // namespace mpilab::c_runner
