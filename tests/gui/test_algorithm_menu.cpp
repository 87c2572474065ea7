// The run form's collective algorithm menus: built from core's table, "default" first.
#include "app/gui/algorithm_menu.hpp"

#include "core/collectives/algorithms.hpp"

#include <doctest/doctest.h>

using namespace mpilab;
using namespace mpilab::gui;

namespace {

const AlgorithmMenu& menu_of(const std::string& collective) {
    for (const auto& menu : algorithm_menus()) {
        if (menu.collective == collective) return menu;
    }
    FAIL("no menu for " << collective);
    return algorithm_menus().front();
}

}  // namespace

TEST_CASE("every collective core can configure has a menu: default, then its valid algorithms") {
    const auto& table = collectives::algorithm_table();
    const auto& menus = algorithm_menus();
    REQUIRE(menus.size() == table.size());
    for (std::size_t i = 0; i < table.size(); ++i) {
        CAPTURE(menus[i].collective);
        CHECK(menus[i].collective == table[i].collective);
        REQUIRE(menus[i].items.size() == table[i].algorithms.size() + 1);
        CHECK(menus[i].items[0] == "default");
        for (std::size_t k = 0; k < table[i].algorithms.size(); ++k) CHECK(menus[i].items[k + 1] == table[i].algorithms[k]);
    }
    CHECK(menu_of("alltoall").items == std::vector<std::string>{"default", "linear", "pairwise", "bruck"});
}

TEST_CASE("picking an algorithm sets the collective's choice, picking default removes it") {
    const AlgorithmMenu& alltoall = menu_of("alltoall");
    AlgorithmChoices choices;
    CHECK(chosen_item(alltoall, choices) == 0);
    CHECK(describe_choices(choices) == "all default");

    choose_item(alltoall, 3, choices);
    CHECK(choices == AlgorithmChoices{{"alltoall", "bruck"}});
    CHECK(chosen_item(alltoall, choices) == 3);
    choose_item(menu_of("bcast"), 1, choices);
    CHECK(describe_choices(choices) == "alltoall=bruck, bcast=linear");

    choose_item(alltoall, 0, choices);
    CHECK(choices == AlgorithmChoices{{"bcast", "linear"}});
    CHECK(chosen_item(alltoall, choices) == 0);
}

TEST_CASE("a name the menu does not list (from the command line) is shown as no item, not as default") {
    AlgorithmChoices choices{{"alltoall", "ring"}};
    CHECK(chosen_item(menu_of("alltoall"), choices) == -1);
    CHECK(describe_choices(choices) == "alltoall=ring");
}
