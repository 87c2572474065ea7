// Non-blocking collectives: each I-variant completes through wait/test with the blocking call's
// result, they overlap with computation (the tutorial's Igather-versus-Gather timing), and
// collectives work on communicators from split and dup with isolated matching.
#include "collective_support.hpp"

using namespace mpilab;
using namespace mpilab::test;

namespace {

using Ints = std::vector<std::int32_t>;

// The tutorial's demo: `size` gathers of `count` floats, rank i computing one second before the
// i-th. Returns the virtual seconds rank 0 measured.
double gather_demo(int ranks, bool nonblocking) {
    double elapsed = -1;
    const RunResult r = run(config(ranks), [&](Comm& c) {
        const int n = c.size();
        const std::size_t count = 20000;   // 80000 bytes: above the default eager threshold
        std::vector<float> res(c.rank() == 0 ? n * n * count : 0, -1.0f);
        std::vector<std::vector<float>> arrs(n);
        std::vector<Request> requests;
        const double start = c.wtime();
        for (int i = 0; i < n; ++i) {
            if (c.rank() == i) c.compute(1.0);
            arrs[i].assign(count, static_cast<float>(c.rank() * i));
            Buffer slice = c.rank() == 0 ? Buffer(res.data() + i * n * count, n * count, datatype_of<float>) : Buffer();
            if (nonblocking) {
                requests.push_back(c.Igather(arrs[i], slice, 0));
            } else {
                c.Gather(arrs[i], slice, 0);
            }
        }
        c.waitall(requests);
        if (c.rank() != 0) return;
        elapsed = c.wtime() - start;
        bool right = true;
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j) right = right && res[(i * n + j) * count + count - 1] == static_cast<float>(i * j);
        c.check(right, "res == outer(range(size), range(size))");
    });
    INFO(r.outcome().message);
    CHECK(status(r) == "completed");
    return elapsed;
}

}  // namespace

TEST_CASE("igather overlaps the ranks' work: about 1 s, where blocking gather takes about n s") {
    for (int n : {4, 8}) {
        INFO(n, " ranks");
        const double overlapped = gather_demo(n, true);
        const double blocking = gather_demo(n, false);
        CHECK(overlapped == doctest::Approx(1.0).epsilon(0.05));
        CHECK(blocking == doctest::Approx(static_cast<double>(n)).epsilon(0.05));
    }
}

TEST_CASE("every non-blocking collective completes through wait with the blocking call's result") {
    for (int n : {1, 3, 4, 8}) {
        const RunResult r = run_collective_program(n, {}, [](Comm& c) {
            const int n = c.size();
            const int me = c.rank();
            std::vector<Request> reqs;
            Ints bc(30, me == 1 % n ? 7 : 0), sum(30), all(n * 30, -1), mine(30, -1), gathered(n), exchanged(n);
            Ints scatter_src(me == 0 ? n * 30 : 0, 5), contribution(30, me + 1), row(n, me);
            reqs.push_back(c.Ibarrier());
            reqs.push_back(c.Ibcast(bc, 1 % n));
            reqs.push_back(c.Iallreduce(contribution, sum, op::SUM));
            Ints reduced(me == 0 ? 30 : 0);
            reqs.push_back(c.Ireduce(contribution, reduced, op::MAX, 0));
            reqs.push_back(c.Igather(contribution, me == 0 ? Buffer(all) : Buffer(), 0));
            reqs.push_back(c.Iscatter(scatter_src, mine, 0));
            reqs.push_back(c.Iallgather(me, gathered));
            reqs.push_back(c.Ialltoall(row, exchanged));
            c.waitall(reqs);
            c.check(bc == Ints(30, 7), "Ibcast");
            c.check(sum == Ints(30, n * (n + 1) / 2), "Iallreduce");
            if (me == 0) c.check(reduced == Ints(30, n), "Ireduce");
            if (me == 0) c.check(all[(n - 1) * 30] == n, "Igather");
            c.check(mine == Ints(30, 5), "Iscatter");
            for (int i = 0; i < n; ++i) c.check(gathered[i] == i && exchanged[i] == i, "Iallgather, Ialltoall");

            Request a = c.iallreduce(me, op::SUM), b = c.ibcast(me == 0 ? Value("v") : Value(), 0);
            Request g = c.igather(me, 0), s = c.iscatter(me == 0 ? Value(std::vector<int>(n, 4)) : Value(), 0);
            Request ag = c.iallgather(me), aa = c.ialltoall(std::vector<int>(n, me)), rd = c.ireduce(me, op::MAX, 0);
            Request ib = c.ibarrier();
            c.check(c.wait_value(a) == n * (n - 1) / 2, "iallreduce");
            c.check(c.wait_value(b) == "v", "ibcast");
            const Value gv = c.wait_value(g);
            c.check(me == 0 ? gv.size() == static_cast<std::size_t>(n) : gv.is_null(), "igather");
            c.check(c.wait_value(s) == 4, "iscatter");
            c.check(c.wait_value(ag).size() == static_cast<std::size_t>(n), "iallgather");
            const Value av = c.wait_value(aa);
            c.check(av.size() == static_cast<std::size_t>(n) && av[n - 1] == n - 1, "ialltoall");
            const Value rv = c.wait_value(rd);
            c.check(me == 0 ? rv == n - 1 : rv.is_null(), "ireduce");
            c.wait(ib);
        });
        INFO(n, " ranks: ", r.outcome().message);
        CHECK(status(r) == "completed");
    }
}

TEST_CASE("the non-blocking v-collectives, reduce-scatters and scans give the blocking calls' results") {
    for (int n : {1, 2, 3, 5}) {
        const RunResult r = run_collective_program(n, {}, [](Comm& c) {
            const int n = c.size(), me = c.rank();
            std::vector<int> counts(static_cast<std::size_t>(n)), displs(static_cast<std::size_t>(n));
            int total = 0;
            for (int i = 0; i < n; ++i) {
                counts[i] = i + 1;
                displs[i] = total;
                total += counts[i];
            }
            const Ints mine(static_cast<std::size_t>(me + 1), me);
            Ints all(static_cast<std::size_t>(total), -1), every(static_cast<std::size_t>(total), -1);
            Ints back(static_cast<std::size_t>(me + 1), -1), exchanged(static_cast<std::size_t>(n), -1);
            Ints source(static_cast<std::size_t>(total));
            for (int i = 0; i < n; ++i)
                for (int k = 0; k < counts[i]; ++k) source[displs[i] + k] = i * 10 + k;
            const std::vector<int> ones(static_cast<std::size_t>(n), 1), iota = [n] {
                std::vector<int> v(static_cast<std::size_t>(n));
                for (int i = 0; i < n; ++i) v[i] = i;
                return v;
            }();
            const Ints row(static_cast<std::size_t>(n), me);
            Ints blocks(static_cast<std::size_t>(n), me + 1), block_sum(1), prefix(1), before(1, -1);
            std::vector<Request> reqs;
            reqs.push_back(c.Igatherv(mine, me == 0 ? Buffer(all) : Buffer(), counts, displs, 0));
            reqs.push_back(c.Iscatterv(source, counts, displs, back, 0));
            reqs.push_back(c.Iallgatherv(mine, every, counts, displs));
            reqs.push_back(c.Ialltoallv(row, ones, iota, exchanged, ones, iota));
            reqs.push_back(c.Ireduce_scatter_block(blocks, block_sum, op::SUM));
            const Ints one(1, me + 1);
            reqs.push_back(c.Iscan(one, prefix, op::SUM));
            reqs.push_back(c.Iexscan(one, before, op::SUM));
            c.waitall(reqs);
            for (int i = 0; i < n; ++i)
                for (int k = 0; k < counts[i]; ++k) {
                    if (me == 0) c.check(all[displs[i] + k] == i, "Igatherv");
                    c.check(every[displs[i] + k] == i, "Iallgatherv");
                }
            for (int k = 0; k <= me; ++k) c.check(back[k] == me * 10 + k, "Iscatterv");
            for (int i = 0; i < n; ++i) c.check(exchanged[i] == i, "Ialltoallv");
            c.check(block_sum[0] == n * (n + 1) / 2, "Ireduce_scatter_block");
            c.check(prefix[0] == (me + 1) * (me + 2) / 2, "Iscan");
            if (me > 0) c.check(before[0] == me * (me + 1) / 2, "Iexscan");
        });
        INFO(n, " ranks: ", r.outcome().message);
        CHECK(status(r) == "completed");
    }
}

// Every rank polls its own iallreduce with test(); the others must get to run in between.
static RunResult polled_allreduce(SchedulePolicy policy) {
    Config c = config(4, small_eager_threshold, policy);
    return run(c, [](Comm& c) {
        Request req = c.iallreduce(c.rank() + 1, op::PROD);
        Status st;
        int polls = 0;
        while (!c.test(req, &st)) {
            c.compute(1e-6);
            ++polls;
        }
        c.check(req.is_null(), "a completed request is null");
        c.check(polls < 1000, "the collective completes while polled");
    });
}

TEST_CASE("a non-blocking collective progresses while its rank polls it with test") {
    for (SchedulePolicy policy : {SchedulePolicy::RoundRobin, SchedulePolicy::Random}) {
        const RunResult r = polled_allreduce(policy);
        INFO(schedule_name(policy), ": ", r.outcome().message);
        CHECK(status(r) == "completed");
    }
}

// Under run-until-blocked, a failed test() steps aside to the next ready rank after the poller, so
// polling ranks cannot starve the others.
TEST_CASE("a non-blocking collective polled with test progresses under run-until-blocked") {
    CHECK(status(polled_allreduce(SchedulePolicy::RunUntilBlocked)) == "completed");
}

TEST_CASE("collectives on split and dup communicators involve only their members and stay apart") {
    for (int n : {5, 8}) {
        const RunResult r = run_collective_program(n, {{"allreduce", "ring"}}, [](Comm& world) {
            Comm half = world.split(world.rank() % 2, -world.rank());   // reversed order inside each half
            Comm copy = world.dup();
            const int members = half.size();
            std::vector<double> v(40, 1.0), sum(40);
            Request pending = copy.Iallreduce(v, sum, op::SUM);   // overlaps with the half's collectives
            const Value ranks = half.allgather(world.rank());
            world.check(static_cast<int>(ranks.size()) == members, "allgather on a split communicator");
            world.check(ranks[0].get<int>() > ranks[members - 1].get<int>(), "split ordered by key");
            const Value total = half.allreduce(world.rank());
            int want = 0;
            for (const auto& x : ranks) want += x.get<int>();
            world.check(total == want, "allreduce on a split communicator");
            std::vector<int> s(members, half.rank()), got(members);
            half.Alltoall(s, got);
            for (int i = 0; i < members; ++i) world.check(got[i] == i, "alltoall on a split communicator");
            copy.wait(pending);
            world.check(sum == std::vector<double>(40, world.size()), "Iallreduce on a dup communicator");
            half.Barrier();
            half.free();
            copy.free();
        });
        INFO(n, " ranks: ", r.outcome().message);
        CHECK(status(r) == "completed");
    }
}

TEST_CASE("a barrier releases no rank before the last one arrives, with every algorithm") {
    for_every_algorithm_and_size("barrier", [](Comm& c) {
        if (c.rank() == c.size() - 1) c.compute(2.0);
        c.barrier();
        c.check(c.wtime() >= 2.0, "left the barrier at or after the late rank's arrival");
        Request r = c.Ibarrier();
        c.wait(r);
    });
}
