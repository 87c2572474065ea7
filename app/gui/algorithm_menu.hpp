// The run form's collective algorithms: one menu per collective core lets a run configure, listing
// "default" (the runtime chooses by rank count and message size) and then the algorithms core's
// table names for it, so a student picks from valid names instead of typing them. No ImGui here.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace mpilab::gui {

// collective -> algorithm, as Config::algorithms; a collective not in the map uses the default.
using AlgorithmChoices = std::map<std::string, std::string>;

struct AlgorithmMenu {
    std::string collective;            // "alltoall"
    std::vector<std::string> items;    // "default", then the valid algorithms ("linear", "pairwise", "bruck")
};

// One menu per entry of collectives::algorithm_table(), in its order.
const std::vector<AlgorithmMenu>& algorithm_menus();

// The item showing the collective's choice: 0 for the default, -1 for a name the menu does not list
// (given on the command line; the run will say which names are valid).
int chosen_item(const AlgorithmMenu& menu, const AlgorithmChoices& choices);
// Picking item 0 removes the collective from the choices, any other item sets it.
void choose_item(const AlgorithmMenu& menu, int item, AlgorithmChoices& choices);

// "all default", or the choices as "alltoall=bruck, bcast=linear".
std::string describe_choices(const AlgorithmChoices& choices);

}  // namespace mpilab::gui
