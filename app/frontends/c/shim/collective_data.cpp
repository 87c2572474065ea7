// Turning a collective's buffers into core buffers (see collective_data.hpp).
#include "collective_data.hpp"

#include <algorithm>
#include <climits>
#include <cstring>

namespace mpilab::cshim {

namespace {

int to_int(std::int64_t n) {
    if (n > INT_MAX)
        raise(MPI_ERR_COUNT, "a block of " + std::to_string(n) +
                                 " elements of its datatype's base type is more than mpilab can count (2^31 - 1)");
    return static_cast<int>(n);
}

}  // namespace

std::byte* CollectiveData::bytes(std::int64_t n) {
    return storage_.emplace_back(static_cast<std::size_t>(std::max<std::int64_t>(n, 0))).data();
}

ConstBuffer CollectiveData::send(const void* buf, std::int64_t count, const LayoutPtr& layout, bool copy) {
    return outgoing_.emplace_back(buf, count, layout, copy).buffer();
}

Buffer CollectiveData::receive(void* buf, std::int64_t count, const LayoutPtr& layout) {
    return incoming_.emplace_back(buf, count, layout).buffer();
}

Buffer CollectiveData::scratch(std::int64_t count, const LayoutPtr& layout) {
    return Buffer(bytes(count * layout->size), count * layout->base_count(), layout->base);
}

ConstBuffer CollectiveData::send_blocks(const void* buf, const int* counts, const int* displs, int n,
                                        const LayoutPtr& layout, CoreBlocks& core, bool copy) {
    const Layout& l = *layout;
    const std::int64_t per = l.base_count();
    core.counts.resize(static_cast<std::size_t>(n));
    core.displs.resize(static_cast<std::size_t>(n));
    if (l.contiguous && !copy) {
        // In place: displacements relative to the lowest one (MPI allows negative displacements).
        const int lowest = n > 0 ? *std::min_element(displs, displs + n) : 0;
        const std::int64_t step = l.base.size ? l.extent() / l.base.size : 0;
        core.capacity = 0;
        for (int i = 0; i < n; ++i) {
            core.counts[i] = to_int(counts[i] * per);
            core.displs[i] = to_int((displs[i] - lowest) * step);
            core.capacity = std::max<std::int64_t>(core.capacity, core.displs[i] + core.counts[i]);
        }
        const auto* base = data_start(buf, l) + static_cast<std::int64_t>(lowest) * l.extent();
        return ConstBuffer(base, core.capacity, l.base);
    }
    std::int64_t total = 0;
    for (int i = 0; i < n; ++i) total += counts[i] * per;
    std::byte* packed = bytes(total * l.base.size);
    std::int64_t at = 0;
    for (int i = 0; i < n; ++i) {
        core.counts[i] = to_int(counts[i] * per);
        core.displs[i] = to_int(at);
        pack(l, static_cast<const std::byte*>(buf) + static_cast<std::int64_t>(displs[i]) * l.extent(), counts[i],
             packed + at * l.base.size);
        at += core.counts[i];
    }
    core.capacity = total;
    return ConstBuffer(packed, total, l.base);
}

Buffer CollectiveData::receive_blocks(void* buf, const int* counts, const int* displs, int n, const LayoutPtr& layout,
                                      CoreBlocks& core) {
    const Layout& l = *layout;
    if (l.contiguous) {
        const ConstBuffer b = send_blocks(buf, counts, displs, n, layout, core);
        return Buffer(const_cast<void*>(b.data), b.count, b.type);
    }
    const std::int64_t per = l.base_count();
    std::int64_t total = 0;
    for (int i = 0; i < n; ++i) total += counts[i] * per;
    std::byte* packed = bytes(total * l.base.size);
    core.counts.resize(static_cast<std::size_t>(n));
    core.displs.resize(static_cast<std::size_t>(n));
    std::int64_t at = 0;
    for (int i = 0; i < n; ++i) {
        core.counts[i] = to_int(counts[i] * per);
        core.displs[i] = to_int(at);
        at += core.counts[i];
    }
    core.capacity = total;
    std::vector<int> user_counts(counts, counts + n), user_displs(displs, displs + n);
    finish_steps_.push_back([layout, packed, buf, user_counts, user_displs, per] {
        const Layout& l = *layout;
        std::int64_t at = 0;
        for (std::size_t i = 0; i < user_counts.size(); ++i) {
            unpack(l, packed + at * l.base.size, user_counts[i] * l.size,
                   static_cast<std::byte*>(buf) + static_cast<std::int64_t>(user_displs[i]) * l.extent(), user_counts[i]);
            at += user_counts[i] * per;
        }
    });
    return Buffer(packed, total, l.base);
}

ConstBuffer CollectiveData::reduction_send(const Reduction& r, const void* buf, std::int64_t count, bool copy) {
    if (r.packed) return send(buf, count, r.layout, true);
    const auto* data = static_cast<const std::byte*>(buf) + r.offset;
    const std::int64_t elements = count * r.per_element;
    if (!copy) return ConstBuffer(data, elements, r.element);
    std::byte* copied = bytes(elements * r.element.size);
    if (elements > 0) std::memcpy(copied, data, static_cast<std::size_t>(elements * r.element.size));
    return ConstBuffer(copied, elements, r.element);
}

Buffer CollectiveData::reduction_receive(const Reduction& r, void* buf, std::int64_t count) {
    if (r.packed) return receive(buf, count, r.layout);
    return Buffer(static_cast<std::byte*>(buf) + r.offset, count * r.per_element, r.element);
}

void CollectiveData::finish() {
    if (finished_) return;
    finished_ = true;
    for (Incoming& in : incoming_) in.finish();
    for (auto& step : finish_steps_) step();
}

int finish_collective(Call& call, MPI_Comm comm, std::shared_ptr<CollectiveData> data, Request core,
                      MPI_Request* request) {
    if (!request) {
        data->finish();
        return MPI_SUCCESS;
    }
    const int handle = add_request(call, core, comm, false);
    RequestObject& r = *call.rank.requests.find(handle);
    r.collective = true;
    r.keep = data;
    r.on_complete = [data](Status&) { data->finish(); };
    *request = handle;
    return MPI_SUCCESS;
}

}  // namespace mpilab::cshim
