// Reduce, allreduce, scan, exscan and reduce_scatter_block equal a serial left fold in rank order,
// with every algorithm, on 1..16 ranks, both sides of the eager threshold, typed and generic, for a
// commutative op (SUM), MAXLOC, and non-commutative user ops (which must be applied in rank order).
#include "collective_support.hpp"

using namespace mpilab;
using namespace mpilab::test;

namespace {

using Ints = std::vector<std::int32_t>;
using Maps = std::vector<IntInt>;

// x -> value * x + index (mod 97) composed left to right: associative, not commutative.
IntInt compose(IntInt first, IntInt then) {
    return IntInt{(first.value * then.value) % 97, (then.value * first.index + then.index) % 97};
}

const Op& compose_op() {
    static const Op op = Op::user_typed(
        [](const void* in, void* inout, std::int64_t count, Datatype) {
            const auto* a = static_cast<const IntInt*>(in);
            auto* b = static_cast<IntInt*>(inout);
            for (std::int64_t i = 0; i < count; ++i) b[i] = compose(a[i], b[i]);
        },
        /*commutative=*/false, "compose");
    return op;
}

const Op& concat_op() {
    static const Op op = Op::user([](const Value& a, const Value& b) { return Value(a.get<std::string>() + b.get<std::string>()); },
                                  /*commutative=*/false, "concat");
    return op;
}

Ints sums_of(int count, int n, int ranks_from = 0) {
    Ints v(static_cast<std::size_t>(count), 0);
    for (int r = ranks_from; r < n; ++r)
        for (int j = 0; j < count; ++j) v[j] += datum(r, 0, j);
    return v;
}
Ints ints_of(int rank, int count) {
    Ints v(static_cast<std::size_t>(count));
    for (int j = 0; j < count; ++j) v[j] = datum(rank, 0, j);
    return v;
}
Maps maps_of(int rank, int count) {
    Maps v(static_cast<std::size_t>(count));
    for (int j = 0; j < count; ++j) v[j] = IntInt{(rank * 3 + j) % 96 + 1, (rank * 5 + 2 * j) % 97};
    return v;
}
// maps_of(0) ∘ ... ∘ maps_of(n-1), elementwise.
Maps composed(int count, int n) {
    Maps acc = maps_of(0, count);
    for (int r = 1; r < n; ++r) {
        const Maps next = maps_of(r, count);
        for (int j = 0; j < count; ++j) acc[j] = compose(acc[j], next[j]);
    }
    return acc;
}
// A string of about 5 or 50 serialised bytes, concatenated by SUM: order shows.
std::string word(int rank, int count) { return "<" + std::to_string(rank) + std::string(static_cast<std::size_t>(count) * 3, '.') + ">"; }
std::string words(int n, int count) {
    std::string s;
    for (int r = 0; r < n; ++r) s += word(r, count);
    return s;
}

int root_for(const Comm& c, int count) { return count == element_counts[0] ? 0 : c.size() - 1; }

}  // namespace

TEST_CASE("reduce combines every rank's vector at the root in rank order with every algorithm") {
    for_every_algorithm_and_size("reduce", [](Comm& c) {
        const int n = c.size();
        for (int count : element_counts) {
            const int root = root_for(c, count);
            const bool at_root = c.rank() == root;
            Ints sum(at_root ? static_cast<std::size_t>(count) : 0);
            c.Reduce(ints_of(c.rank(), count), sum, op::SUM, root);
            if (at_root) c.check(sum == sums_of(count, n), "Reduce SUM at the root");
            Ints in_place_sum = at_root ? ints_of(root, count) : Ints{};
            c.Reduce(at_root ? in_place() : ConstBuffer(ints_of(c.rank(), count)), in_place_sum, op::SUM, root);
            if (at_root) c.check(in_place_sum == sums_of(count, n), "Reduce SUM with in_place() at the root");
            Maps maps(at_root ? static_cast<std::size_t>(count) : 0);
            c.Reduce(maps_of(c.rank(), count), maps, compose_op(), root);
            if (at_root) c.check(maps == composed(count, n), "Reduce of a non-commutative op is in rank order");
            const Value s = c.reduce(word(c.rank(), count), op::SUM, root);
            c.check(at_root ? s == words(n, count) : s.is_null(), "reduce SUM of strings concatenates in rank order");
            const Value t = c.reduce(word(c.rank(), count), concat_op(), root);
            c.check(at_root ? t == words(n, count) : t.is_null(), "reduce with a non-commutative user op");
        }
    });
}

TEST_CASE("allreduce gives every rank the reduction in rank order with every algorithm") {
    for_every_algorithm_and_size("allreduce", [](Comm& c) {
        const int n = c.size();
        for (int count : element_counts) {
            Ints sum(static_cast<std::size_t>(count));
            c.Allreduce(ints_of(c.rank(), count), sum, op::SUM);
            c.check(sum == sums_of(count, n), "Allreduce SUM");
            Ints in_place_sum = ints_of(c.rank(), count);
            c.Allreduce(in_place(), in_place_sum, op::SUM);
            c.check(in_place_sum == sums_of(count, n), "Allreduce SUM with in_place()");
            Maps maps(static_cast<std::size_t>(count));
            c.Allreduce(maps_of(c.rank(), count), maps, compose_op());
            c.check(maps == composed(count, n), "Allreduce of a non-commutative op is in rank order");
            std::vector<DoubleInt> best(static_cast<std::size_t>(count)), mine(best.size());
            for (int j = 0; j < count; ++j) mine[j] = DoubleInt{static_cast<double>((c.rank() * 7 + j) % 5), c.rank()};
            c.Allreduce(mine, best, op::MAXLOC);
            bool maxloc_right = true;
            for (int j = 0; j < count; ++j) {
                DoubleInt want{-1, 0};
                for (int r = 0; r < n; ++r)
                    if ((r * 7 + j) % 5 > want.value) want = DoubleInt{static_cast<double>((r * 7 + j) % 5), r};
                maxloc_right = maxloc_right && best[j] == want;
            }
            c.check(maxloc_right, "Allreduce MAXLOC: the largest value and the lowest rank holding it");
            c.check(c.allreduce(c.rank() + count) == n * (n - 1) / 2 + n * count, "allreduce SUM of integers");
            c.check(c.allreduce(word(c.rank(), count), concat_op()) == words(n, count), "allreduce, non-commutative user op");
            const Value loc = c.allreduce(Value::array({(c.rank() * 3) % 4, c.rank()}), op::MINLOC);
            c.check(loc == Value::array({0, 0}), "allreduce MINLOC on [value, index] pairs");
        }
    });
}

TEST_CASE("scan and exscan give each rank the prefix of the ranks up to it with every algorithm") {
    for (const char* collective : {"scan", "exscan"}) {
        const bool exclusive = std::string(collective) == "exscan";
        for_every_algorithm_and_size(collective, [exclusive](Comm& c) {
            const int me = c.rank();
            const int upto = exclusive ? me : me + 1;   // ranks 0 .. upto-1 are in this rank's prefix
            for (int count : element_counts) {
                Ints prefix(static_cast<std::size_t>(count), -5);
                Maps maps(static_cast<std::size_t>(count), IntInt{-5, -5});
                if (exclusive) {
                    c.Exscan(ints_of(me, count), prefix, op::SUM);
                    c.Exscan(maps_of(me, count), maps, compose_op());
                } else {
                    c.Scan(ints_of(me, count), prefix, op::SUM);
                    c.Scan(maps_of(me, count), maps, compose_op());
                }
                if (upto > 0) {
                    c.check(prefix == sums_of(count, upto), "scan SUM prefix");
                    c.check(maps == composed(count, upto), "scan of a non-commutative op is in rank order");
                } else {
                    c.check(prefix == Ints(count, -5), "Exscan leaves rank 0's buffer alone");
                }
                const Value v = exclusive ? c.exscan(word(me, count)) : c.scan(word(me, count));
                c.check(upto > 0 ? v == words(upto, count) : v.is_null(), "generic scan of strings in rank order");
            }
        });
    }
}

TEST_CASE("reduce_scatter_block gives rank i the reduction of everyone's block i") {
    for_every_algorithm_and_size("reduce_scatter_block", [](Comm& c) {
        const int n = c.size();
        for (int count : element_counts) {
            Ints send;
            Maps send_maps;
            for (int b = 0; b < n; ++b) {
                for (int j = 0; j < count; ++j) send.push_back(datum(c.rank(), b, j));
                const Maps m = maps_of(c.rank() + b, count);
                send_maps.insert(send_maps.end(), m.begin(), m.end());
            }
            Ints got(static_cast<std::size_t>(count));
            c.Reduce_scatter_block(send, got, op::SUM);
            Ints want(static_cast<std::size_t>(count), 0);
            for (int r = 0; r < n; ++r)
                for (int j = 0; j < count; ++j) want[j] += datum(r, c.rank(), j);
            c.check(got == want, "Reduce_scatter_block SUM");
            Maps maps(static_cast<std::size_t>(count));
            c.Reduce_scatter_block(send_maps, maps, compose_op());
            Maps want_maps = maps_of(c.rank(), count);
            for (int r = 1; r < n; ++r) {
                const Maps m = maps_of(r + c.rank(), count);
                for (int j = 0; j < count; ++j) want_maps[j] = compose(want_maps[j], m[j]);
            }
            c.check(maps == want_maps, "Reduce_scatter_block of a non-commutative op is in rank order");
        }
    });
}

TEST_CASE("reduce_scatter gives rank i counts[i] elements of the reduction, in rank order") {
    for_every_algorithm_and_size("reduce_scatter", [](Comm& c) {
        const int n = c.size();
        std::vector<int> counts(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) counts[i] = (i * 7 + 3) % 5;   // some ranks get nothing
        int total = 0, offset = 0;
        for (int i = 0; i < n; ++i) {
            if (i < c.rank()) offset += counts[i];
            total += counts[i];
        }
        const int mine = counts[c.rank()];
        Ints send(static_cast<std::size_t>(total));
        for (int k = 0; k < total; ++k) send[k] = datum(c.rank(), 0, k);
        Ints got(static_cast<std::size_t>(mine), -1);
        c.Reduce_scatter(send, got, counts, op::SUM);
        for (int j = 0; j < mine; ++j) {
            int want = 0;
            for (int r = 0; r < n; ++r) want += datum(r, 0, offset + j);
            c.check(got[j] == want, "Reduce_scatter SUM");
        }
        Maps send_maps;
        for (int k = 0; k < total; ++k) send_maps.push_back(maps_of(c.rank() + k, 1)[0]);
        Maps maps(static_cast<std::size_t>(mine));
        Request req = c.Ireduce_scatter(send_maps, maps, counts, compose_op());
        c.wait(req);
        for (int j = 0; j < mine; ++j) {
            IntInt want = maps_of(offset + j, 1)[0];
            for (int r = 1; r < n; ++r) want = compose(want, maps_of(r + offset + j, 1)[0]);
            c.check(maps[j] == want, "Ireduce_scatter of a non-commutative op is in rank order");
        }
    });
}

TEST_CASE("reduce_scatter with a send buffer that is not the sum of the counts is an error") {
    const RunResult r = run_collective_program(3, {}, [](Comm& c) {
        const std::vector<int> counts{1, 1, 1};
        Ints send(4, 1), got(1);
        c.Reduce_scatter(send, got, counts, op::SUM);
    });
    REQUIRE(status(r) == "error");
    CHECK(r.outcome().error->kind == "buffer size mismatch");
    CHECK(r.outcome().error->call == "Reduce_scatter");
}
