// Solid fills drawn from a 1x1 white texture. See solid_fills.hpp.
#include "solid_fills.hpp"

#define GLFW_INCLUDE_GLEXT
#include <GLFW/glfw3.h>

#include <cstdint>

namespace mpilab::gui {

namespace {

// A run of solid triangles smaller than this (in pixels) keeps the atlas: each texture switch costs
// the software renderer work in every tile it touches, more than filtering a small area does.
// (Measured on the demo trace: 1,500 and 3,000 did best; at 300 the switches cost more than they saved.)
constexpr float kMinRunArea = 1500.0f;

// True when all three vertices of the triangle at index position i sample the atlas's white pixel.
bool untextured(const ImDrawList& list, const ImDrawCmd& cmd, unsigned i, ImVec2 white_uv) {
    for (unsigned k = 0; k < 3; ++k) {
        const ImVec2 uv = list.VtxBuffer[list.IdxBuffer[i + k] + cmd.VtxOffset].uv;
        if (uv.x != white_uv.x || uv.y != white_uv.y) return false;
    }
    return true;
}

float area(const ImDrawList& list, const ImDrawCmd& cmd, unsigned i) {
    const ImVec2 a = list.VtxBuffer[list.IdxBuffer[i] + cmd.VtxOffset].pos;
    const ImVec2 b = list.VtxBuffer[list.IdxBuffer[i + 1] + cmd.VtxOffset].pos;
    const ImVec2 c = list.VtxBuffer[list.IdxBuffer[i + 2] + cmd.VtxOffset].pos;
    const float twice = (b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y);
    return 0.5f * (twice < 0 ? -twice : twice);
}

}  // namespace

bool SolidFills::create() {
    const unsigned char white[4] = {255, 255, 255, 255};
    GLuint texture = 0;
    glGenTextures(1, &texture);
    if (!texture) return false;
    glBindTexture(GL_TEXTURE_2D, texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, 1, 1, 0, GL_RGBA, GL_UNSIGNED_BYTE, white);
    texture_ = texture;
    return true;
}

void SolidFills::destroy() {
    if (texture_) {
        GLuint texture = texture_;
        glDeleteTextures(1, &texture);
    }
    texture_ = 0;
}

void SolidFills::apply(ImDrawData* draw_data) const {
    if (!texture_ || !draw_data) return;
    const ImTextureID atlas = ImGui::GetIO().Fonts->TexID;
    const ImVec2 white_uv = ImGui::GetIO().Fonts->TexUvWhitePixel;
    const ImTextureID solid = reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(texture_));
    ImVector<ImDrawCmd> out;
    for (int l = 0; l < draw_data->CmdListsCount; ++l) {
        ImDrawList& list = *draw_data->CmdLists[l];
        out.resize(0);
        for (const ImDrawCmd& cmd : list.CmdBuffer) {
            if (cmd.UserCallback || cmd.TextureId != atlas) {
                out.push_back(cmd);
                continue;
            }
            // The command becomes consecutive parts over its index range; neighbouring runs that end
            // up with the same texture share one part.
            const int first_part = out.Size;
            auto add = [&](unsigned begin, unsigned end, ImTextureID texture) {
                if (out.Size > first_part && out.back().TextureId == texture) {
                    out.back().ElemCount = end - out.back().IdxOffset;
                    return;
                }
                ImDrawCmd part = cmd;
                part.IdxOffset = begin;
                part.ElemCount = end - begin;
                part.TextureId = texture;
                out.push_back(part);
            };
            const unsigned end = cmd.IdxOffset + cmd.ElemCount;
            unsigned run = cmd.IdxOffset;   // the current run of all-solid or all-textured triangles
            bool run_solid = false;
            float run_area = 0;
            for (unsigned i = cmd.IdxOffset; i < end; i += 3) {
                const bool triangle_solid = untextured(list, cmd, i, white_uv);
                if (i == run) {
                    run_solid = triangle_solid;
                } else if (triangle_solid != run_solid) {
                    add(run, i, run_solid && run_area >= kMinRunArea ? solid : atlas);
                    run = i;
                    run_solid = triangle_solid;
                    run_area = 0;
                }
                if (triangle_solid) run_area += area(list, cmd, i);
            }
            if (run < end) add(run, end, run_solid && run_area >= kMinRunArea ? solid : atlas);
        }
        list.CmdBuffer.swap(out);
    }
}

}  // namespace mpilab::gui
