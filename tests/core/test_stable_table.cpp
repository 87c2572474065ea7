// StableTable: an append-only table whose elements never move.
#include "core/stable_table.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace mpilab;

TEST_CASE("a stable table keeps every element at its address while it grows past many chunks") {
    StableTable<std::string, 4, 8> table;
    std::vector<const std::string*> addresses;
    for (int i = 0; i < 20; ++i) addresses.push_back(&table.push_back("element " + std::to_string(i)));
    REQUIRE(table.size() == 20);
    for (int i = 0; i < 20; ++i) {
        CHECK(&table[i] == addresses[i]);
        CHECK(table[i] == "element " + std::to_string(i));
    }
}

TEST_CASE("a stable table says when it is full") {
    StableTable<int, 2, 2> table;
    CHECK(table.capacity == 4);
    for (int i = 0; i < 4; ++i) {
        CHECK_FALSE(table.full());
        table.push_back(i);
    }
    CHECK(table.full());
}
