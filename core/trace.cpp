// Names of the trace's enums (as programs and reports spell them) and small queries on a Trace.
#include "trace.hpp"

#include <algorithm>
#include <array>

namespace mpilab {
namespace {

struct CallNames {
    const char* typed;     // capitalised, as the typed-buffer call is spelled
    const char* generic;   // lowercase, as the generic-value call is spelled ("" if it has no such flavour)
};

constexpr std::array<CallNames, static_cast<std::size_t>(CallKind::Count_)> kCallNames{{
    {"Send", "send"}, {"Ssend", "ssend"}, {"Recv", "recv"}, {"Sendrecv", "sendrecv"},
    {"Isend", "isend"}, {"Issend", "issend"}, {"Irecv", "irecv"},
    {"Bsend", ""}, {"Rsend", ""}, {"Ibsend", ""}, {"Irsend", ""},
    {"wait", ""}, {"test", ""}, {"waitall", ""}, {"waitany", ""}, {"waitsome", ""},
    {"testall", ""}, {"testany", ""}, {"testsome", ""},
    {"probe", ""}, {"iprobe", ""},
    {"compute", ""},
    {"Barrier", "barrier"}, {"Bcast", "bcast"}, {"Reduce", "reduce"}, {"Allreduce", "allreduce"},
    {"Gather", "gather"}, {"Gatherv", "gatherv"}, {"Scatter", "scatter"}, {"Scatterv", "scatterv"},
    {"Allgather", "allgather"}, {"Allgatherv", "allgatherv"}, {"Alltoall", "alltoall"},
    {"Alltoallv", "alltoallv"}, {"Alltoallw", ""}, {"Reduce_scatter", "reduce_scatter"},
    {"Reduce_scatter_block", "reduce_scatter_block"}, {"Scan", "scan"}, {"Exscan", "exscan"},
    {"Ibarrier", "ibarrier"}, {"Ibcast", "ibcast"}, {"Ireduce", "ireduce"}, {"Iallreduce", "iallreduce"},
    {"Igather", "igather"}, {"Igatherv", ""}, {"Iscatter", "iscatter"}, {"Iscatterv", ""},
    {"Iallgather", "iallgather"}, {"Iallgatherv", ""}, {"Ialltoall", "ialltoall"}, {"Ialltoallv", ""},
    {"Ialltoallw", ""}, {"Ireduce_scatter", ""}, {"Ireduce_scatter_block", ""}, {"Iscan", ""}, {"Iexscan", ""},
    {"dup", ""}, {"split", ""}, {"free", ""},
}};

}  // namespace

std::string call_name(CallKind kind, bool generic) {
    auto index = static_cast<std::size_t>(kind);
    if (index >= kCallNames.size()) return "unknown";
    const CallNames& names = kCallNames[index];
    return (generic && names.generic[0] != '\0') ? names.generic : names.typed;
}

bool call_kind_from_name(std::string_view name, CallKind& kind, bool& generic) {
    for (std::size_t i = 0; i < kCallNames.size(); ++i) {
        if (name == kCallNames[i].typed) {
            kind = static_cast<CallKind>(i);
            // Calls without two flavours are spelled in lowercase in both: not generic.
            generic = false;
            return true;
        }
        if (kCallNames[i].generic[0] != '\0' && name == kCallNames[i].generic) {
            kind = static_cast<CallKind>(i);
            generic = true;
            return true;
        }
    }
    return false;
}

bool is_collective(CallKind kind) { return kind >= CallKind::Barrier && kind <= CallKind::Iexscan; }
bool is_nonblocking_collective(CallKind kind) { return kind >= CallKind::Ibarrier && kind <= CallKind::Iexscan; }
bool is_point_to_point(CallKind kind) { return kind <= CallKind::Iprobe; }

bool is_send_call(CallKind kind) {
    switch (kind) {
        case CallKind::Send: case CallKind::Ssend: case CallKind::Bsend: case CallKind::Rsend:
        case CallKind::Isend: case CallKind::Issend: case CallKind::Ibsend: case CallKind::Irsend:
            return true;
        default:
            return false;
    }
}

bool is_receive_call(CallKind kind) {
    return kind == CallKind::Recv || kind == CallKind::Irecv || kind == CallKind::Probe || kind == CallKind::Iprobe;
}

std::string_view protocol_name(Protocol p) {
    switch (p) {
        case Protocol::None: return "none";
        case Protocol::Eager: return "eager";
        case Protocol::Rendezvous: return "rendezvous";
    }
    return "none";
}

std::string_view op_name(OpKind op) {
    switch (op) {
        case OpKind::None: return "";
        case OpKind::Sum: return "SUM";
        case OpKind::Prod: return "PROD";
        case OpKind::Min: return "MIN";
        case OpKind::Max: return "MAX";
        case OpKind::Land: return "LAND";
        case OpKind::Lor: return "LOR";
        case OpKind::Lxor: return "LXOR";
        case OpKind::Band: return "BAND";
        case OpKind::Bor: return "BOR";
        case OpKind::Bxor: return "BXOR";
        case OpKind::Minloc: return "MINLOC";
        case OpKind::Maxloc: return "MAXLOC";
        case OpKind::User: return "user";
    }
    return "";
}

std::string_view rank_end_name(RankEnd e) {
    switch (e) {
        case RankEnd::Finished: return "finished";
        case RankEnd::Deadlocked: return "deadlocked";
        case RankEnd::Failed: return "failed";
        case RankEnd::Aborted: return "aborted";
    }
    return "finished";
}

std::string_view event_kind_name(EventKind kind) {
    switch (kind) {
        case EventKind::Enter: return "enter";
        case EventKind::Return: return "return";
        case EventKind::Post: return "post";
        case EventKind::Deliver: return "deliver";
        case EventKind::Match: return "match";
        case EventKind::Finish: return "finish";
        case EventKind::Print: return "print";
    }
    return "enter";
}

std::string_view outcome_status_name(OutcomeStatus s) {
    switch (s) {
        case OutcomeStatus::Completed: return "completed";
        case OutcomeStatus::Deadlock: return "deadlock";
        case OutcomeStatus::Error: return "error";
        case OutcomeStatus::Cancelled: return "cancelled";
    }
    return "completed";
}

double Trace::end_time() const {
    double end = 0;
    for (const CallRecord& c : calls) end = std::max(end, c.leave);
    for (const MessageRecord& m : messages) end = std::max({end, m.post_time, m.arrival_time, m.complete_time});
    for (const RankRecord& r : ranks) end = std::max(end, r.end_time);
    for (const OutputLine& o : output) end = std::max(end, o.time);
    return end;
}

std::size_t Trace::memory_bytes() const {
    std::size_t bytes = calls.capacity() * sizeof(CallRecord) + messages.capacity() * sizeof(MessageRecord) +
                        output.capacity() * sizeof(OutputLine) + locations.capacity() * sizeof(SourceLocation) +
                        comms.capacity() * sizeof(CommRecord) + ranks.capacity() * sizeof(RankRecord) +
                        events.capacity() * sizeof(TraceEvent);
    for (const OutputLine& o : output) bytes += o.text.capacity() > 15 ? o.text.capacity() : 0;
    for (const SourceLocation& l : locations) bytes += l.file.capacity() + l.function.capacity();
    for (const CommRecord& c : comms) bytes += c.members.capacity() * sizeof(std::int32_t) + c.name.capacity();
    return bytes;
}

static_assert(sizeof(CallRecord) == 64, "CallRecord is kept at 64 bytes");
static_assert(sizeof(MessageRecord) <= 72, "MessageRecord is kept at 72 bytes");
static_assert(sizeof(TraceEvent) == 8, "TraceEvent is kept at 8 bytes");

}  // namespace mpilab
