// The calls mpi.h declares but mpilab does not simulate (one-sided communication, MPI-IO, dynamic
// processes, intercommunicators, graph topologies, MPI_T, ...), generated from the one list in
// mpilab/mpi_functions.h. Calling one ends the run with an error that names the call and what it
// belongs to — never a silent no-op, never a link error.
#include "shim.hpp"

using namespace mpilab;
using namespace mpilab::cshim;

namespace {

[[noreturn]] void unsupported(const char* name, const char* what) {
    Call call(name, /*anytime=*/true);
    call.rank.world.fail(name, "not simulated",
                         std::string(name) + " belongs to " + what +
                             ", which mpilab does not simulate, so the run stops here. mpilab simulates "
                             "point-to-point communication, collectives, communicators and groups, Cartesian "
                             "topologies, derived datatypes and error handlers; see the README's list of the "
                             "supported MPI C API.",
                         call.loc);
}

}  // namespace

#define MPILAB_FN(ret, name, params)
#define MPILAB_UNSUPPORTED(ret, name, params, what)                       \
    ret name params { unsupported(#name, what); }                         \
    extern "C" decltype(name) P##name __attribute__((alias(#name)));
#include <mpilab/mpi_functions.h>
