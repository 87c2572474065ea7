/* Non-blocking point-to-point, completion calls and persistent requests in C. */
#include "check.h"

int c_nonblocking_exchange(void) {
    int rank, size;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    enum { MAX = 16 };
    int out[MAX], in[MAX];
    MPI_Request requests[2 * MAX];
    MPI_Status statuses[2 * MAX];
    int n = 0;
    for (int peer = 0; peer < size; ++peer) {
        out[peer] = rank * 100 + peer;
        in[peer] = -1;
        MPI_Irecv(&in[peer], 1, MPI_INT, peer, 5, MPI_COMM_WORLD, &requests[n++]);
        MPI_Isend(&out[peer], 1, MPI_INT, peer, 5, MPI_COMM_WORLD, &requests[n++]);
    }
    MPI_Waitall(n, requests, statuses);
    for (int peer = 0; peer < size; ++peer) {
        EXPECT(in[peer] == peer * 100 + rank);
        EXPECT(statuses[2 * peer].MPI_SOURCE == peer && statuses[2 * peer].MPI_TAG == 5);
    }
    for (int i = 0; i < n; ++i) EXPECT(requests[i] == MPI_REQUEST_NULL);
    MPI_Finalize();
    return 0;
}

int c_waitany_waitsome_testall(void) {
    int rank, size;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    if (rank == 0) {
        enum { MAX = 16 };
        int values[MAX];
        MPI_Request requests[MAX];
        for (int i = 1; i < size; ++i) MPI_Irecv(&values[i], 1, MPI_INT, i, 0, MPI_COMM_WORLD, &requests[i - 1]);
        int got = 0, sum = 0;
        while (got < size - 1) {
            int index = -1;
            MPI_Status status;
            MPI_Waitany(size - 1, requests, &index, &status);
            EXPECT(index >= 0 && requests[index] == MPI_REQUEST_NULL && status.MPI_SOURCE == index + 1);
            sum += values[index + 1];
            ++got;
        }
        EXPECT(sum == size * (size - 1) / 2);
        int index = 0;
        MPI_Waitany(size - 1, requests, &index, MPI_STATUS_IGNORE);
        EXPECT(index == MPI_UNDEFINED);
        /* A second round with waitsome. */
        for (int i = 1; i < size; ++i) MPI_Irecv(&values[i], 1, MPI_INT, i, 1, MPI_COMM_WORLD, &requests[i - 1]);
        got = 0;
        while (got < size - 1) {
            int outcount = 0, indices[MAX];
            MPI_Status statuses[MAX];
            MPI_Waitsome(size - 1, requests, &outcount, indices, statuses);
            EXPECT(outcount >= 1);
            for (int k = 0; k < outcount; ++k) EXPECT(statuses[k].MPI_SOURCE == indices[k] + 1);
            got += outcount;
        }
        int outcount = 0;
        MPI_Waitsome(size - 1, requests, &outcount, NULL, MPI_STATUSES_IGNORE);
        EXPECT(outcount == MPI_UNDEFINED);
    } else {
        MPIX_Compute(0.001 * (size - rank));
        MPI_Send(&rank, 1, MPI_INT, 0, 0, MPI_COMM_WORLD);
        MPI_Send(&rank, 1, MPI_INT, 0, 1, MPI_COMM_WORLD);
    }
    /* Polling with MPI_Test until the message is there. */
    int token = -1, flag = 0;
    MPI_Request request;
    if (rank == 0) {
        MPI_Irecv(&token, 1, MPI_INT, size - 1, 9, MPI_COMM_WORLD, &request);
        while (!flag) MPI_Test(&request, &flag, MPI_STATUS_IGNORE);
        EXPECT(token == 77 && request == MPI_REQUEST_NULL);
    } else if (rank == size - 1) {
        token = 77;
        MPI_Isend(&token, 1, MPI_INT, 0, 9, MPI_COMM_WORLD, &request);
        MPI_Request_get_status(request, &flag, MPI_STATUS_IGNORE);
        while (!flag) MPI_Testall(1, &request, &flag, MPI_STATUSES_IGNORE);
    }
    MPI_Finalize();
    return 0;
}

/* The classic persistent-request halo loop: init once, start and wait every iteration. */
int c_persistent_requests(void) {
    int rank, size;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    const int right = (rank + 1) % size, left = (rank + size - 1) % size;
    int out = 0, in = 0;
    MPI_Request requests[2];
    MPI_Send_init(&out, 1, MPI_INT, right, 4, MPI_COMM_WORLD, &requests[0]);
    MPI_Recv_init(&in, 1, MPI_INT, left, 4, MPI_COMM_WORLD, &requests[1]);
    for (int iteration = 0; iteration < 5; ++iteration) {
        out = rank * 10 + iteration;
        MPI_Startall(2, requests);
        MPI_Waitall(2, requests, MPI_STATUSES_IGNORE);
        EXPECT(in == left * 10 + iteration);
        EXPECT(requests[0] != MPI_REQUEST_NULL && requests[1] != MPI_REQUEST_NULL);
    }
    /* Waiting on an inactive persistent request returns at once with an empty status. */
    MPI_Status status;
    MPI_Wait(&requests[1], &status);
    EXPECT(status.MPI_SOURCE == MPI_ANY_SOURCE && status.MPI_TAG == MPI_ANY_TAG);
    MPI_Request_free(&requests[0]);
    MPI_Request_free(&requests[1]);
    EXPECT(requests[0] == MPI_REQUEST_NULL);
    MPI_Finalize();
    return 0;
}

int c_persistent_started_twice(void) {
    int rank, x = 0;
    MPI_Request request;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Recv_init(&x, 1, MPI_INT, MPI_ANY_SOURCE, 0, MPI_COMM_WORLD, &request);
    MPI_Start(&request);
    MPI_Start(&request);
    MPI_Finalize();
    return 0;
}

int c_cancel_and_free(void) {
    int rank, x = -1;
    MPI_Request request;
    MPI_Status status;
    int cancelled = 0;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    /* A receive nobody will match is cancelled. */
    MPI_Irecv(&x, 1, MPI_INT, MPI_ANY_SOURCE, 999, MPI_COMM_WORLD, &request);
    MPI_Cancel(&request);
    MPI_Wait(&request, &status);
    MPI_Test_cancelled(&status, &cancelled);
    EXPECT(cancelled == 1 && x == -1);
    /* A send freed while active still arrives. */
    if (rank == 0) {
        int v = 8;
        MPI_Isend(&v, 1, MPI_INT, 1, 6, MPI_COMM_WORLD, &request);
        MPI_Request_free(&request);
        EXPECT(request == MPI_REQUEST_NULL);
    } else if (rank == 1) {
        MPI_Recv(&x, 1, MPI_INT, 0, 6, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        EXPECT(x == 8);
    }
    MPI_Finalize();
    return 0;
}

int c_wait_twice_on_a_copy(void) {
    int rank, x = 0;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Request request, copy;
    MPI_Isend(&x, 1, MPI_INT, rank, 0, MPI_COMM_WORLD, &request);
    copy = request;
    MPI_Recv(&x, 1, MPI_INT, rank, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    MPI_Wait(&request, MPI_STATUS_IGNORE);
    MPI_Wait(&copy, MPI_STATUS_IGNORE);
    MPI_Finalize();
    return 0;
}

/* Everyone waits for a message nobody sends. */
int c_waitall_deadlock(void) {
    int rank, size, x[2];
    MPI_Request requests[2];
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    MPI_Irecv(&x[0], 1, MPI_INT, (rank + 1) % size, 0, MPI_COMM_WORLD, &requests[0]);
    MPI_Irecv(&x[1], 1, MPI_INT, (rank + size - 1) % size, 0, MPI_COMM_WORLD, &requests[1]);
    MPI_Waitall(2, requests, MPI_STATUSES_IGNORE);
    MPI_Finalize();
    return 0;
}
