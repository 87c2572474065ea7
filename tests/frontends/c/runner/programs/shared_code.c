/* Every rank's copy of the program runs the same pages of code and constants (copy 0's), while its
 * globals stay its own: each rank prints which file backs the page of its main, of a string constant
 * and of a global, as /proc/self/maps names it. */
#include "test_api.h"
#include <stdio.h>
#include <string.h>

static const char greeting[] = "a constant string";
int global = 1;

/* The name of the mapping holding `address` ("/memfd:mpilab-rank-0 (deleted)"), or "none". */
static void backing_file(const void* address, char* out, size_t size)
{
    snprintf(out, size, "none");
    FILE* maps = fopen("/proc/self/maps", "r");
    if (!maps) return;
    char line[512];
    unsigned long a = (unsigned long)address;
    while (fgets(line, sizeof line, maps)) {
        unsigned long begin = 0, end = 0;
        if (sscanf(line, "%lx-%lx", &begin, &end) != 2 || a < begin || a >= end) continue;
        const char* name = strchr(line, '/');
        if (name) {
            snprintf(out, size, "%s", name);
            out[strcspn(out, "\n")] = '\0';
        }
        break;
    }
    fclose(maps);
}

int main(void)
{
    int rank = mpilab_test_rank();
    global += rank;
    char code[256], constant[256], data[256];
    backing_file((const void*)&main, code, sizeof code);
    backing_file(greeting, constant, sizeof constant);
    backing_file(&global, data, sizeof data);
    mpilab_test_barrier();
    printf("rank %d code %s\n", rank, code);
    printf("rank %d constant %s\n", rank, constant);
    printf("rank %d data %s global %d\n", rank, data, global);
    return 0;
}
