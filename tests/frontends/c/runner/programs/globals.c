/* Each rank has its own globals and statics: every rank adds rank + 1 to a static counter, waits for
 * the others, adds 10 more and changes an initialised global; no rank sees another's changes. */
#include "test_api.h"
#include <stdio.h>

static int counter;
int shared_looking = 42;

int main(void)
{
    int rank = mpilab_test_rank();
    counter += rank + 1;
    shared_looking += rank;
    mpilab_test_barrier();
    counter += 10;
    printf("rank %d counter %d global %d\n", rank, counter, shared_looking);
    return 0;
}
