/* Rank 0 sends from an address it does not own: the crash happens inside the runtime's copy. */
#include "test_api.h"
#include <stdint.h>

int main(void)
{
    int rank = mpilab_test_rank();
    char buffer[64];
    if (rank == 0) mpilab_test_send_bytes((const void*)(uintptr_t)0x10, 64, 1); /* SEND HERE */
    if (rank == 1) mpilab_test_recv_bytes(buffer, 64, 0);
    return 0;
}
