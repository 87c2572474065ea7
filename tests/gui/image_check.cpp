// Checks GUI screenshots for the smoke tests: each PNG is not blank (many distinct colours, not one
// flat fill) and, given two, they differ in a visible share of their pixels. With a layout report
// (mpilab-gui --report-layout), it checks the pixels where the GUI says it drew: every one of the first
// N rank lanes is on screen, tall enough to read and shows coloured state bars or lines, and the
// scrub slider and the clock are inside the image and drawn.
//   mpilab-gui-image-check A.png [B.png]
//   mpilab-gui-image-check --layout REPORT --lanes N A.png
#include <stb_image.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

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

struct Rect {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    int width() const { return x1 - x0; }
    int height() const { return y1 - y0; }
};

bool inside(const Image& img, const Rect& r) { return r.x0 >= 0 && r.y0 >= 0 && r.x1 <= img.w && r.y1 <= img.h && r.x0 < r.x1 && r.y0 < r.y1; }

// Share of the pixels in r whose colour is saturated (a state colour, not the greys of backgrounds,
// stripes and text) / bright or dark against the panel (text).
double share(const Image& img, const Rect& r, bool (*wanted)(const unsigned char*)) {
    std::size_t hits = 0, total = 0;
    for (int y = r.y0; y < r.y1; ++y)
        for (int x = r.x0; x < r.x1; ++x, ++total)
            if (wanted(img.pixels + (static_cast<std::size_t>(y) * img.w + x) * 4)) ++hits;
    return total ? static_cast<double>(hits) / static_cast<double>(total) : 0.0;
}
bool saturated(const unsigned char* p) { return std::max({p[0], p[1], p[2]}) - std::min({p[0], p[1], p[2]}) > 60; }
bool contrasting(const unsigned char* p) {
    const int luma = (p[0] * 3 + p[1] * 6 + p[2]) / 10;
    return luma > 150 || luma < 60;
}

int check_layout(const char* report, int lanes, const char* path) {
    Image img;
    if (!load(path, img) || !not_blank(path, img)) return 1;
    std::ifstream in(report);
    if (!in) {
        std::fprintf(stderr, "%s: cannot read the layout report\n", report);
        return 1;
    }
    std::map<int, Rect> lane;
    Rect slider, clock;
    bool have_slider = false, have_clock = false;
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream words(line);
        std::string what;
        words >> what;
        Rect r;
        if (what == "lane") {
            int rank = -1;
            words >> rank >> r.x0 >> r.y0 >> r.x1 >> r.y1;
            lane[rank] = r;
        } else if (what == "slider") {
            words >> r.x0 >> r.y0 >> r.x1 >> r.y1;
            slider = r;
            have_slider = true;
        } else if (what == "clock") {
            words >> r.x0 >> r.y0 >> r.x1 >> r.y1;
            clock = r;
            have_clock = true;
        }
    }
    int failures = 0;
    auto fail = [&](const std::string& why) {
        std::fprintf(stderr, "%s: %s\n", path, why.c_str());
        ++failures;
    };
    for (int r = 0; r < lanes; ++r) {
        auto it = lane.find(r);
        if (it == lane.end()) {
            fail("the lane of rank " + std::to_string(r) + " is not on screen");
            continue;
        }
        const Rect& l = it->second;
        if (!inside(img, l)) fail("the lane of rank " + std::to_string(r) + " lies outside the image");
        else if (l.height() < 8) fail("the lane of rank " + std::to_string(r) + " is only " + std::to_string(l.height()) + " px tall");
        else {
            const double coloured = share(img, l, saturated);
            std::printf("lane %d: %dx%d px, %.1f%% in state colours\n", r, l.width(), l.height(), coloured * 100);
            if (coloured < 0.01) fail("the lane of rank " + std::to_string(r) + " shows no state bars or lines");
        }
    }
    if (!have_slider || !inside(img, slider) || slider.width() < 40) fail("the scrub slider is not (fully) on screen");
    if (!have_clock || !inside(img, clock)) fail("the clock is not (fully) on screen");
    else {
        const double text = share(img, clock, contrasting);
        std::printf("clock: %dx%d px at (%d, %d), %.1f%% text pixels\n", clock.width(), clock.height(), clock.x0, clock.y0, text * 100);
        if (text < 0.02) fail("the clock shows no text");
    }
    if (have_slider && inside(img, slider)) std::printf("slider: %dx%d px at (%d, %d)\n", slider.width(), slider.height(), slider.x0, slider.y0);
    return failures ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 6 && std::strcmp(argv[1], "--layout") == 0 && std::strcmp(argv[3], "--lanes") == 0)
        return check_layout(argv[2], std::atoi(argv[4]), argv[5]);
    if (argc < 2 || argc > 3) {
        std::fprintf(stderr, "usage: %s A.png [B.png]\n       %s --layout REPORT --lanes N A.png\n", argv[0], argv[0]);
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
