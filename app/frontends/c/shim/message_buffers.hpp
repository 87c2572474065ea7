// A (buffer, count, datatype) of the C API in the core's terms. A datatype whose elements lie back to
// back (every predefined type, a contiguous derived one) is handed to the core in place, as
// count * base_count() elements of its base type; any other one travels packed: an outgoing buffer
// is packed into a copy when the call is made, an incoming one is received into a temporary and
// unpacked into the program's memory when the receive completes (for a non-blocking receive, in
// the MPI_Wait / MPI_Test that completes it).
#pragma once

#include "datatype_layout.hpp"

#include "core/types.hpp"

#include <cstddef>
#include <vector>

namespace mpilab::cshim {

// Move-only: the core buffer points into the object's own storage, which a move keeps and a copy
// would not.
class Outgoing {
public:
    Outgoing() = default;
    Outgoing(Outgoing&&) = default;
    Outgoing& operator=(Outgoing&&) = default;
    Outgoing(const Outgoing&) = delete;
    Outgoing& operator=(const Outgoing&) = delete;
    // `copy`: always copy the data (a buffered send must not read the program's memory later).
    Outgoing(const void* buf, std::int64_t count, const LayoutPtr& layout, bool copy = false);
    const ConstBuffer& buffer() const { return buffer_; }
    std::int64_t bytes() const { return buffer_.bytes(); }
    bool packed() const { return !storage_.empty(); }

private:
    std::vector<std::byte> storage_;
    ConstBuffer buffer_;
};

class Incoming {
public:
    Incoming() = default;
    Incoming(Incoming&&) = default;
    Incoming& operator=(Incoming&&) = default;
    Incoming(const Incoming&) = delete;
    Incoming& operator=(const Incoming&) = delete;
    Incoming(void* buf, std::int64_t count, LayoutPtr layout);
    const Buffer& buffer() const { return buffer_; }
    // After the receive completed with `received` bytes: unpack into the program's memory (once).
    void finish(std::int64_t received);
    // After a collective filled the whole buffer.
    void finish() { finish(buffer_.bytes()); }
    bool packed() const { return !storage_.empty(); }

private:
    std::vector<std::byte> storage_;
    Buffer buffer_;
    LayoutPtr layout_;
    void* user_ = nullptr;
    std::int64_t count_ = 0;
};

// The first byte of element 0's data (where a contiguous type's data starts).
inline const std::byte* data_start(const void* buf, const Layout& layout) {
    return static_cast<const std::byte*>(buf) + (layout.segments.empty() ? 0 : layout.segments[0].offset);
}

}  // namespace mpilab::cshim
