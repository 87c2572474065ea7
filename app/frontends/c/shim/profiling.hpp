// The profiling interface: every MPI_X is also PMPI_X. An alias must sit in the same translation
// unit as its target, so each file of the shim lists the functions it defines.
#pragma once

#define MPILAB_PROFILING(name) extern "C" decltype(name) P##name __attribute__((alias(#name)));
