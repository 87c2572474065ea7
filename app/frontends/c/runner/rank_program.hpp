// The program each rank thread runs: bind the thread to its world communicator, call its own copy's
// main(argc, argv, envp) with a private argv, and turn every way of leaving main into what MPI would
// say: a return after MPI_Finalize ends the rank; a return without it is a warning; exit() before
// MPI_Finalize, a failed assert() and a crash end the run with an error naming the rank and the line.
#pragma once

#include "app/frontends/c/runner/program_copies.hpp"
#include "core/run.hpp"

#include <functional>
#include <string>
#include <vector>

namespace mpilab::c_runner {

// How the runner talks to the MPI library about a rank thread: in mpilab-run, the C shim's rank
// binding (app/frontends/c/shim/rank_binding.hpp); tests of the runner may give their own.
struct MpiState {
    bool initialized = false;   // MPI_Init(_thread) returned on this rank
    bool finalized = false;     // MPI_Finalize returned on this rank
};
struct MpiBinding {
    std::function<void(Comm& world)> bind;   // this thread is a rank; `world` is its MPI_COMM_WORLD
    std::function<MpiState()> state;         // while bound
    std::function<void()> unbind;
    // The warning for a rank that ended (`how`: "returned from main") without MPI_Finalize.
    std::function<std::string(int rank, const std::string& how)> missing_finalize;
};

// The binding to the MPI library linked into the running executable (mpilab-run: the C shim).
MpiBinding linked_mpi_binding();

// `argv` is the program's whole argv (argv[0] its name). `object_path` is the program file, for the
// symboliser (each copy is the same file).
Program make_rank_program(const ProgramCopies& copies, std::vector<std::string> argv, MpiBinding binding,
                          std::string object_path);

}  // namespace mpilab::c_runner
