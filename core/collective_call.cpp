// The engine side of collectives: recording a collective call, checking it against the other ranks'
// call with the same sequence number, and executing its Schedule round by round on the
// communicator's hidden context. A round's operations are posted at the round's virtual start time;
// when the last one completes (in whichever rank thread completes it, under the lock), the round's
// local step runs and the next round is posted.
#include "engine.hpp"
#include "wire.hpp"

#include <stdexcept>

namespace mpilab {

Request run_collective(const Comm& comm, const CollectiveSignature& signature, std::string_view algorithm,
                       std::int64_t bytes, std::unique_ptr<Schedule> schedule, bool nonblocking,
                       const Location& loc) {
    return comm.engine()->run_collective(*comm.self(), comm.id(), signature, algorithm, bytes, std::move(schedule),
                                         nonblocking, loc);
}

void collective_error(const Comm& comm, CallKind kind, bool generic, std::string_view error_kind,
                      const std::string& message, const Location& loc) {
    comm.engine()->collective_error(*comm.self(), comm.id(), kind, generic, error_kind, message, loc);
}

void check_collective_comm(const Comm& comm, CallKind kind, bool generic, const Location& loc) {
    if (!comm.engine())
        throw std::logic_error("this communicator handle is empty: use the communicator the program was given, "
                               "or one made from it with dup() or split()");
    comm.engine()->check_collective_comm(*comm.self(), comm.id(), kind, generic, loc);
}

std::string configured_algorithm(const Comm& comm, std::string_view collective) {
    const auto& algorithms = comm.engine()->config().algorithms;
    auto it = algorithms.find(std::string(collective));
    return it == algorithms.end() ? std::string() : it->second;
}

Request Engine::run_collective(RankState& me, std::uint32_t comm, const CollectiveSignature& signature,
                               std::string_view algorithm, std::int64_t bytes, std::unique_ptr<Schedule> schedule,
                               bool nonblocking, const Loc& loc) {
    Lock lock = enter_call(me, signature.kind, signature.generic, comm, signature.root >= 0 ? signature.root : PROC_NULL,
                           0, bytes, loc);
    validate_comm(me, comm);
    std::uint32_t seq = 0;
    CollectiveEntry& entry = arrive(me, comm, signature, seq, loc);
    if (entry.arrivals == comms_[comm].size()) comms_[comm].entries.erase(seq);
    if (CallRecord* c = recorder_.call(me.call)) {
        c->tag = static_cast<std::int32_t>(seq);
        c->op = signature.op;
        c->algorithm = recorder_.algorithm(algorithm);
    }

    auto request = std::make_unique<RequestState>();
    request->kind = RequestKind::Collective;
    request->owner = me.world;
    request->comm = comm;
    request->context = comms_[comm].collective_context();
    request->peer = signature.root;
    request->generic = signature.generic;
    request->bytes = bytes;
    request->call = me.call;
    request->call_kind = signature.kind;
    request->call_generic = signature.generic;
    request->loc = loc;
    request->post_time = me.clock;
    auto run = std::make_unique<CollectiveRun>();
    run->schedule = std::move(schedule);
    run->request = request.get();
    run->owner = me.world;
    run->comm = comm;
    run->tag = static_cast<int>(seq & 0x7fffffff);
    run->round_start = me.clock;
    request->collective = std::move(run);
    RequestState& state = *request;

    if (nonblocking) {
        const std::uint32_t id = register_request(std::move(request));
        if (CallRecord* c = recorder_.call(me.call)) c->request = id;
        advance(*state.collective);
        leave_call(me);
        return Request{id};
    }
    advance(*state.collective);
    me.wait.kind = WaitSpec::All;
    me.wait.single = &state;
    block_until_satisfied(me, lock);
    me.clock = std::max(me.clock, state.complete_time);
    leave_call(me);
    return Request{};
}

void Engine::check_collective_comm(RankState& me, std::uint32_t comm, CallKind kind, bool generic, const Loc& loc) {
    // The same lock-free reads as try_direct_send: communicators never move, and a rank's own
    // `freed` byte is written only by itself.
    if (comm < comms_.size()) {
        const CommState& c = comms_[comm];
        const int local = c.local_of[me.world];
        if (local >= 0 && !c.freed[local]) return;
    }
    Lock lock = enter_call(me, kind, generic, comm, PROC_NULL, 0, 0, loc);
    validate_comm(me, comm);
    fail(me, "invalid communicator", "this communicator cannot be used here");
}

void Engine::collective_error(RankState& me, std::uint32_t comm, CallKind kind, bool generic,
                              std::string_view error_kind, const std::string& message, const Loc& loc) {
    Lock lock = enter_call(me, kind, generic, comm, PROC_NULL, 0, 0, loc);
    fail(me, std::string(error_kind), message);
}

void Engine::advance(CollectiveRun& run) {
    if (run.advancing) return;   // the outer call of advance() sees the count reach zero
    run.advancing = true;
    Schedule& schedule = *run.schedule;
    RankState& owner = *ranks_[run.owner];
    while (run.pending_ops == 0 && !run.request->complete) {
        if (run.started) {
            const Round& finished = schedule.rounds[run.next_round - 1];
            if (finished.after) {
                try {
                    finished.after();
                } catch (const std::exception& e) {
                    fail_request(*run.request, "invalid operation", e.what());
                }
            }
            run.round_start = std::max(run.round_start, run.round_end) + finished.compute_seconds;
            run.ops.clear();
        }
        run.started = true;
        if (run.next_round == schedule.rounds.size()) {
            run.advancing = false;
            complete(*run.request, run.round_start);
            return;
        }
        Round& round = schedule.rounds[run.next_round++];
        run.round_end = run.round_start;
        // Create every operation first so that ones completing at once count down correctly.
        run.pending_ops = static_cast<int>(round.ops.size());
        run.ops.clear();
        for (const ScheduleOp& op : round.ops) {
            auto r = std::make_unique<RequestState>();
            r->kind = op.kind == ScheduleOp::Send ? RequestKind::Send : RequestKind::Recv;
            r->parent = &run;
            r->owner = run.owner;
            r->comm = run.comm;
            r->context = comms_[run.comm].collective_context();
            r->peer = op.peer;
            r->tag = run.tag;
            r->generic = op.generic;
            r->call = run.request->call;
            r->call_kind = run.request->call_kind;
            r->call_generic = run.request->call_generic;
            r->loc = run.request->loc;
            if (op.kind == ScheduleOp::Send) {
                if (op.generic) {
                    WireValue wire = encode_value(op.send_value ? *op.send_value : Value());
                    r->owned_text = std::move(wire.text);
                    r->send_text = &r->owned_text;
                    r->bytes = wire.bytes;
                } else {
                    r->send_buf = ConstBuffer(op.send_data, op.count, op.type);
                }
            } else {
                r->recv_buf = Buffer(op.recv_data, op.count, op.type);
                r->recv_value = op.generic ? op.recv_value : nullptr;
                r->bytes = op.generic ? 0 : op.count * op.type.size;
            }
            run.ops.push_back(std::move(r));
        }
        for (std::size_t i = 0; i < run.ops.size(); ++i) {
            RequestState& r = *run.ops[i];
            if (r.kind == RequestKind::Send) {
                post_send(owner, r, payload_of(r), run.round_start);
            } else {
                post_recv(owner, r, run.round_start);
            }
        }
    }
    run.advancing = false;
}

}  // namespace mpilab
