// The point-to-point, local and communicator calls of Comm: they turn the mpi4py-style arguments
// into engine operations. (Collectives are defined in core/collectives/.)
#include "comm.hpp"

#include "engine.hpp"
#include "wire.hpp"

#include <stdexcept>

namespace mpilab {

namespace {

Payload typed_payload(const ConstBuffer& buf) {
    Payload p;
    p.data = buf.data;
    p.count = buf.count;
    p.type = buf.type;
    return p;
}

Payload generic_payload(const WireValue& wire) {
    Payload p;
    p.generic = true;
    p.text = &wire.text;
    p.text_bytes = wire.bytes;
    return p;
}

}  // namespace

Engine& Comm::eng() const {
    if (!engine_)
        throw std::logic_error("this communicator handle is empty: use the communicator the program was given, "
                               "or one made from it with dup() or split()");
    return *engine_;
}

int Comm::rank() const { return is_null() ? UNDEFINED : engine_->comm_rank(*self_, comm_); }
int Comm::size() const { return is_null() ? 0 : engine_->comm_size(comm_); }
int Comm::world_rank() const { return self_ ? engine_->comm_to_world(0, engine_->comm_rank(*self_, 0)) : -1; }
std::string Comm::name() const { return is_null() ? "null" : engine_->comm_name(comm_); }
int Comm::to_world(int local_rank) const { return is_null() ? local_rank : engine_->comm_to_world(comm_, local_rank); }

// ---- generic values: put in their wire form outside the lock ----

void Comm::send(const Value& obj, int dest, int tag, Loc loc) {
    const WireValue wire = encode_value(obj);
    eng().send(*self_, comm_, generic_payload(wire), dest, tag, Engine::SendMode::Standard, CallKind::Send, loc);
}

void Comm::ssend(const Value& obj, int dest, int tag, Loc loc) {
    const WireValue wire = encode_value(obj);
    eng().send(*self_, comm_, generic_payload(wire), dest, tag, Engine::SendMode::Synchronous, CallKind::Ssend, loc);
}

Value Comm::recv(int source, int tag, Status* status, Loc loc) {
    Value value;
    Status st = eng().recv(*self_, comm_, Buffer{}, &value, source, tag, loc);
    if (status) *status = st;
    return value;
}

Value Comm::sendrecv(const Value& obj, int dest, int sendtag, int source, int recvtag, Status* status, Loc loc) {
    const WireValue wire = encode_value(obj);
    Value value;
    Status st = eng().sendrecv(*self_, comm_, generic_payload(wire), dest, sendtag, Buffer{}, &value, source,
                                  recvtag, loc);
    if (status) *status = st;
    return value;
}

Request Comm::isend(const Value& obj, int dest, int tag, Loc loc) {
    WireValue wire = encode_value(obj);
    const Payload p = generic_payload(wire);
    return eng().isend(*self_, comm_, p, std::move(wire.text), dest, tag, Engine::SendMode::Standard, CallKind::Isend,
                       loc);
}

Request Comm::issend(const Value& obj, int dest, int tag, Loc loc) {
    WireValue wire = encode_value(obj);
    const Payload p = generic_payload(wire);
    return eng().isend(*self_, comm_, p, std::move(wire.text), dest, tag, Engine::SendMode::Synchronous,
                          CallKind::Issend, loc);
}

Request Comm::irecv(int source, int tag, Loc loc) {
    return eng().irecv(*self_, comm_, Buffer{}, true, source, tag, loc);
}

// ---- typed buffers ----

void Comm::Send(ConstBuffer buf, int dest, int tag, Loc loc) {
    eng().send(*self_, comm_, typed_payload(buf), dest, tag, Engine::SendMode::Standard, CallKind::Send, loc);
}

void Comm::Ssend(ConstBuffer buf, int dest, int tag, Loc loc) {
    eng().send(*self_, comm_, typed_payload(buf), dest, tag, Engine::SendMode::Synchronous, CallKind::Ssend, loc);
}

Status Comm::Recv(Buffer buf, int source, int tag, Loc loc) {
    return eng().recv(*self_, comm_, buf, nullptr, source, tag, loc);
}

Status Comm::Sendrecv(ConstBuffer sendbuf, int dest, int sendtag, Buffer recvbuf, int source, int recvtag, Loc loc) {
    return eng().sendrecv(*self_, comm_, typed_payload(sendbuf), dest, sendtag, recvbuf, nullptr, source, recvtag, loc);
}

Request Comm::Isend(ConstBuffer buf, int dest, int tag, Loc loc) {
    return eng().isend(*self_, comm_, typed_payload(buf), {}, dest, tag, Engine::SendMode::Standard, CallKind::Isend, loc);
}

Request Comm::Issend(ConstBuffer buf, int dest, int tag, Loc loc) {
    return eng().isend(*self_, comm_, typed_payload(buf), {}, dest, tag, Engine::SendMode::Synchronous,
                          CallKind::Issend, loc);
}

Request Comm::Irecv(Buffer buf, int source, int tag, Loc loc) {
    return eng().irecv(*self_, comm_, buf, false, source, tag, loc);
}

void Comm::Rsend(ConstBuffer buf, int dest, int tag, Loc loc) {
    eng().send(*self_, comm_, typed_payload(buf), dest, tag, Engine::SendMode::Ready, CallKind::Rsend, loc);
}

Request Comm::Irsend(ConstBuffer buf, int dest, int tag, Loc loc) {
    return eng().isend(*self_, comm_, typed_payload(buf), {}, dest, tag, Engine::SendMode::Ready, CallKind::Irsend, loc);
}

Request Comm::buffered_send(ConstBuffer copy, int dest, int tag, bool nonblocking, Loc loc) {
    return eng().isend(*self_, comm_, typed_payload(copy), {}, dest, tag, Engine::SendMode::Standard,
                       nonblocking ? CallKind::Ibsend : CallKind::Bsend, loc);
}

// ---- completion ----

Status Comm::wait(Request& req, Loc loc) { return eng().wait(*self_, req, nullptr, loc); }

Value Comm::wait_value(Request& req, Status* status, Loc loc) {
    Value value;
    Status st = eng().wait(*self_, req, &value, loc);
    if (status) *status = st;
    return value;
}

bool Comm::test(Request& req, Status* status, Loc loc) { return eng().test(*self_, req, status, nullptr, loc); }

std::vector<Status> Comm::waitall(std::span<Request> reqs, Loc loc) {
    std::vector<Status> statuses;
    eng().complete_many(*self_, reqs, Engine::Completion::All, true, &statuses, nullptr, CallKind::Waitall, loc);
    return statuses;
}

std::vector<Value> Comm::waitall_values(std::span<Request> reqs, Loc loc) {
    std::vector<Value> values;
    eng().complete_many(*self_, reqs, Engine::Completion::All, true, nullptr, &values, CallKind::Waitall, loc);
    return values;
}

int Comm::waitany(std::span<Request> reqs, Status* status, Loc loc) {
    std::vector<Status> statuses;
    std::vector<int> done =
        eng().complete_many(*self_, reqs, Engine::Completion::Any, true, &statuses, nullptr, CallKind::Waitany, loc);
    if (done.empty()) return -1;
    if (status) *status = statuses[done.front()];
    return done.front();
}

std::vector<int> Comm::waitsome(std::span<Request> reqs, Loc loc) {
    return eng().complete_many(*self_, reqs, Engine::Completion::Some, true, nullptr, nullptr, CallKind::Waitsome, loc);
}

bool Comm::testall(std::span<Request> reqs, Loc loc) {
    bool any_live = false;
    for (const Request& r : reqs) any_live = any_live || !r.is_null();
    std::vector<int> done =
        eng().complete_many(*self_, reqs, Engine::Completion::All, false, nullptr, nullptr, CallKind::Testall, loc);
    return !any_live || !done.empty();
}

int Comm::testany(std::span<Request> reqs, Status* status, Loc loc) {
    std::vector<Status> statuses;
    std::vector<int> done =
        eng().complete_many(*self_, reqs, Engine::Completion::Any, false, &statuses, nullptr, CallKind::Testany, loc);
    if (done.empty()) return -1;
    if (status) *status = statuses[done.front()];
    return done.front();
}

std::vector<int> Comm::testsome(std::span<Request> reqs, Loc loc) {
    return eng().complete_many(*self_, reqs, Engine::Completion::Some, false, nullptr, nullptr, CallKind::Testsome, loc);
}

std::vector<int> Comm::waitsome(std::span<Request> reqs, std::vector<Status>& statuses, Loc loc) {
    return eng().complete_many(*self_, reqs, Engine::Completion::Some, true, &statuses, nullptr, CallKind::Waitsome, loc);
}

std::vector<int> Comm::testsome(std::span<Request> reqs, std::vector<Status>& statuses, Loc loc) {
    return eng().complete_many(*self_, reqs, Engine::Completion::Some, false, &statuses, nullptr, CallKind::Testsome, loc);
}

bool Comm::testall(std::span<Request> reqs, std::vector<Status>& statuses, Loc loc) {
    bool any_live = false;
    for (const Request& r : reqs) any_live = any_live || !r.is_null();
    std::vector<int> done =
        eng().complete_many(*self_, reqs, Engine::Completion::All, false, &statuses, nullptr, CallKind::Testall, loc);
    return !any_live || !done.empty();
}

bool Comm::get_status(const Request& req, Status* status, Loc loc) {
    Request copy = req;
    return eng().test(*self_, copy, status, nullptr, loc, /*release=*/false);
}

void Comm::request_free(Request& req) { eng().request_free(*self_, req); }
bool Comm::cancel(Request& req) { return eng().cancel(*self_, req); }
bool Comm::is_complete(const Request& req) const { return eng().is_complete(*self_, req); }

Status Comm::probe(int source, int tag, Loc loc) { return eng().probe(*self_, comm_, source, tag, loc); }

bool Comm::iprobe(int source, int tag, Status* status, Loc loc) {
    return eng().iprobe(*self_, comm_, source, tag, status, loc);
}

// ---- time, output, results ----

void Comm::compute(double seconds, Loc loc) { eng().compute(*self_, seconds, loc); }
double Comm::wtime() const { return self_ ? self_->clock : 0.0; }
void Comm::print_text(std::string text) { eng().print(*self_, std::move(text)); }
void Comm::result(const std::string& name, Value value) { eng().result(*self_, name, std::move(value)); }
void Comm::check(bool condition, std::string_view what, Loc loc) { eng().check(*self_, condition, what, loc); }

void Comm::fail(std::string_view call, std::string_view kind, std::string message, Loc loc) {
    eng().front_end_error(*self_, call, kind, std::move(message), loc);
}
void Comm::warn(std::string text) { eng().warn(*self_, std::move(text)); }

// ---- communicators ----

Comm Comm::dup(Loc loc) { return Comm(engine_, self_, eng().comm_dup(*self_, comm_, loc)); }

Comm Comm::split(int color, int key, Loc loc) {
    // Colour UNDEFINED gives a null communicator: any call on it is reported as an error.
    return Comm(engine_, self_, eng().comm_split(*self_, comm_, color, key, loc));
}

void Comm::free(Loc loc) { eng().comm_free(*self_, comm_, loc); }

Comm Comm::self_comm() { return Comm(engine_, self_, eng().comm_self(*self_)); }

}  // namespace mpilab
