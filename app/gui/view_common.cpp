// Drawing helpers shared by every view, and the legend of the colour language. See views.hpp.
#include "format.hpp"
#include "views.hpp"

#include <cmath>
#include <string>

namespace mpilab::gui {

void dashed_line(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 colour, float thickness, float dash) {
    float dx = b.x - a.x, dy = b.y - a.y;
    float len = std::sqrt(dx * dx + dy * dy);
    if (len < 1e-3f) return;
    if (dash <= 0 || len / dash > 400) {   // too many dashes to be visible: draw it solid but thinner
        dl->AddLine(a, b, colour, thickness * 0.7f);
        return;
    }
    float ux = dx / len, uy = dy / len;
    for (float s = 0; s < len; s += 2 * dash) {
        float e = std::min(s + dash, len);
        dl->AddLine(ImVec2(a.x + ux * s, a.y + uy * s), ImVec2(a.x + ux * e, a.y + uy * e), colour, thickness);
    }
}

void arrow_head(ImDrawList* dl, ImVec2 from, ImVec2 to, ImU32 colour, float size) {
    float dx = to.x - from.x, dy = to.y - from.y;
    float len = std::sqrt(dx * dx + dy * dy);
    if (len < 1e-3f) return;
    float ux = dx / len, uy = dy / len;
    ImVec2 base(to.x - ux * size, to.y - uy * size);
    ImVec2 left(base.x - uy * size * 0.5f, base.y + ux * size * 0.5f);
    ImVec2 right(base.x + uy * size * 0.5f, base.y - ux * size * 0.5f);
    dl->AddTriangleFilled(to, left, right, colour);
}

float rank_badge(ImDrawList* dl, ImVec2 pos, int rank, ImU32 fill, bool selected) {
    std::string label = std::to_string(rank);
    ImVec2 ts = ImGui::CalcTextSize(label.c_str());
    float pad = em() * 0.25f;
    ImVec2 size(std::max(ts.x + 2 * pad, em() * 1.1f), ts.y + pad * 0.6f);
    dl->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), fill, em() * 0.3f);
    if (selected) dl->AddRect(pos, ImVec2(pos.x + size.x, pos.y + size.y), palette().selection, em() * 0.3f, 0, 2.0f);
    dl->AddText(ImVec2(pos.x + (size.x - ts.x) * 0.5f, pos.y + pad * 0.3f), palette().text_on_bar, label.c_str());
    return size.x;
}

void colour_swatch(ImU32 colour) {
    ImVec2 p = ImGui::GetCursorScreenPos();
    float s = em() * 0.8f;
    float y = p.y + (ImGui::GetTextLineHeight() - s) * 0.5f;
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, y), ImVec2(p.x + s, y + s), colour, s * 0.2f);
    ImGui::Dummy(ImVec2(s, ImGui::GetTextLineHeight()));
    ImGui::SameLine(0, em() * 0.3f);
}

void select_rank(GuiState& gui, int rank) {
    if (gui.selection.rank != rank) {
        gui.selection.rank = rank;
        gui.selection.call = NONE;
        gui.selection.message = NONE;
    }
    gui.scroll_source_to_selection = true;
}

void call_tooltip(const GuiState& gui, std::uint32_t call) {
    if (!gui.model || call >= gui.model->trace().calls.size()) return;
    const Trace& t = gui.model->trace();
    // Times in virtual seconds whichever order playback goes by (both traces have the same tables).
    const Trace& virtual_times = gui.time_model ? gui.time_model->trace() : t;
    const CallRecord& c = call < virtual_times.calls.size() ? virtual_times.calls[call] : t.calls[call];
    ImGui::BeginTooltip();
    ImGui::Text("rank %d: %s", c.rank, describe_call(t, c).c_str());
    colour_swatch(state_colour(call_state(c)));
    ImGui::TextUnformatted(rank_state_name(call_state(c)));
    if (c.unfinished()) ImGui::Text(outcome_revealed(gui) ? "entered at %s, never returned" : "entered at %s", format_time(c.enter).c_str());
    else ImGui::Text("%s \xE2\x80\x93 %s (%s)", format_time(c.enter).c_str(), format_time(c.leave).c_str(),
                     format_time(c.leave - c.enter).c_str());
    std::string where = location_text(t, c.location);
    if (!where.empty()) ImGui::Text("at %s", where.c_str());
    ImGui::EndTooltip();
}

void message_tooltip(const GuiState& gui, std::uint32_t message) {
    if (!gui.model || message >= gui.model->trace().messages.size()) return;
    const Trace& t = gui.model->trace();
    const Trace& virtual_times = gui.time_model ? gui.time_model->trace() : t;
    const MessageRecord& m = message < virtual_times.messages.size() ? virtual_times.messages[message] : t.messages[message];
    ImGui::BeginTooltip();
    const bool revealed = outcome_revealed(gui);
    ImGui::Text("message %u: %s", message, describe_message(t, m, revealed).c_str());
    ImGui::Text("posted %s", format_time(m.post_time).c_str());
    if (m.match_time >= 0) ImGui::Text("matched %s", format_time(m.match_time).c_str());
    else if (revealed) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette().bad), "never matched by a receive");
    if (m.arrival_time >= 0) ImGui::Text("arrived %s", format_time(m.arrival_time).c_str());
    if (m.complete_time >= 0) ImGui::Text("receive completed %s", format_time(m.complete_time).c_str());
    ImGui::EndTooltip();
}

void request_tooltip(const GuiState& gui, int rank, std::uint32_t index) {
    if (!gui.model || rank < 0 || rank >= gui.model->ranks() || index >= gui.model->lane_requests(rank).size()) return;
    const Trace& t = gui.model->trace();
    // Virtual times whichever order playback goes by: the time model's spans are the same operations.
    const TraceModel& timed = gui.time_model && rank < gui.time_model->ranks() &&
                                      index < gui.time_model->lane_requests(rank).size()
                                  ? *gui.time_model
                                  : *gui.model;
    const RequestSpan& span = timed.lane_requests(rank)[index];
    if (span.call >= t.calls.size()) return;
    const CallRecord& c = t.calls[span.call];
    ImGui::BeginTooltip();
    ImGui::Text("rank %d: %s", rank, describe_call(t, c).c_str());
    if (span.completes) {
        ImGui::Text("in flight %s \xE2\x80\x93 %s (%s), from its call to the completion of its operation", format_time(span.begin).c_str(),
                    format_time(span.end).c_str(), format_time(span.end - span.begin).c_str());
    } else if (outcome_revealed(gui)) {
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette().bad), "started %s, never completed",
                           format_time(span.begin).c_str());
    } else {
        ImGui::Text("started %s", format_time(span.begin).c_str());
    }
    const std::string where = location_text(t, c.location);
    if (!where.empty()) ImGui::Text("started at %s", where.c_str());
    ImGui::TextDisabled("click: select the call that started it");
    ImGui::EndTooltip();
}

void empty_hint(const char* text) {
    ImVec2 avail = ImGui::GetContentRegionAvail();
    ImVec2 ts = ImGui::CalcTextSize(text, nullptr, false, avail.x * 0.9f);
    ImVec2 cur = ImGui::GetCursorPos();
    ImGui::SetCursorPos(ImVec2(cur.x + std::max(0.0f, (avail.x - ts.x) * 0.5f), cur.y + std::max(0.0f, (avail.y - ts.y) * 0.4f)));
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + avail.x * 0.9f);
    ImGui::TextDisabled("%s", text);
    ImGui::PopTextWrapPos();
}

void draw_legend(GuiState& gui) {
    const RankState shown[] = {RankState::Running, RankState::InCall, RankState::BlockedSend, RankState::BlockedRecv,
                               RankState::BlockedWait, RankState::Collective, RankState::Computing,
                               RankState::Finished, RankState::Deadlocked, RankState::Failed, RankState::Stopped};
    // Items flow onto the next line when the window is narrow.
    const float right = ImGui::GetWindowContentRegionMax().x;
    auto room_for = [&](float width) {
        if (ImGui::GetCursorPosX() + width > right) ImGui::NewLine();
    };
    for (RankState s : shown) {
        room_for(em() * 1.1f + ImGui::CalcTextSize(rank_state_name(s)).x);
        colour_swatch(state_colour(s));
        ImGui::TextUnformatted(rank_state_name(s));
        ImGui::SameLine(0, em() * 0.9f);
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    auto line_sample = [&](ImU32 colour, bool dashed, const char* label) {
        room_for(em() * 2.1f + ImGui::CalcTextSize(label).x);
        ImVec2 p = ImGui::GetCursorScreenPos();
        float y = p.y + ImGui::GetTextLineHeight() * 0.5f;
        float w = em() * 1.8f;
        if (dashed) dashed_line(dl, ImVec2(p.x, y), ImVec2(p.x + w, y), colour, 2.0f, em() * 0.3f);
        else dl->AddLine(ImVec2(p.x, y), ImVec2(p.x + w, y), colour, 2.0f);
        arrow_head(dl, ImVec2(p.x, y), ImVec2(p.x + w, y), colour, em() * 0.4f);
        ImGui::Dummy(ImVec2(w, ImGui::GetTextLineHeight()));
        ImGui::SameLine(0, em() * 0.3f);
        ImGui::TextUnformatted(label);
        ImGui::SameLine(0, em() * 0.9f);
    };
    line_sample(palette().eager, false, "eager message");
    line_sample(palette().rendezvous, true, "rendezvous message");
    line_sample(palette().cycle, false, "deadlock cycle");
    {   // the strip under a lane's bars: a non-blocking operation from its call until it completed
        const char* label = "request in flight (Isend, Irecv, I-collective)";
        room_for(em() * 2.1f + ImGui::CalcTextSize(label).x);
        ImVec2 p = ImGui::GetCursorScreenPos();
        const float y = p.y + ImGui::GetTextLineHeight() * 0.5f, w = em() * 1.8f;
        const ImU32 colour = state_colour(RankState::BlockedRecv);
        dl->AddLine(ImVec2(p.x, y), ImVec2(p.x + w, y), colour, 2.0f);
        dl->AddLine(ImVec2(p.x, y - 3), ImVec2(p.x, y + 3), colour, 2.0f);
        ImGui::Dummy(ImVec2(w, ImGui::GetTextLineHeight()));
        ImGui::SameLine(0, em() * 0.3f);
        ImGui::TextUnformatted(label);
    }
    ImGui::NewLine();
}

}  // namespace mpilab::gui
