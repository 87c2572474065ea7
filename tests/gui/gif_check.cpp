// Checks a GIF written by `mpilab-gui --gif`: giflib decodes it, it has the expected number of frames
// of the expected size, and each frame differs from the one before (every step of the run changes the
// picture). Usage: mpilab-gui-gif-check FILE FRAMES WIDTH HEIGHT
#include <gif_lib.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

int main(int argc, char** argv) {
    if (argc != 5) {
        std::fprintf(stderr, "usage: mpilab-gui-gif-check FILE FRAMES WIDTH HEIGHT\n");
        return 2;
    }
    const int frames = std::atoi(argv[2]), width = std::atoi(argv[3]), height = std::atoi(argv[4]);
    int error = 0;
    GifFileType* gif = DGifOpenFileName(argv[1], &error);
    if (!gif || DGifSlurp(gif) != GIF_OK) {
        std::fprintf(stderr, "%s: not a GIF giflib can read (%s)\n", argv[1], GifErrorString(gif ? gif->Error : error));
        return 1;
    }
    int status = 0;
    if (gif->ImageCount != frames || gif->SWidth != width || gif->SHeight != height) {
        std::fprintf(stderr, "%s: %d frames of %dx%d, expected %d of %dx%d\n", argv[1], gif->ImageCount, gif->SWidth,
                     gif->SHeight, frames, width, height);
        status = 1;
    }
    // The pictures, not the indices, are compared: each frame has a colour map of its own.
    auto colour = [&](int k, int i) {
        const SavedImage& image = gif->SavedImages[k];
        const ColorMapObject* map = image.ImageDesc.ColorMap ? image.ImageDesc.ColorMap : gif->SColorMap;
        const GifColorType& c = map->Colors[image.RasterBits[i]];
        return (c.Red << 16) | (c.Green << 8) | c.Blue;
    };
    for (int k = 1; k < gif->ImageCount && status == 0; ++k) {
        const int pixels = gif->SavedImages[k].ImageDesc.Width * gif->SavedImages[k].ImageDesc.Height;
        int changed = 0;
        for (int i = 0; i < pixels; ++i) changed += colour(k, i) != colour(k - 1, i);
        std::printf("frame %d: %d pixels differ from frame %d\n", k, changed, k - 1);
        if (changed == 0) {
            std::fprintf(stderr, "%s: frame %d is the same picture as frame %d\n", argv[1], k, k - 1);
            status = 1;
        }
    }
    DGifCloseFile(gif, &error);
    return status;
}
