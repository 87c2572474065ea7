// The progress line. Writes go straight to stderr with '\r' so the line is redrawn in place.
#include "app/cli/progress.hpp"

#include "app/cli/report.hpp"

#include <cstdio>
#include <unistd.h>

namespace mpilab::cli {

namespace {
constexpr auto kFirstDraw = std::chrono::milliseconds(300);   // quick runs never show a line
constexpr auto kInterval = std::chrono::milliseconds(100);
}  // namespace

Progress::Progress(std::string label, bool enabled)
    : label_(std::move(label)), enabled_(enabled), start_(std::chrono::steady_clock::now()), last_draw_(start_) {}

Progress::~Progress() {
    if (drawn_) std::fprintf(stderr, "\r\033[K");
}

bool Progress::stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

void Progress::set_label(std::string label) {
    std::lock_guard lock(mutex_);
    label_ = std::move(label);
}

std::function<void(std::uint64_t)> Progress::callback() {
    if (!enabled_) return {};
    return [this](std::uint64_t calls) { draw(calls); };
}

void Progress::draw(std::uint64_t calls) {
    auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    if (now - start_ < kFirstDraw || now - last_draw_ < kInterval) return;
    last_draw_ = now;
    drawn_ = true;
    double seconds = std::chrono::duration<double>(now - start_).count();
    std::fprintf(stderr, "\r\033[K%s: %s calls, %.1f s", label_.c_str(),
                 format_number(static_cast<std::int64_t>(calls)).c_str(), seconds);
    std::fflush(stderr);
}

}  // namespace mpilab::cli
