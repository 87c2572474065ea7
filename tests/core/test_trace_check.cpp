// The trace's invariants: traces recorded by mpilab keep them, and every trace of the hostile corpus
// (tests/core/data/hostile_traces.json: a recorded trace with one contradiction set into it) is refused
// by the loader with a message naming the JSON path of what is wrong.
#include "core/trace_check.hpp"
#include "core/trace_json.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <limits>
#include <sstream>
#include <string>

using namespace mpilab;

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in, "cannot open " << path << " (the tests run from the repository root)");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

nlohmann::json golden(const std::string& name) { return nlohmann::json::parse(read_file("tests/cli/golden/" + name + ".json")); }

}  // namespace

TEST_CASE("the traces recorded for the golden files keep every invariant") {
    for (const char* name : {"ring", "send-send", "type-mismatch", "bcast-reduce"}) {
        CAPTURE(name);
        Trace t = trace_from_json(read_file(std::string("tests/cli/golden/") + name + ".json"));
        CHECK_NOTHROW(check_trace(t));
    }
}

TEST_CASE("every trace of the hostile corpus is refused with a message naming where it contradicts itself") {
    const nlohmann::json corpus = nlohmann::json::parse(read_file("tests/core/data/hostile_traces.json"));
    REQUIRE(corpus["cases"].size() >= 40);
    for (const auto& c : corpus["cases"]) {
        const std::string name = c["case"];
        CAPTURE(name);
        nlohmann::json trace = golden(c["base"]);
        for (const auto& [pointer, value] : c["set"].items()) trace[nlohmann::json::json_pointer(pointer)] = value;
        const std::string expected = c["error"];
        std::string message;
        try {
            trace_from_json(trace.dump());
        } catch (const TraceFormatError& e) {
            message = e.what();
        }
        INFO("the loader said: " << message);
        CHECK(message.find(expected) != std::string::npos);
    }
}

TEST_CASE("a trace built in memory with a time of NaN fails the check, naming the field") {
    Trace t = trace_from_json(read_file("tests/cli/golden/ring.json"));
    t.messages[2].complete_time = std::numeric_limits<double>::quiet_NaN();
    CHECK_THROWS_WITH_AS(check_trace(t), doctest::Contains("messages[2].complete_time = NaN"), TraceFormatError);
}
