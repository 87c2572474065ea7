// The big clock: the playhead's event counter and virtual time in large type, in the bottom right
// corner of the timeline, so the back row of a lecture hall can follow where the run is. It takes no
// input (clicks go through to the panel below) and is switched with C or --big-clock.
#include "views.hpp"

#include <algorithm>
#include <cfloat>

namespace mpilab::gui {

void draw_big_clock(const GuiState& gui, ImVec2 pos, ImVec2 size) {
    if (!gui.model) return;
    const std::string events = clock_event_text(gui);
    const std::string time = clock_time_text(gui);
    ImFont* big = big_font();
    // At most the size big_font() is rasterised at (3 em), and at most a third of the area's height: on
    // a projector's short timeline it must not hide the lanes.
    const float big_size = std::clamp(size.y * 0.33f, em() * 1.5f, em() * 3);
    const float small_size = big_size * 0.55f;
    const ImVec2 first = big->CalcTextSizeA(big_size, FLT_MAX, 0, events.empty() ? time.c_str() : events.c_str());
    const ImVec2 second = events.empty() ? ImVec2(0, 0) : big->CalcTextSizeA(small_size, FLT_MAX, 0, time.c_str());
    const float pad = em() * 0.6f;
    const ImVec2 box(std::max(first.x, second.x) + pad * 2, first.y + second.y + pad * 2);
    // The bottom right corner of the area, a little in from its edges.
    const ImVec2 at(pos.x + std::max(size.x - box.x - em() * 0.5f, 0.0f), pos.y + std::max(size.y - box.y - em() * 0.5f, 0.0f));
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    const Palette& pal = palette();
    dl->AddRectFilled(at, ImVec2(at.x + box.x, at.y + box.y), with_alpha(pal.canvas, 0.88f), em() * 0.4f);
    dl->AddRect(at, ImVec2(at.x + box.x, at.y + box.y), pal.grid, em() * 0.4f, 0, 2.0f);
    dl->AddText(big, big_size, ImVec2(at.x + pad, at.y + pad), pal.text, events.empty() ? time.c_str() : events.c_str());
    if (!events.empty())
        dl->AddText(big, small_size, ImVec2(at.x + pad, at.y + pad + first.y), pal.text, time.c_str());
}

}  // namespace mpilab::gui
