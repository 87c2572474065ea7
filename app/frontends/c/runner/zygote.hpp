// mpilab-run's serving loop: a clean process holding the program's per-rank copies, loaded but never
// run, that forks one child per run request. The child inherits the copies with their globals as
// the loader left them (copy-on-write), runs the ranks, writes its records to the request's result
// pipe and exits; the zygote then adds how the child ended and closes the pipe. A run therefore costs
// a fork, not a compile or a load, which is what lets `mpilab check` run a program many times.
// Invariant: the zygote never runs program code (only the copies' constructors, at load) and never
// starts a thread, so fork() is safe.
#pragma once

#include "app/frontends/c/runner/program_copies.hpp"
#include "app/frontends/c/runner/rank_program.hpp"

namespace mpilab::c_runner {

// Serves requests arriving on `control_fd` (a SOCK_SEQPACKET socket) until the client closes it.
// Returns the process's exit status.
int serve(int control_fd, ProgramCopies& copies, const MpiBinding& binding);

}  // namespace mpilab::c_runner
