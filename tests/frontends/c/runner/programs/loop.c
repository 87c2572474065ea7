/* Rank 0 loops forever without calling MPI. */
#include "test_api.h"

int main(void)
{
    volatile int forever = 1;
    if (mpilab_test_rank() == 0)
        while (forever) {
        }
    mpilab_test_barrier();
    return 0;
}
