// Thin lanes drawn as an image. When a timeline's lanes are too thin for labels (hundreds of ranks),
// each visible lane's bars are painted into one row of pixels — one colour per pixel column — and the
// rows go to the GPU as one texture, drawn as a quad per lane: the frame then costs the same whatever
// the number of calls in view, where a rectangle per bar made the software renderer set up tens of
// thousands of triangles (a 1024-rank ring took 50 ms a frame in its bars alone). Textures are reused
// from frame to frame (a small pool: a frame may draw two timelines when runs are compared).
#pragma once

#include <imgui.h>

#include <cstdint>
#include <vector>

namespace mpilab::gui {

class LaneImage {
public:
    // Starts an image of `columns` x `rows` pixels, all transparent.
    void begin(int columns, int rows);
    int columns() const { return columns_; }
    int rows() const { return rows_; }
    // Paints columns [from, to) of `row` (clamped to the image) in `colour` (ImGui's RGBA).
    void paint(int row, int from, int to, ImU32 colour);
    // Sends the image to the GPU; the texture to draw it with (null when OpenGL refused). Rows are
    // then drawn from uv_min(row) to uv_max(row).
    ImTextureID upload();
    ImVec2 uv_min(int row) const;
    ImVec2 uv_max(int row) const;

private:
    std::vector<std::uint32_t> pixels_;
    int columns_ = 0, rows_ = 0;
    int texture_width_ = 0, texture_height_ = 0;   // of the texture last uploaded to
};

}  // namespace mpilab::gui
