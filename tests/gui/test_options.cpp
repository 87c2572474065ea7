// mpilab-gui's command line and the text helpers the views use.
#include "app/gui/format.hpp"
#include "app/gui/options.hpp"

#include <doctest/doctest.h>

#include <climits>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

using namespace mpilab::gui;

namespace {

GuiOptions parse(std::vector<const char*> args) {
    args.insert(args.begin(), "mpilab-gui");
    return parse_options(static_cast<int>(args.size()), args.data());
}

}  // namespace

TEST_CASE("with no arguments the GUI opens on the alltoall deadlock, not yet run") {
    auto o = parse({});
    CHECK(o.scenario == "alltoall-deadlock");
    CHECK_FALSE(o.scenario_given);
    CHECK(o.screenshot.empty());
}

TEST_CASE("the screenshot command line is parsed") {
    auto o = parse({"--screenshot", "out.png", "--scenario", "ring", "-n", "8", "--set", "count=9000", "--at-end",
                    "--size", "1280x720", "--scale", "2", "--frames", "10", "--frame-times"});
    CHECK(o.screenshot == "out.png");
    CHECK(o.scenario == "ring");
    CHECK(*o.ranks == 8);
    REQUIRE(o.params.size() == 1);
    CHECK(o.params[0].first == "count");
    CHECK(o.params[0].second == "9000");
    CHECK(o.at_end);
    CHECK(o.width == 1280);
    CHECK(o.height == 720);
    CHECK(o.scale == doctest::Approx(2.0f));
    CHECK(o.frames == 10);
    CHECK(o.frame_times);
}

TEST_CASE("a screenshot can show the state after the first N events, in the projector layout") {
    auto o = parse({"--screenshot", "out.png", "--event", "12", "--projector", "--report-layout", "out.layout"});
    REQUIRE(o.event);
    CHECK(*o.event == 12);
    CHECK(o.projector);
    CHECK(o.report_layout == "out.layout");
    CHECK_THROWS_AS(parse({"--event", "3", "--time", "1e-6"}), std::invalid_argument);
    CHECK_THROWS_AS(parse({"--event", "3", "--at-end"}), std::invalid_argument);
    CHECK_THROWS_AS(parse({"--event", "-1"}), std::invalid_argument);
    CHECK_THROWS_AS(parse({"--event", "two"}), std::invalid_argument);
}

TEST_CASE("the big clock is off unless asked for") {
    CHECK_FALSE(parse({"--scenario", "ring"}).big_clock);
    CHECK(parse({"--big-clock", "--projector"}).big_clock);
}

TEST_CASE("--compare opens two traces, the first on top") {
    auto o = parse({"--compare", "part1.json", "part3.json"});
    CHECK(o.trace_file == "part1.json");
    CHECK(o.compare_file == "part3.json");
    CHECK_THROWS_AS(parse({"--compare", "part1.json"}), std::invalid_argument);   // compared with what?
    // The trace to open given first (as `mpilab compare` suggests), then --compare with the other one.
    auto given_first = parse({"real.json", "--compare", "sim.json", "--at-end"});
    CHECK(given_first.trace_file == "real.json");
    CHECK(given_first.compare_file == "sim.json");
    CHECK(given_first.at_end);
    auto given_later = parse({"--compare", "sim.json", "--trace", "real.json"});
    CHECK(given_later.trace_file == "real.json");
    CHECK(given_later.compare_file == "sim.json");
    CHECK_THROWS_AS(parse({"--compare", "", "b.json"}), std::invalid_argument);
}

TEST_CASE("bad command lines say what is wrong") {
    CHECK_THROWS_AS(parse({"--size", "big"}), std::invalid_argument);
    CHECK_THROWS_AS(parse({"--scale", "5"}), std::invalid_argument);
    CHECK_THROWS_AS(parse({"-n", "0"}), std::invalid_argument);
    CHECK_THROWS_AS(parse({"--set", "novalue"}), std::invalid_argument);
    CHECK_THROWS_AS(parse({"--frobnicate"}), std::invalid_argument);
    CHECK_THROWS_AS(parse({"--at-end", "--time", "1e-6"}), std::invalid_argument);
    CHECK_THROWS_AS(parse({"--screenshot"}), std::invalid_argument);
}

TEST_CASE("options that are not finite or out of range are refused with the range, never passed on") {
    auto message = [](std::vector<const char*> args) {
        try {
            parse(std::move(args));
        } catch (const std::invalid_argument& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    CHECK(message({"--scale", "NaN"}).find("finite") != std::string::npos);
    CHECK(message({"--scale", "nan"}).find("finite") != std::string::npos);
    CHECK(message({"--scale", "inf"}).find("finite") != std::string::npos);
    CHECK(message({"--scale", "0.5"}) == "--scale must be between 1 and 3");
    CHECK(message({"--time", "Infinity"}) != "accepted");
    CHECK(message({"--time", "-1"}) != "accepted");
    CHECK(message({"--demo-trace", "99999999999"}).find("20,000,000") != std::string::npos);
    CHECK(message({"--demo-trace", "0"}).find("between 1 and") != std::string::npos);
    CHECK(message({"--demo-trace", "99999999999999999999999"}).find("out of range") != std::string::npos);
    CHECK(message({"--frames", "2000000000"}).find("10,000") != std::string::npos);
    CHECK(message({"--eager", "-1"}).find("at least 0") != std::string::npos);
    CHECK(message({"-n", "99999999999"}).find("out of range") != std::string::npos);
    CHECK(message({"--trace", ""}).find("path") != std::string::npos);
    // A pasted megabyte is not echoed back whole.
    std::string huge(1 << 20, '7');
    huge += "x";
    CHECK(message({"--seed", huge.c_str()}).size() < 200);
}

TEST_CASE("times and sizes read at a glance") {
    CHECK(format_time(0) == "0 s");
    CHECK(format_time(12.5e-6) == "12.5 \xC2\xB5s");
    CHECK(format_time(850e-9) == "850 ns");
    CHECK(format_time(3.2e-3) == "3.2 ms");
    CHECK(format_bytes(80000) == "80,000 B");
    CHECK(format_count(1000000) == "1,000,000");
    CHECK(format_bytes(-80000) == "-80,000 B");
    CHECK(format_bytes(3LL << 40) == "3.00 TiB");
    CHECK(format_count(UINT64_MAX) == "18,446,744,073,709,551,615");
}

TEST_CASE("any byte count a trace can hold is formatted, INT64_MIN included") {
    CHECK(format_bytes(INT64_MIN) == "-8.00 EiB");
    CHECK(format_bytes(INT64_MAX) == "8.00 EiB");
    CHECK(format_bytes(INT64_MIN + 1) == "-8.00 EiB");
    CHECK(rank_text(mpilab::ANY_SOURCE) == "any source");
}
