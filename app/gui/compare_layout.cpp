// Two runs side by side: the run on screen (A) above the compared one (B), each a timeline under a
// headline with its verdict, on one axis (virtual time, or event order when both recorded it) with one
// playhead and one zoom, so a difference in outcome shows at a glance — the same scenario at count
// 8192 and 8193, or the alltoall challenge's part 1 and part 3. B is drawn by swapping it into the
// fields the timeline reads (swap_compared), so it looks exactly as A does.
#include "format.hpp"
#include "views.hpp"

#include <algorithm>

namespace mpilab::gui {

namespace {

constexpr ImGuiWindowFlags kComparePanel =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
    ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoScrollbar |
    ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoTitleBar;

// "A  DEADLOCK  cycle: ..., file a.json": the run's letter, its verdict in colour once revealed (its
// first line), and where it came from.
void headline(const GuiState& gui, const char* letter) {
    const Palette& pal = palette();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(pal.selection), "%s", letter);
    ImGui::SameLine();
    if (!gui.model) return;
    const Outcome& o = gui.model->trace().outcome;
    if (outcome_revealed(gui)) {
        const ImU32 colour = o.status == OutcomeStatus::Completed ? pal.good : pal.bad;
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colour), "%s", std::string(outcome_status_name(o.status)).c_str());
        std::string first = o.message.substr(0, o.message.find('\n'));
        if (first.size() > 160) first = first.substr(0, 157) + "...";
        ImGui::SameLine();
        ImGui::TextUnformatted(first.c_str());
    } else {
        ImGui::TextDisabled("outcome: play to see");
    }
    ImGui::SameLine(0, em() * 2);
    ImGui::TextDisabled("%s, %d ranks", gui.trace_origin.c_str(), gui.model->ranks());
}

}  // namespace

void draw_compare_panels(GuiState& gui, ImVec2 origin, float width, float top, float height) {
    // One window for both: fit the longer run.
    if (gui.fit_request && gui.model) {
        const double end = std::max(playback_end(gui), 1e-9);
        gui.view_begin = -0.02 * end;
        gui.view_end = end * 1.04;
        gui.fit_request = false;
    }
    const float half = height * 0.5f;
    ImGui::SetNextWindowPos(ImVec2(origin.x, top), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(width, half), ImGuiCond_Always);
    if (ImGui::Begin("Run A", nullptr, kComparePanel)) {
        headline(gui, "A");
        draw_timeline(gui);
    }
    ImGui::End();
    // The screenshot tests' lanes are A's.
    const std::vector<std::pair<int, DrawnRect>> lanes_of_a = gui.drawn.lanes;
    swap_compared(gui);
    ImGui::SetNextWindowPos(ImVec2(origin.x, top + half), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(width, height - half), ImGuiCond_Always);
    bool stop = false;
    if (ImGui::Begin("Run B", nullptr, kComparePanel)) {
        headline(gui, "B");
        ImGui::SameLine(std::max(ImGui::GetWindowContentRegionMax().x - em() * 9, ImGui::GetCursorPosX()));
        stop = ImGui::SmallButton("Stop comparing");
        draw_timeline(gui);
    }
    ImGui::End();
    swap_compared(gui);
    gui.drawn.lanes = lanes_of_a;
    if (stop) gui.compared.reset();
}

}  // namespace mpilab::gui
