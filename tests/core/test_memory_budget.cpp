// The memory budget of a run: allocations past it — the program's own or the simulator's copies of
// messages — end the run as the error "out of memory" with the trace so far, a std::bad_alloc is never
// blamed on the program, and the budget ends with its run.
#include "core/memory_budget.hpp"
#include "core/run.hpp"

#include <doctest/doctest.h>

#include <new>
#include <string>
#include <vector>

using namespace mpilab;

namespace {

std::string kind_of(const Outcome& outcome) { return outcome.error ? outcome.error->kind : "(no error)"; }

// The runs of a test case get this budget; the cases after it get the default again.
struct BudgetForThisTest {
    explicit BudgetForThisTest(std::uint64_t bytes) { set_run_memory_budget(bytes); }
    ~BudgetForThisTest() { set_run_memory_budget(0); }
};

}  // namespace

TEST_CASE("a program that allocates past the budget ends as the error out of memory, with the trace so far") {
    if (!heap_counting_available()) return;   // the sanitizers bring their own operator new
    Config config;
    config.ranks = 2;
    BudgetForThisTest budget(32 << 20);
    RunResult result = run(config, [](Comm& world) {
        std::vector<std::vector<char>> hoard;
        for (int i = 0; i < 1000; ++i) {
            hoard.emplace_back(1 << 20, 'x');
            if (world.rank() == 0) world.send(i, 1);
            else world.recv(0);
        }
    });
    REQUIRE(result.outcome().status == OutcomeStatus::Error);
    CHECK(kind_of(result.outcome()) == "out of memory");
    CHECK(result.outcome().message.find("out of memory: this run needs more than 34 MB (the budget); lower -n or the "
                                        "message size") != std::string::npos);
    CHECK(result.outcome().error->message == "this run needs more than 34 MB (the budget); lower -n or the message size");
    CHECK(result.outcome().message.find("threw an exception") == std::string::npos);
    CHECK(!result.trace.calls.empty());   // the trace so far is kept
}

TEST_CASE("the simulator's own copies of queued messages count against the budget") {
    if (!heap_counting_available()) return;
    Config config;
    config.ranks = 2;
    BudgetForThisTest budget(16 << 20);
    RunResult result = run(config, [](Comm& world) {
        std::vector<char> buffer(32 * 1024, 'x');   // the program itself holds 32 KB
        if (world.rank() == 0) {
            for (int i = 0; i < 2000; ++i) world.Send(buffer, 1);   // eager: each copied into rank 1's queue
        }
        world.barrier();
        if (world.rank() == 1) {
            for (int i = 0; i < 2000; ++i) world.Recv(buffer, 0);
        }
    });
    REQUIRE(result.outcome().status == OutcomeStatus::Error);
    CHECK(kind_of(result.outcome()) == "out of memory");
    CHECK(result.outcome().error->rank == 0);
}

TEST_CASE("a std::bad_alloc is reported as running out of memory, never as the program's exception") {
    Config config;
    config.ranks = 3;
    RunResult result = run(config, [](Comm& world) {
        world.barrier();
        if (world.rank() == 1) throw std::bad_alloc();
    });
    REQUIRE(result.outcome().status == OutcomeStatus::Error);
    CHECK(kind_of(result.outcome()) == "out of memory");
    CHECK(result.outcome().error->rank == 1);
    CHECK(result.outcome().message.find(": out of memory: ") != std::string::npos);
    CHECK(result.outcome().message.find("lower -n or the message size") != std::string::npos);
    CHECK(result.outcome().message.find("exception") == std::string::npos);
}

TEST_CASE("the budget ends with its run, and a run within it completes") {
    if (!heap_counting_available()) return;
    Config config;
    config.ranks = 4;
    BudgetForThisTest budget(64 << 20);
    RunResult result = run(config, [](Comm& world) { world.allreduce(world.rank()); });
    CHECK(result.outcome().status == OutcomeStatus::Completed);
    std::vector<char> big(128 << 20, 'x');   // more than the budget, after the run: allowed
    CHECK(big.back() == 'x');
}

TEST_CASE("heap counting sees allocations and frees, and sizes read as people write them") {
    if (!heap_counting_available()) return;
    const std::int64_t before = heap_bytes_in_use();
    auto* block = new char[8 << 20];
    block[0] = 1;
    CHECK(heap_bytes_in_use() - before >= (8 << 20));
    delete[] block;
    CHECK(heap_bytes_in_use() - before < (1 << 20));
    CHECK(format_memory(2'000'000'000) == "2.0 GB");
    CHECK(format_memory(168'000'000'000) == "168 GB");
    CHECK(format_memory(33'554'432) == "34 MB");
    CHECK(default_memory_budget() > 0);
}
