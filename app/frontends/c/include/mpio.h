/* mpio.h of mpilab: MPI-IO is declared in mpi.h (and not simulated: calling it ends the run with an error). */
#include "mpi.h"
