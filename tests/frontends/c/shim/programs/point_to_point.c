/* Point-to-point in C: a ring in every send mode, exchanges, probes and statuses. */
#include "check.h"

#include <stdlib.h>

int c_ring_all_modes(void) {
    int rank, size;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    const int next = (rank + 1) % size, prev = (rank + size - 1) % size;
    for (int mode = 0; mode < 2; ++mode) {
        int token = rank == 0 ? 1 : -1;
        MPI_Status status;
        if (rank == 0) {
            if (mode == 0) MPI_Send(&token, 1, MPI_INT, next, 7, MPI_COMM_WORLD);
            else MPI_Ssend(&token, 1, MPI_INT, next, 7, MPI_COMM_WORLD);
            MPI_Recv(&token, 1, MPI_INT, prev, 7, MPI_COMM_WORLD, &status);
            EXPECT(token == size);
        } else {
            MPI_Recv(&token, 1, MPI_INT, prev, 7, MPI_COMM_WORLD, &status);
            EXPECT(status.MPI_SOURCE == prev && status.MPI_TAG == 7 && status.MPI_ERROR == MPI_SUCCESS);
            token += 1;
            if (mode == 0) MPI_Send(&token, 1, MPI_INT, next, 7, MPI_COMM_WORLD);
            else MPI_Ssend(&token, 1, MPI_INT, next, 7, MPI_COMM_WORLD);
        }
    }
    MPI_Finalize();
    return 0;
}

int c_sendrecv_and_replace(void) {
    int rank, size;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    const int right = (rank + 1) % size, left = (rank + size - 1) % size;
    double out[3] = {rank, rank + 0.5, rank + 0.25}, in[3] = {0, 0, 0};
    MPI_Status status;
    MPI_Sendrecv(out, 3, MPI_DOUBLE, right, 1, in, 3, MPI_DOUBLE, left, 1, MPI_COMM_WORLD, &status);
    EXPECT(in[0] == left && in[1] == left + 0.5 && status.MPI_SOURCE == left);
    long value = rank * 10;
    MPI_Sendrecv_replace(&value, 1, MPI_LONG, right, 2, left, 2, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    EXPECT(value == left * 10);
    /* MPI_PROC_NULL: nothing sent, nothing received, status says so. */
    int untouched = 99;
    MPI_Sendrecv(&rank, 1, MPI_INT, MPI_PROC_NULL, 0, &untouched, 1, MPI_INT, MPI_PROC_NULL, 0, MPI_COMM_WORLD, &status);
    EXPECT(untouched == 99 && status.MPI_SOURCE == MPI_PROC_NULL && status.MPI_TAG == MPI_ANY_TAG);
    MPI_Finalize();
    return 0;
}

/* The master-worker pattern: workers send results of different lengths; the master probes for the
 * size, allocates, and receives from whoever is first. */
int c_probe_and_get_count(void) {
    int rank, size;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    if (rank == 0) {
        int seen = 0;
        for (int i = 1; i < size; ++i) {
            MPI_Status status;
            int count = -1, elements = -1;
            MPI_Probe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &status);
            MPI_Get_count(&status, MPI_INT, &count);
            MPI_Get_elements(&status, MPI_INT, &elements);
            EXPECT(count == status.MPI_SOURCE * 2 && elements == count && status.MPI_TAG == 100 + status.MPI_SOURCE);
            int *data = malloc(sizeof(int) * (count + 1));
            MPI_Recv(data, count, MPI_INT, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD, &status);
            for (int k = 0; k < count; ++k) EXPECT(data[k] == status.MPI_SOURCE);
            seen += status.MPI_SOURCE;
            int bytes = 0;
            MPI_Get_count(&status, MPI_BYTE, &bytes);
            EXPECT(bytes == count * 4);
            int in_doubles = 0;
            MPI_Get_count(&status, MPI_DOUBLE, &in_doubles);
            EXPECT(count % 2 == 0 ? in_doubles == count / 2 : in_doubles == MPI_UNDEFINED);
            free(data);
        }
        EXPECT(seen == size * (size - 1) / 2);
        int flag = 1;
        MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, MPI_STATUS_IGNORE);
        EXPECT(flag == 0);
    } else {
        int data[64];
        for (int k = 0; k < 2 * rank; ++k) data[k] = rank;
        MPI_Send(data, 2 * rank, MPI_INT, 0, 100 + rank, MPI_COMM_WORLD);
    }
    MPI_Finalize();
    return 0;
}

/* A ready send is correct when the receive is posted first: an Irecv, then a barrier. */
int c_ready_send_after_barrier(void) {
    int rank, value = -1;
    MPI_Request request = MPI_REQUEST_NULL;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    if (rank == 1) MPI_Irecv(&value, 1, MPI_INT, 0, 3, MPI_COMM_WORLD, &request);
    MPI_Barrier(MPI_COMM_WORLD);
    if (rank == 0) {
        value = 31;
        MPI_Rsend(&value, 1, MPI_INT, 1, 3, MPI_COMM_WORLD);
    }
    if (rank == 1) {
        MPI_Wait(&request, MPI_STATUS_IGNORE);
        EXPECT(value == 31);
    }
    MPI_Finalize();
    return 0;
}

int c_ready_send_too_early(void) {
    int rank, value = 5;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    if (rank == 0) MPI_Rsend(&value, 1, MPI_INT, 1, 3, MPI_COMM_WORLD);
    if (rank == 1) MPI_Recv(&value, 1, MPI_INT, 0, 3, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    MPI_Finalize();
    return 0;
}

/* The tutorial's exchange with large messages: both ranks send first. */
int c_send_send_deadlock(void) {
    int rank;
    static const int count = 20000;   /* 80,000 bytes: rendezvous at the default threshold */
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    int *mine = calloc(count, sizeof(int)), *theirs = calloc(count, sizeof(int));
    const int other = 1 - rank;
    MPI_Send(mine, count, MPI_INT, other, 0, MPI_COMM_WORLD);
    MPI_Recv(theirs, count, MPI_INT, other, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    free(mine);
    free(theirs);
    MPI_Finalize();
    return 0;
}

int c_type_mismatch(void) {
    int rank;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    if (rank == 0) {
        double d[4] = {1, 2, 3, 4};
        MPI_Send(d, 4, MPI_DOUBLE, 1, 0, MPI_COMM_WORLD);
    } else if (rank == 1) {
        int i[8];
        MPI_Recv(i, 8, MPI_INT, 0, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    }
    MPI_Finalize();
    return 0;
}

int c_invalid_rank(void) {
    int rank, x = 0;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    if (rank == 0) MPI_Send(&x, 1, MPI_INT, 7, 0, MPI_COMM_WORLD);
    MPI_Finalize();
    return 0;
}

/* Matched probes: the probed message is taken, so no other receive can steal it. */
int c_matched_probe(void) {
    int rank, size;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    if (rank == 0) {
        for (int i = 1; i < size; ++i) {
            MPI_Message message;
            MPI_Status status;
            int count = 0;
            MPI_Mprobe(MPI_ANY_SOURCE, 4, MPI_COMM_WORLD, &message, &status);
            MPI_Get_count(&status, MPI_DOUBLE, &count);
            EXPECT(count == status.MPI_SOURCE);
            double *data = malloc(sizeof(double) * (size_t)(count + 1));
            MPI_Mrecv(data, count, MPI_DOUBLE, &message, &status);
            EXPECT(message == MPI_MESSAGE_NULL && data[count - 1] == status.MPI_SOURCE);
            free(data);
        }
        int flag = 1;
        MPI_Message none;
        MPI_Improbe(MPI_ANY_SOURCE, 4, MPI_COMM_WORLD, &flag, &none, MPI_STATUS_IGNORE);
        EXPECT(flag == 0);
        MPI_Mprobe(MPI_PROC_NULL, 0, MPI_COMM_WORLD, &none, MPI_STATUS_IGNORE);
        EXPECT(none == MPI_MESSAGE_NO_PROC);
        MPI_Request request;
        MPI_Imrecv(NULL, 0, MPI_INT, &none, &request);
        MPI_Status status;
        MPI_Wait(&request, &status);
        EXPECT(status.MPI_SOURCE == MPI_PROC_NULL);
    } else {
        double data[16];
        for (int k = 0; k < rank; ++k) data[k] = rank;
        MPI_Send(data, rank, MPI_DOUBLE, 0, 4, MPI_COMM_WORLD);
    }
    MPI_Finalize();
    return 0;
}
