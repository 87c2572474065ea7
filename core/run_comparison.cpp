// Comparing a recorded run with its simulation (see run_comparison.hpp). Calls are compared per rank by
// kind, messages per (communicator members, src, dst) by tag and size in the sender's order: both are
// properties of the program's behaviour, not of either side's clocks, algorithms or record keeping.
#include "run_comparison.hpp"

#include "protocol.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace mpilab {

namespace {

// Calls that one side records and the other cannot: the simulation's compute(), and communicator
// constructors and destructors (the C front end records Cart_create, Cart_sub, Comm_create and
// Comm_split_type as splits; the recorder registers those communicators without a call).
bool seen_by_one_side_only(CallKind kind) {
    return kind == CallKind::Compute || kind == CallKind::CommDup || kind == CallKind::CommSplit ||
           kind == CallKind::CommFree;
}

ComparedCall compared_call(const Trace& trace, std::uint32_t index) {
    ComparedCall call;
    if (index == NONE || index >= trace.calls.size()) return call;
    const CallRecord& c = trace.calls[index];
    call.call = index;
    call.kind = c.kind;
    call.name = call_name(c.kind, c.generic());
    if (c.location < trace.locations.size()) {
        call.file = trace.locations[c.location].file;
        call.line = trace.locations[c.location].line;
    }
    return call;
}

std::vector<BlockedPlace> blocked_places(const Trace& trace) {
    std::vector<BlockedPlace> places;
    if (!trace.outcome.deadlock) return places;
    for (const BlockedCall& b : trace.outcome.deadlock->blocked) {
        BlockedPlace place{b.rank, compared_call(trace, b.call)};
        if (place.call.call == NONE) {   // a blocked call the trace's table does not hold: its own words
            bool generic = false;
            call_kind_from_name(b.call_name, place.call.kind, generic);
            place.call.name = b.call_name;
        }
        place.call.file = b.file;
        place.call.line = b.line;
        places.push_back(std::move(place));
    }
    std::stable_sort(places.begin(), places.end(),
                     [](const BlockedPlace& a, const BlockedPlace& b) { return a.rank < b.rank; });
    return places;
}

OutcomeComparison compare_outcomes(const Trace& real, const Trace& simulated) {
    OutcomeComparison o;
    o.real = real.outcome.status;
    o.simulated = simulated.outcome.status;
    if (o.real == OutcomeStatus::Deadlock) o.real_blocked = blocked_places(real);
    if (o.simulated == OutcomeStatus::Deadlock) o.simulated_blocked = blocked_places(simulated);
    o.agree = o.real == o.simulated && o.real_blocked == o.simulated_blocked;
    return o;
}

std::vector<CallSequenceDifference> compare_call_sequences(const Trace& real, const Trace& simulated, std::int32_t ranks) {
    std::vector<CallSequenceDifference> differences;
    for (std::int32_t rank = 0; rank < ranks; ++rank) {
        const std::vector<std::uint32_t> a = comparable_calls(real, rank), b = comparable_calls(simulated, rank);
        std::size_t i = 0;
        while (i < a.size() && i < b.size() && real.calls[a[i]].kind == simulated.calls[b[i]].kind) ++i;
        if (i == a.size() && i == b.size()) continue;
        differences.push_back({rank, i, compared_call(real, i < a.size() ? a[i] : NONE),
                               compared_call(simulated, i < b.size() ? b[i] : NONE), a.size(), b.size()});
    }
    return differences;
}

// A pair's messages are keyed by the communicator's members rather than its id or name, which the two
// sides number and spell differently.
using PairKey = std::tuple<std::vector<std::int32_t>, std::int32_t, std::int32_t>;

struct PairMessages {
    std::vector<ComparedMessage> messages;
    std::string comm;
};

std::map<PairKey, PairMessages> messages_by_pair(const Trace& trace) {
    std::vector<std::uint32_t> order;
    for (std::uint32_t m = 0; m < trace.messages.size(); ++m)
        if (!trace.messages[m].collective()) order.push_back(m);
    // In the sender's order: by the call that sent it (a rank's calls are in its program order).
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        return trace.messages[a].send_call < trace.messages[b].send_call;
    });
    std::map<PairKey, PairMessages> pairs;
    for (std::uint32_t m : order) {
        const MessageRecord& msg = trace.messages[m];
        std::vector<std::int32_t> members;
        std::string name;
        if (msg.comm < trace.comms.size()) {
            members = trace.comms[msg.comm].members;
            name = trace.comms[msg.comm].name;
        }
        PairMessages& pair = pairs[{members, msg.src, msg.dst}];
        pair.comm = name;
        pair.messages.push_back({msg.tag, msg.bytes});
    }
    return pairs;
}

std::vector<MessagePairDifference> compare_messages(const Trace& real, const Trace& simulated) {
    const auto a = messages_by_pair(real), b = messages_by_pair(simulated);
    std::map<PairKey, MessagePairDifference> differences;
    auto note = [&](const PairKey& key, const PairMessages* r, const PairMessages* s) {
        static const std::vector<ComparedMessage> none;
        const auto& rm = r ? r->messages : none;
        const auto& sm = s ? s->messages : none;
        if (rm == sm) return;
        std::size_t i = 0;
        while (i < rm.size() && i < sm.size() && rm[i] == sm[i]) ++i;
        differences[key] = {std::get<1>(key), std::get<2>(key), r ? r->comm : s->comm, rm, sm, i};
    };
    for (const auto& [key, pair] : a) {
        auto other = b.find(key);
        note(key, &pair, other == b.end() ? nullptr : &other->second);
    }
    for (const auto& [key, pair] : b)
        if (!a.contains(key)) note(key, nullptr, &pair);
    std::vector<MessagePairDifference> list;
    for (auto& [key, difference] : differences) list.push_back(std::move(difference));
    std::stable_sort(list.begin(), list.end(), [](const MessagePairDifference& x, const MessagePairDifference& y) {
        return std::tie(x.src, x.dst) < std::tie(y.src, y.dst);
    });
    return list;
}

std::string place_text(const ComparedCall& call) {
    if (call.call == NONE && call.name.empty()) return "(no more calls)";
    std::string text = call.name;
    if (!call.file.empty()) text += " at " + call.file + ":" + std::to_string(call.line);
    return text;
}

std::string status_text(OutcomeStatus status) {
    std::string text(outcome_status_name(status));
    for (char& c : text) c = static_cast<char>(c - ('a' <= c && c <= 'z' ? 'a' - 'A' : 0));
    return text;
}

std::string message_text(const std::vector<ComparedMessage>& messages, std::size_t i) {
    if (i >= messages.size()) return "(no more messages)";
    return "tag " + std::to_string(messages[i].tag) + ", " + with_commas(messages[i].bytes) + " bytes";
}

std::string count_text(std::size_t n, const char* one, const char* many) {
    return with_commas(static_cast<std::int64_t>(n)) + " " + (n == 1 ? one : many);
}

void append_blocked(std::string& out, const char* side, const std::vector<BlockedPlace>& places) {
    for (const BlockedPlace& p : places)
        out += std::string("    ") + side + "rank " + std::to_string(p.rank) + " blocked in " + place_text(p.call) + "\n";
}

}  // namespace

std::vector<std::uint32_t> comparable_calls(const Trace& trace, std::int32_t rank) {
    // A blocking Bsend hands the program no request: a wait for its request is the front end completing
    // its buffered sends (in MPI_Buffer_detach or MPI_Finalize), which a real MPI does without a call.
    std::set<std::uint32_t> buffered_send_requests;
    for (const CallRecord& c : trace.calls)
        if (c.rank == rank && c.kind == CallKind::Bsend && c.request != 0) buffered_send_requests.insert(c.request);
    std::vector<std::uint32_t> calls;
    for (std::uint32_t i = 0; i < trace.calls.size(); ++i) {
        const CallRecord& c = trace.calls[i];
        if (c.rank != rank || seen_by_one_side_only(c.kind)) continue;
        if ((c.kind == CallKind::Wait || c.kind == CallKind::Waitall) && buffered_send_requests.contains(c.request)) continue;
        calls.push_back(i);
    }
    return calls;
}

Comparison compare_runs(const Trace& real, const Trace& simulated) {
    Comparison c;
    c.real_ranks = real.run.ranks;
    c.simulated_ranks = simulated.run.ranks;
    c.outcome = compare_outcomes(real, simulated);
    c.calls = compare_call_sequences(real, simulated, std::max(c.real_ranks, c.simulated_ranks));
    c.messages = compare_messages(real, simulated);
    return c;
}

std::string format_comparison(const Comparison& comparison, bool verbose) {
    const std::size_t shown = verbose ? SIZE_MAX : 8;
    const OutcomeComparison& o = comparison.outcome;
    std::string out;
    if (comparison.agree()) {
        return "The runs agree: both " + status_text(o.real) + ", every rank made the same calls and every pair " +
               "of ranks exchanged the same messages in the same order.\n";
    }
    out += "The runs differ.\n";
    if (comparison.real_ranks != comparison.simulated_ranks)
        out += "  Ranks: the real run has " + std::to_string(comparison.real_ranks) + ", the simulation " +
               std::to_string(comparison.simulated_ranks) + ".\n";
    if (o.agree) {
        out += "  Outcome: both " + status_text(o.real) + ".\n";
    } else {
        out += "  Outcome: real run " + status_text(o.real) + ", simulation " + status_text(o.simulated) +
               (o.real == o.simulated ? " in other calls" : "") + ".\n";
        append_blocked(out, "real:       ", o.real_blocked);
        append_blocked(out, "simulation: ", o.simulated_blocked);
    }
    if (!comparison.calls.empty()) {
        out += "  Calls: " + count_text(comparison.calls.size(), "rank makes", "ranks make") +
               " other calls (the first difference of each):\n";
        for (std::size_t i = 0; i < comparison.calls.size() && i < shown; ++i) {
            const CallSequenceDifference& d = comparison.calls[i];
            out += "    rank " + std::to_string(d.rank) + ", call " + std::to_string(d.index + 1) + ": real " +
                   place_text(d.real) + ", simulation " + place_text(d.simulated) + " (" +
                   count_text(d.real_calls, "call", "calls") + " in the real run, " +
                   with_commas(static_cast<std::int64_t>(d.simulated_calls)) + " simulated)\n";
        }
        if (comparison.calls.size() > shown)
            out += "    ... and " + std::to_string(comparison.calls.size() - shown) + " more ranks (-v lists all)\n";
    }
    if (!comparison.messages.empty()) {
        out += "  Messages: " + count_text(comparison.messages.size(), "pair of ranks exchanges", "pairs of ranks exchange") +
               " other messages:\n";
        for (std::size_t i = 0; i < comparison.messages.size() && i < shown; ++i) {
            const MessagePairDifference& d = comparison.messages[i];
            out += "    rank " + std::to_string(d.src) + " -> rank " + std::to_string(d.dst) + " on " + d.comm + ": " +
                   count_text(d.real.size(), "message", "messages") + " in the real run, " +
                   with_commas(static_cast<std::int64_t>(d.simulated.size())) + " simulated; message " +
                   std::to_string(d.first_difference + 1) + " is " + message_text(d.real, d.first_difference) +
                   " in the real run, " + message_text(d.simulated, d.first_difference) + " simulated\n";
        }
        if (comparison.messages.size() > shown)
            out += "    ... and " + std::to_string(comparison.messages.size() - shown) + " more pairs (-v lists all)\n";
    }
    return out;
}

}  // namespace mpilab
