/* exit() after MPI_Finalize ends the rank like a return from main. */
#include "test_api.h"
#include <stdlib.h>

int main(void)
{
    mpilab_test_init();
    mpilab_test_barrier();
    mpilab_test_finalize();
    exit(0);
}
