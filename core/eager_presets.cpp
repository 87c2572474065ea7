// The presets' values and sources. See eager_presets.hpp; the numbers are reproduced by
// bench/eager_limits/measure (Debian 12: MPICH 4.0.2, Open MPI 4.1.4 with its shared-memory transport).
#include "eager_presets.hpp"

#include "protocol.hpp"

#include <array>

namespace mpilab {

namespace {

constexpr std::array<EagerPreset, 4> kPresets{{
    {"default", 65536,
     "mpilab's default; real MPIs buffer less: try --eager openmpi or mpich"},
    {"openmpi", 4040, "Open MPI 4.1's limit over shared memory, measured on Debian 12"},
    {"mpich", 8255, "MPICH 4.0's limit, measured on Debian 12"},
    {"none", 0, "no buffering: every standard send of data waits for its receive"},
}};

}  // namespace

std::span<const EagerPreset> eager_presets() { return kPresets; }

std::optional<EagerPreset> find_eager_preset(std::string_view name) {
    for (const EagerPreset& p : kPresets)
        if (p.name == name) return p;
    return std::nullopt;
}

std::optional<EagerPreset> eager_preset_of_library(std::string_view library) {
    if (library.starts_with("MPICH")) return find_eager_preset("mpich");
    if (library.starts_with("Open MPI")) return find_eager_preset("openmpi");
    return std::nullopt;
}

std::string eager_preset_names() {
    std::string names;
    for (const EagerPreset& p : kPresets) names += (names.empty() ? "" : ", ") + std::string(p.name);
    return names;
}

std::string eager_threshold_text(const RunInfo& run) {
    std::string text = "eager threshold " + with_commas(run.eager_threshold) +
                       (run.eager_threshold == 1 ? " byte" : " bytes");
    if (run.synchronous_sends) return text + " (zero buffering: every send synchronous)";
    for (const EagerPreset& p : kPresets)
        if (p.bytes == run.eager_threshold) return text + " (--eager " + std::string(p.name) + ": " + std::string(p.source) + ")";
    return text + " (chosen for this run)";
}

}  // namespace mpilab
