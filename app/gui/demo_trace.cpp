// Synthetic traces for the benchmark and the tests. See demo_trace.hpp.
#include "demo_trace.hpp"

#include <algorithm>
#include <random>
#include <string>

namespace mpilab::gui {

namespace {

CallRecord make_call(CallKind kind, int rank, double enter, double leave) {
    CallRecord c;
    c.kind = kind;
    c.rank = rank;
    c.enter = enter;
    c.leave = leave;
    c.comm = 0;
    c.location = 0;
    return c;
}

void add_world(Trace& t, int ranks) {
    CommRecord world;
    world.id = 0;
    world.name = "world";
    for (int r = 0; r < ranks; ++r) world.members.push_back(r);
    t.comms.push_back(std::move(world));
}

}  // namespace

Trace synthetic_exchange_trace(int ranks, std::uint64_t messages, std::uint64_t seed) {
    Trace t;
    ranks = std::max(ranks, 2);
    t.run.ranks = ranks;
    t.run.scenario = "synthetic-exchange";
    t.run.seed = seed;
    add_world(t, ranks);
    t.locations.push_back({"scenarios/synthetic_exchange.cpp", 12, "exchange"});
    t.locations.push_back({"scenarios/synthetic_exchange.cpp", 13, "exchange"});
    t.locations.push_back({"scenarios/synthetic_exchange.cpp", 15, "exchange"});
    const std::uint64_t rounds = (messages + ranks - 1) / ranks;
    t.calls.reserve(messages * 2 + rounds / 64 * ranks + 8);
    t.messages.reserve(messages);
    std::mt19937_64 rng(seed);
    std::vector<double> clock(ranks, 0.0);
    const double step = 4e-6;
    std::uint64_t sent = 0;
    int collective_seq = 0;
    for (std::uint64_t round = 0; round < rounds && sent < messages; ++round) {
        const int shift = 1 + static_cast<int>(round % static_cast<std::uint64_t>(ranks - 1));
        const double base = static_cast<double>(round) * step;
        // Each rank sends to rank + shift and receives from rank - shift.
        std::vector<std::uint32_t> message_of(ranks, NONE);
        for (int r = 0; r < ranks && sent < messages; ++r, ++sent) {
            MessageRecord m;
            m.src = r;
            m.dst = (r + shift) % ranks;
            m.tag = static_cast<std::int32_t>(round % 100);
            const bool large = (sent % 4) == 3;
            m.bytes = large ? 131072 : 64 + static_cast<std::int64_t>(rng() % 4096);
            m.protocol = large ? Protocol::Rendezvous : Protocol::Eager;
            m.post_time = base + 0.2e-6 * static_cast<double>(rng() % 4);
            m.match_time = m.post_time + 0.5e-6;
            m.arrival_time = m.post_time + (large ? 2.4e-6 : 1.1e-6);
            m.complete_time = m.arrival_time + 0.1e-6;
            m.flags = MSG_RECEIVED | MSG_MATCHED;
            m.type = TypeKind::Int64;
            message_of[r] = static_cast<std::uint32_t>(t.messages.size());
            t.messages.push_back(m);
        }
        for (int r = 0; r < ranks; ++r) {
            std::uint32_t out = message_of[r];
            int from = (r - shift % ranks + ranks) % ranks;
            std::uint32_t in = message_of[from];
            if (out != NONE) {
                auto& m = t.messages[out];
                double leave = m.protocol == Protocol::Rendezvous ? m.arrival_time : m.post_time + 0.3e-6;
                auto c = make_call(CallKind::Send, r, m.post_time, leave);
                c.peer = m.dst; c.tag = m.tag; c.bytes = m.bytes; c.protocol = m.protocol; c.message = out;
                if (m.protocol == Protocol::Rendezvous) c.flags |= CALL_BLOCKED;
                m.send_call = static_cast<std::uint32_t>(t.calls.size());
                t.calls.push_back(c);
                clock[r] = leave;
            }
            if (in != NONE) {
                auto& m = t.messages[in];
                double enter = std::max(clock[r] + 0.1e-6, base + 0.5e-6);
                double leave = std::max(enter + 0.1e-6, m.complete_time);
                auto c = make_call(CallKind::Recv, r, enter, leave);
                c.peer = m.src; c.tag = m.tag; c.bytes = m.bytes; c.message = in; c.location = 1;
                if (m.complete_time > enter + 0.2e-6) c.flags |= CALL_BLOCKED;
                m.recv_call = static_cast<std::uint32_t>(t.calls.size());
                m.complete_time = leave;
                t.calls.push_back(c);
                clock[r] = leave;
            }
        }
        if (round % 64 == 63) {
            double begin = base + step * 0.9;
            for (int r = 0; r < ranks; ++r) {
                auto c = make_call(CallKind::Allreduce, r, std::max(begin, clock[r]), base + step * 0.99);
                c.tag = collective_seq; c.bytes = 8; c.op = OpKind::Sum; c.location = 2;
                t.calls.push_back(c);
            }
            ++collective_seq;
        }
    }
    // Each rank's calls were appended in time order; the trace keeps the runtime's recording order.
    t.ranks.resize(ranks);
    for (int r = 0; r < ranks; ++r) {
        t.ranks[r].end_time = static_cast<double>(rounds) * step;
        t.ranks[r].end = RankEnd::Finished;
    }
    t.outcome.status = OutcomeStatus::Completed;
    t.outcome.message = "Synthetic exchange completed: " + std::to_string(t.messages.size()) + " messages.";
    return t;
}

Trace synthetic_deadlock_trace(int ranks, std::int64_t bytes) {
    Trace t;
    ranks = std::max(ranks, 2);
    t.run.ranks = ranks;
    t.run.scenario = "alltoall-deadlock";
    t.run.eager_threshold = 65536;
    add_world(t, ranks);
    t.locations.push_back({"scenarios/alltoall_deadlock.cpp", 20, "alltoall_deadlock"});
    t.locations.push_back({"scenarios/alltoall_deadlock.cpp", 24, "alltoall_deadlock"});
    DeadlockInfo info;
    for (int r = 0; r < ranks; ++r) {
        OutputLine line;
        line.rank = r;
        line.time = 0.1e-6 * r;
        line.text = "rank " + std::to_string(r) + " sends " + std::to_string(bytes) + " bytes to every other rank";
        t.output.push_back(line);
        const int dst = (r + 1) % ranks;
        MessageRecord m;
        m.src = r;
        m.dst = dst;
        m.bytes = bytes;
        m.protocol = Protocol::Rendezvous;
        m.post_time = 1e-6 + 0.2e-6 * r;
        m.type = TypeKind::Int64;
        auto c = make_call(CallKind::Send, r, m.post_time, m.post_time);
        c.peer = dst; c.bytes = bytes; c.protocol = Protocol::Rendezvous;
        c.flags = CALL_BLOCKED | CALL_UNFINISHED;
        c.message = static_cast<std::uint32_t>(t.messages.size());
        m.send_call = static_cast<std::uint32_t>(t.calls.size());
        t.messages.push_back(m);
        t.calls.push_back(c);
        BlockedCall b;
        b.rank = r;
        b.call = m.send_call;
        b.call_name = "Send";
        b.peer = dst;
        b.bytes = bytes;
        b.protocol = Protocol::Rendezvous;
        b.file = "scenarios/alltoall_deadlock.cpp";
        b.line = 20;
        b.reason = "send of " + std::to_string(bytes) + " bytes > eager threshold 65536 bytes: waits for a matching "
                   "receive (rendezvous), but rank " + std::to_string(dst) + " is itself blocked in a send";
        info.blocked.push_back(b);
        WaitArc arc;
        arc.from = r;
        arc.to = dst;
        arc.label = "rendezvous send of " + std::to_string(bytes) + " bytes";
        info.arcs.push_back(arc);
        info.cycle.push_back(r);
        info.knot.push_back(r);
    }
    t.ranks.resize(ranks);
    for (int r = 0; r < ranks; ++r) {
        t.ranks[r].end_time = t.calls[r].enter;
        t.ranks[r].end = RankEnd::Deadlocked;
        t.ranks[r].last_location = 0;
    }
    t.outcome.status = OutcomeStatus::Deadlock;
    t.outcome.message = "Deadlock: every rank is blocked in a rendezvous send to the next rank; no rank posts a receive.";
    t.outcome.deadlock = std::move(info);
    return t;
}

}  // namespace mpilab::gui
