/* Error handlers: MPI_ERRORS_RETURN turns a bad argument into an error code the program can read. */
#include "check.h"

#include <string.h>

static int calls_to_handler = 0;   /* touched by one rank only (the test runs on 1 rank) */

static void count_errors(MPI_Comm *comm, int *code, ...) {
    (void)comm, (void)code;
    ++calls_to_handler;
}

int c_errors_return(void) {
    int rank, size, x = 0;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    MPI_Errhandler handler = MPI_ERRHANDLER_NULL;
    MPI_Comm_get_errhandler(MPI_COMM_WORLD, &handler);
    EXPECT(handler == MPI_ERRORS_ARE_FATAL);
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
    int rc = MPI_Send(&x, 1, MPI_INT, size + 3, 0, MPI_COMM_WORLD);
    int error_class = -1;
    MPI_Error_class(rc, &error_class);
    EXPECT(rc != MPI_SUCCESS && error_class == MPI_ERR_RANK);
    char text[MPI_MAX_ERROR_STRING];
    int len = 0;
    MPI_Error_string(rc, text, &len);
    EXPECT(strstr(text, "MPI_ERR_RANK") != NULL && len == (int)strlen(text));
    EXPECT(MPI_Send(&x, -1, MPI_INT, 0, 0, MPI_COMM_WORLD) == MPI_ERR_COUNT);
    EXPECT(MPI_Send(&x, 1, MPI_INT, 0, -5, MPI_COMM_WORLD) == MPI_ERR_TAG);
    EXPECT(MPI_Send(&x, 1, MPI_DATATYPE_NULL, 0, 0, MPI_COMM_WORLD) == MPI_ERR_TYPE);
    EXPECT(MPI_Bcast(&x, 1, MPI_INT, size, MPI_COMM_WORLD) == MPI_ERR_ROOT);
    EXPECT(MPI_Barrier(MPI_COMM_NULL) == MPI_ERR_COMM);
    EXPECT(MPI_Barrier((MPI_Comm)12345) == MPI_ERR_COMM);
    MPI_Request request = MPI_REQUEST_NULL;
    EXPECT(MPI_Start(&request) == MPI_ERR_REQUEST);
    EXPECT(MPI_Allreduce(MPI_IN_PLACE, MPI_IN_PLACE, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD) == MPI_ERR_BUFFER);
    /* A handler of the program's own is called, then the code returned. */
    MPI_Errhandler mine;
    MPI_Comm_create_errhandler(count_errors, &mine);
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, mine);
    EXPECT(MPI_Send(&x, 1, MPI_INT, -7, 0, MPI_COMM_WORLD) == MPI_ERR_RANK && calls_to_handler == 1);
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_ARE_FATAL);
    MPI_Errhandler_free(&mine);
    /* Error classes of the program's own. */
    int my_class, my_code;
    MPI_Add_error_class(&my_class);
    MPI_Add_error_code(my_class, &my_code);
    MPI_Add_error_string(my_code, "the input file is missing");
    MPI_Error_class(my_code, &error_class);
    MPI_Error_string(my_code, text, &len);
    EXPECT(error_class == my_class && strcmp(text, "the input file is missing") == 0);
    MPI_Finalize();
    return 0;
}
