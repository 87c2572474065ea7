// Watching the buffers of non-blocking point-to-point calls. MPI forbids changing a send buffer until its
// Isend completes, and touching a receive buffer until its Irecv completes; on a real MPI either mistake
// sends or keeps whichever bytes happen to be there when the library looks. mpilab takes a checksum of
// the buffer when the call is made (a send's data, a receive's whole buffer), again just before and just
// after a message is delivered into a receive, and compares at the Wait or Test that completes the
// request: a difference is the error "buffer changed in flight", naming the call that posted the request.
// Reading a receive buffer early leaves no trace and is not caught.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mpilab {

// A 64-bit checksum of `bytes` bytes at `data` (any alignment); equal contents give equal sums, and a
// change of any byte changes the sum but for a 2^-64 chance. Reads 8 bytes a step (a few GB/s).
std::uint64_t buffer_checksum(const void* data, std::size_t bytes);

}  // namespace mpilab
