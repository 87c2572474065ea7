/* Rank 2 dereferences a null pointer after printing a line; the others wait in a barrier. */
#include "test_api.h"
#include <stdio.h>

static int read_through(int* pointer)
{
    return *pointer; /* CRASH HERE */
}

int main(void)
{
    int rank = mpilab_test_rank();
    printf("rank %d before\n", rank);
    if (rank == 2) {
        int* nowhere = NULL;
        printf("%d\n", read_through(nowhere));
    }
    mpilab_test_barrier();
    return 0;
}
