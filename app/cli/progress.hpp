// Progress of a long run on stderr: a single line rewritten in place, shown only when stderr is a
// terminal and the output is not JSON, and only once a run has lasted long enough to be worth it.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>

namespace mpilab::cli {

class Progress {
public:
    // `enabled` false makes every member a no-op (pass !json && stderr is a terminal).
    Progress(std::string label, bool enabled);
    ~Progress();   // clears the line if one was drawn
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    // A callback for Config::progress. It is called from rank threads; it draws at most ten times a second.
    std::function<void(std::uint64_t calls)> callback();
    void set_label(std::string label);

    static bool stderr_is_terminal();

private:
    void draw(std::uint64_t calls);

    std::string label_;
    bool enabled_;
    std::chrono::steady_clock::time_point start_;
    std::mutex mutex_;   // guards label_, last_draw_ and drawn_ (callbacks come from rank threads)
    std::chrono::steady_clock::time_point last_draw_;
    bool drawn_ = false;
};

}  // namespace mpilab::cli
