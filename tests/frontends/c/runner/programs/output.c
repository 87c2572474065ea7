/* Every way a C program prints, each attributed to its rank, cut into lines at newlines. */
#include "test_api.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
    int rank = mpilab_test_rank();
    printf("printf %d\n", rank);
    puts("puts");
    putchar('c');
    putchar('\n');
    fputs("fputs\n", stdout);
    fprintf(stderr, "stderr %d\n", rank);
    fwrite("fwrite\n", 1, 7, stdout);
    write(1, "write\n", 6);
    printf("one ");
    mpilab_test_barrier();
    printf("line\n");
    errno = ENOENT;
    perror("perror");
    printf("unterminated %d", rank);
    return 0;
}
