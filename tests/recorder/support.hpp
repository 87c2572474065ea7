// Helpers of the recorder's tests: per-process records made by hand, as the preload library would
// write them, so merging, clock alignment and hang analysis are tested without an MPI.
#pragma once

#include "app/recorder/record_file.hpp"

#include <cstring>
#include <string>
#include <vector>

namespace mpilab::test {

// One process's records, written call by call. Times are nanoseconds of the process's own clock.
struct FakeProcess {
    recorder::ProcessRecord p;

    FakeProcess(int rank, int size, std::string mpi = "MPICH 4.0.2") {
        p.info.rank = rank;
        p.info.size = size;
        p.info.state = REC_STATE_FINALIZED;
        p.info.mpi = std::move(mpi);
        p.info.host = "node" + std::to_string(rank);
    }
    // Clock samples: at local time `local`, rank 0's clock read local + offset.
    FakeProcess& sample(std::int64_t local, std::int64_t offset) {
        const int k = p.info.sync_count++;
        p.info.sync_local_ns[k] = local;
        p.info.sync_offset_ns[k] = offset;
        return *this;
    }
    mpilab_record& call(int kind, std::int64_t enter, std::int64_t leave, int peer = MPILAB_REC_NO_PEER, int tag = 0,
                        std::int64_t bytes = 0, int comm = 0) {
        mpilab_record r;
        std::memset(&r, 0, sizeof r);
        r.enter_ns = enter;
        r.leave_ns = leave;
        r.u.call.kind = static_cast<std::uint8_t>(kind);
        r.u.call.peer = peer;
        r.u.call.tag = tag;
        r.u.call.bytes = bytes;
        r.u.call.comm = static_cast<std::uint16_t>(comm);
        r.u.call.source = MPILAB_REC_NO_PEER;
        r.u.call.recv_peer = MPILAB_REC_NO_PEER;
        p.records.push_back(r);
        return p.records.back();
    }
    // A receive's status: where its message came from.
    FakeProcess& received(int source, int tag, int bytes) {
        auto& c = p.records.back().u.call;
        c.source = source;
        c.status_tag = tag;
        c.extra = bytes;
        return *this;
    }
    mpilab_record& extra(int kind, std::uint32_t request, std::int64_t time = 0) {
        mpilab_record r;
        std::memset(&r, 0, sizeof r);
        r.enter_ns = time;
        r.u.call.kind = static_cast<std::uint8_t>(kind);
        r.u.call.request = request;
        r.u.call.source = MPILAB_REC_NO_PEER;
        p.records.push_back(r);
        return p.records.back();
    }
    // A new communicator (local id) made on `parent` as its `ordinal`-th creation, with world members.
    FakeProcess& comm(int local, int parent, int ordinal, const std::vector<int>& members) {
        mpilab_record& r = extra(REC_COMM_NEW, 0);
        r.u.call.comm = static_cast<std::uint16_t>(local);
        r.u.call.extra = parent;
        r.u.call.peer = ordinal;
        r.u.call.tag = static_cast<int>(members.size());
        for (std::size_t first = 0; first < members.size(); first += 10) {
            mpilab_record m;
            std::memset(&m, 0, sizeof m);
            for (std::size_t k = 0; k < 10; ++k) m.u.members[k] = first + k < members.size() ? members[first + k] : -1;
            m.u.call.kind = REC_MEMBERS;
            p.records.push_back(m);
        }
        return *this;
    }
};

// A record file's header as the library writes it at MPI_Init.
inline mpilab_record_header record_header(int rank, int size) {
    mpilab_record_header h;
    std::memset(static_cast<void*>(&h), 0, sizeof h);
    h.magic = MPILAB_RECORD_MAGIC;
    h.version = MPILAB_RECORD_VERSION;
    h.header_bytes = MPILAB_RECORD_HEADER_BYTES;
    h.record_bytes = MPILAB_RECORD_BYTES;
    h.world_rank = rank;
    h.world_size = size;
    return h;
}

inline std::vector<recorder::ProcessRecord> processes(std::vector<FakeProcess> fakes) {
    std::vector<recorder::ProcessRecord> out;
    for (auto& f : fakes) out.push_back(std::move(f.p));
    return out;
}

}  // namespace mpilab::test
