/* MPI_Bsend with an attached buffer: it never blocks, and it fails clearly when the buffer is full. */
#include "check.h"

#include <stdlib.h>

/* Both ranks Bsend first, then receive: with buffering this exchange cannot deadlock, whatever the size. */
int c_bsend_exchange(void) {
    int rank;
    enum { COUNT = 50000 };   /* 200,000 bytes: far above the eager threshold */
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    int size_needed = 0;
    MPI_Pack_size(COUNT, MPI_INT, MPI_COMM_WORLD, &size_needed);
    size_needed += MPI_BSEND_OVERHEAD;
    void *buffer = malloc((size_t)size_needed);
    MPI_Buffer_attach(buffer, size_needed);
    int *mine = malloc(COUNT * sizeof(int)), *theirs = malloc(COUNT * sizeof(int));
    for (int i = 0; i < COUNT; ++i) mine[i] = rank * COUNT + i;
    const int other = 1 - rank;
    MPI_Bsend(mine, COUNT, MPI_INT, other, 0, MPI_COMM_WORLD);
    mine[0] = -1;   /* the buffered copy is what travels */
    MPI_Recv(theirs, COUNT, MPI_INT, other, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    EXPECT(theirs[0] == other * COUNT && theirs[COUNT - 1] == other * COUNT + COUNT - 1);
    void *detached = NULL;
    int detached_size = 0;
    MPI_Buffer_detach(&detached, &detached_size);
    EXPECT(detached == buffer && detached_size == size_needed);
    free(buffer);
    free(mine);
    free(theirs);
    MPI_Finalize();
    return 0;
}

/* Three large messages into a buffer that holds two: they travel by rendezvous, so each occupies the
 * buffer until it is received, and the third Bsend fails (here it returns the error, under
 * MPI_ERRORS_RETURN); once the receiver took the first two, there is room again. */
int c_bsend_buffer_full(void) {
    int rank;
    enum { COUNT = 20000 };   /* 80,000 bytes: above the eager threshold */
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    int *values = calloc(COUNT, sizeof(int));
    if (rank == 0) {
        const int size = 2 * (COUNT * (int)sizeof(int) + MPI_BSEND_OVERHEAD);
        void *buffer = malloc((size_t)size);
        MPI_Buffer_attach(buffer, size);
        MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
        EXPECT(MPI_Bsend(values, COUNT, MPI_INT, 1, 0, MPI_COMM_WORLD) == MPI_SUCCESS);
        EXPECT(MPI_Bsend(values, COUNT, MPI_INT, 1, 0, MPI_COMM_WORLD) == MPI_SUCCESS);
        int rc = MPI_Bsend(values, COUNT, MPI_INT, 1, 0, MPI_COMM_WORLD);
        int error_class = -1;
        MPI_Error_class(rc, &error_class);
        EXPECT(error_class == MPI_ERR_BUFFER);
        MPI_Barrier(MPI_COMM_WORLD);   /* rank 1 has received the first two */
        EXPECT(MPI_Bsend(values, COUNT, MPI_INT, 1, 0, MPI_COMM_WORLD) == MPI_SUCCESS);
        void *detached;
        int detached_size;
        MPI_Buffer_detach(&detached, &detached_size);
        free(buffer);
    } else if (rank == 1) {
        MPI_Recv(values, COUNT, MPI_INT, 0, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        MPI_Recv(values, COUNT, MPI_INT, 0, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        MPI_Barrier(MPI_COMM_WORLD);
        MPI_Recv(values, COUNT, MPI_INT, 0, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    } else {
        MPI_Barrier(MPI_COMM_WORLD);
    }
    free(values);
    MPI_Finalize();
    return 0;
}

/* The same program under the default handler: the third Bsend ends the run. */
int c_bsend_buffer_full_fatal(void) {
    int rank;
    enum { COUNT = 20000 };
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    int *values = calloc(COUNT, sizeof(int));
    if (rank == 0) {
        const int size = 2 * (COUNT * (int)sizeof(int) + MPI_BSEND_OVERHEAD);
        MPI_Buffer_attach(malloc((size_t)size), size);
        for (int i = 0; i < 3; ++i) MPI_Bsend(values, COUNT, MPI_INT, 1, 0, MPI_COMM_WORLD);
    } else if (rank == 1) {
        for (int i = 0; i < 3; ++i) MPI_Recv(values, COUNT, MPI_INT, 0, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    }
    free(values);
    MPI_Finalize();
    return 0;
}

int c_bsend_without_buffer(void) {
    int rank, x = 0;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    if (rank == 0) MPI_Bsend(&x, 1, MPI_INT, 1, 0, MPI_COMM_WORLD);
    if (rank == 1) MPI_Recv(&x, 1, MPI_INT, 0, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    MPI_Finalize();
    return 0;
}
