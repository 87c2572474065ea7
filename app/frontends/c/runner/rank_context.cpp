// The current rank of a thread, and the line discipline of a rank's output: text is cut into lines at
// '\n' (what the trace's output table holds, each line with the rank's virtual time when it ended),
// stdout and stderr separately, as a terminal shows a process's lines.
#include "app/frontends/c/runner/rank_context.hpp"

#include <cstring>

namespace mpilab::c_runner {

namespace {
thread_local RankContext* current = nullptr;
// A line longer than this is cut: a program printing without newlines still shows its text.
constexpr std::size_t MAX_LINE = 64 * 1024;
}  // namespace

RankContext* current_rank() { return current; }
void set_current_rank(RankContext* context) { current = context; }

void rank_write(RankContext& rank, int stream, const char* data, std::size_t size) {
    std::string& line = rank.pending[stream];
    while (size > 0) {
        const char* newline = static_cast<const char*>(std::memchr(data, '\n', size));
        const std::size_t take = newline ? static_cast<std::size_t>(newline - data) : size;
        line.append(data, take);
        if (newline || line.size() >= MAX_LINE) {
            std::string text;
            text.swap(line);
            rank.world->print_text(std::move(text));
        }
        const std::size_t used = newline ? take + 1 : take;
        data += used;
        size -= used;
    }
}

void flush_rank_output(RankContext& rank) {
    for (std::string& line : rank.pending) {
        if (line.empty()) continue;
        std::string text;
        text.swap(line);
        rank.world->print_text(std::move(text));
    }
}

}  // namespace mpilab::c_runner
