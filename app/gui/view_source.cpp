// The source view: the scenario's source text with a badge per rank at the line it is at (its
// current call, else its last call), coloured by the rank's state; the selected rank's line is
// highlighted and scrolled into view when the selection changes.
#include "format.hpp"
#include "rank_snapshot.hpp"
#include "views.hpp"

#include <map>
#include <string>
#include <vector>

namespace mpilab::gui {

void draw_source_view(GuiState& gui) {
    if (!gui.model) {
        empty_hint("The scenario's source appears here with a marker per rank at its current line.");
        return;
    }
    const TraceModel& model = *gui.model;
    const Trace& trace = model.trace();
    const Palette& pal = palette();

    // Each rank's line in this file at the playhead: every rank counts (a line's badge says "+1020"
    // at 1024 ranks); a binary search per rank.
    std::map<std::uint32_t, std::vector<int>> ranks_at_line;
    int selected_line = -1;
    const int n = model.ranks();
    for (int r = 0; r < n; ++r) {
        std::uint32_t call = model.call_at(r, gui.playhead);
        if (call == NONE) call = model.last_call_before(r, gui.playhead);
        std::uint32_t loc = call != NONE ? trace.calls[call].location : NONE;
        if (loc == NONE || !model.location_in_file(loc, gui.source_file)) continue;
        std::uint32_t line = trace.locations[loc].line;
        ranks_at_line[line].push_back(r);
        if (r == gui.selection.rank) selected_line = static_cast<int>(line);
    }

    if (gui.source_text.empty()) {
        ImGui::TextDisabled("No source text for this trace. Where each rank is:");
        // Only the rows on screen are asked for, however many ranks there are.
        ImGuiListClipper rows;
        rows.Begin(n);
        while (rows.Step()) {
            for (int r = rows.DisplayStart; r < rows.DisplayEnd; ++r) {
                std::uint32_t call = model.call_at(r, gui.playhead);
                if (call == NONE) call = model.last_call_before(r, gui.playhead);
                if (call == NONE) {
                    ImGui::BulletText("rank %d: no call yet", r);
                    continue;
                }
                ImGui::BulletText("rank %d: %s  %s", r, location_text(trace, trace.calls[call].location).c_str(),
                                  describe_call(trace, trace.calls[call]).c_str());
            }
        }
        return;
    }

    ImGui::TextDisabled("%s", gui.source_file.c_str());
    // Split once per frame; scenario files are a few hundred lines.
    std::vector<std::string_view> lines;
    std::string_view text = gui.source_text;
    while (!text.empty()) {
        auto nl = text.find('\n');
        lines.push_back(text.substr(0, nl));
        if (nl == std::string_view::npos) break;
        text.remove_prefix(nl + 1);
    }

    ImGui::BeginChild("##source", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
    ImGui::PushFont(mono_font());
    const float line_h = ImGui::GetTextLineHeightWithSpacing();
    const float badge_w = em() * 1.35f;
    const int max_badges = 3;
    const float gutter = badge_w * max_badges + ImGui::CalcTextSize("0000 ").x;
    if (gui.scroll_source_to_selection && selected_line > 0) {
        ImGui::SetScrollY(std::max(0.0f, (selected_line - 1) * line_h - ImGui::GetWindowHeight() * 0.4f));
        gui.scroll_source_to_selection = false;
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(lines.size()), line_h);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const std::uint32_t number = static_cast<std::uint32_t>(i + 1);
            ImVec2 p = ImGui::GetCursorScreenPos();
            auto it = ranks_at_line.find(number);
            if (static_cast<int>(number) == selected_line) {
                dl->AddRectFilled(p, ImVec2(p.x + ImGui::GetWindowWidth() + ImGui::GetScrollX(), p.y + line_h),
                                  with_alpha(pal.selection, 0.12f));
            }
            if (it != ranks_at_line.end()) {
                float x = p.x;
                int k = 0;
                for (int r : it->second) {
                    // "+1020" takes the room of the badges it stands for, never the line number's.
                    char count[32];
                    std::snprintf(count, sizeof count, "+%zu", it->second.size() - static_cast<std::size_t>(k));
                    const bool last_room = p.x + badge_w * max_badges - x < ImGui::CalcTextSize(count).x + badge_w;
                    if ((k == max_badges - 1 || last_room) && it->second.size() > static_cast<std::size_t>(k + 1)) {
                        dl->AddText(ImVec2(x, p.y), pal.text_dim, count);   // the ranks without a badge of their own
                        break;
                    }
                    x += rank_badge(dl, ImVec2(x, p.y), r, state_colour(model.state_at(r, gui.playhead)),
                                    r == gui.selection.rank) + 2;
                    ++k;
                }
            }
            char num[16];
            std::snprintf(num, sizeof num, "%4u ", number);
            dl->AddText(ImVec2(p.x + badge_w * max_badges, p.y), pal.text_dim, num);
            ImGui::SetCursorScreenPos(ImVec2(p.x + gutter, p.y));
            ImGui::TextUnformatted(lines[i].data(), lines[i].data() + lines[i].size());
            if (it != ranks_at_line.end() && ImGui::IsItemClicked()) select_rank(gui, it->second.front());
        }
    }
    clipper.End();
    ImGui::PopFont();
    ImGui::EndChild();
}

}  // namespace mpilab::gui
