/* Every rank gets the program's arguments, in a private argv it may change. */
#include "test_api.h"
#include <stdio.h>

int main(int argc, char** argv)
{
    int rank = mpilab_test_rank();
    printf("rank %d argc %d:", rank, argc);
    for (int i = 0; i < argc; ++i) printf(" %s", argv[i]);
    printf("\n");
    argv[0] = "changed";
    return 0;
}
