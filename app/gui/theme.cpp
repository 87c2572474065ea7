// Colours, fonts and the presentation scale. See theme.hpp.
#include "theme.hpp"

#include <filesystem>

namespace mpilab::gui {

namespace {

const Theme* g_theme = nullptr;

constexpr ImU32 rgb(unsigned r, unsigned g, unsigned b, unsigned a = 255) { return IM_COL32(r, g, b, a); }

Palette dark_palette() {
    Palette p{};
    auto set = [&](RankState s, ImU32 c) { p.state[static_cast<int>(s)] = c; };
    set(RankState::Running, rgb(76, 175, 80));
    set(RankState::Computing, rgb(46, 125, 50));
    set(RankState::InCall, rgb(129, 199, 132));
    set(RankState::BlockedSend, rgb(255, 152, 0));
    set(RankState::BlockedRecv, rgb(66, 165, 245));
    set(RankState::BlockedWait, rgb(171, 71, 188));
    set(RankState::Collective, rgb(38, 198, 218));
    set(RankState::Finished, rgb(120, 124, 130));
    set(RankState::Deadlocked, rgb(229, 57, 53));
    set(RankState::Failed, rgb(216, 27, 96));
    set(RankState::Stopped, rgb(141, 110, 99));
    p.merged = rgb(176, 176, 176);
    p.eager = rgb(255, 238, 88);
    p.rendezvous = rgb(255, 112, 67);
    p.envelope = rgb(255, 183, 77);
    p.collective_band = rgb(38, 198, 218, 40);
    p.selection = rgb(255, 255, 255);
    p.cycle = rgb(244, 67, 54);
    p.wait_arc = rgb(255, 167, 38);
    p.playhead = rgb(255, 255, 255, 220);
    p.lane_odd = rgb(38, 41, 48);
    p.grid = rgb(90, 94, 102, 120);
    p.text = rgb(230, 232, 236);
    p.text_dim = rgb(150, 154, 162);
    p.text_on_bar = rgb(16, 18, 22);
    p.canvas = rgb(26, 28, 33);
    p.good = rgb(102, 187, 106);
    p.bad = rgb(239, 83, 80);
    return p;
}

Palette light_palette() {
    Palette p{};
    auto set = [&](RankState s, ImU32 c) { p.state[static_cast<int>(s)] = c; };
    set(RankState::Running, rgb(67, 160, 71));
    set(RankState::Computing, rgb(27, 94, 32));
    set(RankState::InCall, rgb(129, 199, 132));
    set(RankState::BlockedSend, rgb(245, 124, 0));
    set(RankState::BlockedRecv, rgb(30, 136, 229));
    set(RankState::BlockedWait, rgb(142, 36, 170));
    set(RankState::Collective, rgb(0, 151, 167));
    set(RankState::Finished, rgb(158, 158, 158));
    set(RankState::Deadlocked, rgb(211, 47, 47));
    set(RankState::Failed, rgb(194, 24, 91));
    set(RankState::Stopped, rgb(121, 85, 72));
    p.merged = rgb(110, 110, 110);
    p.eager = rgb(120, 100, 0);
    p.rendezvous = rgb(216, 67, 21);
    p.envelope = rgb(239, 108, 0);
    p.collective_band = rgb(0, 151, 167, 36);
    p.selection = rgb(20, 20, 20);
    p.cycle = rgb(211, 47, 47);
    p.wait_arc = rgb(239, 108, 0);
    p.playhead = rgb(20, 20, 20, 220);
    p.lane_odd = rgb(238, 240, 243);
    p.grid = rgb(140, 140, 150, 110);
    p.text = rgb(25, 27, 31);
    p.text_dim = rgb(100, 104, 112);
    p.text_on_bar = rgb(255, 255, 255);
    p.canvas = rgb(255, 255, 255);
    p.good = rgb(46, 125, 50);
    p.bad = rgb(198, 40, 40);
    return p;
}

const char* find_font(const char* name) {
    static const char* dirs[] = {"/usr/share/fonts/truetype/dejavu/", "/usr/share/fonts/TTF/",
                                 "/usr/share/fonts/dejavu/"};
    static std::string found;
    for (const char* d : dirs) {
        std::string path = std::string(d) + name;
        if (std::filesystem::exists(path)) {
            found = path;
            return found.c_str();
        }
    }
    return nullptr;
}

}  // namespace

void Theme::apply(float scale, bool dark) {
    scale_ = scale;
    dark_ = dark;
    palette_ = dark ? dark_palette() : light_palette();
    g_theme = this;

    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    // Latin-1 plus arrows, bullets and geometric shapes used in labels.
    static const ImWchar ranges[] = {0x0020, 0x00FF, 0x2013, 0x2026, 0x2190, 0x21FF, 0x2200, 0x22FF,
                                     0x25A0, 0x25FF, 0};
    const float size = 16.0f * scale;
    ImFont* ui = nullptr;
    mono_ = nullptr;
    if (const char* sans = find_font("DejaVuSans.ttf")) ui = io.Fonts->AddFontFromFileTTF(sans, size, nullptr, ranges);
    if (ui) {
        if (const char* mono = find_font("DejaVuSansMono.ttf")) {
            mono_ = io.Fonts->AddFontFromFileTTF(mono, size * 0.95f, nullptr, ranges);
        }
    } else {
        ImFontConfig config;
        config.SizePixels = 13.0f * scale;
        ui = io.Fonts->AddFontDefault(&config);
    }
    // The big clock's type is rasterised at its own size (a scaled-up font would be blurred on a projector).
    static const ImWchar latin[] = {0x0020, 0x00FF, 0};
    big_ = nullptr;
    if (const char* sans = find_font("DejaVuSans.ttf"); sans && ui) big_ = io.Fonts->AddFontFromFileTTF(sans, size * 3, nullptr, latin);
    has_dejavu_ = ui != nullptr && mono_ != nullptr;
    if (!mono_) mono_ = ui;
    io.FontDefault = ui;
    io.Fonts->Build();

    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    if (dark) ImGui::StyleColorsDark(&style);
    else ImGui::StyleColorsLight(&style);
    style.WindowRounding = 4.0f;
    style.FrameRounding = 3.0f;
    style.TabRounding = 3.0f;
    style.WindowBorderSize = 1.0f;
    style.FramePadding = ImVec2(6, 4);
    style.ItemSpacing = ImVec2(8, 5);
    style.WindowPadding = ImVec2(8, 6);
    style.ScaleAllSizes(scale);
    if (dark) {
        style.Colors[ImGuiCol_WindowBg] = ImVec4(0.10f, 0.11f, 0.13f, 1.0f);
    }
    // The panels draw no background of their own: the frame is cleared to this colour, which saves
    // a full-screen layer of blending on a software renderer.
    palette_.canvas = ImGui::ColorConvertFloat4ToU32(style.Colors[ImGuiCol_WindowBg]);
}

const Palette& palette() {
    static const Palette fallback = dark_palette();
    return g_theme ? g_theme->palette() : fallback;
}

ImFont* big_font() { return g_theme && g_theme->big() ? g_theme->big() : ImGui::GetFont(); }

ImFont* mono_font() { return g_theme && g_theme->mono() ? g_theme->mono() : ImGui::GetFont(); }

ImU32 with_alpha(ImU32 colour, float alpha) {
    unsigned a = static_cast<unsigned>(((colour >> IM_COL32_A_SHIFT) & 0xFF) * alpha);
    return (colour & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
}

ImU32 mix(ImU32 a, ImU32 b, float t) {
    ImVec4 x = ImGui::ColorConvertU32ToFloat4(a), y = ImGui::ColorConvertU32ToFloat4(b);
    return ImGui::ColorConvertFloat4ToU32(ImVec4(x.x + (y.x - x.x) * t, x.y + (y.y - x.y) * t,
                                                 x.z + (y.z - x.z) * t, x.w + (y.w - x.w) * t));
}

}  // namespace mpilab::gui
