/* Rank 1 hands strlen a null pointer: the crash is inside the C library, the line is the program's. */
#include "test_api.h"
#include <stdio.h>
#include <string.h>

int main(void)
{
    const char* volatile name = mpilab_test_rank() == 1 ? NULL : "ok";
    printf("%zu\n", strlen(name)); /* STRLEN HERE */
    mpilab_test_barrier();
    return 0;
}
