// Painting thin lanes into a texture. See lane_image.hpp.
#include "lane_image.hpp"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <cstdint>

namespace mpilab::gui {

namespace {

// The textures of the timelines drawn in this frame, reused by the next: one per timeline, in the
// order they are drawn (ImGui's frame count tells a new frame). Each keeps the size it was made with
// until a bigger one is needed.
struct PooledTexture {
    GLuint id = 0;
    int width = 0, height = 0;
};
std::vector<PooledTexture> g_pool;
int g_frame = -1;
std::size_t g_next = 0;

}  // namespace

void LaneImage::begin(int columns, int rows) {
    columns_ = std::max(columns, 1);
    rows_ = std::max(rows, 1);
    pixels_.assign(static_cast<std::size_t>(columns_) * static_cast<std::size_t>(rows_), 0u);
}

void LaneImage::paint(int row, int from, int to, ImU32 colour) {
    if (row < 0 || row >= rows_) return;
    from = std::clamp(from, 0, columns_);
    to = std::clamp(to, from, columns_);
    std::fill(pixels_.begin() + static_cast<std::ptrdiff_t>(row) * columns_ + from,
              pixels_.begin() + static_cast<std::ptrdiff_t>(row) * columns_ + to, static_cast<std::uint32_t>(colour));
}

ImTextureID LaneImage::upload() {
    if (ImGui::GetFrameCount() != g_frame) {
        g_frame = ImGui::GetFrameCount();
        g_next = 0;
    }
    if (g_next == g_pool.size()) g_pool.push_back({});
    PooledTexture& texture = g_pool[g_next++];
    if (!texture.id) {
        glGenTextures(1, &texture.id);
        if (!texture.id) return nullptr;
    }
    glBindTexture(GL_TEXTURE_2D, texture.id);
    if (texture.width < columns_ || texture.height < rows_) {
        texture.width = std::max(texture.width, columns_);
        texture.height = std::max(texture.height, rows_);
        // Sampled nearest: a pixel column is one column on screen, never blended with its neighbours.
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, texture.width, texture.height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    }
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    // ImU32 is R in the lowest byte: in memory R, G, B, A on a little-endian machine, as GL_RGBA reads it.
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, columns_, rows_, GL_RGBA, GL_UNSIGNED_BYTE, pixels_.data());
    texture_width_ = texture.width;
    texture_height_ = texture.height;
    return reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(texture.id));
}

ImVec2 LaneImage::uv_min(int row) const {
    return ImVec2(0.0f, static_cast<float>(row) / static_cast<float>(std::max(texture_height_, 1)));
}

ImVec2 LaneImage::uv_max(int row) const {
    return ImVec2(static_cast<float>(columns_) / static_cast<float>(std::max(texture_width_, 1)),
                  static_cast<float>(row + 1) / static_cast<float>(std::max(texture_height_, 1)));
}

}  // namespace mpilab::gui
