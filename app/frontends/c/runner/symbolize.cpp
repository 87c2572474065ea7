// addr2line -f -C -e OBJECT ADDRESS...: two lines per address, the function and FILE:LINE ("??" and
// "??:0" when unknown; FILE:LINE may be followed by " (discriminator N)").
#include "app/frontends/c/runner/symbolize.hpp"

#include "app/frontends/c/cc/subprocess.hpp"

#include <sstream>

namespace mpilab::c_runner {

namespace {

std::string hex(std::uintptr_t v) {
    std::ostringstream out;
    out << "0x" << std::hex << v;
    return out.str();
}

}  // namespace

std::vector<SourcePlace> symbolize(const std::string& object, const std::vector<std::uintptr_t>& file_addresses) {
    std::vector<SourcePlace> places(file_addresses.size());
    if (file_addresses.empty()) return places;
    std::vector<std::string> argv = {"addr2line", "-f", "-C", "-e", object};
    for (std::uintptr_t a : file_addresses) argv.push_back(hex(a));
    const c_tools::ProcessResult result = c_tools::run_process(argv);
    if (!result.ok()) return places;
    std::istringstream lines(result.out);
    for (SourcePlace& place : places) {
        std::string function, where;
        if (!std::getline(lines, function) || !std::getline(lines, where)) break;
        if (function != "??") place.function = function;
        if (auto space = where.find(" ("); space != std::string::npos) where.resize(space);
        const auto colon = where.rfind(':');
        if (colon == std::string::npos) continue;
        const std::string file = where.substr(0, colon);
        const std::string line = where.substr(colon + 1);
        if (file == "??" || line.empty() || line == "?") continue;
        try {
            place.line = static_cast<unsigned>(std::stoul(line));
            place.file = file;
        } catch (const std::exception&) {
            place.line = 0;
        }
    }
    return places;
}

}  // namespace mpilab::c_runner
