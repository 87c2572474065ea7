// The console: what the ranks printed up to the playhead, all ranks interleaved by virtual time or
// one rank alone, each line prefixed by its rank (the selected rank's prefix stands out).
#include "format.hpp"
#include "views.hpp"

#include <vector>

namespace mpilab::gui {

void draw_console(GuiState& gui) {
    if (!gui.model) {
        empty_hint("Each rank's printed output appears here, up to the playhead.");
        return;
    }
    const TraceModel& model = *gui.model;
    const Trace& trace = model.trace();
    ImGui::SetNextItemWidth(em() * 8);
    std::string current = gui.console_rank < 0 ? "all ranks" : "rank " + std::to_string(gui.console_rank);
    if (ImGui::BeginCombo("##console_rank", current.c_str())) {
        if (ImGui::Selectable("all ranks", gui.console_rank < 0)) gui.console_rank = -1;
        for (int r = 0; r < std::min(model.ranks(), 512); ++r) {
            std::string label = "rank " + std::to_string(r);
            if (ImGui::Selectable(label.c_str(), gui.console_rank == r)) gui.console_rank = r;
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("Follow selected rank")) gui.console_rank = gui.selection.rank;
    const std::size_t printed = model.output_count_at(gui.playhead);
    ImGui::SameLine();
    ImGui::TextDisabled("%zu of %zu lines printed by t", printed, trace.output.size());

    static std::vector<std::uint32_t> shown;
    shown.clear();
    const auto& order = model.output_by_time();
    for (std::size_t i = 0; i < printed; ++i) {
        if (gui.console_rank < 0 || trace.output[order[i]].rank == gui.console_rank) shown.push_back(order[i]);
    }
    ImGui::BeginChild("##console", ImVec2(0, 0), true, ImGuiWindowFlags_HorizontalScrollbar);
    ImGui::PushFont(mono_font());
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(shown.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const OutputLine& line = trace.output[shown[i]];
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(line.rank == gui.selection.rank ? palette().text : palette().text_dim),
                               "[%d]", line.rank);
            ImGui::SameLine();
            ImGui::TextUnformatted(line.text.c_str());
            if (ImGui::IsItemHovered()) {
                // Virtual time whichever order playback goes by (both traces have the same tables).
                const Trace& virtual_times = gui.time_model ? gui.time_model->trace() : trace;
                const double printed = shown[i] < virtual_times.output.size() ? virtual_times.output[shown[i]].time : line.time;
                ImGui::SetTooltip("printed at %s", format_time(printed).c_str());
            }
        }
    }
    if (gui.playing || ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 1) ImGui::SetScrollHereY(1.0f);
    ImGui::PopFont();
    ImGui::EndChild();
}

}  // namespace mpilab::gui
