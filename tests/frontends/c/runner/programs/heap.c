/* Rank 1 corrupts the heap; the C library notices inside malloc and aborts while it holds its lock. */
#include "test_api.h"
#include <stdlib.h>
#include <string.h>

int main(void)
{
    if (mpilab_test_rank() == 1) {
        char* block = malloc(32);
        char* next = malloc(32);
        memset(block, 0xff, 64); /* CORRUPT HERE: overwrites the next block's header */
        free(next);
        free(block);
        void* again = malloc(32);
        (void)again;
    }
    mpilab_test_barrier();
    return 0;
}
