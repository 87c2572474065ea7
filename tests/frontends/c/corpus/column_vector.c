/* column_vector.c: a column of a row-major matrix is not contiguous: its elements lie a whole row
 * apart. MPI_Type_vector(4, 1, 5, MPI_INT) describes "4 blocks of 1 int, 5 ints apart", so rank 0 can
 * send column 2 of its 4 x 5 matrix as one message, and rank 1 receives it into a plain array. */
#include <mpi.h>
#include <stdio.h>

#define ROWS 4
#define COLS 5

int main(int argc, char** argv)
{
    int rank;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Datatype column;
    MPI_Type_vector(ROWS, 1, COLS, MPI_INT, &column);
    MPI_Type_commit(&column);

    if (rank == 0) {
        int matrix[ROWS][COLS];
        for (int i = 0; i < ROWS; i++)
            for (int j = 0; j < COLS; j++) matrix[i][j] = 10 * i + j;
        MPI_Send(&matrix[0][2], 1, column, 1, 0, MPI_COMM_WORLD);
    } else if (rank == 1) {
        int received[ROWS];
        MPI_Status status;
        MPI_Recv(received, ROWS, MPI_INT, 0, 0, MPI_COMM_WORLD, &status);
        int count;
        MPI_Get_count(&status, MPI_INT, &count);
        printf("rank 1 received %d ints: %d %d %d %d\n", count, received[0], received[1], received[2], received[3]);
    }
    MPI_Type_free(&column);
    MPI_Finalize();
    return 0;
}
