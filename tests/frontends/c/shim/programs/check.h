/* What the C test programs share: EXPECT ends the run through MPI_Abort with the failing line as the
 * error code (the test then shows the run's outcome, which names it). The programs keep no global
 * state: the test harness runs every rank in one process without private copies of globals. */
#ifndef MPILAB_TEST_CHECK_H
#define MPILAB_TEST_CHECK_H

#include <mpi.h>
#include <stdio.h>

#define EXPECT(cond)                                                                            \
    do {                                                                                        \
        if (!(cond)) {                                                                          \
            fprintf(stderr, "check failed: %s at %s:%d\n", #cond, __FILE__, __LINE__);         \
            MPI_Abort(MPI_COMM_WORLD, __LINE__);                                                \
        }                                                                                       \
    } while (0)

#endif
