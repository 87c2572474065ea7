// The C example programs mpilab offers (the corpus, embedded): every row of the table has its source,
// a summary from its opening comment, and can be written where the compiler reads it.
#include "tests/frontends/c/support.hpp"

#include "app/frontends/c/examples/c_examples.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace mpilab;

TEST_CASE("mpilab offers at least 30 C example programs, each with its source, title and summary") {
    const std::vector<CExample>& examples = c_examples();
    CHECK(examples.size() >= 30);
    for (const CExample& e : examples) {
        INFO(e.file);
        CHECK(e.id == "example:" + e.file);
        CHECK_FALSE(e.text.empty());
        CHECK_FALSE(e.title.empty());
        CHECK(e.summary.size() > 20);
        CHECK(e.summary.find(e.file + ":") == std::string::npos);
        CHECK(e.ranks >= 2);
    }
}

TEST_CASE("the examples' expected outcomes include completed runs, deadlocks and errors") {
    int completed = 0, deadlocks = 0, errors = 0;
    for (const CExample& e : c_examples()) {
        completed += e.expect == OutcomeStatus::Completed;
        deadlocks += e.expect == OutcomeStatus::Deadlock;
        errors += e.expect == OutcomeStatus::Error;
    }
    CHECK(completed >= 20);
    CHECK(deadlocks >= 5);
    CHECK(errors >= 5);
}

TEST_CASE("an example is found by its id and written into the cache with its own text") {
    setenv("XDG_CACHE_HOME", MPILAB_TEST_CACHE, 1);
    const CExample* ring = c_example_named("example:ring.c");
    REQUIRE(ring != nullptr);
    CHECK(ring->summary.starts_with("a token travels once around a ring of ranks."));
    CHECK(c_example_named("example:no-such.c") == nullptr);
    const std::string folder = materialize_c_example(*ring);
    std::ifstream in(std::filesystem::path(folder) / "ring.c");
    std::ostringstream text;
    text << in.rdbuf();
    CHECK(text.str() == ring->text);
}
