/* A C translation unit that uses mpi.h the ways textbook programs do; compiled with -Werror by ctest
 * as C and as C++ (it is never linked). */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

static void sum_pairs(void *in, void *inout, int *len, MPI_Datatype *type) {
    (void)type;
    for (int i = 0; i < *len; ++i) ((int *)inout)[i] += ((int *)in)[i];
}

static const char *type_name(MPI_Datatype t) {
    switch (t) {   /* handles are integer constants: a switch works */
        case MPI_INT: return "int";
        case MPI_DOUBLE: return "double";
        default: return "other";
    }
}

int textbook(int argc, char **argv) {
    int rank, size, provided, flag, count;
    MPI_Status status;
    MPI_Request requests[2] = {MPI_REQUEST_NULL, MPI_REQUEST_NULL};
    MPI_Status statuses[2];
    MPI_Comm row = MPI_COMM_NULL;
    MPI_Datatype column;
    MPI_Op op;
    MPI_Group group;
    double a[4][4], t0;
    int (*send)(const void *, int, MPI_Datatype, int, int, MPI_Comm) = &MPI_Send;   /* a pointer to the function */
    int (*psend)(const void *, int, MPI_Datatype, int, int, MPI_Comm) = PMPI_Send;

    MPI_Init_thread(&argc, &argv, MPI_THREAD_SINGLE, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    t0 = MPI_Wtime();
    if (MPI_Send(&rank, 1, MPI_INT, (rank + 1) % size, 0, MPI_COMM_WORLD) != MPI_SUCCESS) return 1;
    MPI_Recv(&rank, 1, MPI_INT, MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &status);
    printf("from %d tag %d error %d\n", status.MPI_SOURCE, status.MPI_TAG, status.MPI_ERROR);
    MPI_Get_count(&status, MPI_INT, &count);
    send(&rank, 1, MPI_INT, MPI_PROC_NULL, 0, MPI_COMM_WORLD);
    psend(&rank, 1, MPI_INT, MPI_PROC_NULL, 0, MPI_COMM_WORLD);
    (MPI_Barrier)(MPI_COMM_WORLD);   /* parentheses: the function itself, without the call-site macro */
    MPI_Isend(&rank, 1, MPI_INT, 0, 1, MPI_COMM_WORLD, &requests[0]);
    MPI_Irecv(&count, 1, MPI_INT, 0, 1, MPI_COMM_WORLD, &requests[1]);
    MPI_Waitall(2, requests, statuses);
    MPI_Waitall(2, requests, MPI_STATUSES_IGNORE);
    MPI_Type_vector(4, 1, 4, MPI_DOUBLE, &column);
    MPI_Type_commit(&column);
    MPI_Bcast(&a[0][1], 1, column, 0, MPI_COMM_WORLD);
    MPI_Type_free(&column);
    MPI_Op_create(sum_pairs, 1, &op);
    MPI_Allreduce(MPI_IN_PLACE, &count, 1, MPI_INT, op, MPI_COMM_WORLD);
    MPI_Op_free(&op);
    MPI_Comm_split(MPI_COMM_WORLD, rank % 2, rank, &row);
    if (row != MPI_COMM_NULL) MPI_Comm_free(&row);
    MPI_Comm_group(MPI_COMM_WORLD, &group);
    MPI_Group_free(&group);
    MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, MPI_STATUS_IGNORE);
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
    MPIX_Compute(1e-3);
    printf("%s %f %d\n", type_name(MPI_INT), MPI_Wtime() - t0, MPI_VERSION);
    if (rank == 0 && size < 0) MPI_Abort(MPI_COMM_WORLD, EXIT_FAILURE);
    return MPI_Finalize();
}
