// MPI matching: envelopes, the match predicate with its wildcards, and each rank's two queues.
// A receive matches a message when the contexts are equal, the source is equal or the receive says
// ANY_SOURCE, and the tag is equal or the receive says ANY_TAG. Both queues are FIFO and searched
// from the front, which gives MPI's ordering rules: messages from one sender on one communicator never
// overtake each other, and receives are matched in the order they were posted.
#pragma once

#include "request.hpp"
#include "trace.hpp"
#include "types.hpp"

#include <cstddef>
#include <deque>
#include <memory>
#include "location.hpp"
#include <string>
#include <vector>

namespace mpilab {

struct Envelope {
    std::uint32_t context = 0;   // communicator context (point-to-point or the hidden collective one)
    int source = 0;              // sender's rank in the communicator
    int tag = 0;
};

// The one match predicate. `source` and `tag` are the receive's, and may be wildcards.
inline bool matches(std::uint32_t context, int source, int tag, const Envelope& message) {
    return message.context == context && (source == ANY_SOURCE || source == message.source) &&
           (tag == ANY_TAG || tag == message.tag);
}

// A message that arrived before its receive was posted. An eager one carries a copy of its data;
// a rendezvous one is only an envelope (request to send) pointing at the blocked sender's request.
struct Message {
    Envelope envelope;
    int src_world = 0;
    int dst_world = 0;
    std::uint32_t comm = 0;
    std::int64_t bytes = 0;
    std::int64_t count = 0;
    Datatype type{};
    bool generic = false;
    Protocol protocol = Protocol::Eager;
    double post_time = 0;
    double arrival_time = 0;          // eager: the data's arrival; rendezvous: the envelope's
    std::vector<std::byte> data;      // eager copy of a typed payload
    std::string text;                 // eager copy of a generic payload
    RequestState* send_request = nullptr;   // rendezvous: completes when matched
    std::uint32_t trace_id = NONE;
    Location send_loc{};        // the sending call's program line (for warnings)
    CallKind send_call_kind = CallKind::Send;
};

struct MatchQueues {
    // Receives waiting for a message, in posting order: a list threaded through the requests
    // themselves (RequestState::next_posted), so a sender finding a posted receive touches only the
    // receiver's queue heads and the request it completes anyway.
    RequestState* posted_head = nullptr;
    RequestState* posted_tail = nullptr;
    std::int64_t buffered_bytes = 0;                  // eager bytes held in `unexpected`
    std::deque<std::unique_ptr<Message>> unexpected;  // messages waiting for a receive, in arrival order

    void push_posted(RequestState* request);
    // The first posted receive that matches `envelope`, removed from the queue (nullptr if none).
    RequestState* take_posted(const Envelope& envelope);
    // The first posted receive that matches `envelope`, left in place (nullptr if none).
    RequestState* find_posted(const Envelope& envelope) const;
    // The first unexpected message that matches the pattern, removed from the queue (nullptr if none).
    std::unique_ptr<Message> take_unexpected(std::uint32_t context, int source, int tag);
    // The first unexpected message that matches, left in place (for probe).
    const Message* find_unexpected(std::uint32_t context, int source, int tag) const;
    void remove_posted(const RequestState* request);
    // Removes this message (which must be in `unexpected`) and hands it over.
    std::unique_ptr<Message> take_message(const Message* message);
};

}  // namespace mpilab
