// A collective's buffers in the core's terms, and the temporaries that make them so. Every buffer
// becomes elements of one core type: the program's memory where its datatype is contiguous, a packed
// copy (sending) or a temporary unpacked when the collective completes (receiving) otherwise. The
// v-collectives' counts and displacements, given in elements of the program's datatype, become counts
// and displacements in core elements. MPI_IN_PLACE becomes an explicit copy of the data the program
// left in the receive buffer, taken at the call. A blocking collective finishes at once; a
// non-blocking one keeps its CollectiveData in its request and finishes in MPI_Wait / MPI_Test.
#pragma once

#include "message_buffers.hpp"
#include "shim.hpp"

#include <deque>
#include <functional>
#include <memory>
#include <vector>

namespace mpilab::cshim {

// Counts and displacements of a v-collective's buffer, in core elements.
struct CoreBlocks {
    std::vector<int> counts;
    std::vector<int> displs;
    std::int64_t capacity = 0;   // core elements the blocks span
};

class CollectiveData {
public:
    // A whole buffer of `count` elements.
    ConstBuffer send(const void* buf, std::int64_t count, const LayoutPtr& layout, bool copy = false);
    Buffer receive(void* buf, std::int64_t count, const LayoutPtr& layout);
    // A temporary receive buffer that the program never sees (a root's block under MPI_IN_PLACE).
    Buffer scratch(std::int64_t count, const LayoutPtr& layout);
    // Blocks i = counts[i] elements at buf + displs[i] * extent (a v-collective's buffer).
    ConstBuffer send_blocks(const void* buf, const int* counts, const int* displs, int n, const LayoutPtr& layout,
                            CoreBlocks& core, bool copy = false);
    Buffer receive_blocks(void* buf, const int* counts, const int* displs, int n, const LayoutPtr& layout,
                          CoreBlocks& core);
    // A reduction's operand / result (see Reduction).
    ConstBuffer reduction_send(const Reduction& r, const void* buf, std::int64_t count, bool copy = false);
    Buffer reduction_receive(const Reduction& r, void* buf, std::int64_t count);

    // Unpacks what was received into the program's memory (once).
    void finish();

private:
    std::byte* bytes(std::int64_t n);
    std::deque<Outgoing> outgoing_;
    std::deque<Incoming> incoming_;
    std::deque<std::vector<std::byte>> storage_;
    std::vector<std::function<void()>> finish_steps_;
    bool finished_ = false;
};

// After a collective started: a blocking one finishes at once; a non-blocking one's core request
// becomes the program's request, keeping the data until it completes.
int finish_collective(Call& call, MPI_Comm comm, std::shared_ptr<CollectiveData> data, Request core,
                      MPI_Request* request);

// The frame of every collective call: `start(call, comm, data, nonblocking)` calls the core's
// collective and returns its request (null for a blocking call, which has completed).
template <class Start>
int run_collective(const char* name, MPI_Comm comm, MPI_Request* request, bool nonblocking, Start&& start) {
    return run_call(name, comm, [&](Call& call) {
        if (nonblocking) call.check_out(request, "request");
        CommObject& c = call.comm(comm);
        auto data = std::make_shared<CollectiveData>();
        const Request core = start(call, c, *data, nonblocking);
        finish_collective(call, comm, data, core, nonblocking ? request : nullptr);
    });
}

}  // namespace mpilab::cshim
