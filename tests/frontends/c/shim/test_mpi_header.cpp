// mpi.h itself: every function it declares has a call-site macro (in the same order as the one list
// of functions), and a call made through the macro reports the caller's line while a call made
// without it reports none.
#include "harness.hpp"

#include "app/frontends/c/shim/datatype_layout.hpp"

#include <fstream>
#include <regex>
#include <sstream>

using namespace mpilab;
using namespace mpilab::test;

namespace {

std::string read(const std::string& path) {
    std::ifstream in(std::string(MPILAB_SOURCE_DIR) + "/" + path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::string> matches(const std::string& text, const std::regex& pattern) {
    std::vector<std::string> found;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), pattern); it != std::sregex_iterator(); ++it)
        found.push_back((*it)[1]);
    return found;
}

}  // namespace

TEST_CASE("every function of mpi.h has a call-site macro, in the list's order") {
    const std::string functions = read("app/frontends/c/include/mpilab/mpi_functions.h");
    const std::string locations = read("app/frontends/c/include/mpilab/mpi_locations.h");
    const auto declared = matches(functions, std::regex(R"(MPILAB_(?:FN|UNSUPPORTED)\(\s*[\w ]+?,\s*(MPI_\w+)\s*,)"));
    const auto macros = matches(locations, std::regex(R"(#define (MPI_\w+)\(\.\.\.\) \(MPILAB_AT\(\), \1\(__VA_ARGS__\)\))"));
    CHECK(declared.size() > 380);
    CHECK(declared == macros);
}

TEST_CASE("each predefined datatype of mpi.h is the shim's predefined type of that slot") {
    const std::string header = read("app/frontends/c/include/mpi.h");
    const std::regex define(R"(#define (MPI_\w+) +MPILAB_TYPE\((\d+)\))");
    int defined = 0;
    for (auto it = std::sregex_iterator(header.begin(), header.end(), define); it != std::sregex_iterator(); ++it) {
        std::string name = (*it)[1];
        const auto slot = static_cast<std::uint32_t>(std::stoi((*it)[2]));
        if (name == "MPI_LONG_LONG_INT") name = "MPI_LONG_LONG";   // MPI_LONG_LONG is its alias, the name reports use
        CHECK(name == cshim::basic_type(slot).name);
        ++defined;
    }
    CHECK(defined == static_cast<int>(cshim::kPredefinedTypes));
}
