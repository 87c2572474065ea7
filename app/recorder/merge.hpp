// One trace from the per-process record files of a real MPI run: calls with their times on rank 0's
// clock (aligned, see clock_alignment.hpp), communicators identified across processes, point-to-point
// messages matched sender to receiver by (communicator, source, destination, tag, order), collectives
// numbered by their sequence on each communicator, source places resolved, and the outcome: completed, a
// hang (every process blocked: a deadlock with its wait-for graph) or an error (a crash, MPI_Abort, an
// error MPI reported, a process that exited without MPI_Finalize).
#pragma once

#include "app/recorder/record_file.hpp"
#include "core/trace.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mpilab::recorder {

// What is known about the run besides its files.
struct RunFacts {
    std::string launcher;               // the command line
    std::optional<int> exit_status;     // the launcher's exit status (nullopt: not known, as for --merge)
    int exit_signal = 0;                // the signal that ended the launcher
    bool hung = false;                  // `mpilab record` stopped it: no progress for hang_timeout seconds
    double hang_timeout = 0;
    double wall_seconds = 0;
    std::string folder;                 // source file names under it are shown relative to it
};

Trace merge_records(const std::vector<ProcessRecord>& processes, const RunFacts& facts);

}  // namespace mpilab::recorder
