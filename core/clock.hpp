// The virtual time model (alpha-beta): a message of b bytes costs latency + b / bandwidth. An eager
// message leaves with its data; a rendezvous message first sends its envelope (request to send),
// waits for the receiver's clear-to-send, and only then the data — a round trip more.
#pragma once

#include "config.hpp"

#include <algorithm>

namespace mpilab {

struct EagerTimes {
    double sender_done;   // the send returns: the data has been copied out
    double arrival;       // the data reaches the receiver
};

struct RendezvousTimes {
    double match;         // the envelope meets the posted receive
    double sender_done;   // clear-to-send came back and the data went out
    double arrival;       // the data reaches the receiver
};

inline double transfer_time(const CostModel& cost, std::int64_t bytes) {
    return static_cast<double>(bytes) / cost.bandwidth;
}

inline EagerTimes eager_times(const CostModel& cost, double post, std::int64_t bytes) {
    double copy = transfer_time(cost, bytes);
    return {post + copy, post + cost.latency + copy};
}

// `post`: sender posted the envelope; `receive_posted`: the matching receive was posted.
inline RendezvousTimes rendezvous_times(const CostModel& cost, double post, double receive_posted, std::int64_t bytes) {
    double match = std::max(post + cost.latency, receive_posted);
    double copy = transfer_time(cost, bytes);
    return {match, match + cost.latency + copy, match + 2 * cost.latency + copy};
}

// A receive completes when it was posted and its data has arrived, whichever is later.
inline double receive_complete_time(double receive_posted, double arrival) { return std::max(receive_posted, arrival); }

}  // namespace mpilab
