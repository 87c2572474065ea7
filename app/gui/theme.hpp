// The colour language every view shares (one colour per rank state, eager vs rendezvous, selection,
// deadlock), the dark and light themes, and the presentation scale. Sizes in the views are in font
// units (em = the current font size), so changing the scale re-rasterises the fonts and everything
// follows. Fonts: DejaVu Sans / Sans Mono from fonts-dejavu-core when present, else ImGui's own.
#pragma once

#include "trace_model.hpp"

#include <imgui.h>

namespace mpilab::gui {

struct Palette {
    ImU32 state[static_cast<int>(RankState::Count_)];
    ImU32 merged;          // a marker standing for several tiny items
    ImU32 eager;           // eager messages: solid lines, round dots
    ImU32 rendezvous;      // rendezvous messages: dashed lines, square dots
    ImU32 envelope;        // a rendezvous request-to-send not yet matched
    ImU32 collective_band; // the band grouping one collective across ranks
    ImU32 selection;
    ImU32 cycle;           // deadlock cycle arrows
    ImU32 wait_arc;        // wait-for arcs outside the cycle
    ImU32 playhead;
    ImU32 lane_odd;        // stripes behind every other lane
    ImU32 grid;
    ImU32 text;
    ImU32 text_dim;
    ImU32 text_on_bar;     // text drawn over state bars
    ImU32 canvas;          // background of drawing areas
    ImU32 good;            // completed
    ImU32 bad;             // deadlock / error headlines
};

class Theme {
public:
    // Rebuilds fonts and style. Must be called outside ImGui::NewFrame()/Render(); the caller then
    // recreates the renderer's font texture.
    void apply(float scale, bool dark);
    const Palette& palette() const { return palette_; }
    float scale() const { return scale_; }
    bool dark() const { return dark_; }
    ImFont* mono() const { return mono_; }
    ImFont* big() const { return big_; }
    bool has_dejavu() const { return has_dejavu_; }

private:
    Palette palette_{};
    float scale_ = 1.0f;
    bool dark_ = true;
    ImFont* mono_ = nullptr;
    ImFont* big_ = nullptr;
    bool has_dejavu_ = false;
};

const Palette& palette();     // the palette of the theme in use
ImFont* mono_font();          // the source view's font (may be the default font)
ImFont* big_font();           // the big clock's font: three times the text, digits and Latin-1 only
inline ImU32 state_colour(RankState s) { return palette().state[static_cast<int>(s)]; }
ImU32 with_alpha(ImU32 colour, float alpha);
ImU32 mix(ImU32 a, ImU32 b, float t);
inline float em() { return ImGui::GetFontSize(); }

}  // namespace mpilab::gui
