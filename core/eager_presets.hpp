// The eager thresholds of real MPI libraries, by name: `--eager openmpi` in the CLI and the GUI, and the
// line every report, the GUI's Outcome panel and the trace JSON show to say which threshold a run used
// and where it comes from. The values were measured with bench/eager_limits/measure (a send-send
// exchange bisected over message sizes under the library's own mpiexec); a run that completes at
// mpilab's generous default may hang on a real MPI that buffers less, which is what `mpilab check` finds.
#pragma once

#include "trace.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace mpilab {

struct EagerPreset {
    std::string_view name;     // what --eager takes: "openmpi"
    std::int64_t bytes;        // the largest standard send that is buffered
    std::string_view source;   // where the value comes from, for reports and `mpilab help`
};

// default (65,536), openmpi (4,040), mpich (8,255), none (0), in that order.
std::span<const EagerPreset> eager_presets();

// The preset of that name, or nullopt.
std::optional<EagerPreset> find_eager_preset(std::string_view name);

// The preset of the real MPI library a recorded run names ("MPICH 4.0.2" -> mpich, "Open MPI 4.1.4" ->
// openmpi), or nullopt for a library mpilab has not measured.
std::optional<EagerPreset> eager_preset_of_library(std::string_view library);

// "default, openmpi, mpich, none": for messages that list the choices.
std::string eager_preset_names();

// The threshold a run used and where it comes from, in one line without a trailing newline:
// "eager threshold 4,040 bytes (--eager openmpi: Open MPI 4.1 over shared memory, measured on Debian 12)".
// A value that is no preset is "chosen for this run"; a zero-buffering run says so.
std::string eager_threshold_text(const RunInfo& run);

}  // namespace mpilab
