// The two queues of MPI matching, searched front to back.
#include "matching.hpp"

#include <algorithm>

namespace mpilab {

void MatchQueues::push_posted(RequestState* request) {
    request->next_posted = nullptr;
    if (posted_tail)
        posted_tail->next_posted = request;
    else
        posted_head = request;
    posted_tail = request;
}

namespace {

// Unlinks `r`, whose predecessor in the list is `prev` (nullptr for the head).
void unlink(MatchQueues& q, RequestState* prev, RequestState* r) {
    (prev ? prev->next_posted : q.posted_head) = r->next_posted;
    if (q.posted_tail == r) q.posted_tail = prev;
    r->next_posted = nullptr;
}

}  // namespace

RequestState* MatchQueues::take_posted(const Envelope& envelope) {
    for (RequestState *prev = nullptr, *r = posted_head; r; prev = r, r = r->next_posted) {
        if (matches(r->context, r->peer, r->tag, envelope)) {
            unlink(*this, prev, r);
            return r;
        }
    }
    return nullptr;
}

RequestState* MatchQueues::find_posted(const Envelope& envelope) const {
    for (RequestState* r = posted_head; r; r = r->next_posted)
        if (matches(r->context, r->peer, r->tag, envelope)) return r;
    return nullptr;
}

std::unique_ptr<Message> MatchQueues::take_message(const Message* message) {
    for (auto it = unexpected.begin(); it != unexpected.end(); ++it) {
        if (it->get() != message) continue;
        std::unique_ptr<Message> m = std::move(*it);
        unexpected.erase(it);
        if (m->protocol == Protocol::Eager) buffered_bytes -= m->bytes;
        return m;
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
    for (RequestState *prev = nullptr, *r = posted_head; r; prev = r, r = r->next_posted) {
        if (r == request) return unlink(*this, prev, r);
    }
}

}  // namespace mpilab
