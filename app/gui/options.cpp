// Parsing mpilab-gui's command line. See options.hpp.
#include "options.hpp"

#include "core/eager_presets.hpp"

#include <charconv>
#include <climits>
#include <cmath>
#include <type_traits>
#include <stdexcept>
#include <string_view>

namespace mpilab::gui {

const char* usage_text() {
    return "usage: mpilab-gui [ID | PROGRAM | TRACE.json] [--scenario ID] [-n RANKS] [--set NAME=VALUE]... [--eager BYTES|PRESET]\n"
           "                  [--schedule POLICY] [--seed S] [--algorithm COLL=ALG]... [--trace FILE]\n"
           "                  [--scale S] [--light] [--projector] [--big-clock]\n"
           "       mpilab-gui --compare A.json B.json [options]   (two runs side by side on one axis; or A.json --compare B.json)\n"
           "       mpilab-gui --screenshot OUT.png [same options] [--at-end | --time T | --event N] [--size WxH]\n"
           "                  [--frames N --frame-times] [--report-layout FILE]\n"
           "       mpilab-gui --gif OUT.gif [same options] [--from-event A] [--to-event B]\n"
           "                  (a frame per event from A to B, half a second each, for slides)\n"
           "Without --screenshot it opens a window (it needs a display; on a machine without one use\n"
           "xvfb-run for screenshots, or the command line tool `mpilab run ID`).\n"
           "--demo-trace MESSAGES [--demo-ranks R] replays a synthetic trace (for the large-trace benchmark).\n";
}

namespace {

// Echoes at most a line of what was typed: a pasted megabyte must not come back as the error.
std::string shown(std::string_view text) {
    return text.size() <= 40 ? std::string(text) : std::string(text.substr(0, 40)) + "...";
}

template <class T>
T parse_number(std::string_view flag, std::string_view text) {
    T value{};
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc::result_out_of_range) {
        throw std::invalid_argument(std::string(flag) + " is out of range: '" + shown(text) + "'");
    }
    if (ec != std::errc() || end != text.data() + text.size()) {
        throw std::invalid_argument(std::string(flag) + " expects a number, not '" + shown(text) + "'");
    }
    if constexpr (std::is_floating_point_v<T>) {
        // from_chars reads "nan" and "inf": no option of the GUI means either.
        if (!std::isfinite(value)) {
            throw std::invalid_argument(std::string(flag) + " expects a finite number, not '" + shown(text) + "'");
        }
    }
    return value;
}

// A number within [lo, hi]; the message names the range.
template <class T>
T parse_in_range(std::string_view flag, std::string_view text, T lo, T hi, const char* range_text) {
    T value = parse_number<T>(flag, text);
    if (!(value >= lo && value <= hi)) throw std::invalid_argument(std::string(flag) + " must be " + range_text);
    return value;
}

std::pair<std::string, std::string> parse_assignment(std::string_view flag, std::string_view text) {
    auto eq = text.find('=');
    if (eq == std::string_view::npos || eq == 0) {
        throw std::invalid_argument(std::string(flag) + " expects NAME=VALUE, not '" + shown(text) + "'");
    }
    return {std::string(text.substr(0, eq)), std::string(text.substr(eq + 1))};
}

}  // namespace

GuiOptions parse_options(int argc, const char* const* argv) {
    GuiOptions o;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        auto value = [&]() -> std::string_view {
            if (i + 1 >= argc) throw std::invalid_argument(std::string(arg) + " needs a value");
            return argv[++i];
        };
        if (arg == "-h" || arg == "--help") o.help = true;
        else if (arg == "--scenario") { o.scenario = value(); o.scenario_given = true; }
        else if (arg == "-n" || arg == "--ranks") {
            o.ranks = parse_in_range<int>(arg, value(), 1, 4096, "between 1 and 4096");
            o.scenario_given = true;
        }
        else if (arg == "--set") { o.params.push_back(parse_assignment(arg, value())); o.scenario_given = true; }
        else if (arg == "--eager") {
            const std::string_view text = value();
            if (auto preset = find_eager_preset(text)) o.eager_threshold = preset->bytes;
            else if (!text.empty() && ((text.front() >= '0' && text.front() <= '9') || text.front() == '-'))
                o.eager_threshold = parse_in_range<std::int64_t>(arg, text, 0, INT64_MAX, "at least 0 (bytes)");
            else
                throw std::invalid_argument("--eager expects a number of bytes or one of the presets " +
                                            eager_preset_names() + ", not '" + shown(text) + "'");
        }
        else if (arg == "--schedule") o.schedule = value();
        else if (arg == "--seed") o.seed = parse_number<std::uint64_t>(arg, value());
        else if (arg == "--algorithm") o.algorithms.push_back(parse_assignment(arg, value()));
        else if (arg == "--trace") {
            o.trace_file = value();
            if (o.trace_file.empty()) throw std::invalid_argument("--trace needs the path of a trace file (.json)");
        }
        else if (arg == "--compare") {
            // --compare A.json B.json, or A.json given as the trace to open and --compare B.json.
            const std::string_view first = value();
            const bool two = i + 1 < argc && !std::string_view(argv[i + 1]).starts_with("-") &&
                             std::string_view(argv[i + 1]).ends_with(".json");
            if (two) {
                o.trace_file = first;
                o.compare_file = value();
            } else {
                o.compare_file = first;
            }
            if (first.empty() || o.compare_file.empty())
                throw std::invalid_argument("--compare needs two trace files: --compare A.json B.json, or A.json --compare B.json");
        }
        else if (arg == "--demo-trace") {
            o.demo_messages = parse_in_range<std::uint64_t>(arg, value(), 1, kMaxDemoMessages,
                                                            "between 1 and 20,000,000 messages (each takes about 200 "
                                                            "bytes of memory)");
        }
        else if (arg == "--demo-ranks") o.demo_ranks = parse_in_range<int>(arg, value(), 2, 4096, "between 2 and 4096");
        else if (arg == "--scale") o.scale = parse_in_range<float>(arg, value(), 1.0f, 3.0f, "between 1 and 3");
        else if (arg == "--light") o.light = true;
        else if (arg == "--screenshot") {
            o.screenshot = value();
            if (o.screenshot.empty()) throw std::invalid_argument("--screenshot needs the path of the PNG to write");
        }
        else if (arg == "--at-end") o.at_end = true;
        else if (arg == "--time") o.time = parse_in_range<double>(arg, value(), 0.0, 1e12, "a time in seconds, at least 0");
        else if (arg == "--event") o.event = parse_in_range<std::int64_t>(arg, value(), 0, std::int64_t{1} << 40, "a number of events, at least 0");
        else if (arg == "--size") {
            std::string_view s = value();
            auto x = s.find('x');
            if (x == std::string_view::npos) throw std::invalid_argument("--size expects WxH, e.g. 1920x1080");
            const char* range = "between 320x240 and 8192x8192";
            o.width = parse_in_range<int>(arg, s.substr(0, x), 320, 8192, range);
            o.height = parse_in_range<int>(arg, s.substr(x + 1), 240, 8192, range);
        }
        else if (arg == "--gif") {
            o.gif = value();
            if (o.gif.empty()) throw std::invalid_argument("--gif needs the path of the GIF to write");
        }
        else if (arg == "--from-event")
            o.from_event = parse_in_range<std::int64_t>(arg, value(), 0, std::int64_t{1} << 40, "a number of events, at least 0");
        else if (arg == "--to-event")
            o.to_event = parse_in_range<std::int64_t>(arg, value(), 0, std::int64_t{1} << 40, "a number of events, at least 0");
        else if (arg == "--frames") o.frames = parse_in_range<int>(arg, value(), 1, 10000, "between 1 and 10,000");
        else if (arg == "--frame-times") o.frame_times = true;
        else if (arg == "--report-layout") o.report_layout = value();
        else if (arg == "--projector") o.projector = true;
        else if (arg == "--big-clock") o.big_clock = true;
        else if (!arg.starts_with("-") && arg.ends_with(".json")) o.trace_file = arg;
        else if (!arg.starts_with("-")) { o.scenario = arg; o.scenario_given = true; }   // a scenario or a program file
        else throw std::invalid_argument("unknown option '" + shown(arg) + "'");
    }
    if (!o.compare_file.empty() && o.trace_file.empty())
        throw std::invalid_argument("--compare " + o.compare_file + " needs the run to compare it with: mpilab-gui A.json --compare " +
                                    o.compare_file + " (or --compare A.json " + o.compare_file + ")");
    if ((o.at_end ? 1 : 0) + (o.time ? 1 : 0) + (o.event ? 1 : 0) > 1)
        throw std::invalid_argument("give one of --at-end, --time and --event, not several");
    if ((o.from_event || o.to_event) && o.gif.empty())
        throw std::invalid_argument("--from-event and --to-event choose the steps of a GIF: give --gif OUT.gif too");
    if (o.from_event && o.to_event && *o.from_event > *o.to_event)
        throw std::invalid_argument("--from-event must not be after --to-event");
    return o;
}

}  // namespace mpilab::gui
