// The communication matrix: sender rows x receiver columns, a heat map of message counts or bytes.
// Above 256 ranks each cell sums a block of ranks (TraceModel builds it once).
#include "format.hpp"
#include "views.hpp"

#include <cmath>

namespace mpilab::gui {

void draw_comm_matrix(GuiState& gui) {
    if (!gui.model) {
        empty_hint("Who sends to whom: a sender x receiver heat map.");
        return;
    }
    const CommMatrix& mx = gui.model->matrix();
    const Palette& pal = palette();
    int mode = gui.matrix_bytes ? 1 : 0;
    ImGui::RadioButton("messages", &mode, 0);
    ImGui::SameLine();
    ImGui::RadioButton("bytes", &mode, 1);
    gui.matrix_bytes = mode == 1;
    ImGui::SameLine();
    ImGui::TextDisabled("rows send, columns receive%s",
                        mx.ranks_per_cell > 1 ? (", " + std::to_string(mx.ranks_per_cell) + " ranks per cell").c_str() : "");
    if (mx.side == 0) return;

    const auto& values = gui.matrix_bytes ? mx.bytes : mx.count;
    const double maximum = static_cast<double>(gui.matrix_bytes ? mx.max_bytes : mx.max_count);
    ImVec2 avail = ImGui::GetContentRegionAvail();
    const float label = em() * 2.2f;
    float cell = std::floor(std::min(avail.x - label, avail.y - label) / mx.side);
    cell = std::max(cell, 1.0f);
    ImVec2 origin = ImGui::GetCursorScreenPos();
    ImVec2 grid(origin.x + label, origin.y + label);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImGui::InvisibleButton("##matrix", ImVec2(label + cell * mx.side, label + cell * mx.side));
    const bool hovered = ImGui::IsItemHovered();

    const ImU32 hot = state_colour(RankState::BlockedSend);
    const ImU32 cold = mix(pal.canvas, hot, 0.12f);
    for (int s = 0; s < mx.side; ++s) {
        for (int d = 0; d < mx.side; ++d) {
            std::uint64_t v = values[static_cast<std::size_t>(s) * mx.side + d];
            ImVec2 a(grid.x + d * cell, grid.y + s * cell), b(a.x + cell - (cell > 6 ? 1 : 0), a.y + cell - (cell > 6 ? 1 : 0));
            ImU32 colour = v == 0 ? pal.canvas : mix(cold, hot, static_cast<float>(std::log1p(v) / std::log1p(maximum)));
            dl->AddRectFilled(a, b, colour);
            if (v > 0 && cell > em() * 2.2f) {
                std::string text = gui.matrix_bytes ? format_bytes(static_cast<std::int64_t>(v)) : format_count(v);
                ImVec2 ts = ImGui::CalcTextSize(text.c_str());
                if (ts.x < cell - 4) dl->AddText(ImVec2(a.x + (cell - ts.x) * 0.5f, a.y + (cell - ts.y) * 0.5f), pal.text, text.c_str());
            }
        }
    }
    // Axis labels where they fit.
    const int label_every = std::max(1, static_cast<int>(std::ceil(em() * 1.6f / cell)));
    for (int i = 0; i < mx.side; i += label_every) {
        std::string text = std::to_string(i * mx.ranks_per_cell);
        ImVec2 ts = ImGui::CalcTextSize(text.c_str());
        dl->AddText(ImVec2(grid.x + i * cell + (cell - ts.x) * 0.5f, origin.y + (label - ts.y) * 0.5f), pal.text_dim, text.c_str());
        dl->AddText(ImVec2(origin.x + (label - ts.x) * 0.5f, grid.y + i * cell + (cell - ts.y) * 0.5f), pal.text_dim, text.c_str());
    }
    if (gui.selection.rank >= 0) {
        int row = gui.selection.rank / mx.ranks_per_cell;
        dl->AddRect(ImVec2(grid.x, grid.y + row * cell), ImVec2(grid.x + mx.side * cell, grid.y + (row + 1) * cell), pal.selection);
    }
    if (hovered) {
        ImVec2 m = ImGui::GetIO().MousePos;
        int d = static_cast<int>((m.x - grid.x) / cell), s = static_cast<int>((m.y - grid.y) / cell);
        if (d >= 0 && s >= 0 && d < mx.side && s < mx.side) {
            std::size_t i = static_cast<std::size_t>(s) * mx.side + d;
            int a = s * mx.ranks_per_cell, b = d * mx.ranks_per_cell;
            ImGui::SetTooltip("rank %d \xE2\x86\x92 rank %d%s\n%s messages, %s", a, b, mx.ranks_per_cell > 1 ? " (blocks)" : "",
                              format_count(mx.count[i]).c_str(), format_bytes(static_cast<std::int64_t>(mx.bytes[i])).c_str());
            if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) select_rank(gui, a);
        }
    }
}

}  // namespace mpilab::gui
