// Point-to-point operations: posting sends and receives, matching them through the receiver's posted
// and unexpected queues, moving the data by the eager or rendezvous protocol, and the wait/test family.
// All functions run with the engine lock held (enter_call takes it).
#include "buffer_watch.hpp"
#include "clock.hpp"
#include "engine.hpp"
#include "spin.hpp"

#include <algorithm>
#include <memory>
#include <thread>

namespace mpilab {

namespace {

std::string range_text(int size) {
    return size == 1 ? "only rank 0" : "ranks 0.." + std::to_string(size - 1);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Validation: every mistake gets a message saying what to change.

void Engine::validate_comm(RankState& me, std::uint32_t comm) {
    if (comm == NONE)
        fail(me, "invalid communicator",
             "this is a null communicator (split() with colour UNDEFINED returns one): a rank that joined no group "
             "must not communicate on it; test comm.is_null() first");
    if (comm >= comms_.size() || comms_[comm].local_of[me.world] < 0)
        fail(me, "invalid communicator", "rank " + std::to_string(me.world) + " is not a member of this communicator");
    const CommState& c = comms_[comm];
    if (c.freed[c.local_of[me.world]])
        fail(me, "invalid communicator",
             "communicator " + comm_name(comm) + " was already freed by this rank; do not use a communicator after free()");
}

void Engine::validate_peer(RankState& me, std::uint32_t comm, int peer, bool is_source) {
    const int size = comms_[comm].size();
    if (peer == PROC_NULL || (peer >= 0 && peer < size) || (is_source && peer == ANY_SOURCE)) return;
    std::string what = is_source ? "source" : "destination";
    fail(me, "invalid rank",
         what + " rank " + std::to_string(peer) + " does not exist: communicator " + comm_name(comm) + " has " +
             std::to_string(size) + (size == 1 ? " rank" : " ranks") + " (" + range_text(size) + "). Use one of them" +
             (is_source ? ", ANY_SOURCE," : "") + " or PROC_NULL for no " + what + ".");
}

void Engine::validate_tag(RankState& me, int tag, bool is_receive) {
    if ((tag >= 0 && tag <= TAG_UB) || (is_receive && tag == ANY_TAG)) return;
    fail(me, "invalid tag",
         "tag " + std::to_string(tag) + " is out of range: tags go from 0 to " + std::to_string(TAG_UB) +
             (is_receive ? " (or ANY_TAG for a receive)" : " (ANY_TAG is only for receives)"));
}

void Engine::validate_payload(RankState& me, const Payload& payload) {
    if (payload.generic) return;
    if (payload.count < 0)
        fail(me, "invalid count", "the element count must be 0 or more, not " + std::to_string(payload.count));
    if (payload.count > 0 && payload.data == nullptr)
        fail(me, "invalid buffer", "the send buffer is null but the count is " + std::to_string(payload.count));
    if (payload.type.kind == TypeKind::Generic || payload.type.size == 0)
        fail(me, "invalid datatype", "a typed buffer needs a real element type");
}

void Engine::validate_buffer(RankState& me, const Buffer& buf) {
    if (buf.count < 0) fail(me, "invalid count", "the element count must be 0 or more, not " + std::to_string(buf.count));
    if (buf.count > 0 && buf.data == nullptr)
        fail(me, "invalid buffer", "the receive buffer is null but the count is " + std::to_string(buf.count));
    if (buf.type.kind == TypeKind::Generic || buf.type.size == 0)
        fail(me, "invalid datatype", "a typed buffer needs a real element type");
}

void Engine::check_receive_posted(RankState& me, std::uint32_t comm, int dest, int tag) {
    const CommState& c = comms_[comm];
    const int dst_world = c.members[dest];
    RankState& dst = *ranks_[dst_world];
    const Envelope envelope{c.p2p_context(), c.local_of[me.world], tag};
    RequestState* direct = dst.direct.load(std::memory_order_acquire);
    if (direct && direct != claimed_marker() && direct != posting_marker() &&
        matches(direct->context, direct->peer, direct->tag, envelope))
        return;
    for (const RequestState* r = dst.queues.posted_head; r; r = r->next_posted)
        if (matches(r->context, r->peer, r->tag, envelope)) return;
    fail(me, "ready send without a posted receive",
         call_name(me.call_kind, false) + " to rank " + std::to_string(dst_world) + " (tag " + std::to_string(tag) +
             ") is a ready-mode send: it requires that rank " + std::to_string(dst_world) +
             " has already posted a matching receive, and it has not. Real MPI's behaviour is undefined then (the "
             "message may be lost). Make sure the receive is posted first (e.g. Irecv, then a barrier or a message "
             "saying so, then the ready send), or use a standard send.");
}

// ---------------------------------------------------------------------------------------------
// Posting, matching and moving data

void Engine::prepare_send(RankState& me, RequestState& s, std::uint32_t comm, const Payload& payload, int dest,
                          int tag, SendMode mode, CallKind kind, const Loc& loc) {
    s.kind = RequestKind::Send;
    s.owner = me.world;
    s.comm = comm;
    s.context = comms_[comm].p2p_context();
    s.peer = dest;
    s.tag = tag;
    s.synchronous = mode == SendMode::Synchronous;
    s.generic = payload.generic;
    if (payload.generic)
        s.send_text = payload.text;
    else
        s.send_buf = ConstBuffer(payload.data, payload.count, payload.type);
    s.bytes = payload.bytes();
    s.call = me.call;
    s.call_kind = kind;
    s.call_generic = payload.generic;
    s.loc = loc;
}

void Engine::prepare_recv(RankState& me, RequestState& r, std::uint32_t comm, Buffer buf, Value* value, int source,
                          int tag, CallKind kind, const Loc& loc) {
    r.kind = RequestKind::Recv;
    r.owner = me.world;
    r.comm = comm;
    r.context = comms_[comm].p2p_context();
    r.peer = source;
    r.tag = tag;
    r.generic = value != nullptr;
    r.recv_buf = buf;
    r.recv_value = value;
    r.bytes = value ? 0 : buf.bytes();
    r.call = me.call;
    r.call_kind = kind;
    r.call_generic = r.generic;
    r.loc = loc;
}

void Engine::post_send(RankState& sender, RequestState& s, const Payload& payload, double time) {
    const CommState& c = comms_[s.comm];
    const int dst_world = c.members[s.peer];
    RankState& dst = *ranks_[dst_world];
    const Envelope envelope{s.context, c.local_of[sender.world], s.tag};
    const std::int64_t bytes = payload.bytes();
    s.post_time = time;
    s.bytes = bytes;
    s.protocol = choose_protocol(config_, bytes, s.synchronous, dst.queues.buffered_bytes);

    MessageRecord record;
    record.post_time = time;
    record.bytes = bytes;
    record.src = sender.world;
    record.dst = dst_world;
    record.tag = s.tag;
    record.comm = s.comm;
    record.send_call = s.call;
    record.protocol = s.protocol;
    record.type = payload.generic ? TypeKind::Generic : payload.type.kind;
    record.flags = static_cast<std::uint8_t>((s.parent ? MSG_COLLECTIVE : 0) | (payload.generic ? MSG_GENERIC : 0) |
                                             (s.synchronous ? MSG_SYNCHRONOUS : 0));
    s.message = recorder_.begin_message(record);

    // The message object is only needed when it has to wait in a queue or travels by rendezvous; an
    // eager send to a posted receive copies straight into the receive buffer.
    auto make_message = [&] {
        auto message = std::make_unique<Message>();
        message->envelope = envelope;
        message->src_world = sender.world;
        message->dst_world = dst_world;
        message->comm = s.comm;
        message->bytes = bytes;
        message->count = payload.generic ? 1 : payload.count;
        message->type = payload.generic ? Datatype{TypeKind::Generic, 1} : payload.type;
        message->generic = payload.generic;
        message->protocol = s.protocol;
        message->post_time = time;
        message->trace_id = s.message;
        message->send_loc = s.loc;
        message->send_call_kind = s.call_kind;
        return message;
    };

    RequestState* recv = claim_direct(dst, envelope, /*lock_free=*/false);
    if (!recv && choosing()) {
        // A receive from ANY_SOURCE does not take the first message that happens to come: the message
        // waits as unexpected until the receive's choice is committed in virtual-time order (choice.cpp).
        recv = dst.queues.find_posted(envelope);
        if (recv && recv->peer == ANY_SOURCE) recv = nullptr;
        if (recv) dst.queues.remove_posted(recv);
    } else if (!recv) {
        recv = dst.queues.take_posted(envelope);
    }
    if (s.protocol == Protocol::Eager) {
        const EagerTimes t = eager_times(config_.cost, time, bytes);
        recorder_.delivered(s.message);   // into the posted receive or the unexpected queue
        // The data has arrived whether or not a receive ever takes it: a message never received waits
        // in the receiver's unexpected queue, it is not in flight for ever.
        if (MessageRecord* m = recorder_.message(s.message)) m->arrival_time = t.arrival;
        if (recv) {
            // The receive is already posted: copy straight from the sender's buffer (one copy).
            recorder_.matched(s.message);
            deliver_or_fail(payload, envelope.source, envelope.tag, *recv);
            const double done = receive_complete_time(recv->post_time, t.arrival);
            recv->message = s.message;
            if (MessageRecord* m = recorder_.message(s.message)) {
                m->match_time = done;
                m->arrival_time = t.arrival;
                m->complete_time = done;
                m->recv_call = recv->call;
                m->flags |= MSG_RECEIVED | MSG_MATCHED;
            }
            complete(*recv, done);
        } else {
            std::unique_ptr<Message> message = make_message();
            message->arrival_time = t.arrival;
            if (payload.generic) {
                message->text = *payload.text;
            } else if (bytes > 0) {
                const auto* from = static_cast<const std::byte*>(payload.data);
                message->data.assign(from, from + bytes);
            }
            dst.queues.buffered_bytes += bytes;
            dst.queues.unexpected.push_back(std::move(message));
            notify(dst_world);   // a probe may be waiting for it
        }
        complete(s, t.sender_done);
        return;
    }
    // Rendezvous: only the envelope travels now; the data moves when a receive matches it.
    std::unique_ptr<Message> message = make_message();
    message->arrival_time = time + config_.cost.latency;
    message->send_request = &s;
    if (recv) {
        match(dst, *recv, std::move(message));
    } else {
        s.pending = message.get();
        dst.queues.unexpected.push_back(std::move(message));
        notify(dst_world);
    }
}

bool Engine::post_recv(RankState& receiver, RequestState& r, double time, bool direct) {
    r.post_time = time;
    if (choosing()) {
        // A receive from ANY_SOURCE chooses at quiescence (choice.cpp); any other receive takes its
        // first matching message unless an earlier ANY_SOURCE receive has the first claim on it.
        const Message* first = r.peer == ANY_SOURCE ? nullptr : receiver.queues.find_unexpected(r.context, r.peer, r.tag);
        if (first && !held_by_wildcard(receiver, first->envelope, nullptr)) {
            match(receiver, r, receiver.queues.take_message(first));
        } else {
            receiver.queues.push_posted(&r);
            if (r.peer == ANY_SOURCE) note_wildcard(receiver);
        }
        return false;
    }
    std::unique_ptr<Message> message = receiver.queues.take_unexpected(r.context, r.peer, r.tag);
    if (message) {
        if (direct && direct_) receiver.direct.store(nullptr, std::memory_order_release);   // no longer posting
        match(receiver, r, std::move(message));
        return false;
    }
    if (direct && direct_ && receiver.queues.posted_head == nullptr) {
        receiver.direct.store(&r, std::memory_order_release);   // the only posted receive: see try_direct_send
        return true;
    }
    if (direct && direct_) receiver.direct.store(nullptr, std::memory_order_release);   // no longer posting
    receiver.queues.push_posted(&r);
    return false;
}

RequestState* Engine::claim_direct(RankState& receiver, const Envelope& envelope, bool lock_free) {
    RequestState* r = receiver.direct.load(std::memory_order_acquire);
    if (lock_free && r == posting_marker()) {
        // The receiver is on its way to publishing a receive: worth a wait of up to 2 µs.
        const auto published = [&] {
            r = receiver.direct.load(std::memory_order_acquire);
            return r != posting_marker();
        };
        if (!spin_until(published, 2'000)) return nullptr;
    }
    if (!lock_free) {
        // A direct sender holding the slot either completes the receive or puts it back (it did not
        // match its message) within moments, and never waits for the lock meanwhile. Wait for it:
        // skipping a receive that is put back would leave this message unexpected behind it.
        while (r == claimed_marker()) {
            __builtin_ia32_pause();
            r = receiver.direct.load(std::memory_order_acquire);
        }
    }
    if (!r || r == claimed_marker() || r == posting_marker()) return nullptr;
    if (!lock_free) {
        // With the lock held the receive cannot be replaced (recv() builds it under the lock).
        if (!matches(r->context, r->peer, r->tag, envelope)) return nullptr;
        return receiver.direct.compare_exchange_strong(r, nullptr, std::memory_order_acq_rel) ? r : nullptr;
    }
    // Without the lock, `r` may be a receive that another sender already completed and its rank has
    // since replaced: take the slot first, then look at the receive, and put it back if it does not match.
    if (!receiver.direct.compare_exchange_strong(r, claimed_marker(), std::memory_order_acq_rel)) return nullptr;
    if (matches(r->context, r->peer, r->tag, envelope)) return r;
    receiver.direct.store(r, std::memory_order_release);
    return nullptr;
}

bool Engine::spin_until_complete(const RequestState& r) const {
    // A failed delivery marks the receive complete too, after stopping the run: check that last.
    const auto over = [&] { return aborted_.load() || r.complete.load(std::memory_order_acquire); };
    return spin_until(over, spin_) && !aborted_.load();
}

void Engine::wait_for_claimer(const RankState& me) {
    while (me.direct.load(std::memory_order_acquire) == claimed_marker()) __builtin_ia32_pause();
}

// The direct hand-off. A receiver blocked in recv() with no other posted receive publishes its
// request in `direct` (under the lock, after finding no matching unexpected message). A sender that
// wins it with a compare-and-swap owns it: no other sender, and no locked path, can match it any
// more. Matching order stays MPI's: the receive is the first (only) posted one, and every earlier
// message from this sender was already in the receiver's unexpected queue when it posted.
bool Engine::try_direct_send(RankState& me, std::uint32_t comm, const Payload& payload, int dest, int tag,
                             SendMode mode, CallKind kind, const Loc& loc) {
    if (!direct_ || mode != SendMode::Standard || payload.generic || aborted_) return false;
    if (config_.cancel && config_.cancel->load(std::memory_order_relaxed)) return false;
    // Anything unusual takes the locked path, which reports it.
    if (comm >= comms_.size()) return false;
    const CommState& c = comms_[comm];
    const int me_local = c.local_of[me.world];
    if (me_local < 0 || c.freed[me_local] || dest < 0 || dest >= c.size() || tag < 0 || tag > TAG_UB) return false;
    if (payload.count < 0 || (payload.count > 0 && payload.data == nullptr) || payload.type.kind == TypeKind::Generic ||
        payload.type.size == 0)
        return false;
    const std::int64_t bytes = payload.bytes();
    if (bytes > config_.eager_threshold) return false;
    RankState& dst = *ranks_[c.members[dest]];
    RequestState* r = claim_direct(dst, Envelope{c.p2p_context(), me_local, tag}, /*lock_free=*/true);
    if (!r) return false;

    me.call_kind = kind;
    me.call_loc = loc;
    ++me.calls;
    const EagerTimes t = eager_times(config_.cost, me.clock, bytes);
    std::optional<DeliveryError> error = deliver(payload, me_local, tag, *r);
    r->complete_time = receive_complete_time(r->post_time, t.arrival);
    r->protocol = Protocol::Eager;
    if (error) {
        dst.direct.store(nullptr, std::memory_order_release);
        Lock lock(mutex_);
        delivery_failed(*error, me_local, tag, *r);
    }
    r->complete.store(true);   // seq_cst: pairs with the receiver's store of Blocked
    if (dst.phase.load() == Phase::Blocked) {
        // It gave up spinning and sleeps. Count it running before it can run (and block again), so
        // the count never reaches 0 early; then wake it.
        ++active_;
        Phase blocked = Phase::Blocked;
        if (dst.phase.compare_exchange_strong(blocked, Phase::Running))
            dst.parker.unpark();
        else
            --active_;
    }   // else it is spinning, or about to block and will find its receive complete
    dst.direct.store(nullptr, std::memory_order_release);   // done with it (see claimed_marker)
    me.clock = std::max(me.clock, t.sender_done);
    return true;
}

void Engine::match(RankState& receiver, RequestState& recv, std::unique_ptr<Message> message) {
    Message& m = *message;
    recv.message = m.trace_id;
    if (m.protocol == Protocol::Eager) {
        Payload p;
        p.generic = m.generic;
        p.data = m.data.data();
        p.count = m.count;
        p.type = m.type;
        p.text = &m.text;
        p.text_bytes = m.bytes;
        recorder_.matched(m.trace_id);   // its data was delivered into the unexpected queue when posted
        deliver_or_fail(p, m.envelope.source, m.envelope.tag, recv);
        const double done = receive_complete_time(recv.post_time, m.arrival_time);
        if (MessageRecord* rec = recorder_.message(m.trace_id)) {
            rec->match_time = done;
            rec->arrival_time = m.arrival_time;
            rec->complete_time = done;
            rec->recv_call = recv.call;
            rec->flags |= MSG_RECEIVED | MSG_MATCHED;
        }
        complete(recv, done);
        return;
    }
    RequestState& send = *m.send_request;
    send.pending = nullptr;
    const RendezvousTimes t = rendezvous_times(config_.cost, m.post_time, recv.post_time, m.bytes);
    recorder_.matched(m.trace_id);
    recorder_.delivered(m.trace_id);   // the data moves once the envelope has met its receive
    deliver_or_fail(payload_of(send), m.envelope.source, m.envelope.tag, recv);
    if (MessageRecord* rec = recorder_.message(m.trace_id)) {
        rec->match_time = t.match;
        rec->arrival_time = t.arrival;
        rec->complete_time = t.arrival;
        rec->recv_call = recv.call;
        rec->flags |= MSG_RECEIVED | MSG_MATCHED;
    }
    complete(recv, t.arrival);
    complete(send, t.sender_done);
}

void Engine::deliver_or_fail(const Payload& payload, int source_local, int tag, RequestState& recv) {
    std::optional<DeliveryError> error = deliver(payload, source_local, tag, recv);
    if (error) delivery_failed(*error, source_local, tag, recv);
}

void Engine::delivery_failed(const DeliveryError& error, int source_local, int tag, RequestState& recv) {
    const int source_world = comms_[recv.comm].members[source_local];
    try {
        fail_request(recv, error.kind,
                     "the message from rank " + std::to_string(source_world) + " (tag " + std::to_string(tag) +
                         ") does not fit this receive: " + error.detail + ".");
    } catch (const RunAborted&) {
        // The error is recorded and the run stopped: now the receive is over, and a receiver waiting
        // on it (spinning, or withdrawing it in recv) finds the run stopped, not a delivered message.
        recv.complete.store(true);
        throw;
    }
}

void Engine::check_watched_buffer(RankState& me, RequestState& r) {
    r.watch_buffer = false;
    const bool send = r.kind == RequestKind::Send;
    const std::uint64_t now = send ? buffer_checksum(r.send_buf.data, static_cast<std::size_t>(r.send_buf.bytes()))
                                   : buffer_checksum(r.recv_buf.data, static_cast<std::size_t>(r.recv_buf.bytes()));
    if (now == r.buffer_sum && !r.buffer_changed) return;
    const std::string posted = call_name(r.call_kind, r.call_generic) + " at " + r.loc.file_name() + ":" +
                               std::to_string(r.loc.line());
    if (send)
        fail(me, "buffer changed in flight",
             "the send buffer of the " + posted + " changed before the send completed. MPI forbids changing it "
             "until a Wait or Test says the send is complete: a real MPI may send the old bytes, the new ones or "
             "a mix. Change the buffer only after this call, or send from a buffer of its own");
    fail(me, "buffer changed in flight",
         "the receive buffer of the " + posted + " was written before the receive completed. MPI forbids touching "
         "it until a Wait or Test says the receive is complete: the message may land over what was written, or "
         "under it. Use the buffer only after this call, or write to another one");
}

void Engine::finish_wait(RankState& me, RequestState& r, Status* status, Value* value) {
    if (r.watch_buffer) check_watched_buffer(me, r);
    me.clock = std::max(me.clock, r.complete_time);
    if (status) *status = r.status;
    if (value) {
        if (r.kind == RequestKind::Recv && r.generic)
            *value = std::move(r.owned_value);
        else if (r.kind == RequestKind::Collective && r.collective && r.collective->schedule->result)
            *value = std::move(*r.collective->schedule->result);
        else
            *value = Value();
    }
}

// ---------------------------------------------------------------------------------------------
// The calls

void Engine::send(RankState& me, std::uint32_t comm, const Payload& payload, int dest, int tag, SendMode mode,
                  CallKind kind, const Loc& loc) {
    if (try_direct_send(me, comm, payload, dest, tag, mode, kind, loc)) return;
    RequestState s;   // built before taking the lock: the critical section is the hand-off's critical path
    Lock lock = enter_call(me, kind, payload.generic, comm, dest, tag, payload.bytes(), loc);
    validate_comm(me, comm);
    validate_peer(me, comm, dest, false);
    validate_tag(me, tag, false);
    validate_payload(me, payload);
    if (dest == PROC_NULL) return leave_call(me);
    if (mode == SendMode::Ready) check_receive_posted(me, comm, dest, tag);
    prepare_send(me, s, comm, payload, dest, tag, mode, kind, loc);
    post_send(me, s, payload, me.clock);
    if (CallRecord* c = recorder_.call(me.call)) {
        c->protocol = s.protocol;
        c->message = s.message;
    }
    me.wait.kind = WaitSpec::All;
    me.wait.single = &s;
    s.sole_wait = true;
    block_until_satisfied(me, lock, /*relock=*/false);
    me.clock = std::max(me.clock, s.complete_time);
    leave_call(me);
}

Request Engine::isend(RankState& me, std::uint32_t comm, const Payload& payload, std::string owned_text, int dest,
                      int tag, SendMode mode, CallKind kind, const Loc& loc) {
    Lock lock = enter_call(me, kind, payload.generic, comm, dest, tag, payload.bytes(), loc);
    validate_comm(me, comm);
    validate_peer(me, comm, dest, false);
    validate_tag(me, tag, false);
    validate_payload(me, payload);
    if (mode == SendMode::Ready && dest != PROC_NULL) check_receive_posted(me, comm, dest, tag);
    auto s = std::make_unique<RequestState>();
    Payload owned = payload;
    if (payload.generic) {
        s->owned_text = std::move(owned_text);
        owned.text = &s->owned_text;
    }
    prepare_send(me, *s, comm, owned, dest, tag, mode, kind, loc);
    if (!owned.generic && dest != PROC_NULL) {
        s->watch_buffer = true;
        s->buffer_sum = buffer_checksum(owned.data, static_cast<std::size_t>(owned.bytes()));
    }
    RequestState& state = *s;
    const std::uint32_t id = register_request(std::move(s));
    if (dest == PROC_NULL) {
        state.complete = true;
        state.complete_time = me.clock;
        state.status.source = PROC_NULL;
    } else {
        post_send(me, state, owned, me.clock);
    }
    if (CallRecord* c = recorder_.call(me.call)) {
        c->protocol = state.protocol;
        c->message = state.message;
        c->request = id;
    }
    leave_call(me);
    return Request{id};
}

Status Engine::recv(RankState& me, std::uint32_t comm, Buffer buf, Value* value, int source, int tag, const Loc& loc) {
    const bool generic = value != nullptr;
    // The request lives in the rank's state, next to what a sender reads to find it (see RankState).
    RequestState& r = me.blocking_recv;
    wait_for_claimer(me);   // the previous receive's direct sender may still be waking this rank
    if (direct_) me.direct.store(posting_marker(), std::memory_order_release);
    // However this call ends, leave no marker and no published receive behind. If it ends by an
    // exception (the run was stopped) while its receive is published, withdraw it — or, if a sender
    // already won it, wait until that sender is done writing into the buffer, which is about to go
    // away. Every winner marks the receive complete when done, also when its delivery failed.
    struct WithdrawDirect {
        RankState& me;
        RequestState& r;
        bool published = false;
        ~WithdrawDirect() {
            RequestState* posting = posting_marker();
            if (me.direct.load() == posting && me.direct.compare_exchange_strong(posting, nullptr)) return;
            if (!published || r.complete.load()) return;
            for (;;) {
                RequestState* expected = &r;
                if (me.direct.compare_exchange_strong(expected, nullptr)) return;   // withdrawn
                if (expected != claimed_marker() && r.complete.load()) return;      // a sender is done with it
                std::this_thread::yield();
            }
        }
    } withdraw{me, r};
    Lock lock = enter_call(me, CallKind::Recv, generic, comm, source, tag,
                           generic ? 0 : buf.bytes(), loc);
    validate_comm(me, comm);
    validate_peer(me, comm, source, true);
    validate_tag(me, tag, true);
    if (!generic) validate_buffer(me, buf);
    if (source == PROC_NULL) {
        leave_call(me);
        Status st;
        st.source = PROC_NULL;
        return st;
    }
    std::destroy_at(&r);
    std::construct_at(&r);
    prepare_recv(me, r, comm, buf, value, source, tag, CallKind::Recv, loc);
    withdraw.published = post_recv(me, r, me.clock, /*direct=*/true);
    me.wait.kind = WaitSpec::All;
    me.wait.single = &r;
    r.sole_wait = true;
    bool done = false;
    if (withdraw.published && spin_ > 0 && !r.complete.load()) {
        // Wait for a direct sender without the lock and still counted as running: the sender then
        // only marks the receive complete. Past the spin, block the usual way (and count as blocked).
        lock.unlock();
        done = spin_until_complete(r);
        if (!done) {
            lock.lock();
            check_abort(me);   // stopped while spinning (perhaps by an error in delivering to it)
        }
    }
    if (!done) block_until_satisfied(me, lock, /*relock=*/false);
    me.clock = std::max(me.clock, r.complete_time);
    if (CallRecord* c = recorder_.call(me.call)) {
        c->message = r.message;
        if (MessageRecord* m = recorder_.message(r.message)) c->protocol = m->protocol;
    }
    leave_call(me);
    return r.status;
}

Request Engine::irecv(RankState& me, std::uint32_t comm, Buffer buf, bool generic, int source, int tag,
                      const Loc& loc) {
    Lock lock = enter_call(me, CallKind::Irecv, generic, comm, source, tag,
                           generic ? 0 : buf.bytes(), loc);
    validate_comm(me, comm);
    validate_peer(me, comm, source, true);
    validate_tag(me, tag, true);
    if (!generic) validate_buffer(me, buf);
    auto r = std::make_unique<RequestState>();
    RequestState& state = *r;
    prepare_recv(me, state, comm, buf, generic ? &state.owned_value : nullptr, source, tag, CallKind::Irecv, loc);
    if (!generic && source != PROC_NULL) {
        state.watch_buffer = true;
        state.buffer_sum = buffer_checksum(buf.data, static_cast<std::size_t>(buf.bytes()));
    }
    const std::uint32_t id = register_request(std::move(r));
    if (source == PROC_NULL) {
        state.complete = true;
        state.complete_time = me.clock;
        state.status.source = PROC_NULL;
    } else {
        post_recv(me, state, me.clock);
    }
    if (CallRecord* c = recorder_.call(me.call)) {
        c->request = id;
        c->message = state.message;
    }
    leave_call(me);
    return Request{id};
}

Status Engine::sendrecv(RankState& me, std::uint32_t comm, const Payload& payload, int dest, int sendtag, Buffer buf,
                        Value* value, int source, int recvtag, const Loc& loc) {
    Lock lock = enter_call(me, CallKind::Sendrecv, payload.generic, comm, dest, sendtag,
                           payload.bytes(), loc);
    validate_comm(me, comm);
    validate_peer(me, comm, dest, false);
    validate_peer(me, comm, source, true);
    validate_tag(me, sendtag, false);
    validate_tag(me, recvtag, true);
    validate_payload(me, payload);
    if (!value) {
        validate_buffer(me, buf);
        const auto* send_begin = static_cast<const std::byte*>(payload.data);
        const auto* recv_begin = static_cast<const std::byte*>(buf.data);
        if (payload.bytes() > 0 && buf.bytes() > 0 && send_begin < recv_begin + buf.bytes() &&
            recv_begin < send_begin + payload.bytes())
            fail(me, "aliased buffers",
                 "the send and receive buffers overlap; MPI forbids that, because the message received may overwrite "
                 "the one being sent. Receive into a separate buffer (or, in C, use MPI_Sendrecv_replace to reuse one "
                 "buffer).");
    }
    RequestState s, r;
    RequestState* both[2] = {nullptr, nullptr};
    // The receive is posted first, so that exchanging with oneself works at any size.
    if (source != PROC_NULL) {
        prepare_recv(me, r, comm, buf, value, source, recvtag, CallKind::Sendrecv, loc);
        post_recv(me, r, me.clock);
        both[1] = &r;
    } else {
        r.status.source = PROC_NULL;
    }
    if (dest != PROC_NULL) {
        prepare_send(me, s, comm, payload, dest, sendtag, SendMode::Standard, CallKind::Sendrecv, loc);
        post_send(me, s, payload, me.clock);
        both[0] = &s;
    }
    if (CallRecord* c = recorder_.call(me.call)) {
        c->protocol = s.protocol;
        c->message = s.message;
    }
    me.wait.kind = WaitSpec::All;
    me.wait.requests = std::span<RequestState* const>(both, 2);
    block_until_satisfied(me, lock, /*relock=*/false);
    if (both[0]) me.clock = std::max(me.clock, s.complete_time);
    if (both[1]) me.clock = std::max(me.clock, r.complete_time);
    leave_call(me);
    return r.status;
}

// ---------------------------------------------------------------------------------------------
// Completion

static void describe_wait_call(Recorder& recorder, std::uint32_t call, const RequestState& r, int peer_world) {
    if (CallRecord* c = recorder.call(call)) {
        c->request = r.id;
        c->comm = r.comm;
        c->peer = peer_world;
        c->tag = r.tag;
        c->bytes = r.bytes;
        c->protocol = r.protocol;
    }
}

Status Engine::wait(RankState& me, Request& req, Value* value, const Loc& loc) {
    Lock lock = enter_call(me, CallKind::Wait, false, 0, PROC_NULL, 0, 0, loc);
    RequestState* r = lookup_request(me, req, "wait");
    Status status;
    if (!r) {
        leave_call(me);
        if (value) *value = Value();
        return status;
    }
    describe_wait_call(recorder_, me.call, *r, r->kind == RequestKind::Collective ? PROC_NULL : comm_to_world(r->comm, r->peer));
    me.wait.kind = WaitSpec::All;
    me.wait.single = r;
    block_until_satisfied(me, lock);
    finish_wait(me, *r, &status, value);
    release_request(req);
    leave_call(me);
    return status;
}

bool Engine::test(RankState& me, Request& req, Status* status, Value* value, const Loc& loc, bool release) {
    Lock lock = enter_call(me, CallKind::Test, false, 0, PROC_NULL, 0, 0, loc);
    RequestState* r = lookup_request(me, req, "test");
    if (!r) {
        if (status) *status = Status{};
        leave_call(me);
        return true;
    }
    describe_wait_call(recorder_, me.call, *r, r->kind == RequestKind::Collective ? PROC_NULL : comm_to_world(r->comm, r->peer));
    if (r->complete) {
        if (release) {
            finish_wait(me, *r, status, value);
            release_request(req);
        } else {
            me.clock = std::max(me.clock, r->complete_time);
            if (status) *status = r->status;
        }
        leave_call(me);
        return true;
    }
    me.wait.kind = WaitSpec::All;
    me.wait.single = r;
    futile_poll(me, lock);
    me.wait = WaitSpec{};
    leave_call(me);
    return false;
}

std::vector<int> Engine::complete_many(RankState& me, std::span<Request> reqs, Completion how, bool blocking,
                                       std::vector<Status>* statuses, std::vector<Value>* values, CallKind kind,
                                       const Loc& loc) {
    Lock lock = enter_call(me, kind, false, 0, PROC_NULL, 0, 0, loc);
    const std::string name = call_name(kind, false);
    std::vector<RequestState*> states(reqs.size(), nullptr);
    bool any_live = false;
    for (std::size_t i = 0; i < reqs.size(); ++i) {
        states[i] = lookup_request(me, reqs[i], name.c_str());
        if (states[i] && !any_live) {
            any_live = true;
            if (CallRecord* c = recorder_.call(me.call)) c->request = states[i]->id;
        }
    }
    if (statuses) statuses->assign(reqs.size(), Status{});
    if (values) values->assign(reqs.size(), Value());
    if (!any_live) {
        leave_call(me);
        return {};
    }
    auto satisfied = [&] {
        bool all = true, any = false;
        for (RequestState* s : states) {
            if (!s) continue;
            all = all && s->complete;
            any = any || s->complete;
        }
        return how == Completion::All ? all : any;
    };
    me.wait.kind = how == Completion::All ? WaitSpec::All : WaitSpec::Any;
    me.wait.requests = std::span<RequestState* const>(states.data(), states.size());
    if (!satisfied()) {
        if (!blocking) {
            futile_poll(me, lock);
            me.wait = WaitSpec{};
            leave_call(me);
            return {};
        }
        block_until_satisfied(me, lock);
    }
    me.wait = WaitSpec{};
    std::vector<int> done;
    const auto live = std::count_if(states.begin(), states.end(), [](const RequestState* r) { return r != nullptr; });
    if (how != Completion::All && choosing() && live > 1) {
        // Which request comes first is a choice, made in virtual-time order (choice.cpp).
        me.wait.kind = WaitSpec::Any;
        me.wait.requests = std::span<RequestState* const>(states.data(), states.size());
        const int first = choose(me, lock);
        // waitsome / testsome return every request complete by the time the first one is.
        const double until = std::max(me.clock, states[first]->complete_time);
        done.push_back(first);
        if (how == Completion::Some)
            for (std::size_t i = 0; i < states.size(); ++i)
                if (static_cast<int>(i) != first && states[i] && states[i]->complete && states[i]->complete_time <= until)
                    done.push_back(static_cast<int>(i));
        std::sort(done.begin(), done.end());
    } else {
        for (std::size_t i = 0; i < states.size(); ++i)
            if (states[i] && states[i]->complete) done.push_back(static_cast<int>(i));
    }
    if (how == Completion::Any && done.size() > 1) {
        // Of the completed requests, the one that completed first in virtual time (then the lowest
        // index): what a student expects "the first to arrive" to mean.
        int first = done.front();
        for (int i : done)
            if (states[i]->complete_time < states[first]->complete_time) first = i;
        done.assign(1, first);
    }
    for (int i : done) {
        finish_wait(me, *states[i], statuses ? &(*statuses)[i] : nullptr, values ? &(*values)[i] : nullptr);
        release_request(reqs[i]);
    }
    leave_call(me);
    return done;
}

void Engine::request_free(RankState& me, Request& req) {
    Lock lock(mutex_);
    check_abort(me);
    RequestState* r = lookup_request(me, req, "request_free");
    if (!r) return;
    if (r->complete) {
        release_request(req);
        return;
    }
    r->detached = true;
    detached_.push_back(req.id);
    req.id = 0;
}

bool Engine::cancel(RankState& me, Request& req) {
    Lock lock(mutex_);
    check_abort(me);
    RequestState* r = lookup_request(me, req, "cancel");
    if (!r || r->kind != RequestKind::Recv || r->complete) return false;
    // Not complete means not matched: a receive completes as soon as a message matches it.
    me.queues.remove_posted(r);
    r->status = Status{};
    r->status.cancelled = true;
    complete(*r, me.clock);
    return true;
}

bool Engine::is_complete(RankState& me, const Request& req) {
    Lock lock(mutex_);
    check_abort(me);
    if (req.is_null()) return true;
    auto it = requests_.find(req.id);
    return it == requests_.end() || it->second->complete;
}

Status Engine::probe(RankState& me, std::uint32_t comm, int source, int tag, const Loc& loc) {
    Lock lock = enter_call(me, CallKind::Probe, false, comm, source, tag, 0, loc);
    validate_comm(me, comm);
    validate_peer(me, comm, source, true);
    validate_tag(me, tag, true);
    Status status;
    if (source == PROC_NULL) {
        status.source = PROC_NULL;
        leave_call(me);
        return status;
    }
    me.wait.kind = WaitSpec::Probe;
    me.wait.context = comms_[comm].p2p_context();
    me.wait.source = source;
    me.wait.tag = tag;
    block_until_satisfied(me, lock);
    const Message* m = me.queues.find_unexpected(comms_[comm].p2p_context(), source, tag);
    if (source == ANY_SOURCE && choosing()) {
        // The chosen message may have been taken meanwhile by a receive of this rank: probe again.
        while (!(m = probed_message(me, comms_[comm].p2p_context(), tag, lock))) {
            me.wait.kind = WaitSpec::Probe;
            me.wait.context = comms_[comm].p2p_context();
            me.wait.source = source;
            me.wait.tag = tag;
            block_until_satisfied(me, lock);
        }
    }
    status = Status{m->envelope.source, m->envelope.tag, m->bytes, m->count, m->type.kind};
    me.clock = std::max(me.clock, m->arrival_time);
    leave_call(me);
    return status;
}

const Message* Engine::probed_message(RankState& me, std::uint32_t context, int tag, Lock& lock) {
    // Which sender's message a wildcard probe reports is a choice (choice.cpp).
    me.wait.kind = WaitSpec::Probe;
    me.wait.context = context;
    me.wait.source = ANY_SOURCE;
    me.wait.tag = tag;
    const int sender = choose(me, lock);
    for (const auto& m : me.queues.unexpected)
        if (m->src_world == sender && matches(context, ANY_SOURCE, tag, m->envelope)) return m.get();
    return nullptr;   // a receive of this rank took it meanwhile
}

bool Engine::iprobe(RankState& me, std::uint32_t comm, int source, int tag, Status* status, const Loc& loc) {
    Lock lock = enter_call(me, CallKind::Iprobe, false, comm, source, tag, 0, loc);
    validate_comm(me, comm);
    validate_peer(me, comm, source, true);
    validate_tag(me, tag, true);
    if (source == PROC_NULL) {
        if (status) *status = Status{PROC_NULL, ANY_TAG, 0, 0, TypeKind::Byte};
        leave_call(me);
        return true;
    }
    const std::uint32_t context = comms_[comm].p2p_context();
    const Message* m = me.queues.find_unexpected(context, source, tag);
    if (m && source == ANY_SOURCE && choosing()) m = probed_message(me, context, tag, lock);
    if (m) {
        if (status) *status = Status{m->envelope.source, m->envelope.tag, m->bytes, m->count, m->type.kind};
        me.clock = std::max(me.clock, m->arrival_time);
        leave_call(me);
        return true;
    }
    me.wait.kind = WaitSpec::Probe;
    me.wait.context = context;
    me.wait.source = source;
    me.wait.tag = tag;
    futile_poll(me, lock);
    me.wait = WaitSpec{};
    leave_call(me);
    return false;
}

}  // namespace mpilab
