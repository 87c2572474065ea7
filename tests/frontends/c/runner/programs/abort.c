/* Rank 1 calls abort(). */
#include "test_api.h"
#include <stdlib.h>

int main(void)
{
    if (mpilab_test_rank() == 1) abort(); /* ABORT HERE */
    mpilab_test_barrier();
    return 0;
}
