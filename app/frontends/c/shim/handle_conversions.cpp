// The Fortran handle conversions (MPI_Comm_c2f, MPI_Comm_f2c, ...): mpilab's handles are ints, so a
// Fortran handle is the handle itself.
#include "profiling.hpp"
#include "shim.hpp"

using namespace mpilab::cshim;

#define MPILAB_CONVERSIONS(Kind, Type)                                 \
    MPI_Fint MPI_##Kind##_c2f(Type handle) {                           \
        take_location();                                               \
        return handle;                                                 \
    }                                                                  \
    Type MPI_##Kind##_f2c(MPI_Fint handle) {                           \
        take_location();                                               \
        return handle;                                                 \
    }                                                                  \
    MPILAB_PROFILING(MPI_##Kind##_c2f)                                 \
    MPILAB_PROFILING(MPI_##Kind##_f2c)

MPILAB_CONVERSIONS(Comm, MPI_Comm)
MPILAB_CONVERSIONS(Type, MPI_Datatype)
MPILAB_CONVERSIONS(Group, MPI_Group)
MPILAB_CONVERSIONS(Op, MPI_Op)
MPILAB_CONVERSIONS(Request, MPI_Request)
MPILAB_CONVERSIONS(Info, MPI_Info)
MPILAB_CONVERSIONS(Errhandler, MPI_Errhandler)
