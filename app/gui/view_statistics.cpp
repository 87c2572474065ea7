// Statistics of the whole trace (messages, bytes, eager vs rendezvous, collectives) and per rank
// (calls, messages, bytes, blocked time as a bar), computed once by TraceModel.
#include "format.hpp"
#include "views.hpp"

#include <algorithm>

namespace mpilab::gui {

void draw_statistics(GuiState& gui) {
    if (!gui.model) {
        empty_hint("Messages, bytes, eager vs rendezvous and blocked time per rank.");
        return;
    }
    const TraceModel& model = *gui.model;
    const TraceStatistics& s = model.statistics();
    const Palette& pal = palette();

    ImGui::Text("%s messages, %s", format_count(s.messages).c_str(), format_bytes(static_cast<std::int64_t>(s.bytes)).c_str());
    ImGui::SameLine(0, em());
    colour_swatch(pal.eager);
    ImGui::Text("eager %s", format_count(s.eager).c_str());
    ImGui::SameLine(0, em());
    colour_swatch(pal.rendezvous);
    ImGui::Text("rendezvous %s", format_count(s.rendezvous).c_str());
    ImGui::Text("%s calls, %s collective messages, %s never received, virtual time %s", format_count(s.calls).c_str(),
                format_count(s.collective_messages).c_str(), format_count(s.unreceived).c_str(),
                format_time(model.end_time()).c_str());
    if (model.trace().run.wall_seconds > 0) {
        ImGui::TextDisabled("run took %s of wall time", format_time(model.trace().run.wall_seconds).c_str());
    }

    double longest = 1e-30;
    for (const auto& r : s.ranks) longest = std::max(longest, r.end_time);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##ranks", 6, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("rank", ImGuiTableColumnFlags_WidthFixed, em() * 3);
    ImGui::TableSetupColumn("calls");
    ImGui::TableSetupColumn("sent");
    ImGui::TableSetupColumn("bytes sent");
    ImGui::TableSetupColumn("received");
    ImGui::TableSetupColumn("blocked / end time", ImGuiTableColumnFlags_WidthStretch, 2.5f);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(s.ranks.size()));
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const RankStatistics& rs = s.ranks[r];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            if (ImGui::Selectable(std::to_string(r).c_str(), gui.selection.rank == r, ImGuiSelectableFlags_SpanAllColumns)) {
                select_rank(gui, r);
            }
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(format_count(rs.calls).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(format_count(rs.messages_sent).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(format_bytes(static_cast<std::int64_t>(rs.bytes_sent)).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(format_count(rs.messages_received).c_str());
            ImGui::TableNextColumn();
            // A bar: the rank's lifetime, with the blocked part in the blocked colour.
            ImVec2 p = ImGui::GetCursorScreenPos();
            float w = ImGui::GetContentRegionAvail().x, h = ImGui::GetTextLineHeight();
            ImDrawList* dl = ImGui::GetWindowDrawList();
            float life = static_cast<float>(rs.end_time / longest) * w;
            float blocked = std::min(life, static_cast<float>(rs.blocked_time / longest) * w);
            dl->AddRectFilled(ImVec2(p.x, p.y + h * 0.2f), ImVec2(p.x + life, p.y + h * 0.8f), state_colour(RankState::Running));
            dl->AddRectFilled(ImVec2(p.x, p.y + h * 0.2f), ImVec2(p.x + blocked, p.y + h * 0.8f), state_colour(RankState::BlockedRecv));
            std::string text = format_time(rs.blocked_time) + " blocked";
            ImGui::Dummy(ImVec2(w, h));
            if (ImGui::IsItemHovered()) {
                ImGui::SetTooltip("rank %d: ended at %s, blocked %s, in collectives %s, computing %s", r,
                                  format_time(rs.end_time).c_str(), format_time(rs.blocked_time).c_str(),
                                  format_time(rs.collective_time).c_str(), format_time(rs.compute_time).c_str());
            }
            dl->AddText(ImVec2(p.x + 3, p.y), pal.text, text.c_str());
        }
    }
    ImGui::EndTable();
}

}  // namespace mpilab::gui
