// Matched probes (MPI_Mprobe, MPI_Improbe) and their receives (MPI_Mrecv, MPI_Imrecv). A matched
// probe takes the message out of the queue at once, so no other receive can match it: mpilab probes
// and then receives exactly that message (the first one from that source with that tag, which is the
// probed one) into a buffer of its own; MPI_Mrecv copies it into the program's buffer, checking type
// and size as a receive would. The trace shows the probe and the receive at the MPI_Mprobe line.
#include "profiling.hpp"
#include "shim.hpp"

using namespace mpilab;
using namespace mpilab::cshim;

namespace {

MPI_Message take_message(Call& call, CommObject& c, MPI_Comm comm, const Status& probed) {
    auto m = std::make_unique<MessageObject>();
    m->data.resize(static_cast<std::size_t>(probed.bytes));
    const Status s = c.comm.Recv(Buffer(m->data.data(), probed.bytes, Datatype{TypeKind::Byte, 1}), probed.source,
                                 probed.tag, call.loc);
    m->status = probed;
    m->status.bytes = s.bytes;
    m->comm = comm;
    return call.rank.messages.add(std::move(m));
}

void check_probe(Call& call, CommObject& c, int source, int tag, MPI_Message* message) {
    call.check_peer(c, source, true, "source");
    call.check_tag(tag, true);
    call.check_out(message, "message");
}

Status null_status() {
    Status s;
    s.source = MPI_PROC_NULL;
    s.tag = MPI_ANY_TAG;
    return s;
}

// The receive half: checks the program's buffer against the message and copies it in.
Status receive_message(Call& call, void* buf, int count, MPI_Datatype datatype, MPI_Message* message) {
    call.check_out(message, "message");
    call.check_count(count);
    const LayoutPtr& layout = call.data_type(datatype);
    call.check_buffer(buf, count, datatype, "receive buffer");
    if (*message == MPI_MESSAGE_NO_PROC) {
        *message = MPI_MESSAGE_NULL;
        return null_status();
    }
    Lookup why;
    MessageObject* m = call.rank.messages.find(*message, &why);
    if (!m)
        raise(MPI_ERR_REQUEST, why == Lookup::Freed ? "this message was already received: a message from MPI_Mprobe is "
                                                      "received exactly once"
                                                    : "the message handle is not one MPI_Mprobe or MPI_Improbe returned");
    const Layout& l = *layout;
    if (l.base.kind != TypeKind::Byte && m->status.type != TypeKind::Byte && m->status.type != l.base.kind)
        raise(MPI_ERR_TYPE, "the message holds " + std::string(type_kind_name(m->status.type)) +
                                " elements but the receive buffer's datatype holds " +
                                std::string(type_kind_name(l.base.kind)) +
                                " elements: receive with the datatype the message was sent with");
    const std::int64_t capacity = std::int64_t{count} * l.size;
    if (m->status.bytes > capacity)
        raise(MPI_ERR_TRUNCATE, "the message holds " + std::to_string(m->status.bytes) +
                                    " bytes but the receive buffer has room for " + std::to_string(capacity) +
                                    ": make the receive buffer larger");
    unpack(l, m->data.data(), m->status.bytes, buf, count);
    const Status s = m->status;
    call.rank.messages.free(*message, call.loc);
    *message = MPI_MESSAGE_NULL;
    return s;
}

}  // namespace

int MPI_Mprobe(int source, int tag, MPI_Comm comm, MPI_Message* message, MPI_Status* status) {
    return run_call("MPI_Mprobe", comm, [&](Call& call) {
        CommObject& c = call.comm(comm);
        check_probe(call, c, source, tag, message);
        if (source == MPI_PROC_NULL) {
            *message = MPI_MESSAGE_NO_PROC;
            return fill_status(status, null_status());
        }
        const Status probed = c.comm.probe(source, tag, call.loc);
        *message = take_message(call, c, comm, probed);
        fill_status(status, probed);
    });
}

int MPI_Improbe(int source, int tag, MPI_Comm comm, int* flag, MPI_Message* message, MPI_Status* status) {
    return run_call("MPI_Improbe", comm, [&](Call& call) {
        CommObject& c = call.comm(comm);
        check_probe(call, c, source, tag, message);
        call.check_out(flag, "flag");
        if (source == MPI_PROC_NULL) {
            *flag = 1;
            *message = MPI_MESSAGE_NO_PROC;
            return fill_status(status, null_status());
        }
        Status probed;
        *flag = c.comm.iprobe(source, tag, &probed, call.loc);
        if (!*flag) return;
        *message = take_message(call, c, comm, probed);
        fill_status(status, probed);
    });
}

int MPI_Mrecv(void* buf, int count, MPI_Datatype datatype, MPI_Message* message, MPI_Status* status) {
    return run_call("MPI_Mrecv", MPI_COMM_WORLD, [&](Call& call) {
        fill_status(status, receive_message(call, buf, count, datatype, message));
    });
}

int MPI_Imrecv(void* buf, int count, MPI_Datatype datatype, MPI_Message* message, MPI_Request* request) {
    return run_call("MPI_Imrecv", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(request, "request");
        const Status received = receive_message(call, buf, count, datatype, message);
        // The data is already there: the request completes in its first wait or test.
        const int handle = add_request(call, Request{}, MPI_COMM_WORLD, true);
        call.rank.requests.find(handle)->on_complete = [received](Status& s) { s = received; };
        *request = handle;
    });
}

MPILAB_PROFILING(MPI_Mprobe)
MPILAB_PROFILING(MPI_Improbe)
MPILAB_PROFILING(MPI_Mrecv)
MPILAB_PROFILING(MPI_Imrecv)
