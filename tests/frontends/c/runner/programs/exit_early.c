/* Rank 1 leaves with exit() while the others still wait for it in a barrier. */
#include "test_api.h"
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    mpilab_test_init();
    if (mpilab_test_rank() == 1) {
        printf("rank 1 leaves\n");
        exit(3); /* EXIT HERE */
    }
    mpilab_test_barrier();
    mpilab_test_finalize();
    return 0;
}
