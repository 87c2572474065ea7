// Checks GUI screenshots for the smoke tests: each PNG is not blank (many distinct colours, not one
// flat fill) and, given two, they differ in a visible share of their pixels.
//   mpilab-gui-image-check A.png [B.png]
#include <stb_image.h>

#include <cstdio>
#include <cstring>
#include <set>

namespace {

struct Image {
    int w = 0, h = 0;
    unsigned char* pixels = nullptr;
};

bool load(const char* path, Image& img) {
    int channels = 0;
    img.pixels = stbi_load(path, &img.w, &img.h, &channels, 4);
    if (!img.pixels) {
        std::fprintf(stderr, "%s: cannot read (%s)\n", path, stbi_failure_reason());
        return false;
    }
    return true;
}

bool not_blank(const char* path, const Image& img) {
    std::set<unsigned> colours;
    const std::size_t n = static_cast<std::size_t>(img.w) * img.h;
    for (std::size_t i = 0; i < n && colours.size() < 100000; i += 7) {
        unsigned c;
        std::memcpy(&c, img.pixels + i * 4, 4);
        colours.insert(c);
    }
    std::printf("%s: %dx%d, %zu distinct colours sampled\n", path, img.w, img.h, colours.size());
    if (colours.size() < 32) {
        std::fprintf(stderr, "%s looks blank: only %zu colours\n", path, colours.size());
        return false;
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || argc > 3) {
        std::fprintf(stderr, "usage: %s A.png [B.png]\n", argv[0]);
        return 2;
    }
    Image a, b;
    if (!load(argv[1], a) || !not_blank(argv[1], a)) return 1;
    if (argc == 2) return 0;
    if (!load(argv[2], b) || !not_blank(argv[2], b)) return 1;
    if (a.w != b.w || a.h != b.h) {
        std::printf("sizes differ: the screenshots differ\n");
        return 0;
    }
    const std::size_t n = static_cast<std::size_t>(a.w) * a.h;
    std::size_t different = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (std::memcmp(a.pixels + i * 4, b.pixels + i * 4, 4) != 0) ++different;
    }
    double share = static_cast<double>(different) / static_cast<double>(n);
    std::printf("%.2f%% of the pixels differ\n", share * 100);
    if (share < 0.005) {
        std::fprintf(stderr, "the two screenshots are (nearly) the same\n");
        return 1;
    }
    return 0;
}
