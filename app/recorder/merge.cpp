// Merging the per-process record files of a real run into one trace (see merge.hpp). Each process's
// records are read in the order it wrote them: communicators first (a call's record precedes the
// communicator it introduces), then calls, the requests they wait for and the completions they saw.
#include "app/recorder/merge.hpp"

#include "app/frontends/c/runner/crash_report.hpp"
#include "app/recorder/clock_alignment.hpp"
#include "app/recorder/hang.hpp"
#include "app/recorder/source_places.hpp"
#include "core/eager_presets.hpp"

#include <algorithm>
#include <csignal>
#include <deque>
#include <map>
#include <set>
#include <tuple>

namespace mpilab::recorder {

namespace {

// The largest message a standard send of that MPI hands over without waiting for the receive (a
// send-send exchange of one byte more hangs): its eager preset; 0 when it is not known.
std::int64_t eager_limit_of(const std::string& mpi) {
    const auto preset = eager_preset_of_library(mpi);
    return preset ? preset->bytes : 0;
}

CallKind call_kind_of(int kind) {
    switch (kind) {
        case REC_SEND: return CallKind::Send;
        case REC_SSEND: return CallKind::Ssend;
        case REC_BSEND: return CallKind::Bsend;
        case REC_RSEND: return CallKind::Rsend;
        case REC_RECV: return CallKind::Recv;
        case REC_SENDRECV: return CallKind::Sendrecv;
        case REC_ISEND: return CallKind::Isend;
        case REC_ISSEND: return CallKind::Issend;
        case REC_IBSEND: return CallKind::Ibsend;
        case REC_IRSEND: return CallKind::Irsend;
        case REC_IRECV: return CallKind::Irecv;
        case REC_WAIT: return CallKind::Wait;
        case REC_WAITALL: return CallKind::Waitall;
        case REC_WAITANY: return CallKind::Waitany;
        case REC_WAITSOME: return CallKind::Waitsome;
        case REC_TEST: return CallKind::Test;
        case REC_TESTALL: return CallKind::Testall;
        case REC_TESTANY: return CallKind::Testany;
        case REC_TESTSOME: return CallKind::Testsome;
        case REC_PROBE: return CallKind::Probe;
        case REC_IPROBE: return CallKind::Iprobe;
        case REC_BARRIER: return CallKind::Barrier;
        case REC_BCAST: return CallKind::Bcast;
        case REC_REDUCE: return CallKind::Reduce;
        case REC_ALLREDUCE: return CallKind::Allreduce;
        case REC_GATHER: return CallKind::Gather;
        case REC_GATHERV: return CallKind::Gatherv;
        case REC_SCATTER: return CallKind::Scatter;
        case REC_SCATTERV: return CallKind::Scatterv;
        case REC_ALLGATHER: return CallKind::Allgather;
        case REC_ALLGATHERV: return CallKind::Allgatherv;
        case REC_ALLTOALL: return CallKind::Alltoall;
        case REC_ALLTOALLV: return CallKind::Alltoallv;
        case REC_REDUCE_SCATTER: return CallKind::ReduceScatter;
        case REC_REDUCE_SCATTER_BLOCK: return CallKind::ReduceScatterBlock;
        case REC_SCAN: return CallKind::Scan;
        case REC_EXSCAN: return CallKind::Exscan;
        case REC_COMM_DUP: return CallKind::CommDup;
        case REC_COMM_SPLIT: return CallKind::CommSplit;
        case REC_IBARRIER: return CallKind::Ibarrier;
        case REC_IBCAST: return CallKind::Ibcast;
        case REC_IREDUCE: return CallKind::Ireduce;
        case REC_IALLREDUCE: return CallKind::Iallreduce;
        case REC_IGATHER: return CallKind::Igather;
        case REC_IGATHERV: return CallKind::Igatherv;
        case REC_ISCATTER: return CallKind::Iscatter;
        case REC_ISCATTERV: return CallKind::Iscatterv;
        case REC_IALLGATHER: return CallKind::Iallgather;
        case REC_IALLGATHERV: return CallKind::Iallgatherv;
        case REC_IALLTOALL: return CallKind::Ialltoall;
        case REC_IALLTOALLV: return CallKind::Ialltoallv;
        case REC_IREDUCE_SCATTER: return CallKind::IreduceScatter;
        case REC_IREDUCE_SCATTER_BLOCK: return CallKind::IreduceScatterBlock;
        case REC_ISCAN: return CallKind::Iscan;
        case REC_IEXSCAN: return CallKind::Iexscan;
        default: return CallKind::CommFree;
    }
}

bool is_call_record(int kind) { return kind >= REC_SEND && kind < REC_CALL_KINDS_END; }

// A call of one rank while the merge works on it; becomes Trace::calls[index].
struct Call {
    CallRecord record;
    std::uint64_t address = 0;
    std::uint32_t seq = 0;               // its position among its rank's calls
    std::int32_t recv_peer = PROC_NULL;  // sendrecv: the source it receives from (world), and the tag
    std::int32_t recv_tag = ANY_TAG;
    bool status = false;                 // a receive's status was recorded
    std::int32_t source = PROC_NULL;     // status: source (world) and tag
    std::int32_t status_tag = 0;
    std::uint32_t request_id = 0;
    std::vector<std::uint32_t> waits_on; // request ids
    std::uint32_t index = NONE;
};

struct Completion {
    std::size_t call = 0;                // the call that saw it (position in the rank's calls)
    double time = 0;
    std::int32_t source = PROC_NULL;     // world rank, for receives
    std::int32_t tag = 0;
};

struct RankCalls {
    std::vector<Call> calls;
    std::map<std::uint32_t, std::size_t> request_call;          // request id -> the call that started it
    std::map<std::uint32_t, Completion> completions;            // request id -> its completion
    std::map<int, std::uint32_t> comms;                          // local id -> trace comm
};

class Merger {
public:
    Merger(const std::vector<ProcessRecord>& processes, const RunFacts& facts)
        : processes_(processes), facts_(facts), places_(processes, facts.folder) {}

    Trace merge() {
        ranks_ = static_cast<int>(processes_.size());
        mpi_ = processes_.front().info.mpi;
        eager_ = eager_limit_of(mpi_);
        t_.comms.push_back(CommRecord{0, "world", NONE, {}});
        for (int r = 0; r < ranks_; ++r) t_.comms[0].members.push_back(r);
        align_clocks();
        per_rank_.resize(static_cast<std::size_t>(ranks_));
        for (int r = 0; r < ranks_; ++r) read_comms(r);
        for (int r = 0; r < ranks_; ++r) read_calls(r);
        resolve_places();
        order_calls();
        match_messages();
        fill_run();
        decide_outcome();
        return std::move(t_);
    }

private:
    const ProcessRecord& process(int r) const { return processes_[static_cast<std::size_t>(r)]; }

    void align_clocks() {
        for (const ProcessRecord& p : processes_) clocks_.emplace_back(p.info);
        origin_ = INT64_MAX;
        for (int r = 0; r < ranks_; ++r) {
            const ProcessInfo& info = process(r).info;
            if (info.sync_count > 0) origin_ = std::min(origin_, clocks_[static_cast<std::size_t>(r)].to_reference(info.sync_local_ns[0]));
            for (const mpilab_record& rec : process(r).records)
                if (is_call_record(rec.u.call.kind)) {
                    origin_ = std::min(origin_, clocks_[static_cast<std::size_t>(r)].to_reference(rec.enter_ns));
                    break;
                }
            clock_error_ = std::max(clock_error_, clocks_[static_cast<std::size_t>(r)].error_ns());
        }
        if (origin_ == INT64_MAX) origin_ = 0;
    }

    double seconds(int rank, std::int64_t ns) const {
        return std::max(0.0, static_cast<double>(clocks_[static_cast<std::size_t>(rank)].to_reference(ns) - origin_) * 1e-9);
    }

    // Communicators: the same one on every member has the same parent, creation ordinal and members.
    void read_comms(int r) {
        RankCalls& rc = per_rank_[static_cast<std::size_t>(r)];
        rc.comms[0] = 0;
        const auto& records = process(r).records;
        for (std::size_t i = 0; i < records.size(); ++i) {
            const auto& call = records[i].u.call;
            if (call.kind != REC_COMM_NEW) continue;
            const int local = call.comm, parent_local = call.extra, ordinal = call.peer, size = call.tag;
            std::vector<std::int32_t> members;
            for (std::size_t j = i + 1; j < records.size() && records[j].u.call.kind == REC_MEMBERS &&
                                        static_cast<int>(members.size()) < size; ++j)
                for (int k = 0; k < 10 && static_cast<int>(members.size()) < size; ++k) members.push_back(records[j].u.members[k]);
            bool valid = static_cast<int>(members.size()) == size && size > 0;
            for (std::int32_t m : members) valid = valid && m >= 0 && m < ranks_;
            auto parent = rc.comms.find(parent_local);
            if (!valid || parent == rc.comms.end()) continue;
            const auto key = std::make_tuple(parent->second, ordinal, members);
            auto known = comm_ids_.find(key);
            std::uint32_t id;
            if (known != comm_ids_.end()) {
                id = known->second;
            } else {
                id = static_cast<std::uint32_t>(t_.comms.size());
                const bool dup = i > 0 && records[i - 1].u.call.kind == REC_COMM_DUP;
                std::string name = t_.comms[parent->second].name + (ordinal < 0 ? ".comm" : dup ? ".dup" : ".split");
                if (!dup && ordinal >= 0) name += "(" + std::to_string(members.size()) + " ranks)";
                t_.comms.push_back(CommRecord{id, name, parent->second, members});
                comm_ids_.emplace(key, id);
            }
            rc.comms[local] = id;
        }
    }

    std::int32_t world_rank(std::uint32_t comm, std::int32_t local) const {
        if (local == MPILAB_REC_ANY_SOURCE) return ANY_SOURCE;
        if (local < 0) return PROC_NULL;
        const auto& members = t_.comms[comm].members;
        return static_cast<std::size_t>(local) < members.size() ? members[static_cast<std::size_t>(local)] : PROC_NULL;
    }

    void read_calls(int r) {
        RankCalls& rc = per_rank_[static_cast<std::size_t>(r)];
        std::map<std::uint32_t, std::uint32_t> collective_seq;   // comm -> collectives so far
        for (const mpilab_record& rec : process(r).records) {
            const auto& f = rec.u.call;
            if (is_call_record(f.kind)) {
                Call c;
                CallRecord& cr = c.record;
                cr.kind = call_kind_of(f.kind);
                cr.rank = r;
                auto comm = rc.comms.find(f.comm);
                cr.comm = comm == rc.comms.end() ? 0 : comm->second;
                cr.enter = seconds(r, rec.enter_ns);
                cr.leave = rec.leave_ns ? std::max(cr.enter, seconds(r, rec.leave_ns)) : cr.enter;
                if (!rec.leave_ns) cr.flags |= CALL_UNFINISHED | CALL_BLOCKED;
                cr.bytes = std::max<std::int64_t>(0, f.bytes);
                cr.peer = f.peer == MPILAB_REC_NO_PEER ? PROC_NULL : world_rank(cr.comm, f.peer);
                cr.tag = f.tag;
                if (is_collective(cr.kind)) cr.tag = static_cast<std::int32_t>(collective_seq[cr.comm]++);
                if (is_send_call(cr.kind) || cr.kind == CallKind::Sendrecv)
                    cr.protocol = (cr.kind == CallKind::Ssend || cr.kind == CallKind::Issend || (eager_ > 0 && cr.bytes > eager_))
                                      ? Protocol::Rendezvous : Protocol::Eager;
                c.address = f.address;
                c.request_id = f.request;
                if (f.kind == REC_SENDRECV) {
                    c.recv_peer = world_rank(cr.comm, f.recv_peer);
                    c.recv_tag = static_cast<std::int32_t>(f.request);
                    c.request_id = 0;
                }
                cr.request = c.request_id;
                if (f.source != MPILAB_REC_NO_PEER && rec.leave_ns) {
                    c.status = true;
                    c.source = world_rank(cr.comm, f.source);
                    c.status_tag = f.status_tag;
                }
                c.seq = static_cast<std::uint32_t>(rc.calls.size());
                if (c.request_id && (cr.kind == CallKind::Isend || cr.kind == CallKind::Issend || cr.kind == CallKind::Ibsend ||
                                     cr.kind == CallKind::Irsend || cr.kind == CallKind::Irecv || is_nonblocking_collective(cr.kind)))
                    rc.request_call[c.request_id] = rc.calls.size();
                rc.calls.push_back(std::move(c));
            } else if (f.kind == REC_WAITS_ON && !rc.calls.empty()) {
                rc.calls.back().waits_on.push_back(f.request);
            } else if (f.kind == REC_COMPLETE && !rc.calls.empty()) {
                Completion done;
                done.call = rc.calls.size() - 1;
                done.time = seconds(r, rec.enter_ns);
                auto start = rc.request_call.find(f.request);
                const std::uint32_t comm = start == rc.request_call.end() ? 0 : rc.calls[start->second].record.comm;
                done.source = f.source == MPILAB_REC_NO_PEER ? PROC_NULL : world_rank(comm, f.source);
                done.tag = f.status_tag;
                rc.completions[f.request] = done;
            }
        }
    }

    void resolve_places() {
        for (int r = 0; r < ranks_; ++r) {
            for (const Call& c : per_rank_[static_cast<std::size_t>(r)].calls) places_.add(r, c.address);
            const ProcessInfo& info = process(r).info;
            if (info.signal_address) places_.add(r, info.signal_address, true);
            if (info.abort_address) places_.add(r, info.abort_address);
        }
        places_.resolve();
        std::map<std::tuple<std::string, std::uint32_t, std::string>, std::uint32_t> interned;
        for (int r = 0; r < ranks_; ++r)
            for (Call& c : per_rank_[static_cast<std::size_t>(r)].calls)
                c.record.location = intern(places_.place(r, c.address), interned);
        location_index_ = std::move(interned);
    }

    std::uint32_t intern(const SourcePlace& place, std::map<std::tuple<std::string, std::uint32_t, std::string>, std::uint32_t>& interned) {
        if (place.function.empty() && !place.known()) return NONE;
        auto key = std::make_tuple(place.file, place.line, place.function);
        auto it = interned.find(key);
        if (it != interned.end()) return it->second;
        const auto index = static_cast<std::uint32_t>(t_.locations.size());
        t_.locations.push_back(SourceLocation{place.file, place.line, place.function});
        interned.emplace(key, index);
        return index;
    }

    // Trace::calls in time order (ties by rank, then by the rank's own order).
    void order_calls() {
        std::vector<std::pair<int, std::size_t>> all;
        for (int r = 0; r < ranks_; ++r)
            for (std::size_t i = 0; i < per_rank_[static_cast<std::size_t>(r)].calls.size(); ++i) all.emplace_back(r, i);
        auto call = [&](const std::pair<int, std::size_t>& p) -> Call& { return per_rank_[static_cast<std::size_t>(p.first)].calls[p.second]; };
        std::stable_sort(all.begin(), all.end(), [&](const auto& a, const auto& b) {
            return std::tie(call(a).record.enter, a.first, a.second) < std::tie(call(b).record.enter, b.first, b.second);
        });
        for (const auto& p : all) {
            call(p).index = static_cast<std::uint32_t>(t_.calls.size());
            t_.calls.push_back(call(p).record);
        }
    }

    // Point-to-point messages: the n-th send from s to d on a communicator with a tag is received by the
    // n-th receive at d that took a message from s with that tag (MPI's non-overtaking rule).
    void match_messages() {
        using Key = std::tuple<std::uint32_t, std::int32_t, std::int32_t, std::int32_t>;   // comm, src, dst, tag
        std::map<Key, std::deque<const Call*>> sends;
        for (int r = 0; r < ranks_; ++r)
            for (const Call& c : per_rank_[static_cast<std::size_t>(r)].calls) {
                const CallKind k = c.record.kind;
                if ((is_send_call(k) || k == CallKind::Sendrecv) && c.record.peer >= 0)
                    sends[Key{c.record.comm, r, c.record.peer, c.record.tag}].push_back(&c);
            }
        // A message names the call that posted its receive (the Irecv, not the Wait that saw it complete), as
        // a simulated run does; its arrival is when the receive completed.
        struct Receive {
            const Call* posted;
            double time;
            std::int32_t source, tag;
        };
        std::vector<std::pair<const Call*, Receive>> matched;
        for (int r = 0; r < ranks_; ++r) {
            RankCalls& rc = per_rank_[static_cast<std::size_t>(r)];
            for (const Call& c : rc.calls) {
                Receive rv{&c, c.record.leave, c.source, c.status_tag};
                const CallKind k = c.record.kind;
                if (k == CallKind::Recv || k == CallKind::Sendrecv) {
                    if (!c.status || c.source < 0) continue;
                } else if (k == CallKind::Irecv) {
                    auto done = rc.completions.find(c.request_id);
                    if (done == rc.completions.end() || done->second.source < 0) continue;
                    rv.time = done->second.time;
                    rv.source = done->second.source;
                    rv.tag = done->second.tag;
                } else {
                    continue;
                }
                auto queue = sends.find(Key{c.record.comm, rv.source, r, rv.tag});
                if (queue == sends.end() || queue->second.empty()) continue;
                matched.emplace_back(queue->second.front(), rv);
                queue->second.pop_front();
            }
        }
        struct Pending {
            MessageRecord m;
            const Call* send;
            const Call* recv;
        };
        std::vector<Pending> messages;
        for (const auto& [send, rv] : matched) {
            MessageRecord m = message_of(*send);
            m.match_time = std::max(m.post_time, rv.posted->record.enter);
            m.arrival_time = std::max(m.match_time, rv.time);
            m.complete_time = m.arrival_time;
            m.recv_call = rv.posted->index;
            m.flags |= MSG_RECEIVED | MSG_MATCHED;
            messages.push_back({m, send, rv.posted});
        }
        for (const auto& [key, queue] : sends)
            for (const Call* send : queue) {
                messages.push_back({message_of(*send), send, nullptr});
                const int src = std::get<1>(key), dst = std::get<2>(key);
                t_.outcome.warnings.push_back("rank " + std::to_string(src) + "'s message to rank " + std::to_string(dst) +
                                              " (tag " + std::to_string(std::get<3>(key)) + ", " + std::to_string(send->record.bytes) +
                                              " bytes) was never received");
            }
        std::stable_sort(messages.begin(), messages.end(), [](const Pending& a, const Pending& b) {
            return std::tie(a.m.post_time, a.m.src) < std::tie(b.m.post_time, b.m.src);
        });
        for (const Pending& p : messages) {
            const auto id = static_cast<std::uint32_t>(t_.messages.size());
            t_.messages.push_back(p.m);
            if (t_.calls[p.send->index].message == NONE) t_.calls[p.send->index].message = id;
            if (p.recv && t_.calls[p.recv->index].message == NONE) t_.calls[p.recv->index].message = id;
        }
    }

    MessageRecord message_of(const Call& send) const {
        MessageRecord m;
        m.post_time = send.record.enter;
        m.bytes = send.record.bytes;
        m.src = send.record.rank;
        m.dst = send.record.peer;
        m.tag = send.record.tag;
        m.comm = send.record.comm;
        m.send_call = send.index;
        m.protocol = send.record.protocol;
        m.type = TypeKind::Byte;
        if (send.record.kind == CallKind::Ssend || send.record.kind == CallKind::Issend) m.flags |= MSG_SYNCHRONOUS;
        return m;
    }

    void fill_run() {
        RunInfo& run = t_.run;
        run.ranks = ranks_;
        run.eager_threshold = eager_;
        run.schedule = "real MPI";
        run.wall_seconds = facts_.wall_seconds;
        RecordedRun recorded;
        recorded.mpi = mpi_;
        recorded.launcher = facts_.launcher;
        for (const ProcessRecord& p : processes_) recorded.hosts.push_back(p.info.host);
        recorded.clock_error = static_cast<double>(clock_error_) * 1e-9;
        run.recorded = std::move(recorded);
        // The program's main source file names the run (and its language: C or C++).
        for (const SourceLocation& l : t_.locations)
            if (!l.file.empty() && l.function == "main") {
                run.scenario = l.file;
                break;
            }
        if (run.scenario.empty())
            for (const SourceLocation& l : t_.locations)
                if (!l.file.empty()) {
                    run.scenario = l.file;
                    break;
                }
        t_.ranks.resize(static_cast<std::size_t>(ranks_));
        for (int r = 0; r < ranks_; ++r) {
            RankRecord& rank = t_.ranks[static_cast<std::size_t>(r)];
            const auto& calls = per_rank_[static_cast<std::size_t>(r)].calls;
            for (const Call& c : calls) rank.end_time = std::max(rank.end_time, c.record.leave);
            if (!calls.empty()) rank.last_location = calls.back().record.location;
            if (process(r).info.overflow)
                t_.outcome.warnings.push_back("rank " + std::to_string(r) + "'s record file was full: its later calls are missing "
                                              "(raise MPILAB_RECORD_MAX_RECORDS)");
        }
    }

    SourcePlace place_of(int rank, std::uint64_t address, bool exact) const { return places_.place(rank, address, exact); }

    static std::string place_text(const SourcePlace& p) {
        std::string out;
        if (!p.function.empty()) out += " in " + p.function;
        if (p.known()) out += " at " + p.file + ":" + std::to_string(p.line);
        return out;
    }

    const Call* last_call(int r) const {
        const auto& calls = per_rank_[static_cast<std::size_t>(r)].calls;
        return calls.empty() ? nullptr : &calls.back();
    }

    const Call* unfinished_call(int r) const {
        const Call* c = last_call(r);
        return c && c->record.unfinished() ? c : nullptr;
    }

    std::string call_place(const Call* c) const {
        if (!c || c->record.location == NONE) return "";
        const SourceLocation& l = t_.locations[c->record.location];
        return l.file.empty() ? " in " + l.function : " at " + l.file + ":" + std::to_string(l.line);
    }

    void fail(int rank, const std::string& kind, const std::string& message, const Call* call, const SourcePlace& place) {
        Outcome& o = t_.outcome;
        o.status = OutcomeStatus::Error;
        o.message = message;
        ErrorInfo e;
        e.rank = rank;
        e.kind = kind;
        e.message = message;
        if (call) {
            e.call = call_name(call->record.kind, false);
            e.call_index = call->index;
            t_.calls[call->index].flags |= CALL_FAILED;
            if (call->record.location != NONE) {
                e.file = t_.locations[call->record.location].file;
                e.line = t_.locations[call->record.location].line;
            }
        } else if (place.known()) {
            e.file = place.file;
            e.line = place.line;
        }
        o.error = std::move(e);
        for (int r = 0; r < ranks_; ++r) {
            RankRecord& rr = t_.ranks[static_cast<std::size_t>(r)];
            rr.end = r == rank ? RankEnd::Failed : process(r).info.state == REC_STATE_FINALIZED ? RankEnd::Finished : RankEnd::Aborted;
        }
    }

    // The first process that failed, in rank order: a crash, MPI_Abort, an MPI error, an early exit.
    bool find_error() {
        const bool hung = facts_.hung;
        for (int r = 0; r < ranks_; ++r) {
            const ProcessInfo& info = process(r).info;
            const Call* current = unfinished_call(r);
            const std::string who = "rank " + std::to_string(r);
            switch (info.state) {
                case REC_STATE_CRASHED: {
                    // Signals the launcher's teardown of a hung job sends are not the program's.
                    if (hung && (info.signal == SIGABRT || info.signal == SIGTERM)) break;
                    c_runner::CrashFacts crash;
                    crash.rank = r;
                    crash.signal = info.signal;
                    crash.in_mpi_call = current != nullptr;
                    crash.program = place_of(r, info.signal_address, true);
                    if (current && current->record.location != NONE) {
                        crash.last_call_file = t_.locations[current->record.location].file;
                        crash.last_call_line = t_.locations[current->record.location].line;
                    }
                    std::string text = c_runner::crash_message(crash);
                    text = text.substr(0, text.find(". Every other rank")) + ". The run ended there.";
                    fail(r, "crash", text, current, crash.program);
                    return true;
                }
                case REC_STATE_ABORTED: {
                    const SourcePlace place = place_of(r, info.abort_address, false);
                    fail(r, "abort", who + " called MPI_Abort with error code " + std::to_string(info.abort_code) + place_text(place) +
                                         ": every process of the run was stopped",
                         nullptr, place);
                    return true;
                }
                case REC_STATE_MPI_ERROR:
                    fail(r, "mpi error",
                         who + ": " + mpi_ + " reported an error" +
                             (current ? " in " + call_name(current->record.kind, false) + call_place(current) : std::string()) + ": " +
                             info.error_text,
                         current, {});
                    return true;
                case REC_STATE_EXITED:
                    fail(r, "exit", who + " exited before calling MPI_Finalize" +
                                        (last_call(r) ? " (its last MPI call was " + call_name(last_call(r)->record.kind, false) +
                                                            call_place(last_call(r)) + ")" : std::string()) +
                                        ": every process must call MPI_Finalize before it ends",
                         nullptr, {});
                    return true;
                default: break;
            }
        }
        return false;
    }

    void decide_outcome() {
        if (find_error()) return;
        std::vector<std::int32_t> finished, running;
        for (int r = 0; r < ranks_; ++r) {
            const ProcessInfo& info = process(r).info;
            // A process inside MPI_Finalize has returned from its program's work.
            if (info.state == REC_STATE_FINALIZED || (info.state == REC_STATE_RUNNING && !unfinished_call(r) && info.in_call))
                finished.push_back(r);
            else
                running.push_back(r);
        }
        bool all_blocked = !running.empty();
        for (std::int32_t r : running) all_blocked = all_blocked && unfinished_call(r);
        if (all_blocked && (facts_.hung || !facts_.exit_status)) {
            std::vector<PendingCall> pending;
            for (std::int32_t r : running) pending.push_back(pending_of(r));
            t_.outcome = hang_outcome(t_, pending, finished, eager_, mpi_, facts_.hung ? facts_.hang_timeout : 0);
            for (int r = 0; r < ranks_; ++r)
                t_.ranks[static_cast<std::size_t>(r)].end =
                    std::count(running.begin(), running.end(), r) ? RankEnd::Deadlocked : RankEnd::Finished;
            return;
        }
        if (!running.empty()) {
            const int r = running.front();
            std::string how = facts_.exit_signal ? "the launcher was ended by signal " + std::to_string(facts_.exit_signal)
                              : facts_.exit_status ? "the launcher exited with status " + std::to_string(*facts_.exit_status)
                                                   : "its record ends there";
            fail(r, "stopped",
                 "rank " + std::to_string(r) + " stopped before MPI_Finalize" +
                     (last_call(r) ? " after " + call_name(last_call(r)->record.kind, false) + call_place(last_call(r)) : std::string()) +
                     " (" + how + "; was it killed, or did the MPI library end it?)",
                 unfinished_call(r), {});
            return;
        }
        if (facts_.exit_status && *facts_.exit_status != 0) {
            fail(0, "launcher", "every rank called MPI_Finalize, but the launcher exited with status " +
                                    std::to_string(*facts_.exit_status), nullptr, {});
            return;
        }
        t_.outcome.status = OutcomeStatus::Completed;
        t_.outcome.message = "Completed: all " + std::to_string(ranks_) + " ranks of the real run (" + mpi_ + ") called MPI_Finalize.";
    }

    PendingOperation operation_of(const Call& c, bool receive_part = false) const {
        PendingOperation op;
        const CallKind k = c.record.kind;
        op.started_by = k;
        op.comm = c.record.comm;
        op.bytes = c.record.bytes;
        if (is_nonblocking_collective(k)) {
            op.collective_call = c.index;
        } else if (receive_part || k == CallKind::Recv || k == CallKind::Irecv || k == CallKind::Probe) {
            op.send = false;
            op.peer = receive_part ? c.recv_peer : c.record.peer;
            op.tag = receive_part ? c.recv_tag : c.record.tag;
            if (receive_part) op.started_by = CallKind::Sendrecv;
        } else {
            op.send = true;
            op.synchronous = k == CallKind::Ssend || k == CallKind::Issend;
            op.peer = c.record.peer;
            op.tag = c.record.tag;
        }
        return op;
    }

    PendingCall pending_of(int r) const {
        const RankCalls& rc = per_rank_[static_cast<std::size_t>(r)];
        const Call& c = *unfinished_call(r);
        PendingCall p;
        p.rank = r;
        p.call = c.index;
        const CallKind k = c.record.kind;
        if (is_collective(k)) return p;
        p.any = k == CallKind::Waitany || k == CallKind::Waitsome || k == CallKind::Testany || k == CallKind::Testsome;
        if (k == CallKind::Sendrecv) {
            // Which half still waits is not known: both are listed.
            p.operations.push_back(operation_of(c));
            p.operations.push_back(operation_of(c, true));
            return p;
        }
        std::vector<std::uint32_t> ids = c.waits_on;
        if (ids.empty() && (k == CallKind::Wait || k == CallKind::Test) && c.request_id) ids.push_back(c.request_id);
        if (!ids.empty()) {
            for (std::uint32_t id : ids) {
                if (rc.completions.count(id)) continue;
                auto start = rc.request_call.find(id);
                if (start != rc.request_call.end()) p.operations.push_back(operation_of(rc.calls[start->second]));
            }
            return p;
        }
        p.operations.push_back(operation_of(c));
        return p;
    }

    const std::vector<ProcessRecord>& processes_;
    const RunFacts& facts_;
    SourcePlaces places_;
    Trace t_;
    int ranks_ = 0;
    std::string mpi_;
    std::int64_t eager_ = 0;
    std::vector<ClockAlignment> clocks_;
    std::int64_t origin_ = 0, clock_error_ = 0;
    std::vector<RankCalls> per_rank_;
    std::map<std::tuple<std::uint32_t, int, std::vector<std::int32_t>>, std::uint32_t> comm_ids_;
    std::map<std::tuple<std::string, std::uint32_t, std::string>, std::uint32_t> location_index_;
};

}  // namespace

Trace merge_records(const std::vector<ProcessRecord>& processes, const RunFacts& facts) {
    if (processes.empty()) throw RecordError("there are no record files to merge");
    return Merger(processes, facts).merge();
}

}  // namespace mpilab::recorder
