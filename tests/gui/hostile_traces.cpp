// Writes trace files that once crashed or stalled mpilab-gui, for the screenshot tests that check it
// now refuses them with a message or draws them in bounded time (never a signal, never a hang):
//   mpilab-gui-hostile-traces OUT_DIR
// infinite_time.json   a call that returns at "Infinity" and a message arriving at 1e308
// int64_min_bytes.json a message of -9223372036854775808 bytes
// arcs_10000.json      a deadlock whose wait-for graph lists one arc 10,000 times
// arcs_300000.json     the same with 300,000 copies
#include "app/gui/demo_trace.hpp"

#include "core/trace_json.hpp"

#include <cstdint>
#include <cstdio>
#include <exception>
#include <limits>
#include <string>

using namespace mpilab;

namespace {

Trace deadlock_with_repeated_arcs(int copies) {
    Trace t = gui::synthetic_deadlock_trace(4);
    const WaitArc arc = t.outcome.deadlock->arcs.front();
    for (int i = 0; i < copies; ++i) t.outcome.deadlock->arcs.push_back(arc);
    return t;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s OUT_DIR\n", argv[0]);
        return 2;
    }
    const std::string dir = argv[1];
    try {
        Trace infinite = gui::synthetic_exchange_trace(4, 64);
        infinite.calls[3].leave = std::numeric_limits<double>::infinity();
        infinite.messages[5].arrival_time = 1e308;
        infinite.ranks[1].end_time = std::numeric_limits<double>::infinity();
        save_trace(infinite, dir + "/infinite_time.json");

        Trace bytes = gui::synthetic_exchange_trace(4, 64);
        bytes.messages[0].bytes = std::numeric_limits<std::int64_t>::min();
        bytes.calls[bytes.messages[0].send_call].bytes = std::numeric_limits<std::int64_t>::min();
        save_trace(bytes, dir + "/int64_min_bytes.json");

        save_trace(deadlock_with_repeated_arcs(10'000), dir + "/arcs_10000.json");
        save_trace(deadlock_with_repeated_arcs(300'000), dir + "/arcs_300000.json");
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
    return 0;
}
