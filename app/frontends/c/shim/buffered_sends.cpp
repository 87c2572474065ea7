// MPI_Bsend, MPI_Buffer_attach and MPI_Buffer_detach (see buffered_sends.hpp). Space is reclaimed
// when a buffered send is found complete, asked quietly of the core at the next buffered send;
// MPI_Buffer_detach and MPI_Finalize wait for the ones still in flight (a blocking call: if a
// buffered message can never be received, the core reports the deadlock at that line).
#include "profiling.hpp"
#include "shim.hpp"

using namespace mpilab;
using namespace mpilab::cshim;

namespace {

std::string where(const Location& l) {
    return l.known() ? std::string(l.file_name()) + ":" + std::to_string(l.line()) : std::string("an unknown line");
}

void reclaim(MpiRank& rank) {
    BufferedSends& b = rank.bsend;
    std::erase_if(b.pending, [&](BufferedSend& s) {
        if (!rank.world.is_complete(s.core)) return false;
        rank.world.request_free(s.core);   // complete: the core lets go of it at once
        b.used -= s.space;
        return true;
    });
}

}  // namespace

namespace mpilab::cshim {

Request start_buffered_send(Call& call, CommObject& c, const void* buf, int count, const LayoutPtr& layout, int dest,
                            int tag, bool nonblocking) {
    BufferedSends& b = call.rank.bsend;
    if (!b.buffer)
        raise(MPI_ERR_BUFFER, "no buffer is attached: a buffered send copies its message into the buffer attached "
                              "with MPI_Buffer_attach, which must hold every buffered message in flight (each "
                              "needs its size plus MPI_BSEND_OVERHEAD bytes)");
    if (dest == MPI_PROC_NULL) return Request{};
    reclaim(call.rank);
    const std::int64_t data = static_cast<std::int64_t>(count) * layout->size;
    const std::int64_t space = data + MPI_BSEND_OVERHEAD;
    if (b.used + space > b.size) {
        std::string in_flight;
        if (!b.pending.empty()) {
            in_flight = "; " + std::to_string(b.pending.size()) + " earlier buffered message" +
                        (b.pending.size() == 1 ? " has" : "s have") + " not been received yet (the first sent at " +
                        where(b.pending.front().location) + ")";
        }
        raise(MPI_ERR_BUFFER, "the attached buffer is too small: this message needs " + std::to_string(space) +
                                  " bytes (" + std::to_string(data) + " of data + MPI_BSEND_OVERHEAD = " +
                                  std::to_string(MPI_BSEND_OVERHEAD) + "), but only " + std::to_string(b.size - b.used) +
                                  " of the " + std::to_string(b.size) + " bytes attached at " + where(b.attached_at) +
                                  " are free" + in_flight +
                                  ". Attach a buffer large enough for every message in flight (MPI_Pack_size + "
                                  "MPI_BSEND_OVERHEAD each), or make sure earlier messages are received first");
    }
    BufferedSend s;
    s.space = space;
    s.location = call.loc;
    s.data = Outgoing(buf, count, layout, /*copy=*/true);
    s.core = c.comm.buffered_send(s.data.buffer(), dest, tag, nonblocking, call.loc);
    b.used += space;
    b.pending.push_back(std::move(s));
    return Request{};
}

void complete_buffered_sends(Call& call, bool detaching) {
    BufferedSends& b = call.rank.bsend;
    if (b.pending.empty()) return;
    std::vector<Request> in_flight;
    for (BufferedSend& s : b.pending) in_flight.push_back(s.core);
    call.rank.world.waitall(in_flight, call.loc);
    b.pending.clear();
    b.used = 0;
}

}  // namespace mpilab::cshim

int MPI_Bsend(const void* buf, int count, MPI_Datatype datatype, int dest, int tag, MPI_Comm comm) {
    return run_call("MPI_Bsend", comm, [&](Call& call) {
        auto [c, layout] = check_message(call, comm, buf, count, datatype, dest, tag, false);
        start_buffered_send(call, c, buf, count, layout, dest, tag, /*nonblocking=*/false);
    });
}

int MPI_Buffer_attach(void* buffer, int size) {
    return run_call("MPI_Buffer_attach", MPI_COMM_WORLD, [&](Call& call) {
        BufferedSends& b = call.rank.bsend;
        if (b.buffer)
            raise(MPI_ERR_BUFFER, "a buffer is already attached (at " + where(b.attached_at) +
                                      "): a rank has at most one; detach it with MPI_Buffer_detach first");
        if (!buffer) raise(MPI_ERR_BUFFER, "the buffer is NULL: pass memory the program allocated (e.g. with malloc)");
        if (size < 0) raise(MPI_ERR_SIZE, "the size is " + std::to_string(size) + "; it must be 0 or more");
        b.buffer = buffer;
        b.size = size;
        b.used = 0;
        b.attached_at = call.loc;
    });
}

int MPI_Buffer_detach(void* buffer_addr, int* size) {
    return run_call("MPI_Buffer_detach", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(buffer_addr, "buffer_addr");
        call.check_out(size, "size");
        BufferedSends& b = call.rank.bsend;
        complete_buffered_sends(call, /*detaching=*/true);
        *static_cast<void**>(buffer_addr) = b.buffer;
        *size = static_cast<int>(b.size);
        b.buffer = nullptr;
        b.size = 0;
    });
}

MPILAB_PROFILING(MPI_Bsend)
MPILAB_PROFILING(MPI_Buffer_attach)
MPILAB_PROFILING(MPI_Buffer_detach)
