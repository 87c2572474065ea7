/* Rank 2 fails an assert(). */
#include "test_api.h"
#include <assert.h>

int main(void)
{
    int rank = mpilab_test_rank();
    int value = rank == 2 ? 7 : 1;
    assert(value == 1); /* ASSERT HERE */
    mpilab_test_barrier();
    return 0;
}
