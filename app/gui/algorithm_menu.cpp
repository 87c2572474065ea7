// The collective algorithm menus of the run form, built from core's one table. See algorithm_menu.hpp.
#include "algorithm_menu.hpp"

#include "core/collectives/algorithms.hpp"

namespace mpilab::gui {

const std::vector<AlgorithmMenu>& algorithm_menus() {
    static const std::vector<AlgorithmMenu> menus = [] {
        std::vector<AlgorithmMenu> out;
        for (const auto& entry : collectives::algorithm_table()) {
            AlgorithmMenu menu{std::string(entry.collective), {"default"}};
            for (auto name : entry.algorithms) menu.items.emplace_back(name);
            out.push_back(std::move(menu));
        }
        return out;
    }();
    return menus;
}

int chosen_item(const AlgorithmMenu& menu, const AlgorithmChoices& choices) {
    auto it = choices.find(menu.collective);
    if (it == choices.end()) return 0;
    for (std::size_t i = 1; i < menu.items.size(); ++i) {
        if (menu.items[i] == it->second) return static_cast<int>(i);
    }
    return -1;
}

void choose_item(const AlgorithmMenu& menu, int item, AlgorithmChoices& choices) {
    if (item <= 0 || item >= static_cast<int>(menu.items.size())) choices.erase(menu.collective);
    else choices[menu.collective] = menu.items[static_cast<std::size_t>(item)];
}

std::string describe_choices(const AlgorithmChoices& choices) {
    if (choices.empty()) return "all default";
    std::string text;
    for (const auto& [collective, algorithm] : choices) {
        if (!text.empty()) text += ", ";
        text += collective + "=" + algorithm;
    }
    return text;
}

}  // namespace mpilab::gui
