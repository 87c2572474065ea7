// The trace: plain data describing one run — the run's settings, every call with its virtual enter
// and leave times, every message with its protocol and times, each rank's printed output, and the
// outcome, and the order in which the runtime executed its events. A Trace fresh from a run and one loaded
// from JSON are the same type. Invariants: calls and messages are stored in the order the runtime recorded
// them; every index field points inside its table or is NONE; times are virtual seconds.
#pragma once

#include "types.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mpilab {

inline constexpr std::uint32_t NONE = 0xffffffffu;

enum class CallKind : std::uint8_t {
    // point-to-point (Bsend/Ibsend: a front end that keeps MPI's attached buffer; Rsend/Irsend: ready mode)
    Send, Ssend, Recv, Sendrecv, Isend, Issend, Irecv, Bsend, Rsend, Ibsend, Irsend,
    Wait, Test, Waitall, Waitany, Waitsome, Testall, Testany, Testsome,
    Probe, Iprobe,
    // local
    Compute,
    // blocking collectives
    Barrier, Bcast, Reduce, Allreduce, Gather, Gatherv, Scatter, Scatterv, Allgather, Allgatherv,
    Alltoall, Alltoallv, Alltoallw, ReduceScatter, ReduceScatterBlock, Scan, Exscan,
    // non-blocking collectives (the call starts it; wait/test complete it)
    Ibarrier, Ibcast, Ireduce, Iallreduce, Igather, Igatherv, Iscatter, Iscatterv, Iallgather, Iallgatherv,
    Ialltoall, Ialltoallv, Ialltoallw, IreduceScatter, IreduceScatterBlock, Iscan, Iexscan,
    // communicators
    CommDup, CommSplit, CommFree,
    Count_
};

// The name a program used: mpi4py style, lowercase for generic values ("send") and capitalised for
// typed buffers ("Send"). Calls without a data flavour (wait, barrier, compute) are lowercase.
std::string call_name(CallKind kind, bool generic);
bool call_kind_from_name(std::string_view name, CallKind& kind, bool& generic);
bool is_collective(CallKind kind);
bool is_nonblocking_collective(CallKind kind);
bool is_point_to_point(CallKind kind);
// A call that sends (Send, Ssend, Bsend, Rsend and their I-forms) / receives or probes.
bool is_send_call(CallKind kind);
bool is_receive_call(CallKind kind);

enum class Protocol : std::uint8_t { None, Eager, Rendezvous };
std::string_view protocol_name(Protocol p);

// Reduction operations (recorded for collective calls).
enum class OpKind : std::uint8_t { None, Sum, Prod, Min, Max, Land, Lor, Lxor, Band, Bor, Bxor, Minloc, Maxloc, User };
std::string_view op_name(OpKind op);

// Flags of a call record.
enum CallFlags : std::uint8_t {
    CALL_GENERIC = 1,     // generic-value flavour (lowercase call)
    CALL_BLOCKED = 2,     // the rank blocked inside this call (it was not runnable for a while)
    CALL_UNFINISHED = 4,  // the call never returned (deadlock, error or abort)
    CALL_FAILED = 8,      // the run's error was raised in this call
};

// One API call of one rank. 64 bytes.
struct CallRecord {
    double enter = 0;                 // virtual time at entry
    double leave = 0;                 // virtual time at return (== enter for an unfinished call)
    std::int64_t bytes = 0;           // payload bytes sent or the receive buffer's capacity
    std::int32_t rank = 0;            // world rank
    std::int32_t peer = PROC_NULL;    // world rank of destination / source / root; ANY_SOURCE; PROC_NULL
    std::int32_t tag = 0;             // tag; for collectives the call's sequence number on its comm
    std::uint32_t comm = 0;           // communicator id (index into Trace::comms)
    std::uint32_t location = NONE;    // index into Trace::locations
    std::uint32_t request = 0;        // request created (isend, irecv, i-collectives) or first one waited on
    std::uint32_t message = NONE;     // message sent or received by a p2p call (first one for sendrecv)
    CallKind kind = CallKind::Send;
    std::uint8_t flags = 0;
    Protocol protocol = Protocol::None;
    OpKind op = OpKind::None;
    std::uint8_t algorithm = 0;       // index into Trace::algorithms for collectives (0 = none)
    std::uint8_t reserved_[3] = {};

    bool generic() const { return flags & CALL_GENERIC; }
    bool blocked() const { return flags & CALL_BLOCKED; }
    bool unfinished() const { return flags & CALL_UNFINISHED; }
};

enum MessageFlags : std::uint8_t {
    MSG_COLLECTIVE = 1,   // sent by a collective's algorithm on the communicator's hidden context
    MSG_GENERIC = 2,      // payload is a serialised generic value
    MSG_RECEIVED = 4,     // matched and delivered
    MSG_MATCHED = 8,      // matched with a receive (rendezvous data may still be unsent at an abort)
    MSG_SYNCHRONOUS = 16, // sent with ssend / issend
};

// One message. 72 bytes. Its id is its index in Trace::messages.
struct MessageRecord {
    double post_time = 0;       // sender posted it
    double match_time = -1;     // its envelope met a matching receive (-1: never)
    double arrival_time = -1;   // its data reached the receiver (-1: never)
    double complete_time = -1;  // the receive completed (-1: never)
    std::int64_t bytes = 0;
    std::int32_t src = 0;       // world ranks
    std::int32_t dst = 0;
    std::int32_t tag = 0;
    std::uint32_t comm = 0;
    std::uint32_t send_call = NONE;   // the call that sent it (a collective's span for internal messages)
    std::uint32_t recv_call = NONE;   // the call that received it
    Protocol protocol = Protocol::Eager;
    std::uint8_t flags = 0;
    TypeKind type = TypeKind::Byte;

    bool received() const { return flags & MSG_RECEIVED; }
    bool collective() const { return flags & MSG_COLLECTIVE; }
};

struct SourceLocation {
    std::string file;
    std::uint32_t line = 0;
    std::string function;
    friend bool operator==(const SourceLocation&, const SourceLocation&) = default;
};

struct CommRecord {
    std::uint32_t id = 0;
    std::string name;                  // "world", "world.dup", "world.split(color=1)"
    std::uint32_t parent = NONE;
    std::vector<std::int32_t> members; // world rank of each local rank
};

struct OutputLine {
    std::int32_t rank = 0;
    double time = 0;
    std::string text;
};

enum class RankEnd : std::uint8_t { Finished, Deadlocked, Failed, Aborted };
std::string_view rank_end_name(RankEnd e);

struct RankRecord {
    double end_time = 0;               // virtual time when it returned or stopped
    RankEnd end = RankEnd::Finished;
    std::uint32_t last_location = NONE; // where it last called into the runtime
};

enum class OutcomeStatus : std::uint8_t { Completed, Deadlock, Error, Cancelled };
std::string_view outcome_status_name(OutcomeStatus s);

// One blocked rank at a deadlock: the call it is stuck in and why.
struct BlockedCall {
    std::int32_t rank = 0;
    std::uint32_t call = NONE;          // index into Trace::calls (the outermost call: a collective, not its internals)
    std::string call_name;              // "Send", "recv", "waitall", "bcast"
    std::int32_t peer = PROC_NULL;      // world rank it waits for (ANY_SOURCE for any)
    std::int32_t tag = 0;
    std::int64_t bytes = 0;
    Protocol protocol = Protocol::None;
    std::vector<std::uint32_t> requests;
    std::string file;
    std::uint32_t line = 0;
    std::string reason;                 // why it cannot return, in a student's words
};

enum class ArcKind : std::uint8_t { And, Or };

// "from needs to" in the wait-for graph: AND arcs are all needed, one OR arc of a rank suffices.
struct WaitArc {
    std::int32_t from = 0;
    std::int32_t to = 0;
    ArcKind kind = ArcKind::And;
    std::string label;                  // "recv tag 0", "rendezvous send of 80000 bytes"
    bool to_finished = false;           // `to` has already returned from its program
};

struct DeadlockInfo {
    std::vector<BlockedCall> blocked;
    std::vector<WaitArc> arcs;
    std::vector<std::int32_t> cycle;    // ranks of one cycle, starting at its lowest rank (may be empty)
    std::vector<std::int32_t> knot;     // blocked ranks none of which can ever be released
    std::vector<std::int32_t> finished; // ranks that had already returned
};

struct ErrorInfo {
    std::int32_t rank = -1;
    std::string call;                   // "Recv"
    std::uint32_t call_index = NONE;
    std::string file;
    std::uint32_t line = 0;
    std::string kind;                   // "truncation", "type mismatch", "invalid rank", "exception", ...
    std::string message;                // what happened and what to change
};

struct Outcome {
    OutcomeStatus status = OutcomeStatus::Completed;
    std::string message;                // one paragraph summary
    std::optional<DeadlockInfo> deadlock;
    std::optional<ErrorInfo> error;
    Value results = Value::object();    // values a program reported with Comm::result()
    std::vector<std::string> warnings;  // unreceived messages, requests never completed, ...
};

// One step of the run in the order the runtime executed it (under the engine lock): virtual times say
// when things happen on the simulated machine, steps say in which order the scheduler made them happen,
// so calls of zero duration and events at one virtual time still come one after another.
enum class EventKind : std::uint8_t {
    Enter,     // a call was entered (index: the call)
    Return,    // a call returned (index: the call)
    Post,      // a message was posted: an eager message's data, a rendezvous message's envelope (index: the message)
    Deliver,   // a message's data reached the receiver: its posted receive or its unexpected queue (index: the message)
    Match,     // a message met its matching receive (index: the message)
    Finish,    // a rank returned from its program or was stopped by the run's end (index: the rank)
    Print,     // a rank printed a line (index: into Trace::output)
};
inline constexpr int EVENT_KINDS = static_cast<int>(EventKind::Print) + 1;
std::string_view event_kind_name(EventKind kind);

// 8 bytes. An event's step is its position in Trace::events.
struct TraceEvent {
    std::uint32_t index = 0;           // into Trace::calls, Trace::messages or Trace::ranks, by kind
    EventKind kind = EventKind::Enter;
    std::uint8_t reserved_[3] = {};
    friend bool operator==(const TraceEvent& a, const TraceEvent& b) { return a.index == b.index && a.kind == b.kind; }
};

// Where a recorded real MPI run came from (`mpilab record`): its times are the wall clock of the
// processes, aligned to rank 0's clock, not a virtual clock.
struct RecordedRun {
    std::string mpi;                    // "MPICH 4.0.2", "Open MPI 4.1.4"
    std::string launcher;               // the command line it was started with ("mpiexec -n 4 ./ring")
    std::vector<std::string> hosts;     // host of each rank
    double clock_error = 0;             // the clock alignment's uncertainty, seconds (half the best round trip)
};

struct RunInfo {
    std::string scenario;               // empty for a program run directly
    std::int32_t ranks = 1;
    std::int64_t eager_threshold = 65536;
    std::optional<std::int64_t> buffer_cap;
    bool synchronous_sends = false;
    std::string schedule = "run-until-blocked";
    std::uint64_t seed = 0;
    double latency = 1e-6;
    double bandwidth = 1e10;
    Value params = Value::object();
    Value algorithms = Value::object(); // collective -> algorithm name chosen in the config
    double wall_seconds = 0;            // measured, not part of the deterministic content
    std::optional<RecordedRun> recorded; // set for a real MPI run recorded by `mpilab record`
};

// One point where the run could have gone more than one way, and the way it went: a receive from
// ANY_SOURCE (or a probe for one) choosing among the senders whose messages could match it, or a
// waitany / testany / waitsome / testsome choosing among its completed requests. The runtime makes
// these choices in virtual-time order (the earliest arrival, ties by the lower key) unless the run's
// Config forces them; replaying the taken keys reproduces the run exactly.
struct ChoiceAlternative {
    std::int32_t key = 0;     // the sender's world rank (receive, probe) or the request's index (wait/test)
    double time = 0;          // its arrival (message) or completion (request), virtual seconds
};

struct ChoicePoint {
    std::int32_t rank = 0;              // world rank that made the choice
    std::uint32_t ordinal = 0;          // it was this rank's n-th choice (from 0)
    std::uint32_t call = NONE;          // the receive, probe or wait/test call (NONE when not recorded)
    CallKind kind = CallKind::Recv;
    std::vector<ChoiceAlternative> alternatives;   // what could be taken then, earliest first
    std::vector<std::int32_t> later;    // wait/test: requests still incomplete then (could have completed first)
    std::int32_t taken = 0;             // the key taken
    bool forced = false;                // taken because the run's Config said so (replay, exploration)
};

struct Trace {
    RunInfo run;
    Outcome outcome;
    std::vector<CallRecord> calls;
    std::vector<MessageRecord> messages;
    std::vector<OutputLine> output;
    std::vector<SourceLocation> locations;
    std::vector<CommRecord> comms;
    std::vector<RankRecord> ranks;
    std::vector<std::string> algorithms{""};   // names referenced by CallRecord::algorithm; [0] = none
    // The run's global order of events (empty for a trace recorded without it). Every call has one Enter
    // and, if it returned, one Return after it; every message one Post, then Deliver and Match once each
    // when they happened; every rank one Finish; every output line one Print. Ranks the run's end stopped get theirs together, in rank
    // order, at the step where the run ended (a deadlock, an error, a cancel).
    std::vector<TraceEvent> events;
    std::vector<ChoicePoint> choices;           // in the order they were made (recorded even when calls are not)

    double end_time() const;            // the largest virtual time in the trace
    std::size_t memory_bytes() const;   // heap bytes held by the tables (for the memory benchmark)
};

}  // namespace mpilab
