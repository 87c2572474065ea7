// Running the user's MPI launcher under the recorder: the preload library built for that MPI (MPICH or
// Open MPI, from the launcher the command names, or --mpi) is handed to every process through the
// launcher's own option for environment variables (-genv for MPICH's Hydra, -x for Open MPI, so remote
// hosts get it too), with MPILAB_RECORD_DIR naming the folder for the record files. While it runs, the
// record files are watched: when every process is inside an MPI call and none made progress for the hang
// timeout, the job is stopped (its process group, then the processes themselves) and called hung.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace mpilab::recorder {

struct LaunchError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

enum class MpiFlavour { Mpich, OpenMpi };

struct LaunchOptions {
    std::vector<std::string> command;     // the launcher and its arguments: mpiexec -n 4 ./ring
    std::string folder;                   // where the processes write their record files
    double hang_timeout = 60;             // seconds without progress while every process is blocked; 0: never
    std::optional<MpiFlavour> mpi;        // which preload library; default: from the command
};

struct LaunchResult {
    int exit_status = 0;                  // the launcher's
    int signal = 0;                       // the signal that ended it (0: it exited)
    bool hung = false;                    // stopped by the hang watch
    double wall_seconds = 0;
};

// Which MPI a command starts: from its launcher (mpiexec.mpich / Hydra, mpiexec.openmpi / orterun,
// followed through symbolic links) or from the libraries a program started directly links.
std::optional<MpiFlavour> mpi_of_command(const std::vector<std::string>& command);
std::string flavour_name(MpiFlavour flavour);   // "mpich", "openmpi"

// The preload library for an MPI: MPILAB_RECORD_LIB_DIR, or the lib/ folder beside the mpilab executable.
std::string preload_library(MpiFlavour flavour);

// The command with the launcher's options for the preload library and the record folder inserted.
std::vector<std::string> preloaded_command(const std::vector<std::string>& command, MpiFlavour flavour,
                                           const std::string& library);

LaunchResult launch(const LaunchOptions& options);

}  // namespace mpilab::recorder
