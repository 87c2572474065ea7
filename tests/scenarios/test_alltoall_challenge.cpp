// The alltoall challenge: part 1 deadlocks exactly when a message (count * 8 bytes) exceeds the eager
// threshold; parts 2 and 3 complete on both sides of that boundary; send-send follows the same rule.
#include "scenarios/registry.hpp"

#include <doctest/doctest.h>

using namespace mpilab;

namespace {

OutcomeStatus run_at(const char* id, int ranks, std::int64_t eager, std::int64_t count) {
    Config config;
    config.ranks = ranks;
    config.eager_threshold = eager;
    return run_scenario(*find_scenario(id), config, {{"count", count}}).outcome().status;
}

}  // namespace

TEST_CASE("alltoall-deadlock deadlocks exactly when count * 8 > eager threshold") {
    for (int ranks : {2, 3, 4, 5}) {
        for (std::int64_t eager : {800, 8000, 65536}) {
            CAPTURE(ranks);
            CAPTURE(eager);
            const std::int64_t fits = eager / 8;   // count * 8 == eager: still eager
            CHECK(run_at("alltoall-deadlock", ranks, eager, fits - 1) == OutcomeStatus::Completed);
            CHECK(run_at("alltoall-deadlock", ranks, eager, fits) == OutcomeStatus::Completed);
            CHECK(run_at("alltoall-deadlock", ranks, eager, fits + 1) == OutcomeStatus::Deadlock);
        }
    }
}

TEST_CASE("alltoall-ordered and alltoall-isend complete on both sides of the boundary") {
    for (const char* id : {"alltoall-ordered", "alltoall-isend"}) {
        for (int ranks : {2, 3, 4, 5, 8}) {
            CAPTURE(id);
            CAPTURE(ranks);
            CHECK(run_at(id, ranks, 8000, 1000) == OutcomeStatus::Completed);
            CHECK(run_at(id, ranks, 8000, 1001) == OutcomeStatus::Completed);
        }
    }
}

TEST_CASE("alltoall-ordered and alltoall-isend complete with zero buffering") {
    for (const char* id : {"alltoall-ordered", "alltoall-isend"}) {
        for (int ranks : {2, 3, 5}) {
            CAPTURE(id);
            CAPTURE(ranks);
            Config config;
            config.ranks = ranks;
            config.synchronous_sends = true;
            CHECK(run_scenario(*find_scenario(id), config, {{"count", 10}}).outcome().status == OutcomeStatus::Completed);
        }
    }
}

TEST_CASE("send-send deadlocks exactly when its message is too big to be sent eagerly") {
    for (int ranks : {2, 4}) {
        CAPTURE(ranks);
        CHECK(run_at("send-send", ranks, 65536, 8192) == OutcomeStatus::Completed);
        CHECK(run_at("send-send", ranks, 65536, 8193) == OutcomeStatus::Deadlock);
    }
}
