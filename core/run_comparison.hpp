// Comparing two runs of one program — a real MPI run recorded by `mpilab record` and mpilab's simulation
// of it (`mpilab compare`): do they end the same way (and a hang in the same calls), does every rank
// make the same sequence of calls, and does every pair of ranks exchange the same messages in the same
// order? Pure: two traces in, a Comparison out, and a text for the CLI. Invariant: calls are compared
// only as comparable_calls() gives them, the one place that says what differs between a recording and a
// simulation by nature (calls one side cannot see) rather than by behaviour; messages only by what the
// program chose (communicator members, source, destination, tag, size, the sender's order).
#pragma once

#include "trace.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace mpilab {

// One call of one side, as the comparison shows it.
struct ComparedCall {
    std::uint32_t call = NONE;      // index into that trace's calls; NONE: the rank's calls had ended
    CallKind kind = CallKind::Send; // what is compared (the name is only shown)
    std::string name;               // "Send", "waitall"
    std::string file;
    std::uint32_t line = 0;
};

// A rank blocked at the end of a hang or deadlock, on one side.
struct BlockedPlace {
    std::int32_t rank = 0;
    ComparedCall call;
    // The same rank in the same kind of call at the same line (files are named differently by the two).
    friend bool operator==(const BlockedPlace& a, const BlockedPlace& b) {
        return a.rank == b.rank && a.call.kind == b.call.kind && a.call.line == b.call.line;
    }
};

struct OutcomeComparison {
    OutcomeStatus real = OutcomeStatus::Completed;
    OutcomeStatus simulated = OutcomeStatus::Completed;
    std::vector<BlockedPlace> real_blocked;       // rank order; empty unless that side hung
    std::vector<BlockedPlace> simulated_blocked;
    bool agree = true;                            // same status and, for a deadlock, the same blocked calls
};

// The first call at which one rank's sequence of calls differs.
struct CallSequenceDifference {
    std::int32_t rank = 0;
    std::size_t index = 0;                        // position among the rank's compared calls
    ComparedCall real, simulated;                 // call == NONE on the side whose sequence ended there
    std::size_t real_calls = 0, simulated_calls = 0;
};

// A message as its pair's sequence compares it.
struct ComparedMessage {
    std::int32_t tag = 0;
    std::int64_t bytes = 0;
    friend bool operator==(const ComparedMessage&, const ComparedMessage&) = default;
};

// Point-to-point messages from src to dst on one communicator (identified by its members) that differ
// in number or in the order of their tags and sizes.
struct MessagePairDifference {
    std::int32_t src = 0, dst = 0;
    std::string comm;                             // its name in the real trace
    std::vector<ComparedMessage> real, simulated; // in the order they were sent
    std::size_t first_difference = 0;             // index of the first differing message
};

struct Comparison {
    OutcomeComparison outcome;
    std::int32_t real_ranks = 0, simulated_ranks = 0;
    std::vector<CallSequenceDifference> calls;    // one per rank that differs, rank order
    std::vector<MessagePairDifference> messages;  // (src, dst) order
    bool agree() const { return outcome.agree && real_ranks == simulated_ranks && calls.empty() && messages.empty(); }
};

// The calls of `rank` the comparison looks at, in the rank's order: everything the program called but
// what only one side can see — a simulation's compute(); communicator constructors and destructors,
// which the C front end records as splits (Cart_create, Cart_sub, Comm_create, Comm_split_type) while
// the recorder does not record them as calls; and the wait with which the C front end completes
// buffered sends (in MPI_Buffer_detach or MPI_Finalize). Calls are compared by kind, so "send" and
// "Send" are one call.
std::vector<std::uint32_t> comparable_calls(const Trace& trace, std::int32_t rank);

Comparison compare_runs(const Trace& real, const Trace& simulated);

// The comparison for a terminal: the verdict, then each difference with both sides' calls and lines.
// Without `verbose`, at most 8 ranks and 8 message pairs are listed (with how many more).
std::string format_comparison(const Comparison& comparison, bool verbose = false);

}  // namespace mpilab
