// Packing outgoing buffers and unpacking incoming ones (see message_buffers.hpp).
#include "message_buffers.hpp"

namespace mpilab::cshim {

Outgoing::Outgoing(const void* buf, std::int64_t count, const LayoutPtr& layout, bool copy) {
    const std::int64_t elements = count * layout->base_count();
    if (layout->contiguous && !copy) {
        buffer_ = ConstBuffer(data_start(buf, *layout), elements, layout->base);
        return;
    }
    storage_.resize(static_cast<std::size_t>(count * layout->size));
    pack(*layout, buf, count, storage_.data());
    buffer_ = ConstBuffer(storage_.data(), elements, layout->base);
}

Incoming::Incoming(void* buf, std::int64_t count, LayoutPtr layout) {
    const std::int64_t elements = count * layout->base_count();
    if (layout->contiguous) {
        buffer_ = Buffer(const_cast<std::byte*>(data_start(buf, *layout)), elements, layout->base);
        return;
    }
    storage_.resize(static_cast<std::size_t>(count * layout->size));
    buffer_ = Buffer(storage_.data(), elements, layout->base);
    layout_ = std::move(layout);
    user_ = buf;
    count_ = count;
}

void Incoming::finish(std::int64_t received) {
    if (storage_.empty() || !layout_) return;
    unpack(*layout_, storage_.data(), received, user_, count_);
    layout_.reset();
}

}  // namespace mpilab::cshim
