// What the files of the C API share beyond the call guard: the requests every non-blocking call
// creates, buffered sends, reductions and the end-of-rank checks.
#pragma once

#include "call.hpp"

#include "core/op.hpp"

#include <functional>

namespace mpilab::cshim {

// ---- point_to_point.cpp ----
// The checks of a point-to-point call: communicator, count, datatype (committed), buffer, peer (the
// destination, or the source of a receive) and tag. Returns the communicator and the datatype.
struct MessageArgs {
    CommObject& comm;
    const LayoutPtr& layout;
};
MessageArgs check_message(Call& call, MPI_Comm comm, const void* buf, int count, MPI_Datatype datatype, int peer,
                          int tag, bool receive);

// ---- requests.cpp ----
// A new active request for a core request; `fill(RequestObject&)` adds what completion needs.
int add_request(Call& call, Request core, MPI_Comm comm, bool receive);
// The request of a live handle (a CallError otherwise); nullptr for MPI_REQUEST_NULL.
RequestObject* find_request(Call& call, MPI_Request handle, const char* what = "request");

// ---- buffered_sends.cpp ----
// Starts a buffered send (MPI_Bsend / MPI_Ibsend): copies the data, checks it fits the attached
// buffer (MPI_ERR_BUFFER otherwise), and returns the core request.
Request start_buffered_send(Call& call, CommObject& c, const void* buf, int count, const LayoutPtr& layout, int dest,
                            int tag, bool nonblocking);
// Waits for every buffered send still in flight (MPI_Buffer_detach, MPI_Finalize).
void complete_buffered_sends(Call& call, bool detaching);

// ---- ops.cpp ----
// A reduction as the core runs it: the op, the element type and the count of core elements per
// MPI element, for `datatype` (predefined or derived). A CallError if the op does not apply.
struct Reduction {
    Op op;
    LayoutPtr layout;
    Datatype element{};            // core element type handed to the core
    std::int64_t per_element = 1;  // core elements per MPI element
    bool packed = false;           // the data must be packed (a non-contiguous derived type)
    std::int64_t offset = 0;       // of the data from the buffer's address
};
Reduction reduction_for(Call& call, MPI_Op op, MPI_Datatype datatype);

// ---- communicators.cpp / attributes.cpp ----
// A new handle for a core communicator (MPI_COMM_NULL for a null one), made by call `made_by`.
MPI_Comm add_comm(Call& call, Comm core, const char* made_by);
// The world rank of each rank of `comm`.
std::vector<int> members_of(const Comm& comm);
void copy_attributes(Call& call, MPI_Comm from, CommObject& source, CommObject& copy);
void delete_attributes(Call& call, MPI_Comm comm, CommObject& c);
// The warning MPI_Finalize gives for communicators, datatypes and persistent requests never freed.
void report_unfreed_objects(Call& call);

}  // namespace mpilab::cshim
