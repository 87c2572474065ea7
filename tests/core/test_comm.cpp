// Every point-to-point call and every collective of the Comm API refuses bad arguments with an error
// outcome that names the call, never a crash: a null communicator, an invalid element type, a
// negative count, an out-of-range root, rank or tag, and overlapping Sendrecv buffers.
#include "tests/core/support.hpp"

#include <functional>
#include <span>
#include <vector>

using namespace mpilab;
using namespace mpilab::test;

namespace {

enum class Fault { NullComm, InvalidType, NegativeCount, BadRoot, BadRank, BadTag };

const char* fault_name(Fault f) {
    switch (f) {
        case Fault::NullComm: return "a null communicator";
        case Fault::InvalidType: return "an invalid element type";
        case Fault::NegativeCount: return "a negative count";
        case Fault::BadRoot: return "an out-of-range root";
        case Fault::BadRank: return "an out-of-range rank";
        case Fault::BadTag: return "an out-of-range tag";
    }
    return "?";
}

const char* expected_kind(Fault f) {
    switch (f) {
        case Fault::NullComm: return "invalid communicator";
        case Fault::InvalidType: return "invalid datatype";
        case Fault::NegativeCount: return "invalid count";
        case Fault::BadRoot: return "invalid root";
        case Fault::BadRank: return "invalid rank";
        case Fault::BadTag: return "invalid tag";
    }
    return "?";
}

// The arguments of one call: valid for two ranks, except the one the fault spoils.
struct Args {
    Fault fault;
    std::vector<int> a = {1, 2}, b = {3, 4}, c = {0, 0}, d = {0, 0};
    std::vector<int> counts = {1, 1}, displs = {0, 1};

    ConstBuffer in(std::vector<int>& v) const { return spoil(ConstBuffer(v.data(), 2, datatype_of<int>)); }
    Buffer out(std::vector<int>& v) const {
        const ConstBuffer b = spoil(ConstBuffer(v.data(), 2, datatype_of<int>));
        return Buffer(v.data(), b.count, b.type);
    }
    Buffer out1(std::vector<int>& v) const {   // one element (a scatter's block)
        const ConstBuffer b = spoil(ConstBuffer(v.data(), 1, datatype_of<int>));
        return Buffer(v.data(), b.count, b.type);
    }
    ConstBuffer spoil(ConstBuffer b) const {
        if (fault == Fault::InvalidType) b.type = Datatype{TypeKind::Generic, 0};
        if (fault == Fault::NegativeCount) b.count = -1;
        return b;
    }
    int root() const { return fault == Fault::BadRoot ? 5 : 0; }
    int peer() const { return fault == Fault::BadRank ? 5 : 0; }
    int tag() const { return fault == Fault::BadTag ? -5 : 0; }
};

enum Applies : unsigned { Comm_ = 1, Buffers = 2, Root = 4, Peer = 8 };

struct ApiCall {
    const char* name;   // as the trace and the error spell it
    unsigned applies;
    std::function<void(Comm&, Args&)> call;
};

const Op& sum = op::SUM;

std::vector<ApiCall> api_calls() {
    const unsigned typed_p2p = Comm_ | Buffers | Peer, generic_p2p = Comm_ | Peer;
    const unsigned typed = Comm_ | Buffers, typed_rooted = Comm_ | Buffers | Root, generic_rooted = Comm_ | Root;
    return {
        // point-to-point, generic values
        {"send", generic_p2p, [](Comm& c, Args& x) { c.send(1, x.peer(), x.tag()); }},
        {"ssend", generic_p2p, [](Comm& c, Args& x) { c.ssend(1, x.peer(), x.tag()); }},
        {"recv", generic_p2p, [](Comm& c, Args& x) { c.recv(x.peer(), x.tag()); }},
        {"sendrecv", generic_p2p, [](Comm& c, Args& x) { c.sendrecv(1, x.peer(), x.tag(), x.peer(), x.tag()); }},
        {"isend", generic_p2p, [](Comm& c, Args& x) { c.isend(1, x.peer(), x.tag()); }},
        {"issend", generic_p2p, [](Comm& c, Args& x) { c.issend(1, x.peer(), x.tag()); }},
        {"irecv", generic_p2p, [](Comm& c, Args& x) { c.irecv(x.peer(), x.tag()); }},
        {"probe", generic_p2p, [](Comm& c, Args& x) { c.probe(x.peer(), x.tag()); }},
        {"iprobe", generic_p2p, [](Comm& c, Args& x) { c.iprobe(x.peer(), x.tag()); }},
        // point-to-point, typed buffers
        {"Send", typed_p2p, [](Comm& c, Args& x) { c.Send(x.in(x.a), x.peer(), x.tag()); }},
        {"Ssend", typed_p2p, [](Comm& c, Args& x) { c.Ssend(x.in(x.a), x.peer(), x.tag()); }},
        {"Rsend", typed_p2p, [](Comm& c, Args& x) { c.Rsend(x.in(x.a), x.peer(), x.tag()); }},
        {"Recv", typed_p2p, [](Comm& c, Args& x) { c.Recv(x.out(x.c), x.peer(), x.tag()); }},
        {"Sendrecv", typed_p2p,
         [](Comm& c, Args& x) { c.Sendrecv(x.in(x.a), x.peer(), x.tag(), x.out(x.c), x.peer(), x.tag()); }},
        {"Isend", typed_p2p, [](Comm& c, Args& x) { c.Isend(x.in(x.a), x.peer(), x.tag()); }},
        {"Issend", typed_p2p, [](Comm& c, Args& x) { c.Issend(x.in(x.a), x.peer(), x.tag()); }},
        {"Irsend", typed_p2p, [](Comm& c, Args& x) { c.Irsend(x.in(x.a), x.peer(), x.tag()); }},
        {"Irecv", typed_p2p, [](Comm& c, Args& x) { c.Irecv(x.out(x.c), x.peer(), x.tag()); }},
        {"Bsend", typed_p2p, [](Comm& c, Args& x) { c.buffered_send(x.in(x.a), x.peer(), x.tag(), false); }},
        // collectives, generic values
        {"barrier", Comm_, [](Comm& c, Args&) { c.barrier(); }},
        {"ibarrier", Comm_, [](Comm& c, Args&) { c.ibarrier(); }},
        {"bcast", generic_rooted, [](Comm& c, Args& x) { c.bcast(1, x.root()); }},
        {"reduce", generic_rooted, [](Comm& c, Args& x) { c.reduce(1, sum, x.root()); }},
        {"allreduce", Comm_, [](Comm& c, Args&) { c.allreduce(1); }},
        {"gather", generic_rooted, [](Comm& c, Args& x) { c.gather(1, x.root()); }},
        {"scatter", generic_rooted, [](Comm& c, Args& x) { c.scatter(Value::array({1, 2}), x.root()); }},
        {"allgather", Comm_, [](Comm& c, Args&) { c.allgather(1); }},
        {"alltoall", Comm_, [](Comm& c, Args&) { c.alltoall(Value::array({1, 2})); }},
        {"scan", Comm_, [](Comm& c, Args&) { c.scan(1); }},
        {"exscan", Comm_, [](Comm& c, Args&) { c.exscan(1); }},
        {"ibcast", generic_rooted, [](Comm& c, Args& x) { c.ibcast(1, x.root()); }},
        {"ireduce", generic_rooted, [](Comm& c, Args& x) { c.ireduce(1, sum, x.root()); }},
        {"iallreduce", Comm_, [](Comm& c, Args&) { c.iallreduce(1); }},
        {"igather", generic_rooted, [](Comm& c, Args& x) { c.igather(1, x.root()); }},
        {"iscatter", generic_rooted, [](Comm& c, Args& x) { c.iscatter(Value::array({1, 2}), x.root()); }},
        {"iallgather", Comm_, [](Comm& c, Args&) { c.iallgather(1); }},
        {"ialltoall", Comm_, [](Comm& c, Args&) { c.ialltoall(Value::array({1, 2})); }},
        // collectives, typed buffers
        {"Barrier", Comm_, [](Comm& c, Args&) { c.Barrier(); }},
        {"Ibarrier", Comm_, [](Comm& c, Args&) { c.Ibarrier(); }},
        {"Bcast", typed_rooted, [](Comm& c, Args& x) { c.Bcast(x.out(x.c), x.root()); }},
        {"Reduce", typed_rooted, [](Comm& c, Args& x) { c.Reduce(x.in(x.a), x.out(x.c), sum, x.root()); }},
        {"Allreduce", typed, [](Comm& c, Args& x) { c.Allreduce(x.in(x.a), x.out(x.c), sum); }},
        {"Gather", typed_rooted, [](Comm& c, Args& x) { c.Gather(x.in(x.a), x.out(x.c), x.root()); }},
        {"Scatter", typed_rooted, [](Comm& c, Args& x) { c.Scatter(x.in(x.a), x.out1(x.c), x.root()); }},
        {"Allgather", typed, [](Comm& c, Args& x) { c.Allgather(x.in(x.a), x.out(x.c)); }},
        {"Alltoall", typed, [](Comm& c, Args& x) { c.Alltoall(x.in(x.a), x.out(x.c)); }},
        {"Scan", typed, [](Comm& c, Args& x) { c.Scan(x.in(x.a), x.out(x.c), sum); }},
        {"Exscan", typed, [](Comm& c, Args& x) { c.Exscan(x.in(x.a), x.out(x.c), sum); }},
        {"Gatherv", typed_rooted,
         [](Comm& c, Args& x) { c.Gatherv(x.in(x.a), x.out(x.c), x.counts, x.displs, x.root()); }},
        {"Scatterv", typed_rooted,
         [](Comm& c, Args& x) { c.Scatterv(x.in(x.a), x.counts, x.displs, x.out1(x.c), x.root()); }},
        {"Allgatherv", typed, [](Comm& c, Args& x) { c.Allgatherv(x.in(x.a), x.out(x.c), x.counts, x.displs); }},
        {"Alltoallv", typed,
         [](Comm& c, Args& x) { c.Alltoallv(x.in(x.a), x.counts, x.displs, x.out(x.c), x.counts, x.displs); }},
        {"Alltoallw", typed,
         [](Comm& c, Args& x) {
             const std::vector<ConstBuffer> sends{x.in(x.a), x.in(x.b)};
             const std::vector<Buffer> recvs{x.out(x.c), x.out(x.d)};
             c.Alltoallw(sends, recvs);
         }},
        {"Reduce_scatter", typed, [](Comm& c, Args& x) { c.Reduce_scatter(x.in(x.a), x.out1(x.c), x.counts, sum); }},
        {"Reduce_scatter_block", typed, [](Comm& c, Args& x) { c.Reduce_scatter_block(x.in(x.a), x.out1(x.c), sum); }},
        {"Ibcast", typed_rooted, [](Comm& c, Args& x) { c.Ibcast(x.out(x.c), x.root()); }},
        {"Ireduce", typed_rooted, [](Comm& c, Args& x) { c.Ireduce(x.in(x.a), x.out(x.c), sum, x.root()); }},
        {"Iallreduce", typed, [](Comm& c, Args& x) { c.Iallreduce(x.in(x.a), x.out(x.c), sum); }},
        {"Igather", typed_rooted, [](Comm& c, Args& x) { c.Igather(x.in(x.a), x.out(x.c), x.root()); }},
        {"Iscatter", typed_rooted, [](Comm& c, Args& x) { c.Iscatter(x.in(x.a), x.out1(x.c), x.root()); }},
        {"Iallgather", typed, [](Comm& c, Args& x) { c.Iallgather(x.in(x.a), x.out(x.c)); }},
        {"Ialltoall", typed, [](Comm& c, Args& x) { c.Ialltoall(x.in(x.a), x.out(x.c)); }},
        {"Iscan", typed, [](Comm& c, Args& x) { c.Iscan(x.in(x.a), x.out(x.c), sum); }},
        {"Iexscan", typed, [](Comm& c, Args& x) { c.Iexscan(x.in(x.a), x.out(x.c), sum); }},
        {"Igatherv", typed_rooted,
         [](Comm& c, Args& x) { c.Igatherv(x.in(x.a), x.out(x.c), x.counts, x.displs, x.root()); }},
        {"Iscatterv", typed_rooted,
         [](Comm& c, Args& x) { c.Iscatterv(x.in(x.a), x.counts, x.displs, x.out1(x.c), x.root()); }},
        {"Iallgatherv", typed, [](Comm& c, Args& x) { c.Iallgatherv(x.in(x.a), x.out(x.c), x.counts, x.displs); }},
        {"Ialltoallv", typed,
         [](Comm& c, Args& x) { c.Ialltoallv(x.in(x.a), x.counts, x.displs, x.out(x.c), x.counts, x.displs); }},
        {"Ialltoallw", typed,
         [](Comm& c, Args& x) {
             const std::vector<ConstBuffer> sends{x.in(x.a), x.in(x.b)};
             const std::vector<Buffer> recvs{x.out(x.c), x.out(x.d)};
             c.Ialltoallw(sends, recvs);
         }},
        {"Ireduce_scatter", typed, [](Comm& c, Args& x) { c.Ireduce_scatter(x.in(x.a), x.out1(x.c), x.counts, sum); }},
        {"Ireduce_scatter_block", typed,
         [](Comm& c, Args& x) { c.Ireduce_scatter_block(x.in(x.a), x.out1(x.c), sum); }},
    };
}

bool applies(const ApiCall& call, Fault f) {
    switch (f) {
        case Fault::NullComm: return call.applies & Comm_;
        case Fault::InvalidType:
        case Fault::NegativeCount: return call.applies & Buffers;
        case Fault::BadRoot: return call.applies & Root;
        case Fault::BadRank:
        case Fault::BadTag: return call.applies & Peer;
    }
    return false;
}

}  // namespace

TEST_CASE("every call of the API given a null communicator, an invalid type, a negative count or an out-of-range "
          "root, rank or tag ends the run with an error naming the call") {
    int checked = 0;
    for (const ApiCall& call : api_calls()) {
        for (Fault fault : {Fault::NullComm, Fault::InvalidType, Fault::NegativeCount, Fault::BadRoot, Fault::BadRank,
                            Fault::BadTag}) {
            if (!applies(call, fault)) continue;
            const RunResult r = run(config(2), [&](Comm& world) {
                Comm comm = fault == Fault::NullComm ? world.split(UNDEFINED) : world;
                Args args{fault};
                call.call(comm, args);
            });
            const std::string what = std::string(call.name) + " with " + fault_name(fault) + ": " + r.outcome().message;
            INFO(what);
            REQUIRE(status(r) == "error");
            REQUIRE(r.outcome().error);
            CHECK(r.outcome().error->call == call.name);
            CHECK(r.outcome().error->kind == std::string(expected_kind(fault)));
            ++checked;
        }
    }
    CHECK(checked > 150);
}

TEST_CASE("Sendrecv with overlapping send and receive buffers is an error, and separate buffers are not") {
    const RunResult aliased = run(config(2), [](Comm& c) {
        std::vector<int> v(4, c.rank());
        c.Sendrecv(ConstBuffer(v.data(), 3, datatype_of<int>), 1 - c.rank(), 0,
                   Buffer(v.data() + 1, 3, datatype_of<int>), 1 - c.rank(), 0);
    });
    REQUIRE(status(aliased) == "error");
    REQUIRE(aliased.outcome().error);
    CHECK(aliased.outcome().error->call == "Sendrecv");
    CHECK(aliased.outcome().error->kind == "aliased buffers");
    CHECK(aliased.outcome().error->message.find("MPI_Sendrecv_replace") != std::string::npos);

    const RunResult separate = run(config(2), [](Comm& c) {
        std::vector<int> v(4, c.rank());
        c.Sendrecv(ConstBuffer(v.data(), 2, datatype_of<int>), 1 - c.rank(), 0,
                   Buffer(v.data() + 2, 2, datatype_of<int>), 1 - c.rank(), 0);
        c.check(v[2] == 1 - c.rank(), "the neighbour's value arrived");
    });
    CHECK(status(separate) == "completed");
}

// A view (std::span) does not own its elements, so a temporary one is a valid receive buffer; a
// temporary container is not (its elements would die with the call) and does not compile.
static_assert(std::is_constructible_v<Buffer, std::span<int>>);
static_assert(std::is_constructible_v<Buffer, std::vector<int>&>);
static_assert(!std::is_constructible_v<Buffer, std::vector<int>>);
static_assert(!std::is_constructible_v<Buffer, std::span<const int>>);

TEST_CASE("a temporary std::span is accepted as a receive buffer and receives into the elements it views") {
    std::vector<int> received(6, -1);
    const RunResult r = run(config(2), [&](Comm& comm) {
        if (comm.rank() == 0) {
            comm.Send(std::vector<int>{7, 8, 9}, 1);
        } else {
            comm.Recv(std::span<int>(received).subspan(2, 3), 0);
            Request req = comm.Irecv(std::span<int>(received).first(1), 0);
            comm.wait(req);
        }
        if (comm.rank() == 0) comm.Send(std::vector<int>{1}, 1);
    });
    CHECK(status(r) == "completed");
    CHECK(received == std::vector<int>{1, -1, 7, 8, 9, -1});
}
