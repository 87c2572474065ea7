// Non-blocking point-to-point calls, persistent requests and the completion calls (MPI_Wait, MPI_Test
// and their -all, -any, -some forms). Completion ends in the core's wait/test, so a Waitall that can
// never return is a deadlock the core explains; a completed request's received data is unpacked into
// the program's memory here, and its handle set to MPI_REQUEST_NULL (a persistent one goes inactive).
#include "profiling.hpp"
#include "shim.hpp"

#include <algorithm>

using namespace mpilab;
using namespace mpilab::cshim;

// ---- the table ------------------------------------------------------------------------------------

namespace mpilab::cshim {

std::pair<int, RequestObject*> RequestTable::add() {
    std::uint32_t index;
    if (!free_.empty()) {
        index = free_.back();
        free_.pop_back();
    } else {
        if (slots_.size() >= (1u << 20))
            raise(MPI_ERR_REQUEST, "more than 1,048,575 requests are active at once on this rank: complete requests "
                                   "(MPI_Wait, MPI_Test) or free them before starting more");
        slots_.emplace_back();
        index = static_cast<std::uint32_t>(slots_.size() - 1);
    }
    Slot& s = slots_[index];
    s.object = RequestObject{};
    s.live = true;
    return {handle_of(index), &s.object};
}

RequestObject* RequestTable::find(int handle, Lookup* why) {
    Lookup result = Lookup::Invalid;
    RequestObject* object = nullptr;
    if (handle_kind_bits(handle) == static_cast<std::uint32_t>(HandleKind::Request)) {
        const std::uint32_t index = handle_index(handle) & 0xfffffu;
        const std::uint32_t generation = handle_index(handle) >> 20;
        if (index == 0 && generation == 0) {
            result = Lookup::Null;
        } else if (index > 0 && index < slots_.size()) {
            Slot& s = slots_[index];
            if (s.live && s.generation == generation) {
                object = &s.object;
                result = Lookup::Live;
            } else {
                result = Lookup::Freed;
            }
        }
    }
    if (why) *why = result;
    return object;
}

void RequestTable::release(int handle) {
    const std::uint32_t index = handle_index(handle) & 0xfffffu;
    Slot& s = slots_[index];
    s.object = RequestObject{};
    s.live = false;
    s.generation = static_cast<std::uint8_t>((s.generation + 1) & 0xf);
    free_.push_back(index);
}

// Requests the program freed (MPI_Request_free) while active: kept until the core completes them,
// since the core may still read their packed data or write their receive buffer.
namespace {

void sweep_freed(MpiRank& rank, bool all) {
    auto& freed = rank.freed_requests;
    if (!all && freed.size() < rank.freed_sweep_at) return;
    std::erase_if(freed, [&](FreedRequest& f) {
        if (!rank.world.is_complete(f.core)) return false;
        for (Incoming& in : f.object.incoming) in.finish();
        return true;
    });
    rank.freed_sweep_at = std::max<std::size_t>(16, 2 * freed.size());
}

}  // namespace

int add_request(Call& call, Request core, MPI_Comm comm, bool receive) {
    sweep_freed(call.rank, false);
    auto [handle, r] = call.rank.requests.add();
    r->core = core;
    r->active = true;
    r->comm = comm;
    r->receive = receive;
    r->created = call.loc;
    return handle;
}

RequestObject* find_request(Call& call, MPI_Request handle, const char* what) {
    Lookup why;
    RequestObject* r = call.rank.requests.find(handle, &why);
    if (r) return r;
    if (why == Lookup::Null) return nullptr;
    if (why == Lookup::Freed)
        raise(MPI_ERR_REQUEST, std::string("the ") + what + " (" + hex_handle(handle) +
                                   ") was already completed or freed: MPI_Wait and MPI_Test set a completed request's "
                                   "handle to MPI_REQUEST_NULL, but a copy of the handle stays stale. Complete each "
                                   "request exactly once, through the variable the call filled");
    raise(MPI_ERR_REQUEST, std::string("the ") + what + " (" + hex_handle(handle) + ") is not a request: " +
                               describe_foreign_handle(handle));
}

}  // namespace mpilab::cshim

namespace {

// The request has completed in the core with status `s`: unpack, finish, report, and release the
// handle (or make a persistent request inactive).
void complete_request(Call& call, MPI_Request* handle, RequestObject& r, Status s, MPI_Status* status) {
    for (Incoming& in : r.incoming) in.finish(s.bytes);
    if (r.on_complete) r.on_complete(s);
    if (r.receive)
        fill_status(status, s);
    else if (!ignored(status)) {
        empty_status(status);
        status->mpilab_cancelled = s.cancelled;
    }
    r.active = false;
    r.core = Request{};
    if (!r.persistent) {
        call.rank.requests.release(*handle);
        *handle = MPI_REQUEST_NULL;
    }
}

// The live, active requests of an array, and their core requests (null where none).
struct RequestArray {
    std::vector<RequestObject*> objects;
    std::vector<Request> core;
    bool any_active = false;
};

RequestArray request_array(Call& call, int count, MPI_Request* handles) {
    call.check_count(count, "number of requests");
    if (count > 0 && !handles) raise(MPI_ERR_ARG, "the array of requests is NULL");
    RequestArray a;
    a.objects.resize(static_cast<std::size_t>(count));
    a.core.resize(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        const std::string what = "request at index " + std::to_string(i);
        RequestObject* r = find_request(call, handles[i], what.c_str());
        a.objects[i] = r;
        if (r && r->active) {
            a.core[i] = r->core;
            a.any_active = true;
        }
    }
    if (count > 1) {
        std::vector<MPI_Request> sorted(handles, handles + count);
        std::sort(sorted.begin(), sorted.end());
        for (int i = 1; i < count; ++i)
            if (sorted[i] == sorted[i - 1] && sorted[i] != MPI_REQUEST_NULL)
                raise(MPI_ERR_REQUEST, "the same request appears twice in the array; complete each request once");
    }
    return a;
}

MPI_Status* status_at(MPI_Status* statuses, int i) {
    return statuses == MPI_STATUSES_IGNORE || statuses == nullptr ? MPI_STATUS_IGNORE : &statuses[i];
}

// Every request of the array has completed (Waitall, a successful Testall).
void complete_all(Call& call, RequestArray& a, MPI_Request* handles, const std::vector<Status>& core,
                  MPI_Status* statuses) {
    for (std::size_t i = 0; i < a.objects.size(); ++i) {
        const int k = static_cast<int>(i);
        if (a.objects[i] && a.objects[i]->active)
            complete_request(call, &handles[i], *a.objects[i], core[i], status_at(statuses, k));
        else
            empty_status(status_at(statuses, k));
    }
}

// Starts a non-blocking send in `mode` (0 standard, 1 synchronous, 2 ready, 3 buffered) and fills
// `r` with what its completion needs. Returns the core request.
Request start_send(Call& call, RequestObject& r, int mode, const void* buf, int count, MPI_Datatype datatype, int dest,
                   int tag, MPI_Comm comm) {
    auto [c, layout] = check_message(call, comm, buf, count, datatype, dest, tag, false);
    if (mode == 3) {
        // The data is copied into the attached buffer at once: the request itself is complete.
        start_buffered_send(call, c, buf, count, layout, dest, tag, /*nonblocking=*/true);
        return Request{};
    }
    r.outgoing = Outgoing(buf, count, layout);
    switch (mode) {
        case 1: return c.comm.Issend(r.outgoing.buffer(), dest, tag, call.loc);
        case 2: return c.comm.Irsend(r.outgoing.buffer(), dest, tag, call.loc);
        default: return c.comm.Isend(r.outgoing.buffer(), dest, tag, call.loc);
    }
}

Request start_recv(Call& call, RequestObject& r, void* buf, int count, MPI_Datatype datatype, int source, int tag,
                   MPI_Comm comm) {
    auto [c, layout] = check_message(call, comm, buf, count, datatype, source, tag, true);
    r.incoming.clear();
    r.incoming.emplace_back(buf, count, layout);
    return c.comm.Irecv(r.incoming[0].buffer(), source, tag, call.loc);
}

int isend(const char* name, int mode, const void* buf, int count, MPI_Datatype datatype, int dest, int tag,
          MPI_Comm comm, MPI_Request* request) {
    return run_call(name, comm, [&](Call& call) {
        call.check_out(request, "request");
        RequestObject scratch;
        const Request core = start_send(call, scratch, mode, buf, count, datatype, dest, tag, comm);
        const int handle = add_request(call, core, comm, false);
        call.rank.requests.find(handle)->outgoing = std::move(scratch.outgoing);
        *request = handle;
    });
}

// A persistent request: the arguments are checked now and used at every MPI_Start.
int send_init(const char* name, int mode, const void* buf, int count, MPI_Datatype datatype, int dest, int tag,
              MPI_Comm comm, MPI_Request* request) {
    return run_call(name, comm, [&](Call& call) {
        call.check_out(request, "request");
        check_message(call, comm, buf, count, datatype, dest, tag, false);
        auto [handle, r] = call.rank.requests.add();
        r->persistent = true;
        r->comm = comm;
        r->created = call.loc;
        r->start = [=](Call& at, RequestObject& self) {
            return start_send(at, self, mode, buf, count, datatype, dest, tag, comm);
        };
        *request = handle;
    });
}

}  // namespace

// ---- starting ----------------------------------------------------------------------------------

int MPI_Isend(const void* buf, int count, MPI_Datatype datatype, int dest, int tag, MPI_Comm comm,
              MPI_Request* request) {
    return isend("MPI_Isend", 0, buf, count, datatype, dest, tag, comm, request);
}
int MPI_Issend(const void* buf, int count, MPI_Datatype datatype, int dest, int tag, MPI_Comm comm,
               MPI_Request* request) {
    return isend("MPI_Issend", 1, buf, count, datatype, dest, tag, comm, request);
}
int MPI_Irsend(const void* buf, int count, MPI_Datatype datatype, int dest, int tag, MPI_Comm comm,
               MPI_Request* request) {
    return isend("MPI_Irsend", 2, buf, count, datatype, dest, tag, comm, request);
}
int MPI_Ibsend(const void* buf, int count, MPI_Datatype datatype, int dest, int tag, MPI_Comm comm,
               MPI_Request* request) {
    return isend("MPI_Ibsend", 3, buf, count, datatype, dest, tag, comm, request);
}

int MPI_Irecv(void* buf, int count, MPI_Datatype datatype, int source, int tag, MPI_Comm comm, MPI_Request* request) {
    return run_call("MPI_Irecv", comm, [&](Call& call) {
        call.check_out(request, "request");
        RequestObject scratch;
        const Request core = start_recv(call, scratch, buf, count, datatype, source, tag, comm);
        const int handle = add_request(call, core, comm, true);
        call.rank.requests.find(handle)->incoming = std::move(scratch.incoming);
        *request = handle;
    });
}

int MPI_Send_init(const void* buf, int count, MPI_Datatype datatype, int dest, int tag, MPI_Comm comm,
                  MPI_Request* request) {
    return send_init("MPI_Send_init", 0, buf, count, datatype, dest, tag, comm, request);
}
int MPI_Ssend_init(const void* buf, int count, MPI_Datatype datatype, int dest, int tag, MPI_Comm comm,
                   MPI_Request* request) {
    return send_init("MPI_Ssend_init", 1, buf, count, datatype, dest, tag, comm, request);
}
int MPI_Rsend_init(const void* buf, int count, MPI_Datatype datatype, int dest, int tag, MPI_Comm comm,
                   MPI_Request* request) {
    return send_init("MPI_Rsend_init", 2, buf, count, datatype, dest, tag, comm, request);
}
int MPI_Bsend_init(const void* buf, int count, MPI_Datatype datatype, int dest, int tag, MPI_Comm comm,
                   MPI_Request* request) {
    return send_init("MPI_Bsend_init", 3, buf, count, datatype, dest, tag, comm, request);
}

int MPI_Recv_init(void* buf, int count, MPI_Datatype datatype, int source, int tag, MPI_Comm comm,
                  MPI_Request* request) {
    return run_call("MPI_Recv_init", comm, [&](Call& call) {
        call.check_out(request, "request");
        check_message(call, comm, buf, count, datatype, source, tag, true);
        auto [handle, r] = call.rank.requests.add();
        r->persistent = true;
        r->receive = true;
        r->comm = comm;
        r->created = call.loc;
        r->start = [=](Call& at, RequestObject& self) {
            return start_recv(at, self, buf, count, datatype, source, tag, comm);
        };
        *request = handle;
    });
}

namespace {

void start_one(Call& call, MPI_Request handle, const char* what) {
    RequestObject* r = find_request(call, handle, what);
    if (!r) raise(MPI_ERR_REQUEST, std::string("the ") + what + " is MPI_REQUEST_NULL: there is nothing to start");
    if (!r->persistent)
        raise(MPI_ERR_REQUEST, std::string("the ") + what +
                                   " is not persistent: only requests made by MPI_Send_init, MPI_Recv_init (and the "
                                   "other _init calls) can be started");
    if (r->active)
        raise(MPI_ERR_REQUEST, std::string("the ") + what +
                                   " is still active (started and not yet completed): complete it with MPI_Wait or "
                                   "MPI_Test before starting it again");
    r->core = r->start(call, *r);
    r->active = true;
}

}  // namespace

int MPI_Start(MPI_Request* request) {
    return run_call("MPI_Start", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(request, "request");
        start_one(call, *request, "request");
    });
}

int MPI_Startall(int count, MPI_Request array_of_requests[]) {
    return run_call("MPI_Startall", MPI_COMM_WORLD, [&](Call& call) {
        call.check_count(count, "number of requests");
        for (int i = 0; i < count; ++i) {
            const std::string what = "request at index " + std::to_string(i);
            start_one(call, array_of_requests[i], what.c_str());
        }
    });
}

// ---- completing ------------------------------------------------------------------------------

int MPI_Wait(MPI_Request* request, MPI_Status* status) {
    return run_call("MPI_Wait", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(request, "request");
        RequestObject* r = find_request(call, *request);
        if (!r || !r->active) return empty_status(status);
        const Status s = call.rank.world.wait(r->core, call.loc);
        complete_request(call, request, *r, s, status);
    });
}

int MPI_Test(MPI_Request* request, int* flag, MPI_Status* status) {
    return run_call("MPI_Test", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(request, "request");
        call.check_out(flag, "flag");
        RequestObject* r = find_request(call, *request);
        if (!r || !r->active) {
            *flag = 1;
            return empty_status(status);
        }
        Status s;
        *flag = call.rank.world.test(r->core, &s, call.loc);
        if (*flag) complete_request(call, request, *r, s, status);
    });
}

int MPI_Waitall(int count, MPI_Request array_of_requests[], MPI_Status array_of_statuses[]) {
    return run_call("MPI_Waitall", MPI_COMM_WORLD, [&](Call& call) {
        RequestArray a = request_array(call, count, array_of_requests);
        const std::vector<Status> statuses = call.rank.world.waitall(a.core, call.loc);
        complete_all(call, a, array_of_requests, statuses, array_of_statuses);
    });
}

int MPI_Testall(int count, MPI_Request array_of_requests[], int* flag, MPI_Status array_of_statuses[]) {
    return run_call("MPI_Testall", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(flag, "flag");
        RequestArray a = request_array(call, count, array_of_requests);
        std::vector<Status> statuses;
        *flag = call.rank.world.testall(a.core, statuses, call.loc);
        if (!*flag) return;
        complete_all(call, a, array_of_requests, statuses, array_of_statuses);
    });
}

int MPI_Waitany(int count, MPI_Request array_of_requests[], int* index, MPI_Status* status) {
    return run_call("MPI_Waitany", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(index, "index");
        RequestArray a = request_array(call, count, array_of_requests);
        Status s;
        const int i = a.any_active ? call.rank.world.waitany(a.core, &s, call.loc) : -1;
        if (i < 0) {
            *index = MPI_UNDEFINED;
            return empty_status(status);
        }
        *index = i;
        complete_request(call, &array_of_requests[i], *a.objects[i], s, status);
    });
}

int MPI_Testany(int count, MPI_Request array_of_requests[], int* index, int* flag, MPI_Status* status) {
    return run_call("MPI_Testany", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(index, "index");
        call.check_out(flag, "flag");
        RequestArray a = request_array(call, count, array_of_requests);
        if (!a.any_active) {
            *flag = 1;
            *index = MPI_UNDEFINED;
            return empty_status(status);
        }
        Status s;
        const int i = call.rank.world.testany(a.core, &s, call.loc);
        *flag = i >= 0;
        *index = i >= 0 ? i : MPI_UNDEFINED;
        if (i >= 0) complete_request(call, &array_of_requests[i], *a.objects[i], s, status);
    });
}

namespace {

int some(const char* name, bool blocking, int incount, MPI_Request* requests, int* outcount, int* indices,
         MPI_Status* statuses) {
    return run_call(name, MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(outcount, "outcount");
        RequestArray a = request_array(call, incount, requests);
        if (!a.any_active) {
            *outcount = MPI_UNDEFINED;
            return;
        }
        std::vector<Status> core_statuses;
        const std::vector<int> done = blocking ? call.rank.world.waitsome(a.core, core_statuses, call.loc)
                                               : call.rank.world.testsome(a.core, core_statuses, call.loc);
        *outcount = static_cast<int>(done.size());
        for (std::size_t k = 0; k < done.size(); ++k) {
            const int i = done[k];
            if (indices) indices[k] = i;
            complete_request(call, &requests[i], *a.objects[i], core_statuses[i],
                             status_at(statuses, static_cast<int>(k)));
        }
    });
}

}  // namespace

int MPI_Waitsome(int incount, MPI_Request array_of_requests[], int* outcount, int array_of_indices[],
                 MPI_Status array_of_statuses[]) {
    return some("MPI_Waitsome", true, incount, array_of_requests, outcount, array_of_indices, array_of_statuses);
}

int MPI_Testsome(int incount, MPI_Request array_of_requests[], int* outcount, int array_of_indices[],
                 MPI_Status array_of_statuses[]) {
    return some("MPI_Testsome", false, incount, array_of_requests, outcount, array_of_indices, array_of_statuses);
}

int MPI_Request_get_status(MPI_Request request, int* flag, MPI_Status* status) {
    return run_call("MPI_Request_get_status", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(flag, "flag");
        RequestObject* r = find_request(call, request);
        if (!r || !r->active) {
            *flag = 1;
            return empty_status(status);
        }
        Status s;
        *flag = call.rank.world.get_status(r->core, &s, call.loc);
        if (!*flag) return;
        for (Incoming& in : r->incoming) in.finish(s.bytes);   // the data is there once the flag says so
        if (r->receive) fill_status(status, s);
        else empty_status(status);
    });
}

int MPI_Request_free(MPI_Request* request) {
    return run_call("MPI_Request_free", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(request, "request");
        RequestObject* r = find_request(call, *request);
        if (!r) raise(MPI_ERR_REQUEST, "the request is MPI_REQUEST_NULL: there is nothing to free");
        if (r->active && r->collective)
            raise(MPI_ERR_REQUEST, "this is the request of a non-blocking collective, which MPI does not allow to free: "
                                   "complete it with MPI_Wait or MPI_Test");
        if (r->active) {
            FreedRequest f{r->core, std::move(*r)};
            Request handle = f.core;
            call.rank.world.request_free(handle);
            call.rank.freed_requests.push_back(std::move(f));
        }
        call.rank.requests.release(*request);
        *request = MPI_REQUEST_NULL;
    });
}

int MPI_Cancel(MPI_Request* request) {
    return run_call("MPI_Cancel", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(request, "request");
        RequestObject* r = find_request(call, *request);
        if (!r) raise(MPI_ERR_REQUEST, "the request is MPI_REQUEST_NULL: there is nothing to cancel");
        if (r->active && r->collective)
            raise(MPI_ERR_REQUEST, "this is the request of a non-blocking collective, which MPI does not allow to "
                                   "cancel");
        // A receive no message has matched yet is cancelled; anything else completes as usual (the
        // program still waits for it, and MPI_Test_cancelled then says false).
        if (r->active && r->receive) call.rank.world.cancel(r->core);
    });
}

MPILAB_PROFILING(MPI_Isend)
MPILAB_PROFILING(MPI_Issend)
MPILAB_PROFILING(MPI_Irsend)
MPILAB_PROFILING(MPI_Ibsend)
MPILAB_PROFILING(MPI_Irecv)
MPILAB_PROFILING(MPI_Send_init)
MPILAB_PROFILING(MPI_Ssend_init)
MPILAB_PROFILING(MPI_Rsend_init)
MPILAB_PROFILING(MPI_Bsend_init)
MPILAB_PROFILING(MPI_Recv_init)
MPILAB_PROFILING(MPI_Start)
MPILAB_PROFILING(MPI_Startall)
MPILAB_PROFILING(MPI_Wait)
MPILAB_PROFILING(MPI_Test)
MPILAB_PROFILING(MPI_Waitall)
MPILAB_PROFILING(MPI_Testall)
MPILAB_PROFILING(MPI_Waitany)
MPILAB_PROFILING(MPI_Testany)
MPILAB_PROFILING(MPI_Waitsome)
MPILAB_PROFILING(MPI_Testsome)
MPILAB_PROFILING(MPI_Request_get_status)
MPILAB_PROFILING(MPI_Request_free)
MPILAB_PROFILING(MPI_Cancel)
