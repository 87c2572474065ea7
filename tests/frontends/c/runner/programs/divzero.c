/* Rank 0 divides an integer by zero. */
#include "test_api.h"
#include <stdio.h>

int main(int argc, char** argv)
{
    volatile int zero = mpilab_test_rank();
    if (mpilab_test_rank() == 0) printf("%d\n", argc / zero); /* DIVIDE HERE */
    mpilab_test_barrier();
    return 0;
}
