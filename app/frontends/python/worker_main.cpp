// mpilab-python: runs Python scripts for the CLI and the GUI, so that Python (and any C extension it
// loads) lives in a process whose crash they survive. `mpilab-python --serve` reads the script, starts
// Debian's Python with numpy loaded and compiles the script once, then forks one process per run
// request: each run starts from the same untouched interpreter (same module state, same random seed),
// costs a fork, and hands back its trace. The protocol is in client/worker_protocol.hpp.
// Invariant: the serving process never runs the script and never starts a thread, so fork() is safe.
#include "app/frontends/python/client/worker_protocol.hpp"
#include "app/frontends/python/gil.hpp"
#include "app/frontends/python/interpreter.hpp"
#include "app/frontends/python/script_runner.hpp"
#include "core/config_json.hpp"
#include "core/trace_json.hpp"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <iostream>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace mpilab;
using namespace mpilab::python;

namespace {

std::atomic<bool> cancel_requested{false};

void on_cancel(int) { cancel_requested.store(true); }

// A crash report is best effort: a failed write only makes it less precise.
void write_best_effort(int fd, std::string_view text) {
    const ssize_t written = ::write(fd, text.data(), text.size());
    (void)written;
}

// Empties the crash file before the next run.
void forget_crash_text(int fd) {
    const int truncated = ::ftruncate(fd, 0);
    (void)truncated;
    ::lseek(fd, 0, SEEK_SET);
}

int thread_count() {
    int n = 0;
    if (DIR* tasks = opendir("/proc/self/task")) {
        while (const dirent* e = readdir(tasks))
            if (e->d_name[0] != '.') ++n;
        closedir(tasks);
    }
    return n;
}

// Python's faulthandler writes to `crash_fd` if the run dies of a signal: every thread's stack.
void enable_faulthandler(int crash_fd) {
    WithGil gil;
    Ref module(PyImport_ImportModule("faulthandler"));
    Ref done(module ? PyObject_CallMethod(module.get(), "enable", "(ii)", crash_fd, 1) : nullptr);
    if (!done) PyErr_Clear();
}

// The run process: one run of the script, its trace written to `out`. Never returns.
[[noreturn]] void run_child(const CompiledScript& script, const Value& request, int out, int crash_fd) {
    std::signal(SIGUSR1, on_cancel);
    enable_faulthandler(crash_fd);
    int status = 0;
    try {
        Config config = config_from_json(request.at("config"));
        config.cancel = &cancel_requested;
        if (request.value("progress", false))
            config.progress = [out](std::uint64_t calls) { write_record(out, "progress", calls); };
        const auto argv = request.at("argv").get<std::vector<std::string>>();
        // Which thread is which rank, for a crash report (faulthandler names threads by id).
        auto announce = [crash_fd](int rank) {
            char line[96];
            const int n = std::snprintf(line, sizeof line, "mpilab rank %d thread 0x%016lx\n", rank,
                                        static_cast<unsigned long>(pthread_self()));
            if (n > 0) write_best_effort(crash_fd, std::string_view(line, static_cast<std::size_t>(n)));
        };
        const RunResult result = script.run(config, argv, announce);
        write_record(out, "trace", trace_to_json(result.trace));
    } catch (const std::exception& e) {
        write_record(out, "failure", std::string(e.what()));
        status = 1;
    }
    std::_Exit(status);   // no interpreter teardown: the process is done
}

void serve(const CompiledScript& script, int in, int out) {
    const int crash_fd = memfd_create("mpilab-python-crash", 0);
    RecordReader reader;
    while (auto request = read_record(in, reader)) {
        if (request->word != "run") continue;
        Value parsed;
        try {
            parsed = Value::parse(request->body);
        } catch (const std::exception& e) {
            write_record(out, "failure", std::string("malformed run request: ") + e.what());
            write_record(out, "exit", 1);
            continue;
        }
        if (thread_count() != 1) {
            write_record(out, "failure", std::string("mpilab-python has started threads, so it cannot fork a run"));
            write_record(out, "exit", 1);
            continue;
        }
        if (crash_fd >= 0) forget_crash_text(crash_fd);
        pid_t pid;
        {
            WithGil gil;
            PyOS_BeforeFork();
            pid = ::fork();
            if (pid == 0) {
                PyOS_AfterFork_Child();
            } else {
                PyOS_AfterFork_Parent();
            }
        }
        if (pid == 0) run_child(script, parsed, out, crash_fd);
        if (pid < 0) {
            write_record(out, "failure", std::string("cannot start the run: ") + std::strerror(errno));
            write_record(out, "exit", 1);
            continue;
        }
        write_record(out, "pid", static_cast<std::uint64_t>(pid));
        int status = 0;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) continue;
        if (WIFSIGNALED(status)) {
            std::string crash;
            if (crash_fd >= 0 && ::lseek(crash_fd, 0, SEEK_SET) == 0) {
                char chunk[8192];
                ssize_t n;
                while ((n = ::read(crash_fd, chunk, sizeof chunk)) > 0) crash.append(chunk, static_cast<std::size_t>(n));
            }
            write_record(out, "crash", crash);
            write_record(out, "signal", static_cast<std::uint64_t>(WTERMSIG(status)));
        } else {
            write_record(out, "exit", static_cast<std::uint64_t>(WEXITSTATUS(status)));
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2 || std::strcmp(argv[1], "--serve") != 0) {
        std::cerr << "mpilab-python runs Python scripts for mpilab and mpilab-gui; it is not run by hand.\n"
                     "To run a script: mpilab run script.py -n 4\n";
        return 2;
    }
    // The protocol gets its own descriptors: a script's input() or stray print must not touch it.
    const int in = ::dup(0), out = ::dup(1);
    const int null = ::open("/dev/null", O_RDONLY);
    if (in < 0 || out < 0 || null < 0) return 1;
    ::dup2(null, 0);
    ::dup2(2, 1);
    std::signal(SIGPIPE, SIG_IGN);
    // Ranks are threads: numerical libraries must not start thread pools of their own (nor may this
    // process, which forks).
    ::setenv("OPENBLAS_NUM_THREADS", "1", 1);
    ::setenv("OMP_NUM_THREADS", "1", 1);
    ::setenv("MKL_NUM_THREADS", "1", 1);

    RecordReader reader;
    const auto first = read_record(in, reader);
    if (!first || first->word != "script") return 1;
    std::unique_ptr<CompiledScript> script;
    try {
        const Value text = Value::parse(first->body);
        start_interpreter();
        for (const char* module : {"random", "numpy"}) preload_module(module);
        script = std::make_unique<CompiledScript>(text.at("path").get<std::string>(), text.at("text").get<std::string>());
    } catch (const ScriptError& e) {
        write_record(out, "rejected", std::string(e.what()));
        return 0;
    } catch (const std::exception& e) {
        write_record(out, "failure", std::string(e.what()));
        return 1;
    }
    write_record(out, "ready", std::uint64_t{0});
    serve(*script, in, out);
    return 0;
}
