// Encoding an animated GIF with giflib. See gif_writer.hpp.
#include "gif_writer.hpp"

#include "core/atomic_file.hpp"

#include <gif_lib.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace mpilab::gui {

namespace {

int append_bytes(GifFileType* gif, const GifByteType* data, int size) {
    static_cast<std::string*>(gif->UserData)->append(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size));
    return size;
}

[[noreturn]] void fail(const char* what, int code) {
    const char* why = GifErrorString(code);
    throw FileWriteError(std::string("cannot encode the GIF: ") + what + " (" + (why ? why : "unknown giflib error") + ")");
}

}  // namespace

GifWriter::GifWriter(int width, int height) : width_(width), height_(height) {
    if (width < 1 || height < 1 || width > 65535 || height > 65535)
        throw FileWriteError("cannot encode the GIF: a side of " + std::to_string(std::max(width, height)) +
                             " pixels is outside 1 to 65535");
    int error = 0;
    gif_ = EGifOpen(&bytes_, append_bytes, &error);
    if (!gif_) fail("giflib did not start", error);
    EGifSetGifVersion(gif_, true);   // GIF89a: frame delays and the loop
    // No global colour map: every frame brings its own.
    if (EGifPutScreenDesc(gif_, width, height, 8, 0, nullptr) == GIF_ERROR) fail("the screen description", gif_->Error);
    // Loop for ever (the NETSCAPE2.0 application extension, count 0).
    static const GifByteType netscape[] = {'N', 'E', 'T', 'S', 'C', 'A', 'P', 'E', '2', '.', '0'};
    static const GifByteType loop[] = {1, 0, 0};
    if (EGifPutExtensionLeader(gif_, APPLICATION_EXT_FUNC_CODE) == GIF_ERROR ||
        EGifPutExtensionBlock(gif_, sizeof netscape, netscape) == GIF_ERROR ||
        EGifPutExtensionBlock(gif_, sizeof loop, loop) == GIF_ERROR || EGifPutExtensionTrailer(gif_) == GIF_ERROR)
        fail("the loop extension", gif_->Error);
}

GifWriter::~GifWriter() {
    if (gif_) EGifCloseFile(gif_, nullptr);
}

void GifWriter::add_frame(const unsigned char* rgba, int delay_centiseconds) {
    if (!gif_) throw FileWriteError("cannot encode the GIF: it is already finished");
    const std::size_t pixels = static_cast<std::size_t>(width_) * static_cast<std::size_t>(height_);
    std::vector<GifByteType> red(pixels), green(pixels), blue(pixels), indices(pixels);
    for (std::size_t i = 0; i < pixels; ++i) {
        red[i] = rgba[4 * i];
        green[i] = rgba[4 * i + 1];
        blue[i] = rgba[4 * i + 2];
    }
    int colours = 256;
    GifColorType map[256];
    if (GifQuantizeBuffer(static_cast<unsigned>(width_), static_cast<unsigned>(height_), &colours, red.data(), green.data(),
                          blue.data(), indices.data(), map) == GIF_ERROR)
        throw FileWriteError("cannot encode the GIF: its colours could not be reduced to 256");
    // A colour map's size is a power of two; the entries past what the frame uses are black.
    int size = 2;
    while (size < colours) size *= 2;
    ColorMapObject* colour_map = GifMakeMapObject(size, nullptr);
    if (!colour_map) throw FileWriteError("cannot encode the GIF: out of memory for its colour map");
    std::copy_n(map, std::min(colours, size), colour_map->Colors);

    GraphicsControlBlock control{};
    control.DisposalMode = DISPOSE_DO_NOT;
    control.UserInputFlag = false;
    control.DelayTime = std::max(delay_centiseconds, 2);
    control.TransparentColor = NO_TRANSPARENT_COLOR;
    GifByteType extension[4];
    const std::size_t length = EGifGCBToExtension(&control, extension);
    bool ok = EGifPutExtension(gif_, GRAPHICS_EXT_FUNC_CODE, static_cast<int>(length), extension) != GIF_ERROR &&
              EGifPutImageDesc(gif_, 0, 0, width_, height_, false, colour_map) != GIF_ERROR;
    for (int y = 0; ok && y < height_; ++y)
        ok = EGifPutLine(gif_, indices.data() + static_cast<std::size_t>(y) * width_, width_) != GIF_ERROR;
    GifFreeMapObject(colour_map);
    if (!ok) fail("a frame", gif_->Error);
    ++frames_;
}

void GifWriter::finish(const std::string& path) {
    if (!gif_) throw FileWriteError("cannot encode the GIF: it is already finished");
    int error = 0;
    const int closed = EGifCloseFile(gif_, &error);
    gif_ = nullptr;
    if (closed == GIF_ERROR) fail("its end", error);
    write_file_atomically(path, bytes_, "the GIF");
}

}  // namespace mpilab::gui
