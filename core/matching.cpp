// The two queues of MPI matching, searched front to back.
#include "matching.hpp"

#include <algorithm>

namespace mpilab {

RequestState* MatchQueues::take_posted(const Envelope& envelope) {
    for (auto it = posted.begin(); it != posted.end(); ++it) {
        RequestState* r = *it;
        if (matches(r->context, r->peer, r->tag, envelope)) {
            posted.erase(it);
            return r;
        }
    }
    return nullptr;
}

std::unique_ptr<Message> MatchQueues::take_unexpected(std::uint32_t context, int source, int tag) {
    for (auto it = unexpected.begin(); it != unexpected.end(); ++it) {
        if (matches(context, source, tag, (*it)->envelope)) {
            std::unique_ptr<Message> m = std::move(*it);
            unexpected.erase(it);
            if (m->protocol == Protocol::Eager) buffered_bytes -= m->bytes;
            return m;
        }
    }
    return nullptr;
}

const Message* MatchQueues::find_unexpected(std::uint32_t context, int source, int tag) const {
    for (const auto& m : unexpected)
        if (matches(context, source, tag, m->envelope)) return m.get();
    return nullptr;
}

void MatchQueues::remove_posted(const RequestState* request) {
    auto it = std::find(posted.begin(), posted.end(), request);
    if (it != posted.end()) posted.erase(it);
}

}  // namespace mpilab
