// PNG writing for headless screenshots: stb_image_write (its implementation is in libstb) encodes in
// memory, and the file is replaced atomically like every file mpilab writes.
#include "app.hpp"

#include "core/atomic_file.hpp"

#include <stb_image_write.h>

#include <string>

namespace mpilab::gui {

namespace {
void append_png_bytes(void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
}
}  // namespace

void write_png(const std::string& path, int width, int height, const unsigned char* rgba) {
    std::string png;
    if (stbi_write_png_to_func(append_png_bytes, &png, width, height, 4, rgba, width * 4) == 0)
        throw FileWriteError("cannot write the screenshot " + path + ": the image could not be encoded as PNG");
    write_file_atomically(path, png, "the screenshot");
}

}  // namespace mpilab::gui
