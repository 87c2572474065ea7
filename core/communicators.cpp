// Communicators: the world, dup, split and free. dup and split are collective: every member calls
// them as its n-th collective on the parent, the last one to arrive creates the new communicators
// (in colour order, so ids are deterministic), and the others wait for it.
#include "engine.hpp"

#include <algorithm>
#include <functional>
#include <sstream>

namespace mpilab {

std::uint32_t Engine::create_comm(std::string name, std::uint32_t parent, std::vector<int> members) {
    CommState c;
    c.id = static_cast<std::uint32_t>(comms_.size());
    c.name = name;
    c.local_of.assign(ranks_.size(), -1);
    for (std::size_t i = 0; i < members.size(); ++i) c.local_of[members[i]] = static_cast<int>(i);
    c.next_seq.assign(members.size(), 0);
    c.freed.assign(members.size(), 0);
    c.members = members;
    const std::uint32_t id = comms_.push_back(std::move(c)).id;
    CommRecord record;
    record.id = id;
    record.name = std::move(name);
    record.parent = parent;
    record.members.assign(members.begin(), members.end());
    trace_.comms.push_back(std::move(record));
    return id;
}

int Engine::comm_rank(const RankState& me, std::uint32_t comm) const { return comms_[comm].local_of[me.world]; }

int Engine::comm_to_world(std::uint32_t comm, int local) const {
    if (comm >= comms_.size()) return local;
    const CommState& c = comms_[comm];
    return (local >= 0 && local < c.size()) ? c.members[local] : local;
}

std::string Engine::comm_name(std::uint32_t comm) const {
    return comm < comms_.size() ? comms_[comm].name : "#" + std::to_string(comm);
}

static std::string ordinal(std::uint32_t n) {
    std::uint32_t k = n + 1;
    const char* suffix = (k % 100 >= 11 && k % 100 <= 13) ? "th" : k % 10 == 1 ? "st" : k % 10 == 2 ? "nd" : k % 10 == 3 ? "rd" : "th";
    return std::to_string(k) + suffix;
}

CollectiveEntry& Engine::arrive(RankState& me, std::uint32_t comm, const CollectiveSignature& signature,
                                std::uint32_t& seq, const Loc& loc) {
    CommState& c = comms_[comm];
    const int local = c.local_of[me.world];
    seq = c.next_seq[local]++;
    CollectiveEntry& e = c.entries[seq];
    if (e.first_rank < 0) {
        e.signature = signature;
        e.first_rank = local;
        e.first_call = me.call;
        e.first_loc = loc;
        e.arrived.assign(c.size(), false);
    } else {
        const CollectiveSignature& first = e.signature;
        // Which field differs decides what both sides are described with.
        std::function<std::string(const CollectiveSignature&)> detail;
        // barrier() and Barrier() are one call, however spelled: a barrier has no data to differ in.
        const bool flavourless = first.kind == CallKind::Barrier || first.kind == CallKind::Ibarrier;
        if (first.kind != signature.kind || (first.generic != signature.generic && !flavourless))
            detail = [](const CollectiveSignature&) { return std::string(); };
        else if (first.root != signature.root)
            detail = [](const CollectiveSignature& s) { return " with root " + std::to_string(s.root); };
        else if (first.op != signature.op)
            detail = [](const CollectiveSignature& s) { return " with op " + std::string(op_name(s.op)); };
        else if (first.compare_type && signature.compare_type && first.type != signature.type)
            detail = [](const CollectiveSignature& s) { return " with " + std::string(type_kind_name(s.type)) + " elements"; };
        else if (first.count >= 0 && signature.count >= 0 && first.count != signature.count)
            detail = [](const CollectiveSignature& s) { return " with " + std::to_string(s.count) + " elements"; };
        if (detail) {
            const int first_world = c.members[e.first_rank];
            std::ostringstream text;
            text << "rank " << me.world << " called " << call_name(signature.kind, signature.generic) << detail(signature)
                 << " (" << loc.file_name() << ":" << loc.line() << ") where rank " << first_world << " called "
                 << call_name(first.kind, first.generic) << detail(first) << " (" << e.first_loc.file_name() << ":"
                 << e.first_loc.line() << "): the " << ordinal(seq) << " collective call on communicator "
                 << comm_name(comm) << " must be the same call, with the same root, op and sizes, on every rank.";
            fail(me, "collective mismatch", text.str());
        }
    }
    e.arrived[local] = true;
    ++e.arrivals;
    return e;
}

void Engine::depart(std::uint32_t comm, std::uint32_t seq) {
    CommState& c = comms_[comm];
    auto it = c.entries.find(seq);
    if (it != c.entries.end() && ++it->second.departures == c.size()) c.entries.erase(it);
}

std::uint32_t Engine::comm_dup(RankState& me, std::uint32_t comm, const Loc& loc) {
    return create_comms(me, comm, CallKind::CommDup, 0, 0, loc);
}

std::uint32_t Engine::comm_split(RankState& me, std::uint32_t comm, int color, int key, const Loc& loc) {
    return create_comms(me, comm, CallKind::CommSplit, color, key, loc);
}

std::uint32_t Engine::create_comms(RankState& me, std::uint32_t comm, CallKind kind, int color, int key,
                                   const Loc& loc) {
    Lock lock = enter_call(me, kind, false, comm, PROC_NULL, 0, 0, loc);
    validate_comm(me, comm);
    if (kind == CallKind::CommSplit && color < 0 && color != UNDEFINED)
        fail(me, "invalid colour",
             "split() needs a colour >= 0, or UNDEFINED to join no new communicator, not " + std::to_string(color));
    CollectiveSignature signature;
    signature.kind = kind;
    std::uint32_t seq = 0;
    CollectiveEntry& e = arrive(me, comm, signature, seq, loc);
    if (CallRecord* c = recorder_.call(me.call)) c->tag = static_cast<std::int32_t>(seq);
    const int size = comms_[comm].size();
    if (e.split_args.empty()) e.split_args.assign(size, {UNDEFINED, 0});
    e.split_args[comms_[comm].local_of[me.world]] = {color, key};
    if (e.arrivals == size) {
        // The last rank to arrive creates the communicators; dup is a split with one colour.
        if (comms_.size() + static_cast<std::size_t>(size) > comms_.capacity)
            fail(me, "too many communicators",
                 "this run already created " + with_commas(static_cast<std::int64_t>(comms_.size())) +
                     " communicators, as many as one run can hold (ids are never reused, even after free()). "
                     "Create communicators once and reuse them instead of creating new ones in a loop.");
        e.new_comm.assign(size, NONE);
        if (kind == CallKind::CommDup) {
            const std::uint32_t id = create_comm(comm_name(comm) + ".dup", comm, comms_[comm].members);
            e.new_comm.assign(size, id);
        } else {
            // Group by colour (ascending, for deterministic ids); order each group by (key, old rank).
            std::vector<int> colors;
            for (const auto& [c, k] : e.split_args)
                if (c != UNDEFINED) colors.push_back(c);
            std::sort(colors.begin(), colors.end());
            colors.erase(std::unique(colors.begin(), colors.end()), colors.end());
            for (int c : colors) {
                std::vector<int> locals;
                for (int i = 0; i < size; ++i)
                    if (e.split_args[i].first == c) locals.push_back(i);
                std::stable_sort(locals.begin(), locals.end(),
                                 [&](int a, int b) { return e.split_args[a].second < e.split_args[b].second; });
                std::vector<int> members;
                for (int i : locals) members.push_back(comms_[comm].members[i]);
                const std::uint32_t id =
                    create_comm(comm_name(comm) + ".split(color=" + std::to_string(c) + ")", comm, members);
                for (int i : locals) e.new_comm[i] = id;
            }
        }
        e.done = true;
        for (int world : comms_[comm].members) notify(world);
    } else {
        me.wait.kind = WaitSpec::Sync;
        me.wait.comm = comm;
        me.wait.seq = seq;
        block_until_satisfied(me, lock);
    }
    const std::uint32_t result = e.new_comm[comms_[comm].local_of[me.world]];
    depart(comm, seq);
    leave_call(me);
    return result;
}

std::uint32_t Engine::comm_self(RankState& me) {
    Lock lock(mutex_);
    check_abort(me);
    if (comms_.size() + 1 > comms_.capacity)
        fail(me, "too many communicators",
             "this run already created " + with_commas(static_cast<std::int64_t>(comms_.size())) +
                 " communicators, as many as one run can hold.");
    return create_comm("self", world_comm(), {me.world});
}

void Engine::comm_free(RankState& me, std::uint32_t comm, const Loc& loc) {
    Lock lock = enter_call(me, CallKind::CommFree, false, comm, PROC_NULL, 0, 0, loc);
    validate_comm(me, comm);
    if (comm == world_comm()) fail(me, "invalid communicator", "the world communicator cannot be freed");
    CommState& c = comms_[comm];
    c.freed[c.local_of[me.world]] = 1;
    leave_call(me);
}

}  // namespace mpilab
