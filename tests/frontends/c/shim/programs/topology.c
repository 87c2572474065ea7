/* Cartesian topologies: the grid of a stencil exercise, shifts at the edges, sub-grids, and a halo
 * exchange with MPI_Sendrecv on the shifted neighbours. */
#include "check.h"

int c_cartesian_grid(void) {
    int rank, size;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    int dims[2] = {0, 0}, periods[2] = {0, 1};
    MPI_Dims_create(size, 2, dims);
    EXPECT(dims[0] * dims[1] == size && dims[0] >= dims[1]);
    MPI_Comm grid;
    MPI_Cart_create(MPI_COMM_WORLD, 2, dims, periods, 1, &grid);
    int status = -1, ndims = -1;
    MPI_Topo_test(grid, &status);
    MPI_Cartdim_get(grid, &ndims);
    EXPECT(status == MPI_CART && ndims == 2);
    int grid_rank, coords[2];
    MPI_Comm_rank(grid, &grid_rank);
    MPI_Cart_coords(grid, grid_rank, 2, coords);
    EXPECT(coords[0] == grid_rank / dims[1] && coords[1] == grid_rank % dims[1]);   /* row-major */
    int back = -1;
    MPI_Cart_rank(grid, coords, &back);
    EXPECT(back == grid_rank);
    /* Dimension 0 is not periodic: MPI_PROC_NULL past its edges. Dimension 1 wraps around. */
    int up, down, left, right;
    MPI_Cart_shift(grid, 0, 1, &up, &down);
    MPI_Cart_shift(grid, 1, 1, &left, &right);
    EXPECT(coords[0] == 0 ? up == MPI_PROC_NULL : up == grid_rank - dims[1]);
    EXPECT(coords[0] == dims[0] - 1 ? down == MPI_PROC_NULL : down == grid_rank + dims[1]);
    EXPECT(right == coords[0] * dims[1] + (coords[1] + 1) % dims[1]);
    EXPECT(left == coords[0] * dims[1] + (coords[1] + dims[1] - 1) % dims[1]);
    /* A halo exchange: send my rank down, receive from up (MPI_PROC_NULL at the edge does nothing). */
    int from_up = -7;
    MPI_Sendrecv(&grid_rank, 1, MPI_INT, down, 0, &from_up, 1, MPI_INT, up, 0, grid, MPI_STATUS_IGNORE);
    EXPECT(up == MPI_PROC_NULL ? from_up == -7 : from_up == up);
    /* Periodic wrap in MPI_Cart_rank. */
    int wrapped[2] = {coords[0], coords[1] + dims[1]};
    MPI_Cart_rank(grid, wrapped, &back);
    EXPECT(back == grid_rank);
    /* Rows: keep dimension 1. */
    int remain[2] = {0, 1};
    MPI_Comm row;
    MPI_Cart_sub(grid, remain, &row);
    int row_rank, row_size;
    MPI_Comm_rank(row, &row_rank);
    MPI_Comm_size(row, &row_size);
    EXPECT(row_size == dims[1] && row_rank == coords[1]);
    int got_dims[1], got_periods[1], got_coords[1];
    MPI_Cart_get(row, 1, got_dims, got_periods, got_coords);
    EXPECT(got_dims[0] == dims[1] && got_periods[0] == 1 && got_coords[0] == coords[1]);
    MPI_Comm_free(&row);
    MPI_Comm_free(&grid);
    MPI_Finalize();
    return 0;
}

/* A grid smaller than the world: the extra ranks get MPI_COMM_NULL. */
int c_cartesian_smaller_grid(void) {
    int rank, size;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    int dims[1] = {size - 1}, periods[1] = {1};
    MPI_Comm ring;
    MPI_Cart_create(MPI_COMM_WORLD, 1, dims, periods, 0, &ring);
    EXPECT(rank < size - 1 ? ring != MPI_COMM_NULL : ring == MPI_COMM_NULL);
    if (ring != MPI_COMM_NULL) {
        int left, right, me;
        MPI_Comm_rank(ring, &me);
        MPI_Cart_shift(ring, 0, 1, &left, &right);
        EXPECT(right == (me + 1) % (size - 1) && left == (me + size - 2) % (size - 1));
        MPI_Comm_free(&ring);
    }
    int d3[3] = {0, 3, 0};
    MPI_Dims_create(12, 3, d3);
    EXPECT(d3[0] == 2 && d3[1] == 3 && d3[2] == 2);
    int d2[2] = {0, 0};
    MPI_Dims_create(16, 2, d2);
    EXPECT(d2[0] == 4 && d2[1] == 4);
    MPI_Finalize();
    return 0;
}

int c_cart_too_big(void) {
    int size;
    MPI_Init(NULL, NULL);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    int dims[2] = {size, 2}, periods[2] = {0, 0};
    MPI_Comm grid;
    MPI_Cart_create(MPI_COMM_WORLD, 2, dims, periods, 0, &grid);
    MPI_Finalize();
    return 0;
}
