// The application shell: the GLFW window and OpenGL context, the frame loop, the fixed layout of
// the views, and the headless path (hidden window, a few frames, glReadPixels, PNG, exit).
#pragma once

#include "options.hpp"

#include <string>

namespace mpilab::gui {

// Returns the process exit code: 0 on success, 1 when there is no display, the window or a file
// could not be opened, or a headless run could not start.
int run_app(const GuiOptions& options);

// Writes an RGBA image (rows top to bottom) as PNG, replacing the file atomically; throws FileWriteError.
void write_png(const std::string& path, int width, int height, const unsigned char* rgba);

}  // namespace mpilab::gui
