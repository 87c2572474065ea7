// Writes seeded mutants of recorded traces that the loader accepts, for the fuzz test of the GUI's
// headless screenshot path (fuzz_screenshots.sh): whatever the loader lets through, the GUI must draw.
//   mpilab-gui-trace-mutants OUT_DIR COUNT SEED TRACE.json...
// Mutants the loader refuses are not written: refusing them is the loader's part, tested in tests/core.
#include "core/trace_check.hpp"
#include "core/trace_json.hpp"
#include "tests/core/trace_mutation.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    if (argc < 5) {
        std::fprintf(stderr, "usage: %s OUT_DIR COUNT SEED TRACE.json...\n", argv[0]);
        return 2;
    }
    const std::string dir = argv[1];
    const long count = std::atol(argv[2]);
    std::mt19937_64 rng(std::strtoull(argv[3], nullptr, 10));
    std::vector<std::string> sources;
    for (int i = 4; i < argc; ++i) {
        std::ifstream in(argv[i], std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        if (text.str().empty()) {
            std::fprintf(stderr, "cannot read %s\n", argv[i]);
            return 1;
        }
        sources.push_back(text.str());
    }
    long written = 0;
    long attempts = 0;
    for (; written < count && attempts < count * 200; ++attempts) {
        const std::string text = mpilab::testing::mutate_trace_text(sources[static_cast<std::size_t>(attempts) % sources.size()], rng);
        try {
            mpilab::Trace t = mpilab::trace_from_json(text);
            mpilab::check_trace(t);
        } catch (const mpilab::TraceFormatError&) {
            continue;
        }
        char name[32];
        std::snprintf(name, sizeof name, "/mutant_%04ld.json", written++);
        std::ofstream(dir + name, std::ios::binary) << text;
    }
    std::printf("%ld accepted mutants written (of %ld tried)\n", written, attempts);
    return written == count ? 0 : 1;
}
