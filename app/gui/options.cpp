// Parsing mpilab-gui's command line. See options.hpp.
#include "options.hpp"

#include <charconv>
#include <stdexcept>
#include <string_view>

namespace mpilab::gui {

const char* usage_text() {
    return "usage: mpilab-gui [--scenario ID] [-n RANKS] [--set NAME=VALUE]... [--eager BYTES]\n"
           "                  [--schedule POLICY] [--seed S] [--algorithm COLL=ALG]... [--trace FILE]\n"
           "                  [--scale S] [--light]\n"
           "       mpilab-gui --screenshot OUT.png [same options] [--at-end | --time T] [--size WxH]\n"
           "                  [--frames N --frame-times]\n"
           "Without --screenshot it opens a window (it needs a display; on a machine without one use\n"
           "xvfb-run for screenshots, or the command line tool `mpilab run ID`).\n"
           "--demo-trace MESSAGES [--demo-ranks R] replays a synthetic trace (for the large-trace benchmark).\n";
}

namespace {

template <class T>
T parse_number(std::string_view flag, std::string_view text) {
    T value{};
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) {
        throw std::invalid_argument(std::string(flag) + " expects a number, not '" + std::string(text) + "'");
    }
    return value;
}

std::pair<std::string, std::string> parse_assignment(std::string_view flag, std::string_view text) {
    auto eq = text.find('=');
    if (eq == std::string_view::npos || eq == 0) {
        throw std::invalid_argument(std::string(flag) + " expects NAME=VALUE, not '" + std::string(text) + "'");
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
        else if (arg == "-n" || arg == "--ranks") { o.ranks = parse_number<int>(arg, value()); o.scenario_given = true; }
        else if (arg == "--set") { o.params.push_back(parse_assignment(arg, value())); o.scenario_given = true; }
        else if (arg == "--eager") o.eager_threshold = parse_number<std::int64_t>(arg, value());
        else if (arg == "--schedule") o.schedule = value();
        else if (arg == "--seed") o.seed = parse_number<std::uint64_t>(arg, value());
        else if (arg == "--algorithm") o.algorithms.push_back(parse_assignment(arg, value()));
        else if (arg == "--trace") o.trace_file = value();
        else if (arg == "--demo-trace") o.demo_messages = parse_number<std::uint64_t>(arg, value());
        else if (arg == "--demo-ranks") o.demo_ranks = parse_number<int>(arg, value());
        else if (arg == "--scale") {
            o.scale = parse_number<float>(arg, value());
            if (o.scale < 1.0f || o.scale > 3.0f) throw std::invalid_argument("--scale must be between 1 and 3");
        }
        else if (arg == "--light") o.light = true;
        else if (arg == "--screenshot") o.screenshot = value();
        else if (arg == "--at-end") o.at_end = true;
        else if (arg == "--time") o.time = parse_number<double>(arg, value());
        else if (arg == "--size") {
            std::string_view s = value();
            auto x = s.find('x');
            if (x == std::string_view::npos) throw std::invalid_argument("--size expects WxH, e.g. 1920x1080");
            o.width = parse_number<int>(arg, s.substr(0, x));
            o.height = parse_number<int>(arg, s.substr(x + 1));
            if (o.width < 320 || o.height < 240 || o.width > 8192 || o.height > 8192) {
                throw std::invalid_argument("--size must be between 320x240 and 8192x8192");
            }
        }
        else if (arg == "--frames") o.frames = parse_number<int>(arg, value());
        else if (arg == "--frame-times") o.frame_times = true;
        else throw std::invalid_argument("unknown option '" + std::string(arg) + "'");
    }
    if (o.ranks && (*o.ranks < 1 || *o.ranks > 4096)) throw std::invalid_argument("-n must be between 1 and 4096");
    if (o.at_end && o.time) throw std::invalid_argument("give either --at-end or --time, not both");
    if (o.demo_ranks < 2 || o.demo_ranks > 4096) throw std::invalid_argument("--demo-ranks must be between 2 and 4096");
    return o;
}

}  // namespace mpilab::gui
