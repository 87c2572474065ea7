/* Derived datatypes as courses teach them: a matrix column (MPI_Type_vector) arrives as a column, a
 * struct travels whole, indexed and subarray types pick the right elements, resized types scatter
 * columns, and the type signature is still checked. */
#include "check.h"

#include <stddef.h>
#include <string.h>

enum { N = 6 };

int c_column_vector(void) {
    int rank;
    double a[N][N];
    MPI_Datatype column;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Type_vector(N, 1, N, MPI_DOUBLE, &column);
    MPI_Type_commit(&column);
    int size = 0;
    MPI_Aint lb = -1, extent = 0;
    MPI_Type_size(column, &size);
    MPI_Type_get_extent(column, &lb, &extent);
    EXPECT(size == N * (int)sizeof(double) && lb == 0 && extent == ((N - 1) * N + 1) * (MPI_Aint)sizeof(double));
    for (int i = 0; i < N; ++i)
        for (int j = 0; j < N; ++j) a[i][j] = rank == 0 ? i * 10 + j : -1;
    if (rank == 0) {
        MPI_Send(&a[0][2], 1, column, 1, 0, MPI_COMM_WORLD);          /* column 2 */
        MPI_Send(&a[0][3], 1, column, 1, 1, MPI_COMM_WORLD);          /* column 3, received into a plain array */
        MPI_Request request;
        MPI_Isend(&a[0][4], 1, column, 1, 2, MPI_COMM_WORLD, &request);
        MPI_Wait(&request, MPI_STATUS_IGNORE);
    } else if (rank == 1) {
        MPI_Status status;
        MPI_Recv(&a[0][5], 1, column, 0, 0, MPI_COMM_WORLD, &status);  /* ... into column 5 */
        for (int i = 0; i < N; ++i) EXPECT(a[i][5] == i * 10 + 2 && a[i][4] == -1);
        int count = -1, elements = -1;
        MPI_Get_count(&status, column, &count);
        MPI_Get_elements(&status, column, &elements);
        EXPECT(count == 1 && elements == N);
        double plain[N];
        MPI_Recv(plain, N, MPI_DOUBLE, 0, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        for (int i = 0; i < N; ++i) EXPECT(plain[i] == i * 10 + 3);
        MPI_Request request;
        MPI_Irecv(&a[0][0], 1, column, 0, 2, MPI_COMM_WORLD, &request);
        MPI_Wait(&request, MPI_STATUS_IGNORE);   /* unpacked here */
        for (int i = 0; i < N; ++i) EXPECT(a[i][0] == i * 10 + 4 && a[i][1] == -1);
    }
    MPI_Type_free(&column);
    EXPECT(column == MPI_DATATYPE_NULL);
    MPI_Finalize();
    return 0;
}

/* A column of doubles received into ints: the types do not match. */
int c_column_type_mismatch(void) {
    int rank;
    double a[N][N] = {{0}};
    int ints[N];
    MPI_Datatype column;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Type_vector(N, 1, N, MPI_DOUBLE, &column);
    MPI_Type_commit(&column);
    if (rank == 0) MPI_Send(&a[0][1], 1, column, 1, 0, MPI_COMM_WORLD);
    if (rank == 1) MPI_Recv(ints, N, MPI_INT, 0, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    MPI_Type_free(&column);
    MPI_Finalize();
    return 0;
}

struct particle {
    char kind;
    double position[3];
    int id;
};

int c_struct_type(void) {
    int rank, size;
    struct particle parts[4];
    MPI_Datatype particle_type;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    int lengths[3] = {1, 3, 1};
    MPI_Aint displacements[3], base;
    MPI_Datatype types[3] = {MPI_CHAR, MPI_DOUBLE, MPI_INT};
    MPI_Get_address(&parts[0], &base);
    MPI_Get_address(&parts[0].kind, &displacements[0]);
    MPI_Get_address(&parts[0].position, &displacements[1]);
    MPI_Get_address(&parts[0].id, &displacements[2]);
    for (int i = 0; i < 3; ++i) displacements[i] = MPI_Aint_diff(displacements[i], base);
    MPI_Type_create_struct(3, lengths, displacements, types, &particle_type);
    MPI_Type_commit(&particle_type);
    MPI_Aint lb, extent;
    MPI_Type_get_extent(particle_type, &lb, &extent);
    EXPECT(lb == 0 && extent == (MPI_Aint)sizeof(struct particle));   /* padded like the C struct */
    memset(parts, 0, sizeof parts);
    if (rank == 0)
        for (int i = 0; i < 4; ++i) {
            parts[i].kind = (char)('a' + i);
            parts[i].position[2] = i * 1.5;
            parts[i].id = 100 + i;
        }
    MPI_Bcast(parts, 4, particle_type, 0, MPI_COMM_WORLD);
    for (int i = 0; i < 4; ++i) EXPECT(parts[i].kind == 'a' + i && parts[i].position[2] == i * 1.5 && parts[i].id == 100 + i);
    /* Gather one particle from every rank. */
    struct particle mine = {(char)('A' + rank), {rank, 0, 0}, rank}, all[16];
    MPI_Gather(&mine, 1, particle_type, all, 1, particle_type, 0, MPI_COMM_WORLD);
    if (rank == 0)
        for (int r = 0; r < size; ++r) EXPECT(all[r].kind == 'A' + r && all[r].position[0] == r && all[r].id == r);
    MPI_Type_free(&particle_type);
    MPI_Finalize();
    return 0;
}

int c_indexed_and_subarray(void) {
    int rank;
    int a[N * N];
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    for (int i = 0; i < N * N; ++i) a[i] = rank == 0 ? i : -1;
    /* The upper triangle, row by row: an indexed type. */
    int lengths[N], displacements[N];
    for (int i = 0; i < N; ++i) lengths[i] = N - i, displacements[i] = i * N + i;
    MPI_Datatype upper;
    MPI_Type_indexed(N, lengths, displacements, MPI_INT, &upper);
    MPI_Type_commit(&upper);
    /* The 2x3 block at (1, 2) of the 6x6 matrix: a subarray. */
    int sizes[2] = {N, N}, subsizes[2] = {2, 3}, starts[2] = {1, 2};
    MPI_Datatype block;
    MPI_Type_create_subarray(2, sizes, subsizes, starts, MPI_ORDER_C, MPI_INT, &block);
    MPI_Type_commit(&block);
    int block_size = 0;
    MPI_Type_size(block, &block_size);
    EXPECT(block_size == 6 * (int)sizeof(int));
    if (rank == 0) {
        MPI_Send(a, 1, upper, 1, 0, MPI_COMM_WORLD);
        MPI_Send(a, 1, block, 1, 1, MPI_COMM_WORLD);
    } else if (rank == 1) {
        MPI_Recv(a, 1, upper, 0, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        for (int i = 0; i < N; ++i)
            for (int j = 0; j < N; ++j) EXPECT(a[i * N + j] == (j >= i ? i * N + j : -1));
        int packed[6];
        MPI_Recv(packed, 6, MPI_INT, 0, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        EXPECT(packed[0] == 1 * N + 2 && packed[2] == 1 * N + 4 && packed[3] == 2 * N + 2 && packed[5] == 2 * N + 4);
    }
    MPI_Type_free(&upper);
    MPI_Type_free(&block);
    MPI_Finalize();
    return 0;
}

/* The textbook trick: scatter the columns of a matrix, one column per rank, with a vector type
 * resized to the extent of one element. */
int c_scatter_columns(void) {
    int rank, size;
    enum { ROWS = 3, MAXC = 16 };
    double matrix[ROWS][MAXC], column[ROWS];
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    for (int i = 0; i < ROWS; ++i)
        for (int j = 0; j < size; ++j) matrix[i][j] = i * 100 + j;
    MPI_Datatype col, col_resized;
    MPI_Type_vector(ROWS, 1, MAXC, MPI_DOUBLE, &col);
    MPI_Type_create_resized(col, 0, sizeof(double), &col_resized);
    MPI_Type_commit(&col_resized);
    MPI_Scatter(matrix, 1, col_resized, column, ROWS, MPI_DOUBLE, 0, MPI_COMM_WORLD);
    for (int i = 0; i < ROWS; ++i) EXPECT(column[i] == i * 100 + rank);
    /* And back, with Gatherv into the columns of a zeroed matrix. */
    int counts[MAXC], displs[MAXC];
    for (int j = 0; j < size; ++j) counts[j] = 1, displs[j] = j;
    memset(matrix, 0, sizeof matrix);
    for (int i = 0; i < ROWS; ++i) column[i] += 0.5;
    MPI_Gatherv(column, ROWS, MPI_DOUBLE, matrix, counts, displs, col_resized, 0, MPI_COMM_WORLD);
    if (rank == 0)
        for (int i = 0; i < ROWS; ++i)
            for (int j = 0; j < size; ++j) EXPECT(matrix[i][j] == i * 100 + j + 0.5);
    MPI_Type_free(&col);
    MPI_Type_free(&col_resized);
    MPI_Finalize();
    return 0;
}

int c_pack_unpack(void) {
    int rank;
    char buffer[64];
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    if (rank == 0) {
        int position = 0, n = 3;
        double values[3] = {1.5, 2.5, 3.5};
        MPI_Pack(&n, 1, MPI_INT, buffer, sizeof buffer, &position, MPI_COMM_WORLD);
        MPI_Pack(values, n, MPI_DOUBLE, buffer, sizeof buffer, &position, MPI_COMM_WORLD);
        int needed = 0;
        MPI_Pack_size(n, MPI_DOUBLE, MPI_COMM_WORLD, &needed);
        EXPECT(position == (int)sizeof(int) + needed);
        MPI_Send(buffer, position, MPI_PACKED, 1, 0, MPI_COMM_WORLD);
    } else if (rank == 1) {
        MPI_Status status;
        int position = 0, n = 0, bytes = 0;
        double values[3] = {0};
        MPI_Recv(buffer, sizeof buffer, MPI_PACKED, 0, 0, MPI_COMM_WORLD, &status);
        MPI_Get_count(&status, MPI_PACKED, &bytes);
        MPI_Unpack(buffer, bytes, &position, &n, 1, MPI_INT, MPI_COMM_WORLD);
        MPI_Unpack(buffer, bytes, &position, values, n, MPI_DOUBLE, MPI_COMM_WORLD);
        EXPECT(n == 3 && values[0] == 1.5 && values[2] == 3.5 && position == bytes);
    }
    MPI_Finalize();
    return 0;
}

int c_uncommitted_type(void) {
    int rank, x[2] = {0, 0};
    MPI_Datatype pair;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Type_contiguous(2, MPI_INT, &pair);
    if (rank == 0) MPI_Send(x, 1, pair, 1, 0, MPI_COMM_WORLD);
    if (rank == 1) MPI_Recv(x, 1, pair, 0, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    MPI_Finalize();
    return 0;
}

int c_freed_type(void) {
    int rank, x[2] = {0, 0};
    MPI_Datatype pair;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Type_contiguous(2, MPI_INT, &pair);
    MPI_Type_commit(&pair);
    MPI_Datatype copy = pair;
    MPI_Type_free(&pair);
    MPI_Bcast(x, 1, copy, 0, MPI_COMM_WORLD);
    MPI_Finalize();
    return 0;
}

/* The other constructors: hvector, hindexed, indexed_block, dup with names; and reductions on derived
 * types (a predefined op on a contiguous and on a strided type, MINLOC on MPI_2INT). */
int c_more_constructors_and_reductions(void) {
    int rank, size;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    int a[4][4];
    for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 4; ++j) a[i][j] = rank * 100 + i * 4 + j;
    /* The diagonal three ways: hvector (stride in bytes), hindexed, indexed_block. */
    MPI_Datatype diag_h, diag_hi, diag_ib, diag_copy;
    MPI_Type_create_hvector(4, 1, 5 * sizeof(int), MPI_INT, &diag_h);
    int lengths[4] = {1, 1, 1, 1}, blocks[4] = {0, 5, 10, 15};
    MPI_Aint bytes[4] = {0, 5 * sizeof(int), 10 * sizeof(int), 15 * sizeof(int)};
    MPI_Type_create_hindexed(4, lengths, bytes, MPI_INT, &diag_hi);
    MPI_Type_create_indexed_block(4, 1, blocks, MPI_INT, &diag_ib);
    MPI_Type_dup(diag_ib, &diag_copy);
    MPI_Type_set_name(diag_copy, "diagonal");
    char name[MPI_MAX_OBJECT_NAME];
    int len;
    MPI_Type_get_name(diag_copy, name, &len);
    EXPECT(strcmp(name, "diagonal") == 0);
    MPI_Datatype all[4] = {diag_h, diag_hi, diag_ib, diag_copy};
    for (int k = 0; k < 4; ++k) {
        MPI_Type_commit(&all[k]);
        int d[4] = {0};
        MPI_Sendrecv(a, 1, all[k], rank, k, d, 4, MPI_INT, rank, k, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        for (int i = 0; i < 4; ++i) EXPECT(d[i] == rank * 100 + i * 5);
        MPI_Aint true_lb, true_extent;
        MPI_Type_get_true_extent(all[k], &true_lb, &true_extent);
        EXPECT(true_lb == 0 && true_extent == 16 * (MPI_Aint)sizeof(int));
    }
    /* MPI_SUM over the diagonal (a strided type: packed), and over a row (contiguous). */
    int sums[4][4] = {{0}};
    MPI_Allreduce(a, sums, 1, diag_h, MPI_SUM, MPI_COMM_WORLD);
    for (int i = 0; i < 4; ++i) EXPECT(sums[i][i] == 100 * size * (size - 1) / 2 + size * i * 5 && sums[0][1] == 0);
    MPI_Datatype row;
    MPI_Type_contiguous(4, MPI_INT, &row);
    MPI_Type_commit(&row);
    int row_max[4];
    MPI_Allreduce(a[2], row_max, 1, row, MPI_MAX, MPI_COMM_WORLD);
    EXPECT(row_max[0] == (size - 1) * 100 + 8 && row_max[3] == (size - 1) * 100 + 11);
    /* MINLOC on MPI_2INT: the smallest value and its owner. */
    int pair[2] = {10 - rank % 3, rank}, best[2];
    MPI_Allreduce(pair, best, 1, MPI_2INT, MPI_MINLOC, MPI_COMM_WORLD);
    EXPECT(best[0] == (size >= 3 ? 8 : 10 - (size - 1)) && best[1] == (size >= 3 ? 2 : size - 1));
    for (int k = 0; k < 4; ++k) MPI_Type_free(&all[k]);
    MPI_Type_free(&row);
    MPI_Finalize();
    return 0;
}
