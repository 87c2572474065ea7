// Animated GIF for slides, through giflib (Debian's libgif-dev), not a hand-written encoder: each frame's
// colours are reduced to a 256-colour map of its own (giflib's median cut), the GIF loops for ever, and
// the bytes are kept in memory until finish() replaces the file atomically, like every file mpilab
// writes. Invariant: every frame has the size given at construction. No ImGui here.
#pragma once

#include <cstddef>
#include <string>

struct GifFileType;

namespace mpilab::gui {

class GifWriter {
public:
    // Throws FileWriteError when giflib cannot start a GIF of this size (1 to 65535 pixels a side).
    GifWriter(int width, int height);
    ~GifWriter();
    GifWriter(const GifWriter&) = delete;
    GifWriter& operator=(const GifWriter&) = delete;

    // Appends a frame of RGBA pixels, rows top to bottom, shown for `delay_centiseconds` (at least 2:
    // browsers show shorter delays as 10).
    void add_frame(const unsigned char* rgba, int delay_centiseconds);
    // Ends the GIF and writes it to `path` (atomically); throws FileWriteError. The writer is done after.
    void finish(const std::string& path);

    std::size_t frames() const { return frames_; }
    int width() const { return width_; }
    int height() const { return height_; }

private:
    GifFileType* gif_ = nullptr;
    std::string bytes_;
    int width_ = 0, height_ = 0;
    std::size_t frames_ = 0;
};

}  // namespace mpilab::gui
