// The scenario browser: scenarios by category with what each teaches, the run form (ranks, eager
// threshold, schedule, seed, parameters, collective algorithms) and Run / Re-run / Cancel. With
// "re-run on change", editing a value runs again at once: crossing the eager threshold is one drag.
#include "format.hpp"
#include "views.hpp"

#include "app/frontends/c/examples/c_examples.hpp"
#include "core/eager_presets.hpp"
#include "scenarios/registry.hpp"

#include <map>
#include <sstream>

namespace mpilab::gui {

namespace {

const char* expect_text(OutcomeStatus s) {
    switch (s) {
    case OutcomeStatus::Completed: return "completes";
    case OutcomeStatus::Deadlock: return "deadlocks";
    case OutcomeStatus::Error: return "ends in an error";
    case OutcomeStatus::Cancelled: return "is cancelled";
    }
    return "";
}

// One parameter's editor by its JSON type; returns true when the value changed.
bool edit_param(const ParamSpec& spec, Value& value) {
    const char* name = spec.name.c_str();
    bool changed = false;
    if (spec.default_value.is_boolean()) {
        bool b = value.is_boolean() ? value.get<bool>() : spec.default_value.get<bool>();
        changed = ImGui::Checkbox(name, &b);
        value = b;
    } else if (spec.default_value.is_number_integer()) {
        std::int64_t v = value.is_number() ? value.get<std::int64_t>() : spec.default_value.get<std::int64_t>();
        std::int64_t step = 1, fast = std::max<std::int64_t>(1, std::abs(v) / 10);
        changed = ImGui::InputScalar(name, ImGuiDataType_S64, &v, &step, &fast);
        if (spec.min) v = std::max<std::int64_t>(v, static_cast<std::int64_t>(*spec.min));
        if (spec.max) v = std::min<std::int64_t>(v, static_cast<std::int64_t>(*spec.max));
        value = v;
    } else if (spec.default_value.is_number()) {
        double v = value.is_number() ? value.get<double>() : spec.default_value.get<double>();
        changed = ImGui::InputDouble(name, &v, 0, 0, "%.6g");
        if (spec.min) v = std::max(v, *spec.min);
        if (spec.max) v = std::min(v, *spec.max);
        value = v;
    } else {
        std::string s = value.is_string() ? value.get<std::string>() : spec.default_value.dump();
        char buf[256];
        std::snprintf(buf, sizeof buf, "%s", s.c_str());
        changed = ImGui::InputText(name, buf, sizeof buf);
        value = std::string(buf);
    }
    if (ImGui::IsItemHovered() && !spec.description.empty()) ImGui::SetTooltip("%s", spec.description.c_str());
    return changed;
}

// A combo per collective, folded under one line that says what is chosen; true when a choice changed.
bool edit_algorithms(AlgorithmChoices& choices) {
    const std::string summary = describe_choices(choices);
    ImGui::SetNextItemOpen(!choices.empty(), ImGuiCond_Once);   // open when the command line chose some
    if (!ImGui::TreeNodeEx("##algorithms", ImGuiTreeNodeFlags_SpanAvailWidth, "algorithms: %s", summary.c_str())) {
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", summary.c_str());
        return false;
    }
    bool changed = false;
    ImGui::PushItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
    for (const AlgorithmMenu& menu : algorithm_menus()) {
        const int chosen = chosen_item(menu, choices);
        // A name from the command line that the menu does not list shows as it is; the run says why.
        const std::string preview = chosen >= 0 ? menu.items[static_cast<std::size_t>(chosen)]
                                                : choices[menu.collective] + " (unknown)";
        if (ImGui::BeginCombo(menu.collective.c_str(), preview.c_str())) {
            for (int i = 0; i < static_cast<int>(menu.items.size()); ++i) {
                if (ImGui::Selectable(menu.items[static_cast<std::size_t>(i)].c_str(), i == chosen) && i != chosen) {
                    choose_item(menu, i, choices);
                    changed = true;
                }
            }
            ImGui::EndCombo();
        }
        if (ImGui::IsItemHovered() && chosen == 0) {
            ImGui::SetTooltip("default: the runtime picks by rank count and message size, as MPICH does");
        }
    }
    ImGui::PopItemWidth();
    ImGui::TreePop();
    return changed;
}

// The C example programs, under "C programs" below the scenarios. `chosen` remembers which example the
// form's source was opened from (a student's own ring.c has the same name).
void draw_c_examples(GuiState& gui, std::pair<const ProgramSource*, std::string>& chosen) {
    if (c_examples().empty()) return;
    const bool has_current = gui.form.source.get() == chosen.first;
    ImGui::SetNextItemOpen(has_current, ImGuiCond_Appearing);
    if (!ImGui::TreeNodeEx("C programs", ImGuiTreeNodeFlags_SpanAvailWidth)) return;
    for (const CExample& example : c_examples()) {
        const bool selected = has_current && chosen.second == example.id;
        if (ImGui::Selectable(example.title.c_str(), selected)) {
            try {
                select_source(gui, open_program_source(example.id));
                chosen = {gui.form.source.get(), example.id};
                gui.run_error.clear();
            } catch (const std::exception& e) {
                gui.run_error = e.what();
            }
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s (%s)", example.file.c_str(), expect_text(example.expect));
    }
    ImGui::TreePop();
}

// A program edited on disk since it was opened: offer to compile and run the new version (the form's
// ranks and arguments stay).
void offer_rerun_of_changed_program(GuiState& gui) {
    RunForm& f = gui.form;
    const double now = ImGui::GetTime();
    if (!f.changed_on_disk && !f.watched.empty() && now - f.watched_checked_at > 0.5) {
        f.watched_checked_at = now;
        for (const auto& [file, time] : f.watched) f.changed_on_disk |= file_time(file) != time;
    }
    if (!f.changed_on_disk) return;
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette().envelope), "%s changed on disk.", f.source->name().c_str());
    ImGui::PopTextWrapPos();
    if (ImGui::Button("Run the new version")) {
        const int ranks = f.ranks;
        const std::vector<std::string> argv = f.argv;
        try {
            select_source(gui, open_program_source(f.source->name()));
            f.ranks = ranks;
            f.argv = argv;
            gui.run_requested = true;
        } catch (const std::exception& e) {
            gui.run_error = e.what();
            f.changed_on_disk = false;
        }
    }
}

// The program's own arguments, as one line split at spaces; true when they changed.
// The --eager presets as a combo beside the threshold: picking one sets the threshold; a typed value
// that is no preset shows as "custom".
bool edit_eager_preset(std::int64_t& threshold) {
    const auto presets = eager_presets();
    std::string current = "custom";
    for (const EagerPreset& p : presets)
        if (p.bytes == threshold) current = std::string(p.name);
    bool changed = false;
    if (ImGui::BeginCombo("eager preset", current.c_str())) {
        for (const EagerPreset& p : presets) {
            if (ImGui::Selectable(std::string(p.name).c_str(), p.bytes == threshold) && p.bytes != threshold) {
                threshold = p.bytes;
                changed = true;
            }
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", std::string(p.source).c_str());
        }
        ImGui::EndCombo();
    }
    return changed;
}

bool edit_argv(std::vector<std::string>& argv) {
    std::string joined;
    for (const std::string& a : argv) joined += (joined.empty() ? "" : " ") + a;
    char buf[512];
    std::snprintf(buf, sizeof buf, "%s", joined.c_str());
    if (!ImGui::InputText("arguments", buf, sizeof buf, ImGuiInputTextFlags_EnterReturnsTrue)) {
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("the program's argv[1..], separated by spaces (Enter to apply)");
        return false;
    }
    argv.clear();
    std::istringstream words(buf);
    for (std::string w; words >> w;) argv.push_back(w);
    return true;
}

}  // namespace

void draw_scenario_browser(GuiState& gui) {
    static std::pair<const ProgramSource*, std::string> chosen_example;
    const auto& scenarios = all_scenarios();
    const Scenario* current = find_scenario(gui.form.scenario_id);
    const Palette& pal = palette();

    // ---- the list, by category -----------------------------------------------------------------
    float list_h = std::min(ImGui::GetContentRegionAvail().y * 0.38f, em() * 16);
    ImGui::BeginChild("##scenario_list", ImVec2(0, list_h), true);
    std::map<std::string, std::vector<const Scenario*>> by_category;
    std::vector<std::string> order;
    for (const auto& s : scenarios) {
        if (!by_category.count(s.category)) order.push_back(s.category);
        by_category[s.category].push_back(&s);
    }
    if (scenarios.empty()) ImGui::TextDisabled("No scenarios are built in.");
    for (const auto& category : order) {
        bool has_current = current && current->category == category;
        ImGui::SetNextItemOpen(has_current, ImGuiCond_Appearing);
        if (ImGui::TreeNodeEx(category.c_str(), ImGuiTreeNodeFlags_SpanAvailWidth)) {
            for (const Scenario* s : by_category[category]) {
                if (ImGui::Selectable(s->title.empty() ? s->id.c_str() : s->title.c_str(), s == current)) {
                    select_scenario(gui, *s);
                    current = s;
                }
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s->id.c_str());
                if (s == current && ImGui::IsWindowAppearing()) ImGui::SetScrollHereY(0.3f);
            }
            ImGui::TreePop();
        }
    }
    draw_c_examples(gui, chosen_example);
    ImGui::EndChild();

    RunForm& f = gui.form;
    if (!f.source) {
        ImGui::TextDisabled("Pick a scenario, or open a program in Files.");
        return;
    }

    // ---- what it teaches (a scenario) or which program runs -----------------------------------
    ImGui::PushTextWrapPos(0);
    if (current) {
        ImGui::TextUnformatted(current->title.c_str());
        ImGui::TextDisabled("%s  \xE2\x80\xA2  at its defaults it %s", current->id.c_str(), expect_text(current->expect));
        ImGui::TextUnformatted(current->summary.c_str());
    } else {
        ImGui::TextUnformatted(f.source->name().c_str());
        ImGui::TextDisabled("%s", f.source->kind().c_str());
        if (!f.source->summary().empty()) ImGui::TextUnformatted(f.source->summary().c_str());
    }
    ImGui::PopTextWrapPos();
    if (!current) offer_rerun_of_changed_program(gui);
    ImGui::Separator();

    // ---- the run form --------------------------------------------------------------------------
    bool changed = false;
    ImGui::PushItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
    changed |= ImGui::InputInt("ranks", &f.ranks);
    f.ranks = current ? std::clamp(f.ranks, std::max(1, current->min_ranks), std::min(MAX_RANKS, current->max_ranks))
                      : std::clamp(f.ranks, 1, MAX_RANKS);
    std::int64_t step = 1, fast = 1024;
    changed |= ImGui::InputScalar("eager threshold (B)", ImGuiDataType_S64, &f.eager_threshold, &step, &fast);
    f.eager_threshold = std::max<std::int64_t>(0, f.eager_threshold);
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("A standard send of at most this many bytes is eager (buffered, the sender goes on);\n"
                          "a larger one is rendezvous (the sender waits for a matching receive).");
    }
    changed |= edit_eager_preset(f.eager_threshold);
    changed |= ImGui::Combo("schedule", &f.schedule, schedule_names().data(), static_cast<int>(schedule_names().size()));
    std::uint64_t seed_step = 1;
    changed |= ImGui::InputScalar("seed", ImGuiDataType_U64, &f.seed, &seed_step);
    for (const auto& spec : f.source->params()) {
        ImGui::PushID(spec.name.c_str());
        changed |= edit_param(spec, f.params[spec.name]);
        ImGui::PopID();
    }
    if (f.source->takes_argv()) changed |= edit_argv(f.argv);
    ImGui::PopItemWidth();
    changed |= edit_algorithms(f.algorithms);
    if (ImGui::SmallButton("Defaults")) {
        select_source(gui, f.source);
        f.eager_threshold = 65536;
        f.schedule = 0;
        f.seed = 0;
        f.algorithms.clear();
        changed = true;
    }
    ImGui::SameLine();
    ImGui::Checkbox("re-run on change", &f.rerun_on_change);

    // ---- run -----------------------------------------------------------------------------------
    const bool busy = gui.runner.busy();
    const bool same_as_shown = gui.model && gui.model->trace().run.scenario == f.source->name();
    ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(with_alpha(pal.good, 0.8f)));
    ImGui::BeginDisabled(busy);
    if (ImGui::Button(same_as_shown ? "Re-run" : "Run", ImVec2(em() * 7, 0))) gui.run_requested = true;
    ImGui::EndDisabled();
    ImGui::PopStyleColor();
    if (changed && f.rerun_on_change && gui.model) gui.run_requested = true;
    if (busy) {
        ImGui::SameLine();
        if (ImGui::Button("Cancel")) gui.runner.cancel();
        ImGui::SameLine();
        ImGui::Text("running... %s calls, %.1f s", format_count(gui.runner.progress_calls()).c_str(),
                    gui.runner.elapsed_seconds());
    }
    if (!gui.run_error.empty()) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(pal.bad), "%s", gui.run_error.c_str());
        ImGui::PopTextWrapPos();
    }
    if (gui.model) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextDisabled("On screen: %s", gui.trace_origin.c_str());
        ImGui::PopTextWrapPos();
    }
}

}  // namespace mpilab::gui
