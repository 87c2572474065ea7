// Blocking point-to-point calls (MPI_Send in its standard, synchronous and ready modes, MPI_Recv,
// MPI_Sendrecv, MPI_Sendrecv_replace), probes, and what a status tells (MPI_Get_count,
// MPI_Get_elements). Each ends in the core's blocking call, so a deadlock is detected and explained
// by the core with this call's source line. (MPI_Bsend: buffered_sends.cpp.)
#include "profiling.hpp"
#include "shim.hpp"

using namespace mpilab;
using namespace mpilab::cshim;

namespace {

enum class Mode { Standard, Synchronous, Ready };

int blocking_send(const char* name, Mode mode, const void* buf, int count, MPI_Datatype datatype, int dest, int tag,
                  MPI_Comm comm) {
    return run_call(name, comm, [&](Call& call) {
        auto [c, layout] = check_message(call, comm, buf, count, datatype, dest, tag, false);
        const Outgoing out(buf, count, layout);
        switch (mode) {
            case Mode::Standard: c.comm.Send(out.buffer(), dest, tag, call.loc); break;
            case Mode::Synchronous: c.comm.Ssend(out.buffer(), dest, tag, call.loc); break;
            case Mode::Ready: c.comm.Rsend(out.buffer(), dest, tag, call.loc); break;
        }
    });
}

// The size in bytes a status reports, for MPI_Get_count and MPI_Get_elements.
long long status_bytes(const MPI_Status* status) { return status->mpilab_bytes; }

}  // namespace

namespace mpilab::cshim {

MessageArgs check_message(Call& call, MPI_Comm comm, const void* buf, int count, MPI_Datatype datatype, int peer,
                          int tag, bool receive) {
    CommObject& c = call.comm(comm);
    call.check_count(count);
    const LayoutPtr& layout = call.data_type(datatype);
    call.check_buffer(buf, count, datatype, receive ? "receive buffer" : "send buffer");
    call.check_peer(c, peer, receive, receive ? "source" : "destination");
    call.check_tag(tag, receive);
    return MessageArgs{c, layout};
}

}  // namespace mpilab::cshim

int MPI_Send(const void* buf, int count, MPI_Datatype datatype, int dest, int tag, MPI_Comm comm) {
    return blocking_send("MPI_Send", Mode::Standard, buf, count, datatype, dest, tag, comm);
}

int MPI_Ssend(const void* buf, int count, MPI_Datatype datatype, int dest, int tag, MPI_Comm comm) {
    return blocking_send("MPI_Ssend", Mode::Synchronous, buf, count, datatype, dest, tag, comm);
}

int MPI_Rsend(const void* buf, int count, MPI_Datatype datatype, int dest, int tag, MPI_Comm comm) {
    return blocking_send("MPI_Rsend", Mode::Ready, buf, count, datatype, dest, tag, comm);
}

int MPI_Recv(void* buf, int count, MPI_Datatype datatype, int source, int tag, MPI_Comm comm, MPI_Status* status) {
    return run_call("MPI_Recv", comm, [&](Call& call) {
        auto [c, layout] = check_message(call, comm, buf, count, datatype, source, tag, true);
        Incoming in(buf, count, layout);
        const Status s = c.comm.Recv(in.buffer(), source, tag, call.loc);
        in.finish(s.bytes);
        fill_status(status, s);
    });
}

int MPI_Sendrecv(const void* sendbuf, int sendcount, MPI_Datatype sendtype, int dest, int sendtag, void* recvbuf,
                 int recvcount, MPI_Datatype recvtype, int source, int recvtag, MPI_Comm comm, MPI_Status* status) {
    return run_call("MPI_Sendrecv", comm, [&](Call& call) {
        CommObject& c = call.comm(comm);
        call.check_count(sendcount, "send count");
        call.check_count(recvcount, "receive count");
        const LayoutPtr& send_layout = call.data_type(sendtype, "send datatype");
        const LayoutPtr& recv_layout = call.data_type(recvtype, "receive datatype");
        call.check_buffer(sendbuf, sendcount, sendtype, "send buffer");
        call.check_buffer(recvbuf, recvcount, recvtype, "receive buffer");
        call.check_peer(c, dest, false, "destination");
        call.check_peer(c, source, true, "source");
        call.check_tag(sendtag, false);
        call.check_tag(recvtag, true);
        const Outgoing out(sendbuf, sendcount, send_layout);
        Incoming in(recvbuf, recvcount, recv_layout);
        const Status s = c.comm.Sendrecv(out.buffer(), dest, sendtag, in.buffer(), source, recvtag, call.loc);
        in.finish(s.bytes);
        fill_status(status, s);
    });
}

int MPI_Sendrecv_replace(void* buf, int count, MPI_Datatype datatype, int dest, int sendtag, int source, int recvtag,
                         MPI_Comm comm, MPI_Status* status) {
    return run_call("MPI_Sendrecv_replace", comm, [&](Call& call) {
        CommObject& c = call.comm(comm);
        call.check_count(count);
        const LayoutPtr& layout = call.data_type(datatype);
        call.check_buffer(buf, count, datatype, "buffer");
        call.check_peer(c, dest, false, "destination");
        call.check_peer(c, source, true, "source");
        call.check_tag(sendtag, false);
        call.check_tag(recvtag, true);
        // The message to send is packed first: the receive overwrites the buffer.
        std::vector<std::byte> sent(static_cast<std::size_t>(count * layout->size));
        pack(*layout, buf, count, sent.data());
        std::vector<std::byte> received(sent.size());
        const std::int64_t elements = count * layout->base_count();
        const Status s = c.comm.Sendrecv(ConstBuffer(sent.data(), elements, layout->base), dest, sendtag,
                                         Buffer(received.data(), elements, layout->base), source, recvtag, call.loc);
        if (source != MPI_PROC_NULL) unpack(*layout, received.data(), s.bytes, buf, count);
        fill_status(status, s);
    });
}

int MPI_Probe(int source, int tag, MPI_Comm comm, MPI_Status* status) {
    return run_call("MPI_Probe", comm, [&](Call& call) {
        CommObject& c = call.comm(comm);
        call.check_peer(c, source, true, "source");
        call.check_tag(tag, true);
        fill_status(status, c.comm.probe(source, tag, call.loc));
    });
}

int MPI_Iprobe(int source, int tag, MPI_Comm comm, int* flag, MPI_Status* status) {
    return run_call("MPI_Iprobe", comm, [&](Call& call) {
        CommObject& c = call.comm(comm);
        call.check_peer(c, source, true, "source");
        call.check_tag(tag, true);
        call.check_out(flag, "flag");
        Status s;
        *flag = c.comm.iprobe(source, tag, &s, call.loc);
        if (*flag) fill_status(status, s);
    });
}

// ---- what a status tells -------------------------------------------------------------------------

int MPI_Get_count(const MPI_Status* status, MPI_Datatype datatype, int* count) {
    return run_call("MPI_Get_count", MPI_COMM_WORLD, [&](Call& call) {
        if (ignored(status)) raise(MPI_ERR_ARG, "the status is MPI_STATUS_IGNORE or NULL: pass the status the receive filled");
        call.check_out(count, "count");
        const Layout& layout = *call.type(datatype).layout;
        const long long bytes = status_bytes(status);
        if (layout.size == 0)
            *count = bytes == 0 ? 0 : MPI_UNDEFINED;
        else
            *count = bytes % layout.size == 0 ? static_cast<int>(bytes / layout.size) : MPI_UNDEFINED;
    }, /*anytime=*/true);
}

int MPI_Get_elements_x(const MPI_Status* status, MPI_Datatype datatype, MPI_Count* count) {
    return run_call("MPI_Get_elements_x", MPI_COMM_WORLD, [&](Call& call) {
        if (ignored(status)) raise(MPI_ERR_ARG, "the status is MPI_STATUS_IGNORE or NULL: pass the status the receive filled");
        call.check_out(count, "count");
        const std::int64_t n = basic_elements_in(*call.type(datatype).layout, status_bytes(status));
        *count = n < 0 ? MPI_UNDEFINED : n;
    }, /*anytime=*/true);
}

int MPI_Get_elements(const MPI_Status* status, MPI_Datatype datatype, int* count) {
    return run_call("MPI_Get_elements", MPI_COMM_WORLD, [&](Call& call) {
        if (ignored(status)) raise(MPI_ERR_ARG, "the status is MPI_STATUS_IGNORE or NULL: pass the status the receive filled");
        call.check_out(count, "count");
        const std::int64_t n = basic_elements_in(*call.type(datatype).layout, status_bytes(status));
        *count = n < 0 ? MPI_UNDEFINED : static_cast<int>(n);
    }, /*anytime=*/true);
}

int MPI_Status_set_elements_x(MPI_Status* status, MPI_Datatype datatype, MPI_Count count) {
    return run_call("MPI_Status_set_elements_x", MPI_COMM_WORLD, [&](Call& call) {
        if (ignored(status)) raise(MPI_ERR_ARG, "the status is MPI_STATUS_IGNORE or NULL");
        call.check_count(count);
        const Layout& layout = *call.type(datatype).layout;
        // `count` predefined elements of the type, in bytes.
        const std::int64_t per_basic = layout.basic_elements ? layout.size / layout.basic_elements : 0;
        status->mpilab_bytes = count * per_basic;
    }, /*anytime=*/true);
}

int MPI_Status_set_elements(MPI_Status* status, MPI_Datatype datatype, int count) {
    return MPI_Status_set_elements_x(status, datatype, count);
}

int MPI_Status_set_cancelled(MPI_Status* status, int flag) {
    return run_call("MPI_Status_set_cancelled", MPI_COMM_WORLD, [&](Call&) {
        if (ignored(status)) raise(MPI_ERR_ARG, "the status is MPI_STATUS_IGNORE or NULL");
        status->mpilab_cancelled = flag != 0;
    }, /*anytime=*/true);
}

int MPI_Test_cancelled(const MPI_Status* status, int* flag) {
    return run_call("MPI_Test_cancelled", MPI_COMM_WORLD, [&](Call& call) {
        if (ignored(status)) raise(MPI_ERR_ARG, "the status is MPI_STATUS_IGNORE or NULL");
        call.check_out(flag, "flag");
        *flag = status->mpilab_cancelled;
    }, /*anytime=*/true);
}

MPILAB_PROFILING(MPI_Send)
MPILAB_PROFILING(MPI_Ssend)
MPILAB_PROFILING(MPI_Rsend)
MPILAB_PROFILING(MPI_Recv)
MPILAB_PROFILING(MPI_Sendrecv)
MPILAB_PROFILING(MPI_Sendrecv_replace)
MPILAB_PROFILING(MPI_Probe)
MPILAB_PROFILING(MPI_Iprobe)
MPILAB_PROFILING(MPI_Get_count)
MPILAB_PROFILING(MPI_Get_elements)
MPILAB_PROFILING(MPI_Get_elements_x)
MPILAB_PROFILING(MPI_Status_set_elements)
MPILAB_PROFILING(MPI_Status_set_elements_x)
MPILAB_PROFILING(MPI_Status_set_cancelled)
MPILAB_PROFILING(MPI_Test_cancelled)
