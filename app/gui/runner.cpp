// The background run. See runner.hpp. This is the one GUI file that calls the engine.
#include "runner.hpp"


namespace mpilab::gui {

Runner::~Runner() {
    cancel();
    if (worker_.joinable()) worker_.join();
}

void Runner::cancel() { cancel_.store(true); }

double Runner::elapsed_seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
}

void Runner::start(RunRequest request) {
    cancel();
    if (worker_.joinable()) worker_.join();   // a cancelled run returns promptly
    {
        std::lock_guard lock(mutex_);
        result_.reset();
    }
    cancel_.store(false);
    progress_.store(0);
    busy_.store(true);
    started_ = std::chrono::steady_clock::now();
    worker_ = std::jthread([this, request = std::move(request)] {
        RunFinished finished;
        auto t0 = std::chrono::steady_clock::now();
        try {
            if (!request.source) throw SourceError("nothing to run: choose a scenario or open a program");
            Config config;
            config.ranks = request.ranks;
            config.eager_threshold = request.eager_threshold;
            if (auto policy = schedule_from_name(request.schedule)) config.schedule = *policy;
            else throw ConfigError("unknown schedule '" + request.schedule + "'");
            config.seed = request.seed;
            config.algorithms = request.algorithms;
            config.cancel = &cancel_;
            config.progress = [this](std::uint64_t calls) { progress_.store(calls); };
            request.source->check_ranks(config.ranks);
            RunResult result = request.source->run(config, request.args);
            auto trace = std::make_shared<const Trace>(std::move(result.trace));
            finished.model = std::make_shared<const TraceModel>(trace);
        } catch (const std::exception& e) {
            finished.error = e.what();
        }
        finished.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        {
            std::lock_guard lock(mutex_);
            result_ = std::move(finished);
        }
        busy_.store(false);
    });
}

std::optional<RunFinished> Runner::take_result() {
    std::lock_guard lock(mutex_);
    std::optional<RunFinished> out = std::move(result_);
    result_.reset();
    return out;
}

RunFinished Runner::wait() {
    if (worker_.joinable()) worker_.join();
    auto r = take_result();
    return r ? std::move(*r) : RunFinished{nullptr, "no run was started", 0};
}

}  // namespace mpilab::gui
