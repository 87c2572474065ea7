// The rank's MPI_Request table. A request stands for one core request while it is active, plus what
// must happen when it completes: packed send data kept alive, received data unpacked into the
// program's memory, a collective's temporaries. Persistent requests also keep how to start again.
// Slots are reused (programs create requests by the million); a handle carries a 4-bit generation,
// so a stale copy of a completed request's handle is still recognised as such.
#pragma once

#include "handles.hpp"
#include "message_buffers.hpp"

#include "core/types.hpp"

#include <deque>
#include <functional>
#include <memory>
#include <vector>

namespace mpilab::cshim {

class Call;

struct RequestObject {
    Request core;                     // the core request while active
    bool active = false;              // started and not yet completed
    bool persistent = false;
    bool freed = false;               // MPI_Request_free while active: dropped once it completes
    bool receive = false;             // a receive (its status names a source and tag)
    bool collective = false;          // a non-blocking collective's (cannot be freed or cancelled)
    int comm = 0;                     // MPI_Comm it was made on (for the error handler)
    Location created{};
    Outgoing outgoing;                // send data (packed copy, if packed)
    std::vector<Incoming> incoming;   // receive data to unpack on completion
    std::shared_ptr<void> keep;       // a collective's temporaries
    // A step when the request completes (after unpacking): e.g. the second half of an emulation.
    std::function<void(Status&)> on_complete;
    // A persistent request: starts the operation again (returns the new core request).
    std::function<Request(Call&, RequestObject&)> start;
};

// A request the program freed while it was active, kept until the core completes it.
struct FreedRequest {
    Request core;
    RequestObject object;
};

class RequestTable {
public:
    // A new request object and its handle.
    std::pair<int, RequestObject*> add();
    RequestObject* find(int handle, Lookup* why = nullptr);
    // Returns the slot to the free list (the handle goes stale).
    void release(int handle);
    template <class F>
    void for_each_live(F&& f) {
        for (std::uint32_t i = 1; i < slots_.size(); ++i)
            if (slots_[i].live) f(handle_of(i), slots_[i].object);
    }

private:
    struct Slot {
        RequestObject object;
        std::uint8_t generation = 0;
        bool live = false;
    };
    int handle_of(std::uint32_t index) const {
        return make_handle(HandleKind::Request, (std::uint32_t{slots_[index].generation} << 20) | index);
    }
    std::deque<Slot> slots_ = std::deque<Slot>(1);   // slot 0: MPI_REQUEST_NULL; a deque: objects never move
    std::vector<std::uint32_t> free_;
};

}  // namespace mpilab::cshim
