/* The MPI environment as C programs use it: init and finalize, queries, the virtual clock, abort,
 * and the usage errors around them. */
#include "check.h"

#include <string.h>

int c_environment_queries(void) {
    int flag = -1, version = 0, subversion = 0, len = 0, provided = -1;
    char name[MPI_MAX_PROCESSOR_NAME];
    char library[MPI_MAX_LIBRARY_VERSION_STRING];
    MPI_Initialized(&flag);
    EXPECT(flag == 0);
    MPI_Init_thread(NULL, NULL, MPI_THREAD_MULTIPLE, &provided);
    EXPECT(provided == MPI_THREAD_FUNNELED);
    MPI_Initialized(&flag);
    EXPECT(flag == 1);
    MPI_Get_version(&version, &subversion);
    EXPECT(version == 3 && subversion == 1);
    MPI_Get_processor_name(name, &len);
    EXPECT(len > 0 && (int)strlen(name) == len);
    MPI_Get_library_version(library, &len);
    EXPECT(strstr(library, "mpilab") != NULL);
    double t0 = MPI_Wtime();
    MPIX_Compute(0.5);
    EXPECT(MPI_Wtime() - t0 >= 0.5 && MPI_Wtick() > 0);
    int *tag_ub = NULL;
    MPI_Comm_get_attr(MPI_COMM_WORLD, MPI_TAG_UB, &tag_ub, &flag);
    EXPECT(flag && *tag_ub >= 32767);
    MPI_Finalized(&flag);
    EXPECT(flag == 0);
    MPI_Finalize();
    MPI_Finalized(&flag);
    EXPECT(flag == 1);
    return 0;
}

int c_abort_in_rank_1(void) {
    int rank;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    if (rank == 1) MPI_Abort(MPI_COMM_WORLD, 42);
    MPI_Barrier(MPI_COMM_WORLD);
    MPI_Finalize();
    return 0;
}

int c_send_before_init(void) {
    int x = 1;
    MPI_Send(&x, 1, MPI_INT, 0, 0, MPI_COMM_WORLD);
    return 0;
}

int c_call_after_finalize(void) {
    int rank;
    MPI_Init(NULL, NULL);
    MPI_Finalize();
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    return 0;
}

int c_no_finalize(void) {
    MPI_Init(NULL, NULL);
    return 0;
}

int c_unsupported_call(void) {
    MPI_Win win;
    MPI_Init(NULL, NULL);
    MPI_Win_create(NULL, 0, 1, MPI_INFO_NULL, MPI_COMM_WORLD, &win);
    MPI_Finalize();
    return 0;
}

int c_leaks_objects(void) {
    MPI_Comm dup;
    MPI_Datatype pair;
    MPI_Init(NULL, NULL);
    MPI_Comm_dup(MPI_COMM_WORLD, &dup);
    MPI_Type_contiguous(2, MPI_INT, &pair);
    MPI_Type_commit(&pair);
    MPI_Finalize();
    return 0;
}
