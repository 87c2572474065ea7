// Pictures for slides, taken from inside the app: F12 saves the window as a PNG, Shift+F12 the focused
// panel (the one last clicked, else the one under the mouse), G starts and stops recording the window
// as an animated GIF (at most ten frames a second, each shown as long as it was on screen). Files are
// named mpilab-001.png, mpilab-002.gif, ... in the working directory; what was written (or why not) is
// said in the menu bar. The headless --gif path uses read_pixels() and GifWriter the same way.
#pragma once

#include "gif_writer.hpp"
#include "gui_state.hpp"

#include <memory>
#include <string>
#include <vector>

struct GLFWwindow;

namespace mpilab::gui {

// The frame just rendered (before the buffers are swapped), RGBA, rows top to bottom.
std::vector<unsigned char> read_pixels(int width, int height, bool offscreen);

// "mpilab-001.png": the first name of this pattern that no file in the working directory has.
std::string free_file_name(const char* extension);

class SlideCapture {
public:
    // Takes what GuiState asks for (gui.capture, gui.recording) from the frame just rendered into
    // `window`'s back buffer; sets gui.slide_message.
    void after_render(GuiState& gui, GLFWwindow* window);

private:
    std::unique_ptr<GifWriter> gif_;
    std::string gif_path_;
    double last_frame_ = 0;     // glfwGetTime() of the last frame recorded
    std::vector<unsigned char> pending_;   // the last frame, written when the next one sets its delay
};

}  // namespace mpilab::gui
