// A stand-in MPI for the runner's own tests (mpilab-run-test): instead of mpi.h, a test program declares
// the few mpilab_test_* functions below. The runner's work — private copies, output per rank, exit(),
// assert(), crashes — is then tested apart from the C shim.
#include "app/frontends/c/runner/rank_program.hpp"

namespace {

struct TestRank {
    mpilab::Comm* world = nullptr;
    bool initialized = false;
    bool finalized = false;
};
thread_local TestRank bound;

}  // namespace

extern "C" {
int mpilab_test_rank(void) { return bound.world ? bound.world->rank() : -1; }
int mpilab_test_size(void) { return bound.world ? bound.world->size() : -1; }
void mpilab_test_init(void) { bound.initialized = true; }
void mpilab_test_finalize(void) { bound.finalized = true; }
void mpilab_test_barrier(void) { bound.world->Barrier(mpilab::Location("barrier.c", 1, "mpilab_test_barrier")); }
void mpilab_test_send_int(int value, int dest) { bound.world->Send(value, dest, 0); }
void mpilab_test_send_bytes(const void* data, int bytes, int dest) {
    bound.world->Send(mpilab::ConstBuffer(data, bytes, mpilab::datatype_of<std::byte>), dest, 0,
                      mpilab::Location("bad_buffer.c", 9, "main"));
}
void mpilab_test_recv_bytes(void* data, int bytes, int source) {
    bound.world->Recv(mpilab::Buffer(data, bytes, mpilab::datatype_of<std::byte>), source, 0);
}
int mpilab_test_recv_int(int source) {
    int value = 0;
    bound.world->Recv(value, source, 0);
    return value;
}
}

namespace mpilab::c_runner {

MpiBinding linked_mpi_binding() {
    MpiBinding binding;
    binding.bind = [](Comm& world) { bound = TestRank{&world}; };
    binding.state = [] { return MpiState{bound.initialized, bound.finalized}; };
    binding.unbind = [] { bound = TestRank{}; };
    binding.missing_finalize = [](int rank, const std::string& how) {
        return "rank " + std::to_string(rank) + " " + how + " without calling MPI_Finalize";
    };
    return binding;
}

}  // namespace mpilab::c_runner
