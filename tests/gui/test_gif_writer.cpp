// The GIF for slides: written with giflib and read back with giflib's decoder, frame by frame.
#include "app/gui/gif_writer.hpp"

#include "core/atomic_file.hpp"

#include <doctest/doctest.h>
#include <gif_lib.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

using namespace mpilab;
using namespace mpilab::gui;

namespace {

// A w x h RGBA image of one colour with a white square whose left edge is at `x`.
std::vector<unsigned char> frame(int w, int h, int x, unsigned char red) {
    std::vector<unsigned char> rgba(static_cast<std::size_t>(w) * h * 4);
    for (int y = 0; y < h; ++y)
        for (int i = 0; i < w; ++i) {
            unsigned char* p = &rgba[(static_cast<std::size_t>(y) * w + i) * 4];
            const bool square = i >= x && i < x + 4 && y >= 2 && y < 6;
            p[0] = square ? 255 : red;
            p[1] = square ? 255 : 20;
            p[2] = square ? 255 : 40;
            p[3] = 255;
        }
    return rgba;
}

bool near(int value, int expected) { return value >= expected - 8 && value <= expected + 8; }

GifColorType pixel(const SavedImage& image, const ColorMapObject* global, int x, int y) {
    const ColorMapObject* map = image.ImageDesc.ColorMap ? image.ImageDesc.ColorMap : global;
    return map->Colors[image.RasterBits[y * image.ImageDesc.Width + x]];
}

}  // namespace

TEST_CASE("a recorded GIF decodes to its frames, their size, colours and delays") {
    const std::string path = (std::filesystem::temp_directory_path() / "mpilab_test_gif_writer.gif").string();
    GifWriter gif(16, 8);
    for (int k = 0; k < 3; ++k) gif.add_frame(frame(16, 8, 2 + 4 * k, static_cast<unsigned char>(60 * k)).data(), 50);
    CHECK(gif.frames() == 3);
    gif.finish(path);

    int error = 0;
    GifFileType* in = DGifOpenFileName(path.c_str(), &error);
    REQUIRE(in != nullptr);
    REQUIRE(DGifSlurp(in) == GIF_OK);
    CHECK(in->SWidth == 16);
    CHECK(in->SHeight == 8);
    REQUIRE(in->ImageCount == 3);
    for (int k = 0; k < 3; ++k) {
        const SavedImage& image = in->SavedImages[k];
        GraphicsControlBlock control{};
        REQUIRE(DGifSavedExtensionToGCB(in, k, &control) == GIF_OK);
        CHECK(control.DelayTime == 50);
        const GifColorType square = pixel(image, in->SColorMap, 3 + 4 * k, 3);
        // giflib's median cut works on 5 bits a channel: a colour comes back within 8 of itself.
        CHECK(near(square.Red, 255));
        CHECK(near(square.Green, 255));
        const GifColorType background = pixel(image, in->SColorMap, 0, 0);
        CHECK(near(background.Red, 60 * k));
        CHECK(near(background.Blue, 40));
    }
    DGifCloseFile(in, &error);
    std::filesystem::remove(path);
}

TEST_CASE("a GIF of an impossible size or written twice is refused with a message") {
    CHECK_THROWS_AS(GifWriter(0, 10), FileWriteError);
    CHECK_THROWS_AS(GifWriter(70000, 10), FileWriteError);
    GifWriter gif(4, 4);
    gif.add_frame(frame(4, 4, 0, 0).data(), 10);
    const std::string path = (std::filesystem::temp_directory_path() / "mpilab_test_gif_twice.gif").string();
    gif.finish(path);
    CHECK_THROWS_AS(gif.finish(path), FileWriteError);
    CHECK_THROWS_AS(gif.add_frame(frame(4, 4, 0, 0).data(), 10), FileWriteError);
    std::filesystem::remove(path);
}
