// The state behind a request: one send, one receive, or one collective (a running Schedule). Blocking
// calls keep theirs on the caller's stack; non-blocking ones live in the engine's request table under
// a user-visible id. All fields are read and written with the engine lock held.
#pragma once

#include "schedule.hpp"
#include "trace.hpp"
#include "types.hpp"

#include <atomic>
#include <memory>
#include "location.hpp"
#include <string>
#include <vector>

namespace mpilab {

struct Message;
struct CollectiveRun;

enum class RequestKind : std::uint8_t { Send, Recv, Collective };

// Field order matters for free mode: the first 128 bytes hold everything a sender reads to match a
// posted receive and deliver into it, and everything completion writes, so handing a message to a
// waiting rank moves few cache lines between processors. (Not over-aligned itself: collectives
// allocate many requests, and aligned allocation is slower; the one that matters most, a rank's
// blocking receive, is aligned as a member of RankState.)
struct RequestState {
    // ---- line 1: matching, the receive buffer, completion ----
    RequestKind kind = RequestKind::Send;
    std::atomic<bool> complete{false};   // set without the lock by a sender that claimed a direct receive
    bool generic = false;           // payload is a serialised generic value
    bool synchronous = false;       // ssend / issend
    Protocol protocol = Protocol::None;
    bool sole_wait = false;         // its owner blocks on this request alone: completing it satisfies the wait
    bool detached = false;          // freed by the program while active (request_free): dropped once complete
    std::uint32_t context = 0;      // matching context (a communicator's p2p or collective context)
    int peer = PROC_NULL;           // local rank of destination / source pattern (ANY_SOURCE)
    int tag = 0;                    // tag or tag pattern (ANY_TAG)
    int owner = 0;                  // world rank that created it
    double post_time = 0;           // owner's virtual time when posted
    double complete_time = 0;       // virtual time of completion
    Buffer recv_buf{};              // receive side: where typed data is delivered
    // ---- line 2 ----
    Value* recv_value = nullptr;    // where a generic value is delivered
    RequestState* next_posted = nullptr;   // next receive in the receiver's posted list (MatchQueues)
    CollectiveRun* parent = nullptr;       // the collective this operation belongs to
    Status status{};
    std::uint32_t message = NONE;   // trace id of its message (send, or the matched one for a receive)
    std::uint32_t call = NONE;      // trace record of the call that created it
    // ---- the rest ----
    std::uint32_t id = 0;           // user-visible id (0: internal or blocking)
    std::uint32_t comm = 0;
    CallKind call_kind = CallKind::Send;
    bool call_generic = false;
    bool watch_buffer = false;      // an Isend's or Irecv's buffer, checked when it completes (buffer_watch.hpp)
    bool buffer_changed = false;    // a receive's buffer was written before its message was delivered
    Location loc{};     // the program line of that call

    // send side
    ConstBuffer send_buf{};
    const std::string* send_text = nullptr;   // serialised generic value (points at owned_text or the caller's)
    std::string owned_text;
    std::int64_t bytes = 0;
    std::uint64_t buffer_sum = 0;   // watched: the checksum its buffer must still have
    Message* pending = nullptr;     // its unmatched rendezvous envelope in the receiver's unexpected queue

    // receive side
    Value owned_value;              // irecv of a generic value delivers here

    // collective
    std::unique_ptr<CollectiveRun> collective;

    RequestState();
    ~RequestState();
    RequestState(const RequestState&) = delete;
    RequestState& operator=(const RequestState&) = delete;
};

// A collective's schedule being executed: which round runs and how many of its operations are left.
struct CollectiveRun {
    std::unique_ptr<Schedule> schedule;
    RequestState* request = nullptr;   // the collective's own request
    int owner = 0;
    std::uint32_t comm = 0;
    int tag = 0;                       // the call's sequence number: its messages' tag on the hidden context
    std::size_t next_round = 0;
    int pending_ops = 0;
    bool advancing = false;
    bool started = false;
    double round_start = 0;
    double round_end = 0;
    std::vector<std::unique_ptr<RequestState>> ops;   // the current round's operations
};

inline RequestState::RequestState() = default;
inline RequestState::~RequestState() = default;

}  // namespace mpilab
