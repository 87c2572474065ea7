// Playback: play/pause, speed, step to the next/previous event, step the selected rank to its next
// call, the scrub slider, the reveal of the outcome, and the choice of order: by event (one step per
// event the runtime executed, whatever its virtual time) or by virtual time. The keys a presenter's
// clicker sends (Left/Right, PageUp/PageDown, Home/End, Space) drive it too.
#include "format.hpp"
#include "views.hpp"

#include <algorithm>
#include <cmath>

namespace mpilab::gui {

namespace {

void step_forward(GuiState& gui) {
    if (!gui.model) return;
    if (gui.by_event) gui.playhead = std::min(std::floor(gui.playhead) + 1, playback_end(gui));
    else gui.playhead = gui.model->next_event(gui.playhead);
    gui.playing = false;
}

void step_back(GuiState& gui) {
    if (!gui.model) return;
    if (gui.by_event) gui.playhead = std::max(std::min(std::ceil(gui.playhead), playback_end(gui)) - 1, 0.0);
    else gui.playhead = gui.model->prev_event(gui.playhead);
    gui.playing = false;
}

void toggle_play(GuiState& gui) {
    if (!gui.model) return;
    if (!gui.playing && gui.playhead >= playback_end(gui)) gui.playhead = 0;   // at the end: restart
    gui.playing = !gui.playing;
}

}  // namespace

std::string clock_event_text(const GuiState& gui) {
    if (!gui.by_event || !gui.order) return "";
    return "event " + format_count(current_step(gui)) + " / " + format_count(gui.order->count());
}

std::string clock_time_text(const GuiState& gui) {
    if (gui.by_event && gui.order) {
        const std::size_t step = current_step(gui);
        return "t = " + format_time(step == 0 ? 0.0 : gui.order->virtual_time[step - 1]);
    }
    return "t = " + format_time(gui.playhead);
}

void reveal_outcome(GuiState& gui) {
    if (!gui.model) return;
    gui.playhead = playback_end(gui);
    gui.playing = false;
    const Outcome& o = gui.model->trace().outcome;
    if (o.deadlock && !o.deadlock->blocked.empty()) {
        select_rank(gui, o.deadlock->cycle.empty() ? o.deadlock->blocked.front().rank : o.deadlock->cycle.front());
    } else if (o.error && o.error->rank >= 0) {
        select_rank(gui, o.error->rank);
        gui.selection.call = o.error->call_index;
    }
}

namespace {

// The selected rank's next event: the entry of its next call or, if it is inside one, its return.
void step_rank(GuiState& gui, int rank) {
    const TraceModel* model = gui.model.get();
    if (!model || rank < 0 || rank >= model->ranks()) return;
    // By event, "after the first N events" is the integer part: look from there.
    const double now = gui.by_event ? std::floor(gui.playhead) : gui.playhead;
    std::uint32_t inside = model->call_at(rank, now);
    std::uint32_t next = model->next_call_after(rank, now);
    double target = gui.playhead;
    if (next != NONE) target = model->trace().calls[next].enter;
    if (inside != NONE) {
        double leave = model->call_end(model->trace().calls[inside]);
        if (leave > now && (next == NONE || leave < target)) target = leave;
    }
    if (gui.by_event) target = std::ceil(target);   // a return drawn just before step s + 1 is done at it
    gui.playhead = std::min(target, playback_end(gui));
    gui.selection.call = model->call_at(rank, gui.playhead);
    gui.playing = false;
}

}  // namespace

void advance_playback(GuiState& gui) {
    if (!gui.playing || !gui.model) return;
    const double end = playback_end(gui);
    // 1x plays the whole trace in ten seconds (by event: at least two events a second); a trace of a
    // single instant just stops.
    double rate = gui.by_event ? std::max(end / 10.0, 2.0) * gui.speed : std::max(end, 1e-12) / 10.0 * gui.speed;
    gui.playhead = std::min(end, gui.playhead + rate * gui.frame_seconds);
    if (gui.playhead >= end) gui.playing = false;
}

static void handle_playback_keys(GuiState& gui) {
    if (!gui.model || ImGui::GetIO().WantTextInput) return;
    auto pressed = [](ImGuiKey key, bool repeat = true) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), repeat); };
    if (pressed(ImGuiKey_Space, false)) toggle_play(gui);
    if (pressed(ImGuiKey_RightArrow) || pressed(ImGuiKey_PageDown)) step_forward(gui);
    if (pressed(ImGuiKey_LeftArrow) || pressed(ImGuiKey_PageUp)) step_back(gui);
    if (pressed(ImGuiKey_Home, false)) {
        gui.playhead = 0;
        gui.playing = false;
    }
    if (pressed(ImGuiKey_End, false)) {
        gui.playhead = playback_end(gui);
        gui.playing = false;
    }
    // Letters, digits and signs as typed (the same on every keyboard layout).
    for (ImWchar c : ImGui::GetIO().InputQueueCharacters) {
        if (c == 'd' || c == 'D') {
            if (gui.model->trace().outcome.status != OutcomeStatus::Completed) reveal_outcome(gui);
        } else if (c == 's' || c == 'S') {
            step_rank(gui, gui.selection.rank);
        } else if (c == 'e' || c == 'E') {
            set_event_order(gui, !gui.by_event);
        } else if (c >= '0' && c <= '9' && c - '0' < gui.model->ranks()) {
            select_rank(gui, c - '0');
        }
    }
}

namespace {

// Puts the next item on this line if `width` still fits, else on the next: the bar wraps instead of
// pushing the slider and the clock off a narrow (or big-font) screen.
void flow(float width) {
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    const float x = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x;
    if (x + width <= right) ImGui::SameLine();
}

float button_width(const char* label) { return ImGui::CalcTextSize(label).x + ImGui::GetStyle().FramePadding.x * 2; }

}  // namespace

void draw_playback(GuiState& gui) {
    const TraceModel* model = gui.model.get();
    const double end = playback_end(gui);
    ImGui::BeginDisabled(model == nullptr);

    if (ImGui::Button("|<")) gui.playhead = 0;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Go to the start (Home)");
    flow(button_width("< Event"));
    if (ImGui::Button("< Event")) step_back(gui);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(gui.by_event ? "Step back one event (Left, PageUp)" : "Step back to the previous call entry or return (Left)");
    flow(button_width(" Pause "));
    if (ImGui::Button(gui.playing ? " Pause " : " Play ")) toggle_play(gui);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip(gui.by_event ? "Play event by event / pause (Space)" : "Play / pause (Space)");
    flow(button_width("Event >"));
    if (ImGui::Button("Event >")) step_forward(gui);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(gui.by_event ? "Step to the next event (Right, PageDown)" : "Step to the next call entry or return (Right)");
    flow(button_width(">|"));
    if (ImGui::Button(">|")) gui.playhead = end;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Go to the end (End)");
    char step_label[64];
    std::snprintf(step_label, sizeof step_label, "Step rank %d", std::max(gui.selection.rank, 0));
    flow(button_width(step_label));
    if (ImGui::Button(step_label)) step_rank(gui, gui.selection.rank);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Move to the selected rank's next event (S; digits select a rank)");

    const bool stuck = model && model->trace().outcome.status != OutcomeStatus::Completed;
    const bool revealed = outcome_revealed(gui);
    const OutcomeStatus status = model ? model->trace().outcome.status : OutcomeStatus::Completed;
    if (stuck) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(with_alpha(palette().bad, revealed ? 0.75f : 0.45f)));
    // A cancelled run neither deadlocked nor failed: it offers the place it stopped, nothing more.
    const char* jump = !revealed && stuck                      ? "Reveal outcome"
                       : status == OutcomeStatus::Error     ? "Jump to error"
                       : status == OutcomeStatus::Cancelled ? "Jump to where it stopped"
                                                            : "Jump to deadlock";
    flow(button_width(jump));
    ImGui::BeginDisabled(!stuck);
    if (ImGui::Button(jump)) reveal_outcome(gui);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(status == OutcomeStatus::Cancelled ? "Go to where the run was cancelled (D)"
                                                             : "Go to where the run got stuck or failed (D)");
    if (stuck) ImGui::PopStyleColor();
    ImGui::EndDisabled();

    flow(button_width("by event") + ImGui::GetFrameHeight());
    ImGui::BeginDisabled(!gui.event_model);
    bool by_event = gui.by_event;
    if (ImGui::Checkbox("by event", &by_event)) set_event_order(gui, by_event);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(gui.event_model ? "Step and draw in the order the runtime executed the events (E);\n"
                                            "off: by virtual time, as the simulated machine's clocks say"
                                          : "This trace has no recorded event order: playback goes by virtual time");
    ImGui::EndDisabled();

    flow(em() * 6);
    ImGui::SetNextItemWidth(em() * 6);
    ImGui::SliderFloat("##speed", &gui.speed, 0.05f, 20.0f, "%.2fx", ImGuiSliderFlags_Logarithmic);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Playback speed: 1x plays the whole run in ten seconds");

    // The clock: the event counter and the virtual time (by event), or the virtual time.
    const std::string events = clock_event_text(gui);
    const std::string now = events.empty() ? clock_time_text(gui) + " / " + format_time(end)
                                           : events + "   " + clock_time_text(gui);
    const float label_w = std::max(ImGui::CalcTextSize(now.c_str()).x, ImGui::CalcTextSize("t = 000.0 \xC2\xB5s / 000.0 \xC2\xB5s").x);
    flow(em() * 10 + label_w + em());   // the slider and the clock stay together, the slider at least 10 em
    ImGui::SetNextItemWidth(std::max(em() * 4, ImGui::GetContentRegionAvail().x - label_w - em()));
    // The slider moves a fraction of the run, never a raw time: ImGui asserts on ranges near the
    // limits of a double, and a fraction is the same on every trace.
    float fraction = end > 0 ? static_cast<float>(std::clamp(gui.playhead / end, 0.0, 1.0)) : 0.0f;
    if (ImGui::SliderFloat("##scrub", &fraction, 0.0f, 1.0f, "", ImGuiSliderFlags_NoRoundToFormat)) {
        gui.playhead = static_cast<double>(fraction) * end;
        if (gui.by_event) gui.playhead = std::round(gui.playhead);
        gui.playing = false;
    }
    gui.drawn.slider = {ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y, ImGui::GetItemRectMax().x, ImGui::GetItemRectMax().y};
    ImGui::SameLine();
    ImGui::TextUnformatted(now.c_str());
    gui.drawn.clock = {ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y, ImGui::GetItemRectMax().x, ImGui::GetItemRectMax().y};
    ImGui::EndDisabled();

    // What the last event did, in words: the line a teacher reads out before asking "what next?".
    if (gui.by_event && gui.order && model) {
        const std::size_t step = current_step(gui);
        ImGui::TextUnformatted(("Now: " + describe_step(gui.time_model->trace(), *gui.order, step)).c_str());
        if (!revealed && step < gui.order->count()) {
            ImGui::SameLine(0, em() * 2);
            ImGui::TextDisabled("what happens next?");
        }
    }

    // The layout places the panels below the bar by its height, measured here (it wraps when narrow).
    gui.playback_height = ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y + ImGui::GetStyle().WindowPadding.y;
    handle_playback_keys(gui);
    gui.playhead = std::isfinite(gui.playhead) ? std::clamp(gui.playhead, 0.0, std::max(end, 0.0)) : 0.0;
}

}  // namespace mpilab::gui
