// Runs a program source off the UI thread: one worker thread per run, a cancel flag the run polls, a
// progress counter the UI reads, and the finished trace (already indexed into a TraceModel, which
// is the slow part for a big trace) handed back through a mutex-protected slot. The UI thread
// never waits on the worker except when the headless screenshot path asks it to.
#pragma once

#include "trace_model.hpp"

#include "app/source/program_source.hpp"

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace mpilab::gui {

struct RunRequest {
    std::shared_ptr<const ProgramSource> source;    // what to run: a scenario, a C program, a script
    int ranks = 4;
    std::int64_t eager_threshold = 65536;
    std::string schedule = "run-until-blocked";
    std::uint64_t seed = 0;
    ProgramArgs args;                               // scenario parameters or the program's argv
    std::map<std::string, std::string> algorithms;  // collective -> algorithm
};

struct RunFinished {
    std::shared_ptr<const TraceModel> model;   // null if the run could not start
    std::string error;                         // why it could not start (bad parameter, bad config)
    double wall_seconds = 0;
};

class Runner {
public:
    ~Runner();
    void start(RunRequest request);
    void cancel();
    bool busy() const { return busy_.load(); }
    std::uint64_t progress_calls() const { return progress_.load(); }
    double elapsed_seconds() const;
    std::optional<RunFinished> take_result();   // the finished run, once
    RunFinished wait();                         // blocks until the current run finishes (headless path)

private:
    std::jthread worker_;
    std::atomic<bool> cancel_{false};
    std::atomic<bool> busy_{false};
    std::atomic<std::uint64_t> progress_{0};
    std::chrono::steady_clock::time_point started_{};
    std::mutex mutex_;
    std::optional<RunFinished> result_;
};

}  // namespace mpilab::gui
