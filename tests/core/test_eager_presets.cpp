// The --eager presets: the values measured on real MPIs (bench/eager_limits/measure), found by name,
// and the line every report shows naming the run's threshold and where it comes from.
#include "core/eager_presets.hpp"
#include "core/explanation.hpp"
#include "tests/core/support.hpp"

using namespace mpilab;
using namespace mpilab::test;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

RunInfo run_at(std::int64_t threshold) {
    RunInfo run;
    run.eager_threshold = threshold;
    return run;
}

}  // namespace

TEST_CASE("the presets are the default and the measured limits of Open MPI 4.1 and MPICH 4.0") {
    REQUIRE(eager_presets().size() == 4);
    CHECK(find_eager_preset("default")->bytes == 65536);
    CHECK(find_eager_preset("openmpi")->bytes == 4040);
    CHECK(find_eager_preset("mpich")->bytes == 8255);
    CHECK(find_eager_preset("none")->bytes == 0);
    CHECK_FALSE(find_eager_preset("intel"));
    CHECK_FALSE(find_eager_preset("4040"));
    CHECK(eager_preset_names() == "default, openmpi, mpich, none");
}

TEST_CASE("the threshold line names the preset a threshold comes from and its source") {
    CHECK(eager_threshold_text(run_at(4040)) ==
          "eager threshold 4,040 bytes (--eager openmpi: Open MPI 4.1's limit over shared memory, measured on Debian 12)");
    CHECK(contains(eager_threshold_text(run_at(8255)), "(--eager mpich: MPICH 4.0's limit"));
    const std::string by_default = eager_threshold_text(run_at(65536));
    CHECK(contains(by_default, "65,536 bytes (--eager default: mpilab's default"));
    CHECK(contains(by_default, "--eager openmpi"));
    CHECK(contains(eager_threshold_text(run_at(0)), "0 bytes (--eager none"));
    CHECK(eager_threshold_text(run_at(1)) == "eager threshold 1 byte (chosen for this run)");
    RunInfo zero = run_at(65536);
    zero.synchronous_sends = true;
    CHECK(eager_threshold_text(zero) == "eager threshold 65,536 bytes (zero buffering: every send synchronous)");
}

TEST_CASE("every run's explanation carries the threshold line, completed or deadlocked") {
    auto exchange = [](Comm& comm) {
        std::vector<char> block(5000);
        comm.Send(block, 1 - comm.rank());
        comm.Recv(block, 1 - comm.rank());
    };
    auto at_default = run(config(2), exchange);
    CHECK(status(at_default) == "completed");
    CHECK(explain(at_default.trace).threshold == eager_threshold_text(at_default.trace.run));
    auto at_openmpi = run(config(2, find_eager_preset("openmpi")->bytes), exchange);
    CHECK(status(at_openmpi) == "deadlock");
    CHECK(contains(explain(at_openmpi.trace).threshold, "4,040 bytes (--eager openmpi"));
}

TEST_CASE("a recorded run's MPI library names its preset: MPICH's or Open MPI's, none for another library") {
    CHECK(eager_preset_of_library("MPICH 4.0.2")->name == "mpich");
    CHECK(eager_preset_of_library("Open MPI 4.1.4")->name == "openmpi");
    CHECK_FALSE(eager_preset_of_library("Intel(R) MPI Library 2021"));
    CHECK_FALSE(eager_preset_of_library(""));
}
