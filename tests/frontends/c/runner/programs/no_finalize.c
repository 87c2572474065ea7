/* Rank 0 returns from main without MPI_Finalize: a warning, not an error. */
#include "test_api.h"

int main(void)
{
    mpilab_test_init();
    if (mpilab_test_rank() != 0) mpilab_test_finalize();
    return 0;
}
