// Saving the view as PNG and recording it as GIF from inside the app. See slides.hpp.
#include "slides.hpp"

#include "app.hpp"

#include "core/atomic_file.hpp"

#define GLFW_INCLUDE_GLEXT
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

namespace mpilab::gui {

namespace {

// Ten minutes at ten frames a second: a recording left running stops before it fills the memory.
constexpr std::size_t kMaxGifFrames = 6000;

// The part of an RGBA image inside [x0, x1) x [y0, y1), clamped to the image.
std::vector<unsigned char> crop(const std::vector<unsigned char>& rgba, int width, int height, int& x0, int& y0,
                                int& x1, int& y1) {
    x0 = std::clamp(x0, 0, width);
    x1 = std::clamp(x1, x0, width);
    y0 = std::clamp(y0, 0, height);
    y1 = std::clamp(y1, y0, height);
    std::vector<unsigned char> out(static_cast<std::size_t>(x1 - x0) * static_cast<std::size_t>(y1 - y0) * 4);
    for (int y = y0; y < y1; ++y) {
        std::copy_n(&rgba[(static_cast<std::size_t>(y) * width + x0) * 4], static_cast<std::size_t>(x1 - x0) * 4,
                    &out[static_cast<std::size_t>(y - y0) * (x1 - x0) * 4]);
    }
    return out;
}

}  // namespace

std::vector<unsigned char> read_pixels(int width, int height, bool offscreen) {
    std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * height * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(offscreen ? GL_COLOR_ATTACHMENT0 : GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    // OpenGL's rows go bottom to top.
    std::vector<unsigned char> flipped(pixels.size());
    for (int y = 0; y < height; ++y) {
        std::copy_n(&pixels[static_cast<std::size_t>(height - 1 - y) * width * 4], static_cast<std::size_t>(width) * 4,
                    &flipped[static_cast<std::size_t>(y) * width * 4]);
    }
    return flipped;
}

std::string free_file_name(const char* extension) {
    std::error_code error;
    for (int n = 1; n < 100000; ++n) {
        char name[64];
        std::snprintf(name, sizeof name, "mpilab-%03d.%s", n, extension);
        if (!std::filesystem::exists(name, error)) return name;
    }
    return std::string("mpilab.") + extension;
}

void SlideCapture::after_render(GuiState& gui, GLFWwindow* window) {
    const bool still = gui.capture != Capture::None;
    const bool recording = gui.recording || gif_;
    if (!still && !recording) return;
    int width, height;
    glfwGetFramebufferSize(window, &width, &height);
    if (width <= 0 || height <= 0) return;
    const double now = glfwGetTime();
    // A recorded frame is taken at most every 0.1 s; a still picture whenever asked.
    const bool take_gif_frame = gui.recording && (!gif_ || now - last_frame_ >= 0.1);
    if (!still && !take_gif_frame && (gui.recording || !gif_)) return;
    std::vector<unsigned char> rgba = read_pixels(width, height, false);
    try {
        if (still) {
            const Capture what = gui.capture;
            gui.capture = Capture::None;
            int x0 = 0, y0 = 0, x1 = width, y1 = height;
            if (what == Capture::Panel && gui.focused_panel.x1 > gui.focused_panel.x0) {
                // Panel rectangles are in ImGui's units; the framebuffer may be scaled from them (HiDPI).
                const ImVec2 scale = ImGui::GetIO().DisplayFramebufferScale;
                x0 = static_cast<int>(std::floor(gui.focused_panel.x0 * scale.x));
                y0 = static_cast<int>(std::floor(gui.focused_panel.y0 * scale.y));
                x1 = static_cast<int>(std::ceil(gui.focused_panel.x1 * scale.x));
                y1 = static_cast<int>(std::ceil(gui.focused_panel.y1 * scale.y));
            }
            const std::vector<unsigned char> part = crop(rgba, width, height, x0, y0, x1, y1);
            const std::string path = free_file_name("png");
            write_png(path, x1 - x0, y1 - y0, part.data());
            gui.slide_message = "saved " + path + " (" + std::to_string(x1 - x0) + "x" + std::to_string(y1 - y0) +
                                (what == Capture::Panel ? ", the panel " + gui.focused_panel_name : "") + ")";
        }
        if (gui.recording && !gif_) {
            gif_ = std::make_unique<GifWriter>(width, height);
            gif_path_ = free_file_name("gif");
            pending_ = std::move(rgba);
            last_frame_ = now;
            gui.slide_message = "recording " + gif_path_ + " (G stops)";
        } else if (gif_ && (take_gif_frame || !gui.recording)) {
            // The frame before this one is written now that its time on screen is known.
            if (gif_->width() == width && gif_->height() == height) {
                gif_->add_frame(pending_.data(), static_cast<int>(std::lround((now - last_frame_) * 100)));
                pending_ = std::move(rgba);
            }
            last_frame_ = now;
            if (gui.recording && gif_->frames() + 1 >= kMaxGifFrames) gui.recording = false;
            if (!gui.recording) {
                gif_->add_frame(pending_.data(), 200);   // the last picture stays a moment before the loop
                const std::size_t frames = gif_->frames();
                gif_->finish(gif_path_);
                gif_.reset();
                pending_.clear();
                gui.slide_message = "saved " + gif_path_ + " (" + std::to_string(frames) + " frames)";
            } else {
                gui.slide_message = "recording " + gif_path_ + ": " + std::to_string(gif_->frames() + 1) + " frames (G stops)";
            }
        }
    } catch (const std::exception& e) {
        gif_.reset();
        pending_.clear();
        gui.recording = false;
        gui.slide_message = e.what();
    }
}

}  // namespace mpilab::gui
