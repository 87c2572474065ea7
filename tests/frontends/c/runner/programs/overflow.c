/* Rank 1 recurses without end and overflows its stack. */
#include "test_api.h"
#include <stdio.h>

static int depth(volatile int n)
{
    volatile char frame[256];
    frame[0] = (char)n;
    return depth(n + 1) + frame[0]; /* RECURSION HERE */
}

int main(void)
{
    if (mpilab_test_rank() == 1) printf("%d\n", depth(0));
    mpilab_test_barrier();
    return 0;
}
