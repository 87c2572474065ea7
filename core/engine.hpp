// The engine: the state all ranks share — matching queues, requests, communicators, clocks, the
// trace — behind ONE lock (`mutex_`). Every operation takes the lock, does its matching and transfers
// in the calling thread, completes whatever requests it can, and wakes their owners. A rank that
// cannot continue blocks: in deterministic mode it hands the baton to the next ready rank; in free
// mode it parks. Because every state change happens under the lock, the engine always knows what
// each rank waits for: when no rank can run, that is a deadlock, detected exactly.
#pragma once

#include "collective_call.hpp"
#include "comm.hpp"
#include "config.hpp"
#include "engine_mutex.hpp"
#include "matching.hpp"
#include "parker.hpp"
#include "protocol.hpp"
#include "recorder.hpp"
#include "request.hpp"
#include "scheduler.hpp"
#include "stable_table.hpp"
#include "trace.hpp"

#include <atomic>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include "location.hpp"
#include <span>
#include <unordered_map>
#include <vector>

namespace mpilab {

enum class Phase : std::uint8_t {
    Starting,   // thread created, program not yet entered
    Running,    // executing program code (deterministic mode: holds the baton)
    Ready,      // could run, waiting for the baton (deterministic mode only)
    Blocked,    // inside a call that cannot return yet
    Finished,   // returned from its program (or stopped)
};

// "Error in rank 0, Recv at x.cpp:12: truncation: ...": an error outcome's one-line message.
std::string error_summary(const ErrorInfo& e);

// What a blocked rank waits for.
struct WaitSpec {
    enum Kind : std::uint8_t { None, All, Any, Probe, Sync } kind = None;
    std::span<RequestState* const> requests;   // All / Any (null entries are skipped)
    RequestState* single = nullptr;            // All with one request
    std::uint32_t context = 0;                 // Probe
    int source = ANY_SOURCE;
    int tag = ANY_TAG;
    std::uint32_t comm = 0;                    // Sync: the communicator-level synchronisation...
    std::uint32_t seq = 0;                     // ...of this collective sequence number
};

// A rank's state. Its first cache line holds all another rank touches to hand it a message for the
// blocking receive it waits in and wake it: the parker, the phase, the direct slot and the posted
// list's heads; the receive's own request follows, on cache lines of its own.
struct alignas(64) RankState {
    Parker parker;
    std::atomic<Phase> phase{Phase::Starting};   // written under the lock, or CAS'd by a direct sender
    // Free mode without recording: the blocking receive this rank waits in, when it is its only posted
    // receive. A sender claims it with one compare-and-swap and delivers without the engine lock.
    std::atomic<RequestState*> direct{nullptr};   // or claimed_marker() while a direct sender wakes this rank
    MatchQueues queues;               // posted list first (see MatchQueues)
    alignas(64) RequestState blocking_recv;   // the request of the blocking recv() in progress
    WaitSpec wait;
    int world = 0;
    double clock = 0;                 // virtual time
    std::uint32_t call = NONE;        // trace record of the outermost call in progress
    CallKind call_kind = CallKind::Send;
    bool call_generic = false;
    bool in_call = false;
    Location call_loc{};
    std::uint32_t call_comm = 0;
    std::uint64_t futile_polls = 0;   // failed test/iprobe calls in a row while nothing else could move
    std::uint64_t calls = 0;
    // Deterministic mode, choices (see choice.cpp): a rank in the wait/test family or a wildcard probe
    // with something to choose from waits, `deciding`, until the engine grants it a key at quiescence.
    bool deciding = false;
    int granted = -1;
    std::uint32_t choices_made = 0;   // the ordinal of its next choice
    bool has_wildcard = false;        // listed in Engine::wildcard_ranks_
};

// What RankState::direct holds from the moment a direct sender wins the receive until it has woken
// the receiver: the receiver waits for it to clear before it blocks or publishes again, so a late
// wake-up can never be mistaken for the end of a later wait. Never dereferenced.
inline RequestState* claimed_marker() {
    alignas(RequestState) static char marker;
    return reinterpret_cast<RequestState*>(&marker);
}

// What RankState::direct holds while its rank is inside recv() but has not published its receive yet.
// A direct sender that finds it waits a moment (bounded) for the receive instead of taking the locked
// path, which would meet the receiver at the lock. Never dereferenced.
inline RequestState* posting_marker() {
    alignas(RequestState) static char marker;
    return reinterpret_cast<RequestState*>(&marker);
}

// A pending agreement of all ranks of a communicator on their n-th collective call: the first rank's
// signature (to detect mismatches), who has arrived, and for split the colours and keys.
struct CollectiveEntry {
    CollectiveSignature signature;
    int first_rank = -1;              // local rank of the first arrival
    std::uint32_t first_call = NONE;
    Location first_loc{};
    std::vector<bool> arrived;
    int arrivals = 0;
    int departures = 0;
    std::vector<std::pair<int, int>> split_args;   // (colour, key) per local rank
    std::vector<std::uint32_t> new_comm;           // per local rank: the communicator it gets (NONE: none)
    bool done = false;
};

struct CommState {
    std::uint32_t id = 0;
    std::string name;                     // "world", "world.dup", ... (as in the trace)
    std::vector<int> members;             // world rank of each local rank
    std::vector<int> local_of;            // world rank -> local rank, -1 if not a member
    std::vector<std::uint32_t> next_seq;  // per local rank: sequence number of its next collective
    std::vector<std::uint8_t> freed;      // per local rank: free() was called (bytes: each rank reads its own without the lock)
    std::map<std::uint32_t, CollectiveEntry> entries;   // by sequence number
    std::uint32_t p2p_context() const { return id * 2; }
    std::uint32_t collective_context() const { return id * 2 + 1; }
    int size() const { return static_cast<int>(members.size()); }
};

class Engine {
public:
    using Lock = std::unique_lock<EngineMutex>;
    using Loc = Location;

    Engine(const Config& config, Trace& trace);
    ~Engine();

    const Config& config() const { return config_; }
    RankState& rank(int world) { return *ranks_[world]; }
    int ranks() const { return static_cast<int>(ranks_.size()); }
    const CommState& comm_state(std::uint32_t comm) const { return comms_[comm]; }
    bool deterministic() const { return scheduler_.deterministic(); }
    // The processor a rank thread should run on, or -1 to let the system choose (see engine.cpp).
    int cpu_for_rank(int rank) const;
    // How long a waiting rank spins before it sleeps: > 0 only in free mode with a core per rank, where
    // whatever it waits for is being done on another core right now (front ends waiting on locks of
    // their own follow the same rule).
    std::int64_t spin_nanoseconds() const { return spin_; }

    // ---- rank lifecycle (run.cpp) ----
    void start();                                   // main thread: give the first rank the baton
    void rank_enter(RankState& me);                 // rank thread: wait for the baton; throws RunAborted
    void rank_finished(RankState& me);              // the program returned
    void rank_threw(RankState& me, const std::string& what);   // the program threw
    void rank_exit(RankState& me);                  // after RunAborted: record how the rank ended
    void finish_run(double wall_seconds);           // main thread, all threads joined: final outcome
    void fail_start(const std::string& why);        // main thread: not every rank thread could start
    bool aborted() const { return aborted_; }

    // ---- point-to-point (point_to_point.cpp) ----
    enum class SendMode : std::uint8_t { Standard, Synchronous, Ready };
    void send(RankState& me, std::uint32_t comm, const Payload& payload, int dest, int tag, SendMode mode,
              CallKind kind, const Loc& loc);
    Request isend(RankState& me, std::uint32_t comm, const Payload& payload, std::string owned_text, int dest,
                  int tag, SendMode mode, CallKind kind, const Loc& loc);
    Status recv(RankState& me, std::uint32_t comm, Buffer buf, Value* value, int source, int tag, const Loc& loc);
    Request irecv(RankState& me, std::uint32_t comm, Buffer buf, bool generic, int source, int tag, const Loc& loc);
    Status sendrecv(RankState& me, std::uint32_t comm, const Payload& payload, int dest, int sendtag, Buffer buf,
                    Value* value, int source, int recvtag, const Loc& loc);
    Status wait(RankState& me, Request& req, Value* value, const Loc& loc);
    // `release` false: a completed request stays valid (MPI_Request_get_status).
    bool test(RankState& me, Request& req, Status* status, Value* value, const Loc& loc, bool release = true);
    void request_free(RankState& me, Request& req);
    bool cancel(RankState& me, Request& req);
    bool is_complete(RankState& me, const Request& req);
    // waitall / testall / waitany / testany / waitsome / testsome
    enum class Completion : std::uint8_t { All, Any, Some };
    // Returns the indices completed (all of them for All). With `blocking` false, returns an empty
    // list when the condition is not met yet (testall completes nothing unless all are complete).
    std::vector<int> complete_many(RankState& me, std::span<Request> reqs, Completion how, bool blocking,
                                   std::vector<Status>* statuses, std::vector<Value>* values, CallKind kind,
                                   const Loc& loc);
    Status probe(RankState& me, std::uint32_t comm, int source, int tag, const Loc& loc);
    bool iprobe(RankState& me, std::uint32_t comm, int source, int tag, Status* status, const Loc& loc);

    // ---- local calls ----
    void compute(RankState& me, double seconds, const Loc& loc);
    void print(RankState& me, std::string text);
    void result(RankState& me, const std::string& name, Value value);
    void check(RankState& me, bool condition, std::string_view what, const Loc& loc);
    [[noreturn]] void front_end_error(RankState& me, std::string_view call, std::string_view kind, std::string message,
                                      const Loc& loc);
    void warn(RankState& me, std::string text);

    // ---- communicators (communicators.cpp) ----
    std::uint32_t world_comm() const { return 0; }
    int comm_rank(const RankState& me, std::uint32_t comm) const;
    int comm_size(std::uint32_t comm) const { return comms_[comm].size(); }
    int comm_to_world(std::uint32_t comm, int local) const;
    std::string comm_name(std::uint32_t comm) const;
    std::uint32_t comm_dup(RankState& me, std::uint32_t comm, const Loc& loc);
    std::uint32_t comm_split(RankState& me, std::uint32_t comm, int color, int key, const Loc& loc);
    void comm_free(RankState& me, std::uint32_t comm, const Loc& loc);
    std::uint32_t comm_self(RankState& me);

    // ---- collectives (collective_call.cpp) ----
    Request run_collective(RankState& me, std::uint32_t comm, const CollectiveSignature& signature,
                           std::string_view algorithm, std::int64_t bytes, std::unique_ptr<Schedule> schedule,
                           bool nonblocking, const Loc& loc);
    // Returns if `me` may use `comm` for a collective; otherwise ends the run with the reason.
    void check_collective_comm(RankState& me, std::uint32_t comm, CallKind kind, bool generic, const Loc& loc);
    [[noreturn]] void collective_error(RankState& me, std::uint32_t comm, CallKind kind, bool generic,
                                       std::string_view error_kind, const std::string& message, const Loc& loc);

private:
    friend class DeadlockAnalysis;

    // ---- calls, blocking and scheduling (engine.cpp) ----
    // Takes the lock, honours cancel and the scheduling policy, records the call's start. `peer` is a
    // rank of `comm` (or a wildcard): it is translated to a world rank under the lock.
    Lock enter_call(RankState& me, CallKind kind, bool generic, std::uint32_t comm, int peer, int tag,
                    std::int64_t bytes, const Loc& loc);
    void leave_call(RankState& me);
    void check_abort(RankState& me);
    // Blocks `me` until its wait is satisfied (or throws RunAborted). Lock held on entry; held on exit
    // unless `relock` is false: then, in free mode without recording, a rank woken by the one that
    // satisfied its wait returns without taking the lock again (it only reads its own state and the
    // requests it waited for, published to it through its parker).
    void block_until_satisfied(RankState& me, Lock& lock, bool relock = true);
    bool wait_satisfied(const RankState& me) const;
    // After `rank`'s wait may have become satisfied: make it ready / wake it.
    void notify(int rank);
    // `r` is blocked and its wait is satisfied: make it ready / wake it.
    void wake(RankState& r);
    void give_baton(int next, Lock& lock);                  // makes `next` run; releases the lock
    void hand_baton(RankState& me, int next, Lock& lock);   // gives the baton and waits to get it back
    void yield_at_call(RankState& me, Lock& lock);
    void futile_poll(RankState& me, Lock& lock);
    [[noreturn]] void declare_deadlock(RankState& me, const std::string& why_prefix = "");
    void deadlock_without_caller();
    // Ends the run: records the outcome, wakes every waiting rank thread (they throw RunAborted).
    void abort_run(Outcome outcome);
    [[noreturn]] void end_with_error(ErrorInfo error);   // records the outcome, aborts, throws RunAborted
    [[noreturn]] void fail(RankState& me, std::string kind, std::string message);
    [[noreturn]] void fail_request(const RequestState& request, std::string kind, std::string message);
    ErrorInfo error_for(int rank, std::uint32_t call, CallKind kind, bool generic, const Loc& loc) const;
    void complete(RequestState& request, double time);
    std::uint32_t register_request(std::unique_ptr<RequestState> request);
    RequestState* lookup_request(RankState& me, const Request& req, const char* what);
    void release_request(Request& req);

    // ---- point-to-point internals (point_to_point.cpp) ----
    void validate_comm(RankState& me, std::uint32_t comm);
    void validate_peer(RankState& me, std::uint32_t comm, int peer, bool is_source);
    void validate_tag(RankState& me, int tag, bool is_receive);
    void validate_payload(RankState& me, const Payload& payload);
    void validate_buffer(RankState& me, const Buffer& buf);
    // Ready mode: the run ends with an error unless `dest` has posted a receive matching this send.
    void check_receive_posted(RankState& me, std::uint32_t comm, int dest, int tag);
    // Posts a send (or a collective's internal send) at virtual time `time`.
    void post_send(RankState& sender, RequestState& send, const Payload& payload, double time);
    // `direct`: a blocking recv() that may publish itself in receiver.direct instead of the posted list.
    // Returns true if it published the receive in receiver.direct.
    bool post_recv(RankState& receiver, RequestState& recv, double time, bool direct = false);
    // The receiver's direct receive, if it matches the envelope and this call wins it (else nullptr).
    // A lock-free winner leaves claimed_marker() in the slot until it has woken the receiver.
    RequestState* claim_direct(RankState& receiver, const Envelope& envelope, bool lock_free);
    // Spins (up to spin_) until `r` is complete or the run is stopped; true if it completed.
    bool spin_until_complete(const RequestState& r) const;
    // Waits until no direct sender is still waking `me` (see claimed_marker).
    static void wait_for_claimer(const RankState& me);
    // Free mode without recording: an eager send to a rank blocked in a matching recv(), done without
    // the engine lock. Returns false (having done nothing) when the call must take the locked path.
    bool try_direct_send(RankState& me, std::uint32_t comm, const Payload& payload, int dest, int tag, SendMode mode,
                         CallKind kind, const Loc& loc);
    [[noreturn]] void delivery_failed(const DeliveryError& error, int source_local, int tag, RequestState& recv);
    void match(RankState& receiver, RequestState& recv, std::unique_ptr<Message> message);
    void deliver_or_fail(const Payload& payload, int source_local, int tag, RequestState& recv);
    void finish_wait(RankState& me, RequestState& r, Status* status, Value* value);
    // A watched Isend/Irecv buffer that changed before completion fails the call completing it.
    void check_watched_buffer(RankState& me, RequestState& r);
    void prepare_send(RankState& me, RequestState& s, std::uint32_t comm, const Payload& payload, int dest, int tag,
                      SendMode mode, CallKind kind, const Loc& loc);
    void prepare_recv(RankState& me, RequestState& r, std::uint32_t comm, Buffer buf, Value* value, int source,
                      int tag, CallKind kind, const Loc& loc);

    // ---- communicator internals ----
    CollectiveEntry& arrive(RankState& me, std::uint32_t comm, const CollectiveSignature& signature,
                            std::uint32_t& seq, const Loc& loc);
    void depart(std::uint32_t comm, std::uint32_t seq);
    // dup and split: a collective agreement after which the last rank creates the communicators.
    std::uint32_t create_comms(RankState& me, std::uint32_t comm, CallKind kind, int color, int key, const Loc& loc);
    std::uint32_t create_comm(std::string name, std::uint32_t parent, std::vector<int> members);

    // ---- choices in virtual-time order (choice.cpp) ----
    // A choice is committed only at quiescence — when no rank can run — so that no rank can still
    // produce an earlier arrival: then the pending choice whose earliest alternative is earliest goes
    // first, taking that alternative (or the one the Config forces).
    bool choosing() const { return scheduler_.deterministic(); }
    // A rank about to choose among the requests of its wait (Any) or the messages of its probe: waits
    // until granted; returns the key (request index or sender's local rank... see choice.cpp).
    int choose(RankState& me, Lock& lock);
    // Quiescence: commits pending choices until a rank is ready. Returns the rank to run next (-1: none).
    // If choices are pending but the forced ones cannot be made, ends the run (`throws` decides whether
    // it throws RunAborted, for a rank thread about to block, or only returns -1).
    int settle(int me, bool throws);
    enum class Commit : std::uint8_t { Made, NonePending, Stuck };
    Commit commit_next_choice();
    // Commits choices while no rank is ready; true if it committed any.
    bool commit_until_ready(bool throws);
    void note_wildcard(RankState& r);
    // Posted receives that wait behind a pending wildcard receive take their messages once it chose.
    void resolve_posted(RankState& r);
    // Does a posted ANY_SOURCE receive of `r` posted before `before` (nullptr: any) match the message?
    bool held_by_wildcard(const RankState& r, const Envelope& envelope, const RequestState* before) const;
    int forced_key(int rank, std::uint32_t ordinal) const;
    // A wildcard probe that found a message: the one it reports, chosen in virtual-time order.
    const Message* probed_message(RankState& me, std::uint32_t context, int tag, Lock& lock);
    void choices_stuck();

    // ---- collective internals ----
    void advance(CollectiveRun& run);
    void finish_outcome_checks();

    Config config_;
    Trace& trace_;
    Recorder recorder_;
    Scheduler scheduler_;
    EngineMutex mutex_;
    // Free mode: ranks not blocked and not finished. Changed under the lock, except by a direct
    // sender, which counts the rank it wakes before waking it (so the count never drops to 0 early).
    std::atomic<int> active_{0};
    bool direct_ = false;     // direct hand-off of eager sends to blocked receives (see try_direct_send)
    std::vector<std::unique_ptr<RankState>> ranks_;
    // Never moves an element: ranks read their communicators (size, rank, members) without the lock.
    StableTable<CommState> comms_;
    std::unordered_map<std::uint32_t, std::unique_ptr<RequestState>> requests_;   // user-visible, by id
    std::uint32_t next_request_id_ = 1;
    std::vector<std::uint32_t> detached_;   // requests the program freed while active (request_free)
    std::size_t sweep_at_ = 64;             // sweep detached_ for completed requests once it is this long
    int finished_ = 0;
    int current_ = -1;        // deterministic mode: the rank holding the baton
    std::atomic<bool> aborted_{false};   // read without the lock by woken ranks
    std::int64_t spin_ = 0;   // park() spins this many nanoseconds before sleeping
    std::uint64_t total_calls_ = 0;
    std::vector<int> cpus_;   // processors this process may run on
    std::vector<int> wildcard_ranks_;   // deterministic mode: ranks that posted an ANY_SOURCE receive
    std::vector<int> deciders_;         // ranks waiting in choose()
    std::map<std::pair<int, std::uint32_t>, int> forced_;   // Config::choices by (rank, ordinal)
};

}  // namespace mpilab
