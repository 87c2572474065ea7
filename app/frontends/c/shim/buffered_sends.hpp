// MPI_Bsend's attached buffer. A buffered send never blocks: its data is copied at the call and
// sent by an ordinary non-blocking send (eager or rendezvous, as the core decides), and the copy
// occupies `bytes + MPI_BSEND_OVERHEAD` of the attached buffer until that send completes. A send
// that does not fit ends the call with MPI_ERR_BUFFER. mpilab accounts for the space rather than
// writing into the program's buffer: the program may not touch it while it is attached anyway.
#pragma once

#include "message_buffers.hpp"

#include "core/location.hpp"
#include "core/types.hpp"

#include <cstdint>
#include <vector>

namespace mpilab::cshim {

struct BufferedSend {
    Request core;
    std::int64_t space = 0;     // bytes of the attached buffer it occupies
    Outgoing data;              // the copy being sent
    Location location{};
};

struct BufferedSends {
    void* buffer = nullptr;     // attached with MPI_Buffer_attach (nullptr: none)
    std::int64_t size = 0;
    std::int64_t used = 0;
    Location attached_at{};
    std::vector<BufferedSend> pending;
};

}  // namespace mpilab::cshim
