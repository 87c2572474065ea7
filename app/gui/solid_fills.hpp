// Solid fills drawn from a 1x1 white texture. ImGui draws everything with one texture, the font
// atlas: a filled rectangle samples the atlas's white pixel, with the bilinear filtering text
// needs. Mesa's software renderer pays for that filtering on every pixel of every fill, so before
// drawing, each draw command is cut into runs of triangles and the large runs of untextured
// triangles are pointed at a 1x1 white texture sampled nearest: the same colours, in the same
// order. On the 1,000,000-message demo trace this saves 1.6-2.2 ms of the 21-23 ms of CPU that
// rendering a frame takes (measured in-process, drawing the same frame repeatedly, interleaved).
#pragma once

#include <imgui.h>

namespace mpilab::gui {

class SolidFills {
public:
    // Needs the current OpenGL context; returns false if the texture could not be made.
    bool create();
    void destroy();
    // Rewrites the command lists of `draw_data` (after ImGui::Render(), before the renderer draws).
    void apply(ImDrawData* draw_data) const;

private:
    unsigned texture_ = 0;
};

}  // namespace mpilab::gui
