/* comm_split.c: the ranks as a grid of rows of 2. MPI_Comm_split with colour rank / 2 puts each row in
 * a communicator of its own (ranked by world rank), and colour rank % 2 each column. An MPI_Allreduce
 * on a row communicator involves only that row. */
#include <mpi.h>
#include <stdio.h>

int main(int argc, char** argv)
{
    int world_rank, world_size;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &world_rank);
    MPI_Comm_size(MPI_COMM_WORLD, &world_size);

    MPI_Comm row, column;
    MPI_Comm_split(MPI_COMM_WORLD, world_rank / 2, world_rank, &row);
    MPI_Comm_split(MPI_COMM_WORLD, world_rank % 2, world_rank, &column);
    int row_rank, row_size, column_rank, row_sum, column_sum;
    MPI_Comm_rank(row, &row_rank);
    MPI_Comm_size(row, &row_size);
    MPI_Comm_rank(column, &column_rank);
    MPI_Allreduce(&world_rank, &row_sum, 1, MPI_INT, MPI_SUM, row);
    MPI_Allreduce(&world_rank, &column_sum, 1, MPI_INT, MPI_SUM, column);
    printf("world rank %d: row %d (rank %d of %d, row sum %d), column %d (rank %d, column sum %d)\n", world_rank,
           world_rank / 2, row_rank, row_size, row_sum, world_rank % 2, column_rank, column_sum);
    MPI_Comm_free(&row);
    MPI_Comm_free(&column);
    MPI_Finalize();
    return 0;
}
