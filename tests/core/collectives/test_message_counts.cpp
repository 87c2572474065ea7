// Each algorithm sends exactly the messages its file's header promises (counted in the trace as
// messages flagged MSG_COLLECTIVE), and the trace names the algorithm that ran.
#include "collective_support.hpp"

using namespace mpilab;
using namespace mpilab::test;
using mpilab::collectives::ceil_log2;
using mpilab::collectives::floor_pow2;

namespace {

// p*log2(p) + 2r: the recursive-doubling count with the fold-in of r = n - p extra ranks.
int doubling_messages(int n) {
    const int p = floor_pow2(n);
    return p * ceil_log2(p) + 2 * (n - p);
}

struct Case {
    const char* collective;
    const char* algorithm;
    CallKind kind;
    int (*formula)(int n);
    void (*call)(Comm& c);
};

const std::vector<Case>& cases() {
    static const std::vector<Case> all = {
        {"alltoall", "linear", CallKind::Alltoall, [](int n) { return n * (n - 1); },
         [](Comm& c) { std::vector<int> s(c.size(), 1), r(c.size()); c.Alltoall(s, r); }},
        {"alltoall", "pairwise", CallKind::Alltoall, [](int n) { return n * (n - 1); },
         [](Comm& c) { std::vector<int> s(c.size(), 1), r(c.size()); c.Alltoall(s, r); }},
        {"alltoall", "bruck", CallKind::Alltoall, [](int n) { return n * ceil_log2(n); },
         [](Comm& c) { std::vector<int> s(c.size(), 1), r(c.size()); c.Alltoall(s, r); }},
        {"bcast", "binomial", CallKind::Bcast, [](int n) { return n - 1; },
         [](Comm& c) { std::vector<int> b(8); c.Bcast(b, c.size() / 2); }},
        {"bcast", "linear", CallKind::Bcast, [](int n) { return n - 1; },
         [](Comm& c) { std::vector<int> b(8); c.Bcast(b, c.size() / 2); }},
        {"barrier", "dissemination", CallKind::Barrier, [](int n) { return n * ceil_log2(n); },
         [](Comm& c) { c.Barrier(); }},
        {"barrier", "linear", CallKind::Barrier, [](int n) { return 2 * (n - 1); }, [](Comm& c) { c.Barrier(); }},
        {"gather", "binomial", CallKind::Gather, [](int n) { return n - 1; },
         [](Comm& c) { std::vector<int> all(c.size()); c.Gather(c.rank(), all, c.size() - 1); }},
        {"gather", "linear", CallKind::Gather, [](int n) { return n - 1; },
         [](Comm& c) { std::vector<int> all(c.size()); c.Gather(c.rank(), all, c.size() - 1); }},
        {"scatter", "binomial", CallKind::Scatter, [](int n) { return n - 1; },
         [](Comm& c) { std::vector<int> all(c.size()); int mine; c.Scatter(all, mine, 1 % c.size()); }},
        {"reduce", "binomial", CallKind::Reduce, [](int n) { return n - 1; },
         [](Comm& c) { int sum; c.Reduce(c.rank(), sum, op::SUM, c.size() - 1); }},
        {"reduce", "linear", CallKind::Reduce, [](int n) { return n - 1; },
         [](Comm& c) { int sum; c.Reduce(c.rank(), sum, op::SUM, c.size() - 1); }},
        {"allreduce", "recursive_doubling", CallKind::Allreduce, doubling_messages,
         [](Comm& c) { int sum; c.Allreduce(c.rank(), sum, op::SUM); }},
        {"allreduce", "ring", CallKind::Allreduce, [](int n) { return 2 * n * (n - 1); },
         [](Comm& c) { std::vector<double> v(64, 1.0), sum(64); c.Allreduce(v, sum, op::SUM); }},
        {"allreduce", "linear", CallKind::Allreduce, [](int n) { return 2 * (n - 1); },
         [](Comm& c) { int sum; c.Allreduce(c.rank(), sum, op::SUM); }},
        {"allgather", "recursive_doubling", CallKind::Allgather, doubling_messages,
         [](Comm& c) { std::vector<int> all(c.size()); c.Allgather(c.rank(), all); }},
        {"allgather", "ring", CallKind::Allgather, [](int n) { return n * (n - 1); },
         [](Comm& c) { std::vector<int> all(c.size()); c.Allgather(c.rank(), all); }},
        {"allgather", "linear", CallKind::Allgather, [](int n) { return n * (n - 1); },
         [](Comm& c) { std::vector<int> all(c.size()); c.Allgather(c.rank(), all); }},
        {"scan", "linear", CallKind::Scan, [](int n) { return n - 1; },
         [](Comm& c) { int prefix; c.Scan(c.rank(), prefix, op::SUM); }},
    };
    return all;
}

}  // namespace

TEST_CASE("every algorithm sends the number of messages its formula gives, on 1 to 16 ranks") {
    for (const Case& k : cases()) {
        for (int n : collective_rank_counts) {
            const RunResult r = run_collective_program(n, {{k.collective, k.algorithm}}, k.call);
            INFO(k.collective, " with ", k.algorithm, " on ", n, " ranks: ", r.outcome().message);
            REQUIRE(status(r) == "completed");
            CHECK(collective_messages(r.trace) == k.formula(n));
            CHECK(algorithm_recorded(r.trace, k.kind) == k.algorithm);
        }
    }
}

TEST_CASE("bruck sends ceil(log2 n) messages per rank where pairwise sends n-1") {
    for (int n : {5, 16}) {
        for (const char* algorithm : {"bruck", "pairwise"}) {
            const RunResult r = run_collective_program(n, {{"alltoall", algorithm}}, [](Comm& c) {
                std::vector<std::int64_t> s(c.size(), 3), got(c.size());
                c.Alltoall(s, got);
            });
            REQUIRE(status(r) == "completed");
            std::vector<int> sent(n, 0);
            for (const MessageRecord& m : r.trace.messages) sent[m.src] += m.collective() ? 1 : 0;
            for (int rank = 0; rank < n; ++rank)
                CHECK(sent[rank] == (std::string(algorithm) == "bruck" ? ceil_log2(n) : n - 1));
        }
    }
}

TEST_CASE("a non-commutative binomial reduce to a root other than 0 costs one forwarding message") {
    const Op first = Op::user_typed([](const void*, void*, std::int64_t, Datatype) {}, /*commutative=*/false, "keep");
    const RunResult r = run_collective_program(8, {{"reduce", "binomial"}}, [&](Comm& c) {
        int result = 0;
        c.Reduce(c.rank(), result, first, 5);
    });
    REQUIRE(status(r) == "completed");
    CHECK(collective_messages(r.trace) == 8);
}

TEST_CASE("the default selection follows the documented thresholds") {
    using collectives::default_algorithm;
    using collectives::SelectionFacts;
    CHECK(default_algorithm("barrier", SelectionFacts{16}) == "dissemination");
    CHECK(default_algorithm("bcast", SelectionFacts{16, 1 << 20, 1 << 18}) == "binomial");
    CHECK(default_algorithm("alltoall", SelectionFacts{64, 128, 32}) == "bruck");
    CHECK(default_algorithm("alltoall", SelectionFacts{4, 128, 32}) == "linear");
    CHECK(default_algorithm("alltoall", SelectionFacts{64, 1024, 256}) == "linear");
    CHECK(default_algorithm("alltoall", SelectionFacts{64, 65536, 16384}) == "pairwise");
    CHECK(default_algorithm("alltoall", SelectionFacts{64}) == "pairwise");   // generic
    CHECK(default_algorithm("allreduce", SelectionFacts{8, 64, 8}) == "recursive_doubling");
    CHECK(default_algorithm("allreduce", SelectionFacts{8, 8192, 1024}) == "ring");
    CHECK(default_algorithm("allreduce", SelectionFacts{8, 8192, 1024, false}) == "recursive_doubling");
    CHECK(default_algorithm("allgather", SelectionFacts{8, 64, 16}) == "recursive_doubling");
    CHECK(default_algorithm("allgather", SelectionFacts{8, 65536, 16384}) == "ring");
    CHECK(default_algorithm("gatherv", SelectionFacts{8}) == "linear");
    for (const auto& entry : collectives::algorithm_table()) {
        const auto chosen = default_algorithm(entry.collective, SelectionFacts{5, 100, 25});
        INFO(entry.collective, " defaults to ", chosen);
        CHECK(std::find(entry.algorithms.begin(), entry.algorithms.end(), chosen) != entry.algorithms.end());
    }
}

TEST_CASE("a run without configured algorithms records the default in the trace") {
    const RunResult r = run_collective_program(16, {}, [](Comm& c) {
        std::vector<int> s(c.size(), 1), got(c.size());
        c.Alltoall(s, got);
    });
    REQUIRE(status(r) == "completed");
    CHECK(algorithm_recorded(r.trace, CallKind::Alltoall) == "bruck");
    CHECK(collective_messages(r.trace) == 16 * 4);
}
