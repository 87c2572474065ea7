// PNG writing for headless screenshots, through stb_image_write (its implementation is in libstb).
#include "app.hpp"

#include <stb_image_write.h>

namespace mpilab::gui {

bool write_png(const char* path, int width, int height, const unsigned char* rgba) {
    return stbi_write_png(path, width, height, 4, rgba, width * 4) != 0;
}

}  // namespace mpilab::gui
