/* The stand-in MPI of mpilab-run-test (tests/frontends/c/runner/test_binding.cpp). */
#ifndef MPILAB_TEST_API_H
#define MPILAB_TEST_API_H
#ifdef __cplusplus
extern "C" {
#endif
int mpilab_test_rank(void);
int mpilab_test_size(void);
void mpilab_test_init(void);
void mpilab_test_finalize(void);
void mpilab_test_barrier(void);
void mpilab_test_send_int(int value, int dest);
int mpilab_test_recv_int(int source);
void mpilab_test_send_bytes(const void* data, int bytes, int dest);
void mpilab_test_recv_bytes(void* data, int bytes, int source);
#ifdef __cplusplus
}
#endif
#endif
