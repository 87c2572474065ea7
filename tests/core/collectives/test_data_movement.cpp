// Bcast, gather(v), scatter(v), allgather(v) and alltoall(v) equal their serial reference with every
// algorithm, on 1..16 ranks, for blocks below and above the eager threshold, typed and generic.
#include "collective_support.hpp"

#include <numeric>

using namespace mpilab;
using namespace mpilab::test;

namespace {

using Ints = std::vector<std::int32_t>;

// A generic value of about 10 or 120 serialised bytes: both sides of the test's eager threshold.
Value item(int rank, int block, int count) {
    return Value{{"from", rank}, {"block", block}, {"pad", std::string(static_cast<std::size_t>(count) * 5, 'x')}};
}

Ints block_of(int rank, int block, int count) {
    Ints v(static_cast<std::size_t>(count));
    for (int j = 0; j < count; ++j) v[j] = datum(rank, block, j);
    return v;
}

void append(Ints& to, const Ints& more) { to.insert(to.end(), more.begin(), more.end()); }

int root_for(const Comm& c, int count) { return count == element_counts[0] ? 0 : c.size() - 1; }

}  // namespace

TEST_CASE("bcast gives every rank the root's data with every algorithm") {
    for_every_algorithm_and_size("bcast", [](Comm& c) {
        for (int count : element_counts) {
            const int root = root_for(c, count);
            Ints buf = c.rank() == root ? block_of(root, 0, count) : Ints(count, -1);
            c.Bcast(buf, root);
            c.check(buf == block_of(root, 0, count), "Bcast delivers the root's buffer");
            const Value v = c.bcast(c.rank() == root ? item(root, 0, count) : Value(), root);
            c.check(v == item(root, 0, count), "bcast delivers the root's value");
        }
    });
}

TEST_CASE("gather collects every rank's block at the root in rank order with every algorithm") {
    for_every_algorithm_and_size("gather", [](Comm& c) {
        const int n = c.size();
        for (int count : element_counts) {
            const int root = root_for(c, count);
            Ints all(c.rank() == root ? static_cast<std::size_t>(n * count) : 0, -1);
            c.Gather(block_of(c.rank(), 0, count), all, root);
            Ints want;
            for (int r = 0; r < n; ++r) append(want, block_of(r, 0, count));
            if (c.rank() == root) c.check(all == want, "Gather's root holds every block in rank order");
            const Value v = c.gather(item(c.rank(), 0, count), root);
            Value want_items = Value::array();
            for (int r = 0; r < n; ++r) want_items.push_back(item(r, 0, count));
            c.check(c.rank() == root ? v == want_items : v.is_null(), "gather: a list at the root, null elsewhere");
            // The root's own block already in place.
            Ints in_place_all(c.rank() == root ? want.size() : 0, -1);
            if (c.rank() == root)
                std::copy_n(want.begin() + root * count, count, in_place_all.begin() + root * count);
            c.Gather(c.rank() == root ? in_place() : ConstBuffer(block_of(c.rank(), 0, count)), in_place_all, root);
            if (c.rank() == root) c.check(in_place_all == want, "Gather with in_place() at the root");
        }
    });
}

TEST_CASE("gatherv places blocks of different sizes at their displacements") {
    for_every_algorithm_and_size("gatherv", [](Comm& c) {
        const int n = c.size();
        for (int count : element_counts) {
            const int root = root_for(c, count);
            std::vector<int> counts(n), displs(n);
            for (int r = 0, at = 0; r < n; ++r) {
                counts[r] = count + r % 3;
                displs[r] = at + 1;   // a gap of one element before each block
                at = displs[r] + counts[r];
            }
            const int total = n == 0 ? 0 : displs[n - 1] + counts[n - 1];
            Ints all(c.rank() == root ? static_cast<std::size_t>(total) : 0, -7);
            c.Gatherv(block_of(c.rank(), 0, counts[c.rank()]), all, counts, displs, root);
            if (c.rank() != root) continue;
            Ints want(static_cast<std::size_t>(total), -7);
            for (int r = 0; r < n; ++r) {
                const Ints b = block_of(r, 0, counts[r]);
                std::copy(b.begin(), b.end(), want.begin() + displs[r]);
            }
            c.check(all == want, "Gatherv's root holds each block at its displacement, gaps untouched");
        }
    });
}

TEST_CASE("scatter hands rank i the root's i-th block with every algorithm") {
    for_every_algorithm_and_size("scatter", [](Comm& c) {
        const int n = c.size();
        for (int count : element_counts) {
            const int root = root_for(c, count);
            Ints all;
            if (c.rank() == root)
                for (int r = 0; r < n; ++r) append(all, block_of(root, r, count));
            Ints mine(static_cast<std::size_t>(count), -1);
            c.Scatter(all, mine, root);
            c.check(mine == block_of(root, c.rank(), count), "Scatter delivers this rank's block");
            Value items = Value::array();
            for (int r = 0; r < n; ++r) items.push_back(item(root, r, count));
            const Value v = c.scatter(c.rank() == root ? items : Value(), root);
            c.check(v == item(root, c.rank(), count), "scatter delivers this rank's item");
        }
    });
}

TEST_CASE("scatterv hands each rank its block of its own size") {
    for_every_algorithm_and_size("scatterv", [](Comm& c) {
        const int n = c.size();
        for (int count : element_counts) {
            const int root = root_for(c, count);
            std::vector<int> counts(n), displs(n);
            Ints all;
            for (int r = 0; r < n; ++r) {
                counts[r] = count + (r * 7) % 4;
                displs[r] = static_cast<int>(all.size());
                append(all, block_of(root, r, counts[r]));
            }
            Ints mine(static_cast<std::size_t>(counts[c.rank()]), -1);
            c.Scatterv(c.rank() == root ? ConstBuffer(all) : ConstBuffer(), counts, displs, mine, root);
            c.check(mine == block_of(root, c.rank(), counts[c.rank()]), "Scatterv delivers this rank's block");
        }
    });
}

TEST_CASE("allgather gives every rank every block in rank order with every algorithm") {
    for_every_algorithm_and_size("allgather", [](Comm& c) {
        const int n = c.size();
        for (int count : element_counts) {
            Ints want;
            for (int r = 0; r < n; ++r) append(want, block_of(r, 0, count));
            Ints all(static_cast<std::size_t>(n * count), -1);
            c.Allgather(block_of(c.rank(), 0, count), all);
            c.check(all == want, "Allgather: every block on every rank");
            Ints in_place_all(static_cast<std::size_t>(n * count), -1);
            const Ints own = block_of(c.rank(), 0, count);
            std::copy(own.begin(), own.end(), in_place_all.begin() + c.rank() * count);
            c.Allgather(in_place(), in_place_all);
            c.check(in_place_all == want, "Allgather with in_place()");
            Value want_items = Value::array();
            for (int r = 0; r < n; ++r) want_items.push_back(item(r, 0, count));
            c.check(c.allgather(item(c.rank(), 0, count)) == want_items, "allgather: every item on every rank");
        }
    });
}

TEST_CASE("allgatherv gives every rank every block of its own size") {
    for_every_algorithm_and_size("allgatherv", [](Comm& c) {
        const int n = c.size();
        for (int count : element_counts) {
            std::vector<int> counts(n), displs(n);
            Ints want;
            for (int r = 0; r < n; ++r) {
                counts[r] = count + r % 2;
                displs[r] = static_cast<int>(want.size());
                append(want, block_of(r, 0, counts[r]));
            }
            Ints all(want.size(), -1);
            c.Allgatherv(block_of(c.rank(), 0, counts[c.rank()]), all, counts, displs);
            c.check(all == want, "Allgatherv: every block on every rank");
        }
    });
}

TEST_CASE("alltoall delivers block j of rank i as block i of rank j with every algorithm") {
    for_every_algorithm_and_size("alltoall", [](Comm& c) {
        const int n = c.size();
        const int me = c.rank();
        for (int count : element_counts) {
            Ints send, want;
            for (int r = 0; r < n; ++r) {
                append(send, block_of(me, r, count));
                append(want, block_of(r, me, count));
            }
            Ints got(send.size(), -1);
            c.Alltoall(send, got);
            c.check(got == want, "Alltoall: block i of rank j is rank i's block j");
            Ints in_place_buf = send;
            c.Alltoall(in_place(), in_place_buf);
            c.check(in_place_buf == want, "Alltoall with in_place()");
            Value items = Value::array(), want_items = Value::array();
            for (int r = 0; r < n; ++r) {
                items.push_back(item(me, r, count));
                want_items.push_back(item(r, me, count));
            }
            c.check(c.alltoall(items) == want_items, "alltoall: item i of rank j is rank i's item j");
        }
    });
}

TEST_CASE("alltoallv delivers blocks of per-pair sizes with every algorithm") {
    for_every_algorithm_and_size("alltoallv", [](Comm& c) {
        const int n = c.size();
        const int me = c.rank();
        auto size_of = [](int from, int to, int count) { return count + (from + 2 * to) % 3; };
        for (int count : element_counts) {
            std::vector<int> sendcounts(n), sdispls(n), recvcounts(n), rdispls(n);
            Ints send, want;
            for (int r = 0; r < n; ++r) {
                sendcounts[r] = size_of(me, r, count);
                sdispls[r] = static_cast<int>(send.size());
                append(send, block_of(me, r, sendcounts[r]));
                recvcounts[r] = size_of(r, me, count);
                rdispls[r] = static_cast<int>(want.size());
                append(want, block_of(r, me, recvcounts[r]));
            }
            Ints got(want.size(), -1);
            c.Alltoallv(send, sendcounts, sdispls, got, recvcounts, rdispls);
            c.check(got == want, "Alltoallv: every pair's block, each of its own size");
        }
    });
}

TEST_CASE("the data tests move messages by both protocols") {
    const RunResult r = run_collective_program(4, {{"alltoall", "pairwise"}}, [](Comm& c) {
        for (int count : element_counts) {
            Ints send(static_cast<std::size_t>(4 * count), c.rank()), got(send.size());
            c.Alltoall(send, got);
        }
    });
    REQUIRE(status(r) == "completed");
    CHECK(has_protocol(r.trace, Protocol::Eager));
    CHECK(has_protocol(r.trace, Protocol::Rendezvous));
}

TEST_CASE("alltoallw sends every rank a block of its own element type and size") {
    for_every_algorithm_and_size("alltoallw", [](Comm& c) {
        const int n = c.size(), me = c.rank();
        // An even rank receives int32 blocks (j + 1 of them from rank j), an odd rank one double from each.
        std::vector<Ints> int_out(static_cast<std::size_t>(n)), int_in(static_cast<std::size_t>(n));
        std::vector<double> double_out(static_cast<std::size_t>(n)), double_in(static_cast<std::size_t>(n), -1);
        std::vector<ConstBuffer> send;
        std::vector<Buffer> recv;
        for (int j = 0; j < n; ++j) {
            if (j % 2 == 0) {
                int_out[j].assign(static_cast<std::size_t>(me + 1), datum(me, j, 0));
                send.emplace_back(int_out[j]);
            } else {
                double_out[j] = me + j / 100.0;
                send.emplace_back(double_out[j]);
            }
            if (me % 2 == 0) {
                int_in[j].assign(static_cast<std::size_t>(j + 1), -1);
                recv.emplace_back(int_in[j]);
            } else {
                recv.emplace_back(double_in[j]);
            }
        }
        c.Alltoallw(send, recv);
        for (int j = 0; j < n; ++j) {
            if (me % 2 == 0)
                c.check(int_in[j] == Ints(static_cast<std::size_t>(j + 1), datum(j, me, 0)), "Alltoallw int blocks");
            else
                c.check(double_in[j] == j + me / 100.0, "Alltoallw double blocks");
        }
        Request req = c.Ialltoallw(send, recv);
        c.wait(req);
    });
}
