// Playback: play/pause, speed, step to the next/previous event, step the selected rank to its next
// call, the scrub slider and the jump to the deadlock or error. The playhead is virtual time.
#include "format.hpp"
#include "views.hpp"

#include <algorithm>
#include <cmath>

namespace mpilab::gui {

void advance_playback(GuiState& gui) {
    if (!gui.playing || !gui.model) return;
    const double end = gui.model->end_time();
    // 1x plays the whole trace in ten seconds; a trace of a single instant just stops.
    double rate = std::max(end, 1e-12) / 10.0 * gui.speed;
    gui.playhead = std::min(end, gui.playhead + rate * gui.frame_seconds);
    if (gui.playhead >= end) gui.playing = false;
}

void draw_playback(GuiState& gui) {
    const TraceModel* model = gui.model.get();
    const double end = model ? model->end_time() : 0;
    ImGui::BeginDisabled(model == nullptr);

    if (ImGui::Button("|<")) gui.playhead = 0;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Go to the start");
    ImGui::SameLine();
    if (ImGui::Button("< Event") && model) gui.playhead = model->prev_event(gui.playhead);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Step back to the previous call entry or return (Left)");
    ImGui::SameLine();
    const char* play_label = gui.playing ? "  Pause  " : "  Play  ";
    if (ImGui::Button(play_label) && model) {
        if (!gui.playing && gui.playhead >= end) gui.playhead = 0;
        gui.playing = !gui.playing;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Play / pause (Space)");
    ImGui::SameLine();
    if (ImGui::Button("Event >") && model) gui.playhead = model->next_event(gui.playhead);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Step to the next call entry or return (Right)");
    ImGui::SameLine();
    if (ImGui::Button(">|")) gui.playhead = end;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Go to the end");
    ImGui::SameLine();
    char step_label[64];
    std::snprintf(step_label, sizeof step_label, "Step rank %d", std::max(gui.selection.rank, 0));
    if (ImGui::Button(step_label) && model && gui.selection.rank >= 0) {
        // The selected rank's next call: to its entry, or if already inside one, to its return.
        std::uint32_t inside = model->call_at(gui.selection.rank, gui.playhead);
        std::uint32_t next = model->next_call_after(gui.selection.rank, gui.playhead);
        double target = gui.playhead;
        if (next != NONE) target = model->trace().calls[next].enter;
        if (inside != NONE) {
            double leave = model->call_end(model->trace().calls[inside]);
            if (leave > gui.playhead && (next == NONE || leave < target)) target = leave;
        }
        gui.playhead = target;
        gui.selection.call = model->call_at(gui.selection.rank, target);
        gui.playing = false;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Move the playhead to the selected rank's next call");

    ImGui::SameLine();
    const bool stuck = model && model->trace().outcome.status != OutcomeStatus::Completed;
    ImGui::BeginDisabled(!stuck);
    const bool is_error = model && model->trace().outcome.status == OutcomeStatus::Error;
    if (stuck) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(with_alpha(palette().bad, 0.75f)));
    if (ImGui::Button(is_error ? "Jump to error" : "Jump to deadlock") && model) {
        gui.playhead = end;
        gui.playing = false;
        const Outcome& o = model->trace().outcome;
        if (o.deadlock && !o.deadlock->blocked.empty()) {
            select_rank(gui, o.deadlock->cycle.empty() ? o.deadlock->blocked.front().rank : o.deadlock->cycle.front());
        } else if (o.error && o.error->rank >= 0) {
            select_rank(gui, o.error->rank);
            gui.selection.call = o.error->call_index;
        }
    }
    if (stuck) ImGui::PopStyleColor();
    ImGui::EndDisabled();

    ImGui::SameLine();
    ImGui::SetNextItemWidth(em() * 7);
    ImGui::SliderFloat("##speed", &gui.speed, 0.05f, 20.0f, "speed %.2fx", ImGuiSliderFlags_Logarithmic);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Playback speed: 1x plays the whole run in ten seconds");

    ImGui::SameLine();
    std::string now = "t = " + format_time(gui.playhead) + " / " + format_time(end);
    float label_w = ImGui::CalcTextSize("t = 000.0 \xC2\xB5s / 000.0 \xC2\xB5s").x;
    ImGui::SetNextItemWidth(std::max(em() * 6, ImGui::GetContentRegionAvail().x - label_w - em()));
    // The slider moves a fraction of the run, never a raw time: ImGui asserts on ranges near the
    // limits of a double, and a fraction is the same on every trace.
    float fraction = end > 0 ? static_cast<float>(std::clamp(gui.playhead / end, 0.0, 1.0)) : 0.0f;
    if (ImGui::SliderFloat("##scrub", &fraction, 0.0f, 1.0f, "", ImGuiSliderFlags_NoRoundToFormat)) {
        gui.playhead = static_cast<double>(fraction) * end;
        gui.playing = false;
    }
    ImGui::SameLine();
    ImGui::TextUnformatted(now.c_str());
    ImGui::EndDisabled();

    // Keyboard: space plays, arrows step, when no text field has the keyboard.
    if (model && !ImGui::GetIO().WantTextInput) {
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false)) gui.playing = !gui.playing;
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) gui.playhead = model->next_event(gui.playhead);
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) gui.playhead = model->prev_event(gui.playhead);
    }
    gui.playhead = std::isfinite(gui.playhead) ? std::clamp(gui.playhead, 0.0, std::max(end, 0.0)) : 0.0;
}

}  // namespace mpilab::gui
