// The API a program is written against: one Comm handle per rank and communicator, mirroring
// mpi4py — lowercase calls move generic values (any JSON value), capitalised calls move typed
// buffers. Every call takes the caller's source location so that the trace, the deadlock report and
// error messages can name the program's own line. Blocking calls block the rank's thread for real.
#pragma once

#include "op.hpp"
#include "trace.hpp"
#include "types.hpp"

#include <optional>
#include "location.hpp"
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace mpilab {

class Engine;
struct RankState;

class Comm {
public:
    using Loc = Location;

    Comm() = default;   // a null communicator (what split() returns for colour UNDEFINED)

    int rank() const;              // this rank's number in this communicator
    int size() const;              // number of ranks in this communicator
    int world_rank() const;        // this rank's number in the world communicator
    bool is_null() const { return engine_ == nullptr || comm_ == 0xffffffffu; }
    std::uint32_t id() const { return comm_; }
    std::string name() const;
    int to_world(int local_rank) const;   // local rank -> world rank (PROC_NULL, ANY_SOURCE unchanged)

    // ---- point-to-point, generic values ------------------------------------------------------
    void send(const Value& obj, int dest, int tag = 0, Loc loc = Loc::current());
    void ssend(const Value& obj, int dest, int tag = 0, Loc loc = Loc::current());
    Value recv(int source = ANY_SOURCE, int tag = ANY_TAG, Status* status = nullptr, Loc loc = Loc::current());
    Value sendrecv(const Value& obj, int dest, int sendtag = 0, int source = ANY_SOURCE, int recvtag = ANY_TAG,
                   Status* status = nullptr, Loc loc = Loc::current());
    Request isend(const Value& obj, int dest, int tag = 0, Loc loc = Loc::current());
    Request issend(const Value& obj, int dest, int tag = 0, Loc loc = Loc::current());
    Request irecv(int source = ANY_SOURCE, int tag = ANY_TAG, Loc loc = Loc::current());

    // ---- point-to-point, typed buffers -------------------------------------------------------
    void Send(ConstBuffer buf, int dest, int tag = 0, Loc loc = Loc::current());
    void Ssend(ConstBuffer buf, int dest, int tag = 0, Loc loc = Loc::current());
    Status Recv(Buffer buf, int source = ANY_SOURCE, int tag = ANY_TAG, Loc loc = Loc::current());
    Status Sendrecv(ConstBuffer sendbuf, int dest, int sendtag, Buffer recvbuf, int source, int recvtag,
                    Loc loc = Loc::current());
    Request Isend(ConstBuffer buf, int dest, int tag = 0, Loc loc = Loc::current());
    Request Issend(ConstBuffer buf, int dest, int tag = 0, Loc loc = Loc::current());
    Request Irecv(Buffer buf, int source = ANY_SOURCE, int tag = ANY_TAG, Loc loc = Loc::current());
    // MPI's ready mode: a standard send whose matching receive must already be posted; if it is not,
    // the run ends with an error (real MPI's behaviour is undefined then).
    void Rsend(ConstBuffer buf, int dest, int tag = 0, Loc loc = Loc::current());
    Request Irsend(ConstBuffer buf, int dest, int tag = 0, Loc loc = Loc::current());
    // For a front end that keeps MPI's attached buffer (MPI_Bsend): a non-blocking standard send of a
    // copy the caller already made, recorded as Bsend (Ibsend when `nonblocking`). The copy must stay
    // alive until the returned request completes.
    Request buffered_send(ConstBuffer copy, int dest, int tag, bool nonblocking, Loc loc = Loc::current());

    // ---- completion -----------------------------------------------------------------------------
    // A completed request is set to null; waiting on a null request returns at once (MPI semantics).
    Status wait(Request& req, Loc loc = Loc::current());
    // For irecv and generic non-blocking collectives: the received / resulting value.
    Value wait_value(Request& req, Status* status = nullptr, Loc loc = Loc::current());
    bool test(Request& req, Status* status = nullptr, Loc loc = Loc::current());
    std::vector<Status> waitall(std::span<Request> reqs, Loc loc = Loc::current());
    std::vector<Value> waitall_values(std::span<Request> reqs, Loc loc = Loc::current());
    // Index of the request that completed, or -1 if every request is null.
    int waitany(std::span<Request> reqs, Status* status = nullptr, Loc loc = Loc::current());
    // Indices of the requests that completed (at least one), empty if every request is null.
    std::vector<int> waitsome(std::span<Request> reqs, Loc loc = Loc::current());
    bool testall(std::span<Request> reqs, Loc loc = Loc::current());
    // Index of a completed request, or -1 if none has completed (or all are null).
    int testany(std::span<Request> reqs, Status* status = nullptr, Loc loc = Loc::current());
    std::vector<int> testsome(std::span<Request> reqs, Loc loc = Loc::current());
    // The same, with the status of each request (statuses[i] for reqs[i]).
    std::vector<int> waitsome(std::span<Request> reqs, std::vector<Status>& statuses, Loc loc = Loc::current());
    std::vector<int> testsome(std::span<Request> reqs, std::vector<Status>& statuses, Loc loc = Loc::current());
    bool testall(std::span<Request> reqs, std::vector<Status>& statuses, Loc loc = Loc::current());
    // Whether `req` has completed, without completing it (the handle stays valid): a poll, recorded
    // as a test (MPI_Request_get_status).
    bool get_status(const Request& req, Status* status = nullptr, Loc loc = Loc::current());
    // The program lets go of `req` (MPI_Request_free); an operation in progress still completes.
    void request_free(Request& req);
    // Cancels a receive that no message has matched yet: it completes at once with status.cancelled.
    // Returns false (and changes nothing) for a send or a receive that already matched.
    bool cancel(Request& req);
    // Whether `req` has completed, asked quietly: not recorded, not counted as a poll.
    bool is_complete(const Request& req) const;
    Status probe(int source = ANY_SOURCE, int tag = ANY_TAG, Loc loc = Loc::current());
    bool iprobe(int source = ANY_SOURCE, int tag = ANY_TAG, Status* status = nullptr, Loc loc = Loc::current());

    // ---- virtual time and output ----------------------------------------------------------------
    void compute(double seconds, Loc loc = Loc::current());   // advances this rank's virtual clock
    double wtime() const;                                     // this rank's virtual clock, in seconds
    template <class... Args>
    void print(const Args&... args) {
        std::ostringstream out;
        (out << ... << args);
        print_text(out.str());
    }
    void print_text(std::string text);
    // A named result reported in the run's outcome (e.g. the value of pi a scenario computed).
    void result(const std::string& name, Value value);
    // The program's own assertion: if false, the run ends with an error naming this line.
    void check(bool condition, std::string_view what, Loc loc = Loc::current());

    // ---- communicators --------------------------------------------------------------------------
    Comm dup(Loc loc = Loc::current());
    // Ranks with the same colour form a new communicator, ordered by (key, old rank).
    // Colour UNDEFINED returns a null communicator.
    Comm split(int color, int key = 0, Loc loc = Loc::current());
    void free(Loc loc = Loc::current());
    // A communicator of this rank alone (MPI_COMM_SELF), made at once: the other ranks take no part.
    Comm self_comm();

    // ---- collectives, generic values (defined in core/collectives/) ------------------------------
    void barrier(Loc loc = Loc::current());
    Value bcast(const Value& obj, int root = 0, Loc loc = Loc::current());
    Value reduce(const Value& obj, const Op& op = op::SUM, int root = 0, Loc loc = Loc::current());   // null off root
    Value allreduce(const Value& obj, const Op& op = op::SUM, Loc loc = Loc::current());
    Value gather(const Value& obj, int root = 0, Loc loc = Loc::current());                         // array on root
    Value scatter(const Value& objs, int root = 0, Loc loc = Loc::current());                       // objs used on root
    Value allgather(const Value& obj, Loc loc = Loc::current());
    Value alltoall(const Value& objs, Loc loc = Loc::current());                                     // objs: size() items
    Value scan(const Value& obj, const Op& op = op::SUM, Loc loc = Loc::current());
    Value exscan(const Value& obj, const Op& op = op::SUM, Loc loc = Loc::current());               // null on rank 0
    Request ibarrier(Loc loc = Loc::current());
    Request ibcast(const Value& obj, int root = 0, Loc loc = Loc::current());
    Request ireduce(const Value& obj, const Op& op = op::SUM, int root = 0, Loc loc = Loc::current());
    Request iallreduce(const Value& obj, const Op& op = op::SUM, Loc loc = Loc::current());
    Request igather(const Value& obj, int root = 0, Loc loc = Loc::current());
    Request iscatter(const Value& objs, int root = 0, Loc loc = Loc::current());
    Request iallgather(const Value& obj, Loc loc = Loc::current());
    Request ialltoall(const Value& objs, Loc loc = Loc::current());

    // ---- collectives, typed buffers (defined in core/collectives/) -------------------------------
    void Barrier(Loc loc = Loc::current());
    void Bcast(Buffer buf, int root = 0, Loc loc = Loc::current());
    void Reduce(ConstBuffer sendbuf, Buffer recvbuf, const Op& op, int root = 0, Loc loc = Loc::current());
    void Allreduce(ConstBuffer sendbuf, Buffer recvbuf, const Op& op, Loc loc = Loc::current());
    void Gather(ConstBuffer sendbuf, Buffer recvbuf, int root = 0, Loc loc = Loc::current());
    void Gatherv(ConstBuffer sendbuf, Buffer recvbuf, std::span<const int> counts, std::span<const int> displs,
                 int root = 0, Loc loc = Loc::current());
    void Scatter(ConstBuffer sendbuf, Buffer recvbuf, int root = 0, Loc loc = Loc::current());
    void Scatterv(ConstBuffer sendbuf, std::span<const int> counts, std::span<const int> displs, Buffer recvbuf,
                  int root = 0, Loc loc = Loc::current());
    void Allgather(ConstBuffer sendbuf, Buffer recvbuf, Loc loc = Loc::current());
    void Allgatherv(ConstBuffer sendbuf, Buffer recvbuf, std::span<const int> counts, std::span<const int> displs,
                    Loc loc = Loc::current());
    void Alltoall(ConstBuffer sendbuf, Buffer recvbuf, Loc loc = Loc::current());
    void Alltoallv(ConstBuffer sendbuf, std::span<const int> sendcounts, std::span<const int> sdispls,
                   Buffer recvbuf, std::span<const int> recvcounts, std::span<const int> rdispls,
                   Loc loc = Loc::current());
    // One typed buffer per peer, each with its own element type: sendbufs[i] goes to rank i, recvbufs[i]
    // comes from rank i (MPI_Alltoallw).
    void Alltoallw(std::span<const ConstBuffer> sendbufs, std::span<const Buffer> recvbufs, Loc loc = Loc::current());
    // Rank i receives recvcounts[i] elements of the reduction (the send buffer holds their sum).
    void Reduce_scatter(ConstBuffer sendbuf, Buffer recvbuf, std::span<const int> recvcounts, const Op& op,
                        Loc loc = Loc::current());
    void Reduce_scatter_block(ConstBuffer sendbuf, Buffer recvbuf, const Op& op, Loc loc = Loc::current());
    void Scan(ConstBuffer sendbuf, Buffer recvbuf, const Op& op, Loc loc = Loc::current());
    void Exscan(ConstBuffer sendbuf, Buffer recvbuf, const Op& op, Loc loc = Loc::current());
    Request Ibarrier(Loc loc = Loc::current());
    Request Ibcast(Buffer buf, int root = 0, Loc loc = Loc::current());
    Request Ireduce(ConstBuffer sendbuf, Buffer recvbuf, const Op& op, int root = 0, Loc loc = Loc::current());
    Request Iallreduce(ConstBuffer sendbuf, Buffer recvbuf, const Op& op, Loc loc = Loc::current());
    Request Igather(ConstBuffer sendbuf, Buffer recvbuf, int root = 0, Loc loc = Loc::current());
    Request Iscatter(ConstBuffer sendbuf, Buffer recvbuf, int root = 0, Loc loc = Loc::current());
    Request Iallgather(ConstBuffer sendbuf, Buffer recvbuf, Loc loc = Loc::current());
    Request Ialltoall(ConstBuffer sendbuf, Buffer recvbuf, Loc loc = Loc::current());
    Request Igatherv(ConstBuffer sendbuf, Buffer recvbuf, std::span<const int> counts, std::span<const int> displs,
                     int root = 0, Loc loc = Loc::current());
    Request Iscatterv(ConstBuffer sendbuf, std::span<const int> counts, std::span<const int> displs, Buffer recvbuf,
                      int root = 0, Loc loc = Loc::current());
    Request Iallgatherv(ConstBuffer sendbuf, Buffer recvbuf, std::span<const int> counts, std::span<const int> displs,
                        Loc loc = Loc::current());
    Request Ialltoallv(ConstBuffer sendbuf, std::span<const int> sendcounts, std::span<const int> sdispls,
                       Buffer recvbuf, std::span<const int> recvcounts, std::span<const int> rdispls,
                       Loc loc = Loc::current());
    Request Ialltoallw(std::span<const ConstBuffer> sendbufs, std::span<const Buffer> recvbufs, Loc loc = Loc::current());
    Request Ireduce_scatter(ConstBuffer sendbuf, Buffer recvbuf, std::span<const int> recvcounts, const Op& op,
                            Loc loc = Loc::current());
    Request Ireduce_scatter_block(ConstBuffer sendbuf, Buffer recvbuf, const Op& op, Loc loc = Loc::current());
    Request Iscan(ConstBuffer sendbuf, Buffer recvbuf, const Op& op, Loc loc = Loc::current());
    Request Iexscan(ConstBuffer sendbuf, Buffer recvbuf, const Op& op, Loc loc = Loc::current());

    // ---- for front ends (the C API, Python) ---------------------------------------------------
    // Ends the run with an error of this rank in `call` (spelled as the program wrote it, e.g.
    // "MPI_Abort"): `kind` is a short category ("invalid rank"), `message` says what happened and what
    // to change. Throws RunAborted, like every call that ends the run.
    [[noreturn]] void fail(std::string_view call, std::string_view kind, std::string message, Loc loc = Loc::current());
    // Adds a warning to the run's outcome (kept whatever the outcome), e.g. a datatype never freed.
    void warn(std::string text);

    // For the runtime's own use (collectives, front ends).
    Comm(Engine* engine, RankState* self, std::uint32_t comm) : engine_(engine), self_(self), comm_(comm) {}
    Engine* engine() const { return engine_; }
    RankState* self() const { return self_; }

private:
    Engine& eng() const;   // throws std::logic_error for an empty handle
    Engine* engine_ = nullptr;
    RankState* self_ = nullptr;
    std::uint32_t comm_ = 0;
};

}  // namespace mpilab
