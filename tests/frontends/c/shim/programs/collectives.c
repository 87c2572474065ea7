/* Every collective of the C API with its data checked against what MPI defines, blocking and
 * non-blocking, with MPI_IN_PLACE where MPI allows it. */
#include "check.h"

#include <stdlib.h>
#include <string.h>

enum { MAXR = 16 };

static int value(int rank, int block, int k) { return rank * 1000 + block * 10 + k; }

/* 0: the blocking call, 1: the non-blocking one followed by MPI_Wait. */
static void finish(int nonblocking, MPI_Request *request) {
    if (nonblocking) MPI_Wait(request, MPI_STATUS_IGNORE);
}

int c_data_collectives(void) {
    int rank, size;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    EXPECT(size <= MAXR);
    for (int nb = 0; nb < 2; ++nb) {
        MPI_Request request = MPI_REQUEST_NULL;
        const int root = size - 1;
        /* Bcast */
        int b[3] = {rank == root ? 7 : 0, rank == root ? 8 : 0, rank == root ? 9 : 0};
        if (nb) MPI_Ibcast(b, 3, MPI_INT, root, MPI_COMM_WORLD, &request);
        else MPI_Bcast(b, 3, MPI_INT, root, MPI_COMM_WORLD);
        finish(nb, &request);
        EXPECT(b[0] == 7 && b[2] == 9);
        /* Gather: two ints per rank */
        int mine[2] = {value(rank, 0, 0), value(rank, 0, 1)}, all[2 * MAXR];
        memset(all, 0, sizeof all);
        if (nb) MPI_Igather(mine, 2, MPI_INT, all, 2, MPI_INT, root, MPI_COMM_WORLD, &request);
        else MPI_Gather(mine, 2, MPI_INT, all, 2, MPI_INT, root, MPI_COMM_WORLD);
        finish(nb, &request);
        if (rank == root)
            for (int r = 0; r < size; ++r) EXPECT(all[2 * r] == value(r, 0, 0) && all[2 * r + 1] == value(r, 0, 1));
        /* Gather in place at the root */
        if (rank == root) {
            all[2 * root] = value(root, 0, 0);
            all[2 * root + 1] = value(root, 0, 1);
            MPI_Gather(MPI_IN_PLACE, 2, MPI_INT, all, 2, MPI_INT, root, MPI_COMM_WORLD);
            for (int r = 0; r < size; ++r) EXPECT(all[2 * r] == value(r, 0, 0));
        } else {
            MPI_Gather(mine, 2, MPI_INT, NULL, 0, MPI_DATATYPE_NULL, root, MPI_COMM_WORLD);
        }
        /* Scatter: block r to rank r */
        int blocks[2 * MAXR], got[2] = {-1, -1};
        for (int r = 0; r < size; ++r) blocks[2 * r] = value(r, 1, 0), blocks[2 * r + 1] = value(r, 1, 1);
        if (nb) MPI_Iscatter(blocks, 2, MPI_INT, got, 2, MPI_INT, 0, MPI_COMM_WORLD, &request);
        else MPI_Scatter(blocks, 2, MPI_INT, got, 2, MPI_INT, 0, MPI_COMM_WORLD);
        finish(nb, &request);
        EXPECT(got[0] == value(rank, 1, 0) && got[1] == value(rank, 1, 1));
        MPI_Scatter(blocks, 2, MPI_INT, rank == 0 ? MPI_IN_PLACE : got, 2, MPI_INT, 0, MPI_COMM_WORLD);
        /* Allgather, also in place */
        int every[MAXR];
        int one = value(rank, 2, 0);
        if (nb) MPI_Iallgather(&one, 1, MPI_INT, every, 1, MPI_INT, MPI_COMM_WORLD, &request);
        else MPI_Allgather(&one, 1, MPI_INT, every, 1, MPI_INT, MPI_COMM_WORLD);
        finish(nb, &request);
        for (int r = 0; r < size; ++r) EXPECT(every[r] == value(r, 2, 0));
        memset(every, 0, sizeof every);
        every[rank] = value(rank, 2, 1);
        MPI_Allgather(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, every, 1, MPI_INT, MPI_COMM_WORLD);
        for (int r = 0; r < size; ++r) EXPECT(every[r] == value(r, 2, 1));
        /* Alltoall: block j of rank i goes to rank j */
        int send[MAXR], recv[MAXR];
        for (int j = 0; j < size; ++j) send[j] = value(rank, 3, j);
        if (nb) MPI_Ialltoall(send, 1, MPI_INT, recv, 1, MPI_INT, MPI_COMM_WORLD, &request);
        else MPI_Alltoall(send, 1, MPI_INT, recv, 1, MPI_INT, MPI_COMM_WORLD);
        finish(nb, &request);
        for (int i = 0; i < size; ++i) EXPECT(recv[i] == value(i, 3, rank));
        MPI_Alltoall(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, send, 1, MPI_INT, MPI_COMM_WORLD);
        for (int i = 0; i < size; ++i) EXPECT(send[i] == value(i, 3, rank));
        /* Barrier */
        if (nb) MPI_Ibarrier(MPI_COMM_WORLD, &request);
        else MPI_Barrier(MPI_COMM_WORLD);
        finish(nb, &request);
    }
    MPI_Finalize();
    return 0;
}

/* The v-forms: rank r contributes r + 1 elements; blocks land at displacements with gaps. */
int c_v_collectives(void) {
    int rank, size;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    int counts[MAXR], displs[MAXR], total = 0;
    for (int r = 0; r < size; ++r) {
        counts[r] = r + 1;
        displs[r] = total + 1;   /* one element of gap before each block */
        total = displs[r] + counts[r];
    }
    double *all = malloc(sizeof(double) * (size_t)total), mine[MAXR + 1];
    for (int nb = 0; nb < 2; ++nb) {
        MPI_Request request = MPI_REQUEST_NULL;
        for (int k = 0; k < rank + 1; ++k) mine[k] = rank + k / 10.0;
        for (int i = 0; i < total; ++i) all[i] = -1;
        if (nb) MPI_Igatherv(mine, rank + 1, MPI_DOUBLE, all, counts, displs, MPI_DOUBLE, 0, MPI_COMM_WORLD, &request);
        else MPI_Gatherv(mine, rank + 1, MPI_DOUBLE, all, counts, displs, MPI_DOUBLE, 0, MPI_COMM_WORLD);
        finish(nb, &request);
        if (rank == 0)
            for (int r = 0; r < size; ++r) {
                EXPECT(all[displs[r] - 1] == -1);
                for (int k = 0; k < counts[r]; ++k) EXPECT(all[displs[r] + k] == r + k / 10.0);
            }
        /* Scatterv back: each rank gets its own block */
        double back[MAXR + 1] = {0};
        if (nb) MPI_Iscatterv(all, counts, displs, MPI_DOUBLE, back, rank + 1, MPI_DOUBLE, 0, MPI_COMM_WORLD, &request);
        else MPI_Scatterv(all, counts, displs, MPI_DOUBLE, back, rank + 1, MPI_DOUBLE, 0, MPI_COMM_WORLD);
        finish(nb, &request);
        for (int k = 0; k < rank + 1; ++k) EXPECT(back[k] == rank + k / 10.0);
        /* Allgatherv: everyone gets everything */
        for (int i = 0; i < total; ++i) all[i] = -1;
        if (nb) MPI_Iallgatherv(mine, rank + 1, MPI_DOUBLE, all, counts, displs, MPI_DOUBLE, MPI_COMM_WORLD, &request);
        else MPI_Allgatherv(mine, rank + 1, MPI_DOUBLE, all, counts, displs, MPI_DOUBLE, MPI_COMM_WORLD);
        finish(nb, &request);
        for (int r = 0; r < size; ++r)
            for (int k = 0; k < counts[r]; ++k) EXPECT(all[displs[r] + k] == r + k / 10.0);
        /* Alltoallv: rank i sends i + 1 ints to each rank j */
        int scounts[MAXR], sdispls[MAXR], rcounts[MAXR], rdispls[MAXR], out[MAXR * MAXR], in[MAXR * MAXR];
        for (int j = 0; j < size; ++j) {
            scounts[j] = rank + 1;
            sdispls[j] = j * (rank + 1);
            rcounts[j] = j + 1;
            rdispls[j] = j * MAXR;
            for (int k = 0; k < rank + 1; ++k) out[sdispls[j] + k] = value(rank, j, k);
        }
        if (nb)
            MPI_Ialltoallv(out, scounts, sdispls, MPI_INT, in, rcounts, rdispls, MPI_INT, MPI_COMM_WORLD, &request);
        else
            MPI_Alltoallv(out, scounts, sdispls, MPI_INT, in, rcounts, rdispls, MPI_INT, MPI_COMM_WORLD);
        finish(nb, &request);
        for (int i = 0; i < size; ++i)
            for (int k = 0; k < i + 1; ++k) EXPECT(in[rdispls[i] + k] == value(i, rank, k));
        /* Alltoallw: an int to every rank, a double back, displacements in bytes */
        int wcounts[MAXR], wdispls_int[MAXR], wdispls_double[MAXR];
        MPI_Datatype ints[MAXR], doubles[MAXR];
        int wout[MAXR];
        double win[MAXR];
        for (int j = 0; j < size; ++j) {
            wcounts[j] = 1;
            wdispls_int[j] = j * (int)sizeof(int);
            wdispls_double[j] = j * (int)sizeof(double);
            ints[j] = MPI_INT;
            doubles[j] = MPI_INT;
            wout[j] = value(rank, j, 9);
            win[j] = 0;
        }
        int wgot[MAXR];
        (void)doubles;
        (void)wdispls_double;
        if (nb)
            MPI_Ialltoallw(wout, wcounts, wdispls_int, ints, wgot, wcounts, wdispls_int, ints, MPI_COMM_WORLD, &request);
        else
            MPI_Alltoallw(wout, wcounts, wdispls_int, ints, wgot, wcounts, wdispls_int, ints, MPI_COMM_WORLD);
        finish(nb, &request);
        for (int i = 0; i < size; ++i) EXPECT(wgot[i] == value(i, rank, 9));
        (void)win;
    }
    free(all);
    MPI_Finalize();
    return 0;
}

static void matrix_product(void *in, void *inout, int *len, MPI_Datatype *type) {
    /* Not commutative: inout = in x inout, 2x2 matrices (in holds the lower ranks' product). */
    (void)type;
    int *a = in, *b = inout;
    for (int i = 0; i < *len; ++i) {
        int *x = a + 4 * i, *y = b + 4 * i;
        int r0 = x[0] * y[0] + x[1] * y[2], r1 = x[0] * y[1] + x[1] * y[3];
        int r2 = x[2] * y[0] + x[3] * y[2], r3 = x[2] * y[1] + x[3] * y[3];
        y[0] = r0, y[1] = r1, y[2] = r2, y[3] = r3;
    }
}

int c_reductions(void) {
    int rank, size;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    const int n = size;
    const long sum_ranks = (long)n * (n - 1) / 2;
    for (int nb = 0; nb < 2; ++nb) {
        MPI_Request request = MPI_REQUEST_NULL;
        long x = rank, total = -1;
        if (nb) MPI_Ireduce(&x, &total, 1, MPI_LONG, MPI_SUM, 0, MPI_COMM_WORLD, &request);
        else MPI_Reduce(&x, &total, 1, MPI_LONG, MPI_SUM, 0, MPI_COMM_WORLD);
        finish(nb, &request);
        if (rank == 0) EXPECT(total == sum_ranks);
        double d = rank + 0.5, max = 0;
        if (nb) MPI_Iallreduce(&d, &max, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD, &request);
        else MPI_Allreduce(&d, &max, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
        finish(nb, &request);
        EXPECT(max == n - 0.5);
        int prefix = -1, exclusive = -1, one = rank + 1;
        if (nb) MPI_Iscan(&one, &prefix, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD, &request);
        else MPI_Scan(&one, &prefix, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
        finish(nb, &request);
        EXPECT(prefix == (rank + 1) * (rank + 2) / 2);
        if (nb) MPI_Iexscan(&one, &exclusive, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD, &request);
        else MPI_Exscan(&one, &exclusive, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
        finish(nb, &request);
        if (rank > 0) EXPECT(exclusive == rank * (rank + 1) / 2);
        /* Reduce_scatter_block: block i of everyone summed goes to rank i */
        int blocks[MAXR * 2], mine[2] = {0, 0};
        for (int i = 0; i < n; ++i) blocks[2 * i] = i, blocks[2 * i + 1] = rank;
        if (nb) MPI_Ireduce_scatter_block(blocks, mine, 2, MPI_INT, MPI_SUM, MPI_COMM_WORLD, &request);
        else MPI_Reduce_scatter_block(blocks, mine, 2, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
        finish(nb, &request);
        EXPECT(mine[0] == rank * n && mine[1] == sum_ranks);
        /* Reduce_scatter: rank i gets i + 1 elements */
        int counts[MAXR], offset = 0, all[MAXR * (MAXR + 1) / 2], part[MAXR];
        for (int i = 0; i < n; ++i) counts[i] = i + 1;
        for (int i = 0; i < n; ++i)
            for (int k = 0; k <= i; ++k) all[offset++] = k + 1;
        if (nb) MPI_Ireduce_scatter(all, part, counts, MPI_INT, MPI_PROD, MPI_COMM_WORLD, &request);
        else MPI_Reduce_scatter(all, part, counts, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
        finish(nb, &request);
        for (int k = 0; k <= rank; ++k) {
            long want = 1;
            for (int r = 0; r < n; ++r) want = nb ? want * (k + 1) : 0;
            if (!nb) want = (long)n * (k + 1);
            EXPECT(part[k] == want);
        }
    }
    /* In place */
    int v[2] = {rank, 1};
    MPI_Allreduce(MPI_IN_PLACE, v, 2, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
    EXPECT(v[0] == sum_ranks && v[1] == n);
    long r = rank;
    if (rank == 0) MPI_Reduce(MPI_IN_PLACE, &r, 1, MPI_LONG, MPI_MAX, 0, MPI_COMM_WORLD);
    else MPI_Reduce(&r, NULL, 1, MPI_LONG, MPI_MAX, 0, MPI_COMM_WORLD);
    if (rank == 0) EXPECT(r == n - 1);
    /* MINLOC on MPI_DOUBLE_INT: the smallest value and the rank that has it */
    struct { double value; int index; } in = {(rank - 1.5) * (rank - 1.5), rank}, out;
    MPI_Allreduce(&in, &out, 1, MPI_DOUBLE_INT, MPI_MINLOC, MPI_COMM_WORLD);
    EXPECT(out.index == (n == 1 ? 0 : 1) && out.value == (n == 1 ? 2.25 : 0.25));
    /* Logical and bitwise ops, long double and complex sums */
    int flags = rank % 2, any = -1, every = -1;
    MPI_Allreduce(&flags, &any, 1, MPI_INT, MPI_LOR, MPI_COMM_WORLD);
    MPI_Allreduce(&flags, &every, 1, MPI_INT, MPI_LAND, MPI_COMM_WORLD);
    EXPECT(any == (n > 1) && every == 0);
    long double ld = 0.25L, ld_sum = 0;
    MPI_Allreduce(&ld, &ld_sum, 1, MPI_LONG_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
    EXPECT(ld_sum == 0.25L * n);
    /* A user op that does not commute: 2x2 matrices multiplied in rank order */
    MPI_Op product;
    MPI_Op_create(matrix_product, 0, &product);
    int commutes = 1;
    MPI_Op_commutative(product, &commutes);
    EXPECT(commutes == 0);
    MPI_Datatype matrix;
    MPI_Type_contiguous(4, MPI_INT, &matrix);
    MPI_Type_commit(&matrix);
    /* M_r = [[1, r], [0, 2]]: in rank order, M_0 M_1 ... has p = 2p + r at the top right. */
    int m[4] = {1, rank, 0, 2}, result[4] = {0, 0, 0, 0}, p = 0;
    for (int k = 0; k < n; ++k) p = 2 * p + k;
    MPI_Reduce(m, result, 1, matrix, product, 0, MPI_COMM_WORLD);
    if (rank == 0) EXPECT(result[0] == 1 && result[1] == p && result[2] == 0 && result[3] == (1 << n));
    MPI_Type_free(&matrix);
    MPI_Op_free(&product);
    EXPECT(product == MPI_OP_NULL);
    /* Reduce_local */
    int a[3] = {1, 2, 3}, b[3] = {10, 20, 30};
    MPI_Reduce_local(a, b, 3, MPI_INT, MPI_SUM);
    EXPECT(b[0] == 11 && b[2] == 33);
    MPI_Finalize();
    return 0;
}

int c_collective_mismatch(void) {
    int rank, x = 1, y = 0;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    if (rank == 0) MPI_Bcast(&x, 1, MPI_INT, 0, MPI_COMM_WORLD);
    else MPI_Reduce(&x, &y, 1, MPI_INT, MPI_SUM, 0, MPI_COMM_WORLD);
    MPI_Finalize();
    return 0;
}

int c_op_on_wrong_type(void) {
    int rank;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    double d = rank, out;
    MPI_Allreduce(&d, &out, 1, MPI_DOUBLE, MPI_BAND, MPI_COMM_WORLD);
    MPI_Finalize();
    return 0;
}

int c_in_place_not_allowed(void) {
    int rank, x = 0;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Reduce(MPI_IN_PLACE, &x, 1, MPI_INT, MPI_SUM, 0, MPI_COMM_WORLD);
    MPI_Finalize();
    return 0;
}

static void sum_and_communicate(void *in, void *inout, int *len, MPI_Datatype *type) {
    int size = 0;
    MPI_Type_size(*type, &size);   /* a local query: allowed */
    for (int i = 0; i < *len; ++i) ((int *)inout)[i] += ((int *)in)[i] + (size == 4 ? 0 : 1000);
    MPI_Barrier(MPI_COMM_WORLD);   /* communication inside a reduction function: not allowed */
}

int c_communication_inside_user_op(void) {
    int rank, total = 0;
    MPI_Op op;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Op_create(sum_and_communicate, 1, &op);
    MPI_Allreduce(&rank, &total, 1, MPI_INT, op, MPI_COMM_WORLD);
    MPI_Op_free(&op);
    MPI_Finalize();
    return 0;
}
