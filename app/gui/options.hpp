// The command line of mpilab-gui: the interactive start and the headless screenshot / benchmark mode.
//   mpilab-gui [--scenario ID] [-n RANKS] [--set NAME=VALUE]... [--eager BYTES] [--schedule P] [--seed S]
//              [--trace FILE] [--scale S] [--light] [--projector] [--big-clock]
//              [--screenshot OUT.png [--at-end | --time T | --event N] [--size WxH] [--frames N --frame-times]]
//              [--gif OUT.gif [--from-event A] [--to-event B]]
//              [--demo-trace MESSAGES [--demo-ranks R]]
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mpilab::gui {

// The largest synthetic trace: 20 million messages take about 4 GB (a message and its two calls).
inline constexpr std::uint64_t kMaxDemoMessages = 20'000'000;

struct GuiOptions {
    std::string scenario = "alltoall-deadlock";
    std::optional<int> ranks;
    std::vector<std::pair<std::string, std::string>> params;   // --set NAME=VALUE
    std::optional<std::int64_t> eager_threshold;
    std::string schedule;                                     // empty: the default
    std::optional<std::uint64_t> seed;
    std::vector<std::pair<std::string, std::string>> algorithms;   // --algorithm COLL=ALG
    std::string trace_file;                                   // open this trace instead of running
    std::string compare_file;                                 // --compare A B, or A --compare B: show B beside A (trace_file)
    bool scenario_given = false;                              // --scenario / -n / --set given: run at start
    std::uint64_t demo_messages = 0;                          // > 0: a synthetic trace of this many messages
    int demo_ranks = 16;
    float scale = 1.0f;
    bool light = false;

    std::string screenshot;                                   // non-empty: headless, write this PNG and exit
    bool at_end = false;
    std::optional<double> time;                               // playhead for the screenshot (seconds)
    std::optional<std::int64_t> event;                        // playhead for the screenshot: after the first N events
    int width = 1920;
    int height = 1080;
    int frames = 0;                                           // frames to render before the screenshot
    bool frame_times = false;                                 // print each frame's time
    std::string gif;                                          // non-empty: headless, record these events as a GIF
    std::optional<std::int64_t> from_event, to_event;         // the GIF's first and last step (default: all)
    std::string report_layout;                                // write where the lanes, slider and clock were drawn
    bool projector = false;                                   // start in the projector layout
    bool big_clock = false;                                   // show the big clock from the start
    bool help = false;
};

// Parses argv. Throws std::invalid_argument with a message saying what is wrong and what to type.
GuiOptions parse_options(int argc, const char* const* argv);
const char* usage_text();

}  // namespace mpilab::gui
