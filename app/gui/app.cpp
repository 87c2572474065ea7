// The window, the frame loop, the layout and the headless path. See app.hpp.
#include "app.hpp"

#include "demo_trace.hpp"
#include "format.hpp"
#include "gui_state.hpp"
#include "slides.hpp"
#include "solid_fills.hpp"
#include "views.hpp"

#include "app/source/program_source.hpp"
#include "core/atomic_file.hpp"
#include "core/terminal_text.hpp"
#include "scenarios/registry.hpp"

#define GLFW_INCLUDE_GLEXT
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace mpilab::gui {

namespace {

constexpr ImGuiWindowFlags kPanel = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                    ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                    ImGuiWindowFlags_NoBackground;   // the clear colour is their background

bool begin_panel(const char* name, ImVec2 pos, ImVec2 size, ImGuiWindowFlags extra = 0) {
    ImGui::SetNextWindowPos(pos, ImGuiCond_Always);
    ImGui::SetNextWindowSize(size, ImGuiCond_Always);
    return ImGui::Begin(name, nullptr, kPanel | extra);
}

// The area below the playback bar, where a maximised panel goes; set by draw_frame each frame.
struct Body {
    ImVec2 pos, size;
    bool maximised_drawn = false;   // the maximised panel exists in this frame's layout
};
Body g_body;

// A panel of the layout: at its place, or over the whole body when it is maximised (then no other
// panel is drawn). Double-clicking its title maximises or restores it; the panel under the mouse is
// remembered for the M key.
template <class Draw>
void panel(GuiState& gui, const char* name, ImVec2 pos, ImVec2 size, ImGuiWindowFlags extra, Draw draw) {
    const bool maximised = gui.maximised == name;
    if (!gui.maximised.empty() && !maximised) return;
    if (maximised) {
        pos = g_body.pos;
        size = g_body.size;
        g_body.maximised_drawn = true;
    }
    if (begin_panel(name, pos, size, extra)) draw();
    const ImVec2 at = ImGui::GetWindowPos(), extent = ImGui::GetWindowSize();
    const DrawnRect rect{at.x, at.y, at.x + extent.x, at.y + extent.y};
    if (ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows | ImGuiHoveredFlags_AllowWhenBlockedByActiveItem)) {
        gui.hovered_panel = name;
        gui.hovered_panel_rect = rect;
    }
    if (ImGui::IsWindowFocused(ImGuiFocusedFlags_ChildWindows)) {
        gui.focused_panel_name = name;
        gui.focused_panel = rect;
    }
    if (!(extra & ImGuiWindowFlags_NoTitleBar) && ImGui::IsWindowHovered() &&
        ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
        const ImVec2 mouse = ImGui::GetIO().MousePos;
        if (mouse.y >= at.y && mouse.y < at.y + ImGui::GetFrameHeight()) gui.maximised = maximised ? "" : name;
    }
    ImGui::End();
}

void draw_menu(GuiState& gui) {
    // The bar's own colour covers its whole window, so the window's background would be painted for
    // nothing (a 1920-pixel strip the software renderer blends every frame).
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(0, 0, 0, 0));
    const bool open = ImGui::BeginMainMenuBar();
    ImGui::PopStyleColor();
    if (!open) return;
    if (ImGui::BeginMenu("View")) {
        if (ImGui::MenuItem("Dark theme", nullptr, gui.dark)) { gui.dark = true; gui.theme_dirty = true; }
        if (ImGui::MenuItem("Light theme", nullptr, !gui.dark)) { gui.dark = false; gui.theme_dirty = true; }
        ImGui::Separator();
        if (ImGui::MenuItem("Projector layout", "P", gui.projector)) gui.projector = !gui.projector;
        if (ImGui::MenuItem("Timeline legend", "L", gui.legend_open)) gui.legend_open = !gui.legend_open;
        if (ImGui::MenuItem("Big clock", "C", gui.big_clock)) gui.big_clock = !gui.big_clock;
        if (ImGui::MenuItem("Restore the maximised panel", "Esc", false, !gui.maximised.empty())) gui.maximised.clear();
        ImGui::Separator();
        if (ImGui::MenuItem("Save the window as PNG", "F12")) gui.capture = Capture::Window;
        if (ImGui::MenuItem("Save the last clicked panel as PNG", "Shift+F12", false, !gui.focused_panel_name.empty()))
            gui.capture = Capture::Panel;
        if (ImGui::MenuItem(gui.recording ? "Stop recording the GIF" : "Record a GIF", "G")) gui.recording = !gui.recording;
        ImGui::Separator();
        for (float s : {1.0f, 1.25f, 1.5f, 2.0f, 2.5f, 3.0f}) {
            char label[32];
            std::snprintf(label, sizeof label, "Scale %.2gx", s);
            if (ImGui::MenuItem(label, nullptr, gui.scale == s)) { gui.scale = s; gui.theme_dirty = true; }
        }
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Help")) {
        ImGui::TextUnformatted("Space: play / pause (at the end: from the start)");
        ImGui::TextUnformatted("Left / Right, PageUp / PageDown: previous / next event    Home / End: start / end");
        ImGui::TextUnformatted("S: step the selected rank    0-9: select a rank    D: reveal the deadlock or error");
        ImGui::TextUnformatted("E: step by event order / by virtual time    P: projector layout    ?: all keys");
        ImGui::TextUnformatted("M or double-click a title: maximise a panel (Esc restores)    C: big clock");
        ImGui::TextUnformatted("Timeline: wheel zooms at the cursor, drag pans, click selects,");
        ImGui::TextUnformatted("          double-click fits, wheel over the rank labels scrolls lanes");
        ImGui::TextUnformatted("Click a rank anywhere to select it in every view.");
        ImGui::EndMenu();
    }
    // The status texts end before the scale control at the right end (at a big scale on a small
    // screen they would run under it): what does not fit is cut.
    const float controls_w = em() * 13;
    const ImVec2 bar = ImGui::GetWindowPos();
    ImGui::PushClipRect(bar, ImVec2(bar.x + ImGui::GetWindowWidth() - controls_w - em() * 0.5f, bar.y + ImGui::GetWindowHeight()),
                        true);
    ImGui::SameLine(0, em() * 2);
    ImGui::TextDisabled("mpilab");
    if (gui.recording) {
        ImGui::SameLine();
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette().bad), "\xE2\x97\x8F REC");
    }
    if (!gui.slide_message.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", gui.slide_message.c_str());
    }
    if (gui.model) {
        const Outcome& o = gui.model->trace().outcome;
        ImGui::SameLine();
        ImU32 c = o.status == OutcomeStatus::Completed ? palette().good : palette().bad;
        if (outcome_revealed(gui))
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(c), "%s", std::string(outcome_status_name(o.status)).c_str());
        else
            ImGui::TextDisabled("outcome: play to see");
        ImGui::SameLine();
        ImGui::TextDisabled("%s", gui.trace_origin.c_str());
    }
    ImGui::PopClipRect();
    // Presentation scale at the right end, always one click away.
    ImGui::SameLine(ImGui::GetWindowWidth() - controls_w);
    ImGui::SetNextItemWidth(em() * 5);
    float scale = gui.scale;
    if (ImGui::SliderFloat("##scale", &scale, 1.0f, 3.0f, "scale %.2gx")) gui.scale = scale;
    if (ImGui::IsItemDeactivatedAfterEdit()) gui.theme_dirty = true;
    ImGui::SameLine();
    if (ImGui::SmallButton(gui.dark ? "Light" : "Dark")) { gui.dark = !gui.dark; gui.theme_dirty = true; }
    ImGui::EndMainMenuBar();
}

// A message the user must see before going on (a trace that could not be opened): a modal window
// in the middle of the screen with the full text, closed with OK or Escape.
void draw_notice(GuiState& gui) {
    if (gui.notice.title.empty()) return;
    const char* id = "##notice";
    if (!ImGui::IsPopupOpen(id)) ImGui::OpenPopup(id);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(vp->WorkSize.x * 0.8f, em() * 40), 0), ImGuiCond_Always);
    if (ImGui::BeginPopupModal(id, nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette().bad), "%s", gui.notice.title.c_str());
        ImGui::Separator();
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(gui.notice.text.c_str());
        ImGui::PopTextWrapPos();
        ImGui::Spacing();
        if (ImGui::Button("OK", ImVec2(em() * 6, 0)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
            gui.notice = {};
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
}

void draw_details_tabs(GuiState& gui, bool with_inspector_and_files) {
    if (ImGui::BeginTabBar("##right", ImGuiTabBarFlags_FittingPolicyScroll)) {
        if (with_inspector_and_files && ImGui::BeginTabItem("Rank")) { draw_rank_inspector(gui); ImGui::EndTabItem(); }
        if (ImGui::BeginTabItem("Source")) { draw_source_view(gui); ImGui::EndTabItem(); }
        if (ImGui::BeginTabItem("Console")) { draw_console(gui); ImGui::EndTabItem(); }
        if (with_inspector_and_files && ImGui::BeginTabItem("Scenarios")) { draw_scenario_browser(gui); ImGui::EndTabItem(); }
        if (with_inspector_and_files && ImGui::BeginTabItem("Files")) { draw_files(gui); ImGui::EndTabItem(); }
        if (ImGui::BeginTabItem("Matrix")) { draw_comm_matrix(gui); ImGui::EndTabItem(); }
        if (ImGui::BeginTabItem("Statistics")) { draw_statistics(gui); ImGui::EndTabItem(); }
        ImGui::EndTabBar();
    }
}

// The keys, in a window in the middle ('?' opens and closes it).
void draw_keys(GuiState& gui) {
    if (!gui.show_keys) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowBgAlpha(0.95f);
    if (ImGui::Begin("Keys", &gui.show_keys, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                                              ImGuiWindowFlags_NoCollapse)) {
        const char* keys[][2] = {
            {"Right, PageDown", "next event (a presenter's clicker sends these)"},
            {"Left, PageUp", "previous event"},
            {"Space", "play / pause (at the end: from the start)"},
            {"Home / End", "start / end of the run"},
            {"D", "reveal the outcome: jump to the deadlock or error"},
            {"0 - 9", "select a rank;  S: step it to its next event"},
            {"E", "step by event order / by virtual time"},
            {"+ / - / F", "zoom the timeline in / out / fit the whole run"},
            {"P", "projector layout: timeline, topology and outcome only"},
            {"L", "show / hide the timeline's legend"},
            {"M, double-click a title", "maximise the panel under the mouse;  M or Esc restores"},
            {"C", "a big clock for the back row (event counter and virtual time)"},
            {"F12 / Shift+F12", "save the window / the panel last clicked as mpilab-NNN.png"},
            {"G", "start / stop recording the window as an animated GIF (mpilab-NNN.gif)"},
            {"?", "this list"},
        };
        if (ImGui::BeginTable("##keys", 2)) {
            for (const auto& k : keys) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette().selection), "%s", k[0]);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(k[1]);
            }
            ImGui::EndTable();
        }
    }
    ImGui::End();
}

// Keys for the layout and the timeline's zoom (playback's own keys are in the playback bar).
void handle_layout_keys(GuiState& gui) {
    if (ImGui::GetIO().WantTextInput) return;
    // F12: the window as a PNG; Shift+F12: the panel last clicked (else the one under the mouse).
    if (ImGui::IsKeyPressed(GLFW_KEY_F12, false)) {
        gui.capture = ImGui::GetIO().KeyShift ? Capture::Panel : Capture::Window;
        if (gui.capture == Capture::Panel && gui.focused_panel_name.empty()) {
            gui.focused_panel_name = gui.hovered_panel;
            gui.focused_panel = gui.hovered_panel_rect;
        }
    }
    // Escape restores a maximised panel, unless a notice takes it first.
    if (gui.notice.title.empty() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) gui.maximised.clear();
    for (ImWchar c : ImGui::GetIO().InputQueueCharacters) {
        if (c == '?') gui.show_keys = !gui.show_keys;
        else if (c == 'p' || c == 'P') gui.projector = !gui.projector;
        else if (c == 'l' || c == 'L') gui.legend_open = !gui.legend_open;
        else if (c == 'f' || c == 'F') gui.fit_request = true;
        else if (c == 'c' || c == 'C') gui.big_clock = !gui.big_clock;
        else if (c == 'g' || c == 'G') gui.recording = !gui.recording;
        else if (c == 'm' || c == 'M') {
            // Maximise the panel under the mouse (the timeline if none), or restore.
            if (!gui.maximised.empty()) gui.maximised.clear();
            else gui.maximised = gui.hovered_panel.empty() ? "Timeline" : gui.hovered_panel;
        }
        else if (c == '+' || c == '=' || c == '-') {
            // Zoom around the playhead, so what is happening now stays in view.
            const double factor = c == '-' ? 1.5 : 1 / 1.5;
            const double span = std::max(gui.view_end - gui.view_begin, 1e-12) * factor;
            const double at = std::clamp(gui.playhead, gui.view_begin, gui.view_end);
            const double left = (at - gui.view_begin) / std::max(gui.view_end - gui.view_begin, 1e-12);
            gui.view_begin = at - span * left;
            gui.view_end = gui.view_begin + span;
        }
    }
}

// The layout adapts to the window in font units (em): three columns where they fit (about 72 em),
// else the timeline across the whole width with the details in tabs below; the projector layout shows
// the timeline, the topology and the outcome only. Every size follows the presentation scale.
void draw_panels(GuiState& gui, ImVec2 o, float W, float body_top, float body_h) {
    constexpr ImGuiWindowFlags kCanvas = ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;
    const bool wide = W >= em() * 72 && !gui.projector;
    if (!wide) {
        // Timeline across the whole width; below it the topology, the outcome and (unless projecting)
        // the details in tabs. Its title bar goes: on a projector every line of height is a lane.
        const float timeline_h = std::max(body_h * (gui.projector ? 0.48f : 0.58f), em() * 8);
        panel(gui, "Timeline", ImVec2(o.x, body_top), ImVec2(W, timeline_h), kCanvas | ImGuiWindowFlags_NoTitleBar,
              [&] { draw_timeline(gui); });
        const float lower_top = body_top + timeline_h;
        const float lower_h = std::max(body_h - timeline_h, em() * 4);
        const float details_w = gui.projector ? 0.0f : std::max(W * 0.34f, em() * 16);
        const float topo_w = std::min((W - details_w) * 0.42f, lower_h * 1.15f);
        // On a projector the lower panels go without title bars too: their content says what they are,
        // and the topology's circle gets the height (at 1280x720, scale 2, a title is a fifth of it).
        const ImGuiWindowFlags untitled = gui.projector ? ImGuiWindowFlags_NoTitleBar : 0;
        panel(gui, "Topology", ImVec2(o.x, lower_top), ImVec2(topo_w, lower_h), kCanvas | untitled, [&] { draw_topology(gui); });
        panel(gui, "Outcome", ImVec2(o.x + topo_w, lower_top), ImVec2(W - details_w - topo_w, lower_h), untitled,
              [&] { draw_deadlock_panel(gui); });
        if (!gui.projector) {
            panel(gui, "Details", ImVec2(o.x + W - details_w, lower_top), ImVec2(details_w, lower_h),
                  ImGuiWindowFlags_NoTitleBar, [&] { draw_details_tabs(gui, true); });
        }
        return;
    }

    const float left_w = std::clamp(W * 0.2f, std::min(em() * 18, W * 0.3f), std::max(em() * 30, W * 0.2f));
    const float right_w = std::clamp(W * 0.27f, std::min(em() * 22, W * 0.33f), std::max(em() * 34, W * 0.27f));
    const float center_w = std::max(W - left_w - right_w, em() * 10);

    panel(gui, "Scenarios and files", ImVec2(o.x, body_top), ImVec2(left_w, body_h), 0, [&] {
        if (ImGui::BeginTabBar("##left")) {
            if (ImGui::BeginTabItem("Scenarios")) { draw_scenario_browser(gui); ImGui::EndTabItem(); }
            if (ImGui::BeginTabItem("Files")) { draw_files(gui); ImGui::EndTabItem(); }
            ImGui::EndTabBar();
        }
    });

    const float timeline_h = body_h * 0.55f;
    panel(gui, "Timeline", ImVec2(o.x + left_w, body_top), ImVec2(center_w, timeline_h), kCanvas,
          [&] { draw_timeline(gui); });

    const float lower_top = body_top + timeline_h;
    const float lower_h = body_h - timeline_h;
    const float topo_w = std::min(center_w * 0.42f, lower_h * 1.1f);
    panel(gui, "Topology", ImVec2(o.x + left_w, lower_top), ImVec2(topo_w, lower_h), kCanvas, [&] { draw_topology(gui); });
    panel(gui, "Outcome", ImVec2(o.x + left_w + topo_w, lower_top), ImVec2(center_w - topo_w, lower_h), 0,
          [&] { draw_deadlock_panel(gui); });

    const float right_x = o.x + left_w + center_w;
    const float inspector_h = body_h * 0.4f;
    panel(gui, "Rank inspector", ImVec2(right_x, body_top), ImVec2(right_w, inspector_h), 0,
          [&] { draw_rank_inspector(gui); });
    panel(gui, "Details", ImVec2(right_x, body_top + inspector_h), ImVec2(right_w, body_h - inspector_h),
          ImGuiWindowFlags_NoTitleBar, [&] { draw_details_tabs(gui, false); });
}

// One frame: the playback bar on top, the panels below it (or the one maximised), then the
// overlays (the big clock, the list of keys, a notice).
void draw_frame(GuiState& gui) {
    advance_playback(gui);
    handle_layout_keys(gui);
    draw_menu(gui);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float W = vp->WorkSize.x, H = vp->WorkSize.y;
    const ImVec2 o = vp->WorkPos;
    const ImGuiStyle& style = ImGui::GetStyle();

    // The playback bar's height as it measured itself last frame (it wraps on a narrow window).
    const float one_row = ImGui::GetFrameHeight() + style.WindowPadding.y * 2;
    const float play_h = std::clamp(gui.playback_height > 0 ? gui.playback_height : one_row * 2, one_row, H * 0.4f);
    const float body_top = o.y + play_h;
    const float body_h = H - play_h;

    if (begin_panel("Playback", o, ImVec2(W, play_h), ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar)) {
        draw_playback(gui);
    }
    ImGui::End();

    g_body = {ImVec2(o.x, body_top), ImVec2(W, body_h), false};
    gui.drawn.plot = {};   // set by the timeline if one is drawn this frame
    if (gui.compared) draw_compare_panels(gui, o, W, body_top, body_h);
    else draw_panels(gui, o, W, body_top, body_h);
    if (!gui.maximised.empty() && !g_body.maximised_drawn) gui.maximised.clear();   // not in this layout
    if (gui.big_clock) {
        // In the timeline's bottom right corner (where the lanes of a small run leave room), else the body's.
        const DrawnRect& plot = gui.drawn.plot;
        if (plot.x1 > plot.x0 && plot.y1 > plot.y0) draw_big_clock(gui, ImVec2(plot.x0, plot.y0), ImVec2(plot.x1 - plot.x0, plot.y1 - plot.y0));
        else draw_big_clock(gui, g_body.pos, g_body.size);
    }
    draw_keys(gui);
    draw_notice(gui);
}

// Applies a finished run or starts a requested one; called at the top of every frame.
void service_runs(GuiState& gui) {
    if (auto done = gui.runner.take_result()) {
        if (done->model) {
            gui.run_error.clear();
            char origin[160];
            std::snprintf(origin, sizeof origin, "run of %s on %d ranks (%.2f s)",
                          done->model->trace().run.scenario.c_str(), done->model->ranks(), done->wall_seconds);
            show_trace(gui, done->model, origin);
        } else {
            gui.run_error = done->error;
        }
    }
    if (gui.run_requested && !gui.runner.busy()) {
        gui.run_requested = false;
        gui.run_error.clear();
        gui.runner.start(make_run_request(gui));
    }
}

// Fills the run form from the command line; false (with a message) if the scenario is unknown.
bool prepare_form(GuiState& gui, const GuiOptions& options, std::string& error) {
    try {
        select_source(gui, open_program_source(options.scenario));
    } catch (const SourceError& e) {
        error = e.what();
        if (!all_scenarios().empty()) select_scenario(gui, all_scenarios().front());
        return false;
    }
    if (options.ranks) gui.form.ranks = *options.ranks;
    if (options.eager_threshold) gui.form.eager_threshold = *options.eager_threshold;
    if (options.seed) gui.form.seed = *options.seed;
    if (!options.schedule.empty()) {
        const auto& names = schedule_names();
        auto it = std::find_if(names.begin(), names.end(), [&](const char* n) { return options.schedule == n; });
        if (it == names.end()) {
            error = "unknown schedule '" + options.schedule + "' (run-until-blocked, round-robin, random, free)";
            return false;
        }
        gui.form.schedule = static_cast<int>(it - names.begin());
    }
    for (const auto& [name, value] : options.params) {
        // The text is parsed as the parameter's type by resolve_params(); keep JSON where it parses.
        Value parsed = Value::parse(value, nullptr, false);
        gui.form.params[name] = parsed.is_discarded() ? Value(value) : parsed;
    }
    for (const auto& [coll, alg] : options.algorithms) gui.form.algorithms[coll] = alg;
    return true;
}

void rebuild_fonts_if_needed(GuiState& gui, Theme& theme) {
    if (!gui.theme_dirty) return;
    theme.apply(gui.scale, gui.dark);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    gui.theme_dirty = false;
}

// CPU time of the whole process (the UI thread and Mesa's rasteriser threads), in milliseconds:
// on a shared, loaded machine it measures the frame's work where wall time measures the queue.
double process_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) * 1e-6;
}

// An offscreen framebuffer for the headless path: rendering into it instead of the hidden window's
// own buffer keeps every pixel inside Mesa's software rasteriser (no round trip through the X
// server). The functions are fetched through GLFW since OpenGL 3 entry points need a loader.
struct Offscreen {
    GLuint framebuffer = 0, colour = 0;
    bool create(int width, int height) {
        auto gen_fb = reinterpret_cast<PFNGLGENFRAMEBUFFERSPROC>(glfwGetProcAddress("glGenFramebuffers"));
        auto bind_fb = reinterpret_cast<PFNGLBINDFRAMEBUFFERPROC>(glfwGetProcAddress("glBindFramebuffer"));
        auto gen_rb = reinterpret_cast<PFNGLGENRENDERBUFFERSPROC>(glfwGetProcAddress("glGenRenderbuffers"));
        auto bind_rb = reinterpret_cast<PFNGLBINDRENDERBUFFERPROC>(glfwGetProcAddress("glBindRenderbuffer"));
        auto storage = reinterpret_cast<PFNGLRENDERBUFFERSTORAGEPROC>(glfwGetProcAddress("glRenderbufferStorage"));
        auto attach = reinterpret_cast<PFNGLFRAMEBUFFERRENDERBUFFERPROC>(glfwGetProcAddress("glFramebufferRenderbuffer"));
        auto status = reinterpret_cast<PFNGLCHECKFRAMEBUFFERSTATUSPROC>(glfwGetProcAddress("glCheckFramebufferStatus"));
        if (!gen_fb || !bind_fb || !gen_rb || !bind_rb || !storage || !attach || !status) return false;
        gen_fb(1, &framebuffer);
        bind_fb(GL_FRAMEBUFFER, framebuffer);
        gen_rb(1, &colour);
        bind_rb(GL_RENDERBUFFER, colour);
        storage(GL_RENDERBUFFER, GL_RGBA8, width, height);
        attach(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, colour);
        if (status(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) {
            bind_fb(GL_FRAMEBUFFER, 0);
            return false;
        }
        return true;
    }
};

// For the screenshot tests: where the last frame drew the lanes, the slider and the clock, one line each
// ("lane R x0 y0 x1 y1", "slider ...", "clock ..."), in the screenshot's pixels.
bool write_layout_report(const std::string& path, const DrawnLayout& drawn, int width, int height) {
    std::FILE* f = std::fopen(path.c_str(), "w");
    if (!f) return false;
    // Positions are in ImGui's units; the framebuffer may be scaled from them (a HiDPI display).
    const ImVec2 scale = ImGui::GetIO().DisplayFramebufferScale;
    auto rect = [&](const char* what, int rank, const DrawnRect& r) {
        if (rank >= 0) std::fprintf(f, "%s %d ", what, rank);
        else std::fprintf(f, "%s ", what);
        std::fprintf(f, "%.0f %.0f %.0f %.0f\n", r.x0 * scale.x, r.y0 * scale.y, r.x1 * scale.x, r.y1 * scale.y);
    };
    std::fprintf(f, "image %d %d\n", width, height);
    for (const auto& [rank, r] : drawn.lanes) rect("lane", rank, r);
    rect("slider", -1, drawn.slider);
    rect("clock", -1, drawn.clock);
    return std::fclose(f) == 0;
}

void render(GLFWwindow* window, const Palette& pal, const SolidFills& solid_fills) {
    int w, h;
    glfwGetFramebufferSize(window, &w, &h);
    glViewport(0, 0, w, h);
    ImVec4 bg = ImGui::ColorConvertU32ToFloat4(pal.canvas);
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    solid_fills.apply(ImGui::GetDrawData());
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

// One frame of the headless path, built but not rendered: playback does not move by itself.
void build_headless_frame(GuiState& gui) {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    gui.frame_seconds = 0;
    draw_frame(gui);
    ImGui::Render();
}

}  // namespace

int run_app(const GuiOptions& options) {
    const bool headless = !options.screenshot.empty() || !options.gif.empty();
    if (headless) {   // before any window opens or trace loads: a bad path is known at once
        try {
            if (!options.screenshot.empty()) check_writable(options.screenshot, "the screenshot");
            if (!options.gif.empty()) check_writable(options.gif, "the GIF");
        } catch (const FileWriteError& e) {
            std::fprintf(stderr, "mpilab-gui: %s (choose a path in a folder you can write to)\n", e.what());
            return 1;
        }
    }
    const char* display = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    if ((!display || !*display) && (!wayland || !*wayland)) {
        std::fprintf(stderr,
                     "mpilab-gui: no display found (DISPLAY is not set).\n"
                     "  For a screenshot without a display:  xvfb-run -a -s \"-screen 0 1920x1080x24\" mpilab-gui "
                     "--screenshot out.png\n"
                     "  Or use the command line:             mpilab run %s\n",
                     options.scenario.c_str());
        return 1;
    }
    glfwSetErrorCallback([](int code, const char* text) { std::fprintf(stderr, "mpilab-gui: GLFW error %d: %s\n", code, text); });
    if (!glfwInit()) {
        std::fprintf(stderr, "mpilab-gui: could not open the display; try xvfb-run, or the command line `mpilab run`.\n");
        return 1;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    if (headless) glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
    GLFWwindow* window = glfwCreateWindow(options.width, options.height, "mpilab — message passing, visible", nullptr, nullptr);
    if (!window) {
        std::fprintf(stderr, "mpilab-gui: could not create an OpenGL 3.3 window.\n");
        glfwTerminate();
        return 1;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(headless ? 0 : 1);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;   // the layout is computed, nothing to remember
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");
    SolidFills solid_fills;
    solid_fills.create();   // without it, fills sample the font atlas as before

    int exit_code = 0;
    {
        Theme theme;
        GuiState gui;
        gui.scale = options.scale;
        gui.dark = !options.light;
        gui.projector = options.projector;
        gui.big_clock = options.big_clock;
        rebuild_fonts_if_needed(gui, theme);

        std::string error;
        const bool form_ok = prepare_form(gui, options, error);
        if (options.demo_messages > 0) {
            auto trace = std::make_shared<const Trace>(synthetic_exchange_trace(options.demo_ranks, options.demo_messages));
            show_trace(gui, std::make_shared<const TraceModel>(trace),
                       "synthetic trace of " + format_count(trace->messages.size()) + " messages");
        } else if (!options.trace_file.empty()) {
            if (!open_trace_file(gui, options.trace_file)) {
                // Said on stderr (for the terminal that started it) and on screen (for the class).
                std::fprintf(stderr, "mpilab-gui: %s\n", terminal_safe(gui.file_message).c_str());
                if (headless) exit_code = 1;
                else gui.notice = {"The trace could not be opened", gui.file_message};
            } else if (!options.compare_file.empty() && !open_compare_file(gui, options.compare_file)) {
                std::fprintf(stderr, "mpilab-gui: %s\n", terminal_safe(gui.file_message).c_str());
                if (headless) exit_code = 1;
                else gui.notice = {"The trace to compare with could not be opened", gui.file_message};
            }
        } else if (!form_ok) {
            if (headless) {
                std::fprintf(stderr, "mpilab-gui: %s\n", terminal_safe(error).c_str());
                exit_code = 1;
            }
            gui.run_error = error;
            std::fprintf(stderr, "mpilab-gui: %s\n", terminal_safe(error).c_str());
            if (!headless) gui.notice = {"The run could not start", error};
        } else if (headless || options.scenario_given) {
            gui.run_requested = true;
        }

        if (headless && exit_code == 0) {
            if (gui.run_requested) {
                gui.run_requested = false;
                gui.runner.start(make_run_request(gui));
                RunFinished done = gui.runner.wait();
                if (!done.model) {
                    std::fprintf(stderr, "mpilab-gui: %s\n", terminal_safe(done.error).c_str());
                    exit_code = 1;
                } else {
                    show_trace(gui, done.model, "run of " + done.model->trace().run.scenario + " on " +
                                                    std::to_string(done.model->ranks()) + " ranks");
                }
            }
        }
        if (headless && exit_code == 0 && (options.event || !options.gif.empty()) && !gui.event_model) {
            std::fprintf(stderr, "mpilab-gui: %s needs a trace with its event order (this one has none: "
                                 "it was written by an earlier mpilab; run the program again, or use --time)\n",
                         options.event ? "--event" : "--gif");
            exit_code = 1;
        }
        if (headless && exit_code == 0) {
            if (options.time) set_event_order(gui, false);
            if (options.event) set_event_order(gui, true);
            const double end = playback_end(gui);
            gui.playhead = options.event ? std::clamp(static_cast<double>(*options.event), 0.0, end)
                           : options.time ? std::clamp(*options.time, 0.0, end) : end;
            const int frames = std::max(options.frames, 3);
            int fb_w, fb_h;
            glfwGetFramebufferSize(window, &fb_w, &fb_h);
            Offscreen offscreen;
            const bool use_offscreen = offscreen.create(fb_w, fb_h);
            if (options.frame_times) {
                std::printf("renderer: %s, %s\n", reinterpret_cast<const char*>(glGetString(GL_RENDERER)),
                            use_offscreen ? "offscreen framebuffer" : "window framebuffer");
            }
            std::vector<double> times, ui_times, cpu_times;   // whole frame; building the UI alone; CPU
            std::vector<int> vertices;                        // what the renderer was given
            for (int i = 0; i < frames; ++i) {
                // The benchmark sweeps the playhead over the trace so every frame asks new questions.
                if (options.frame_times && gui.model && !options.time && !options.at_end) {
                    gui.playhead = end * (i + 1) / frames;
                }
                auto t0 = std::chrono::steady_clock::now();
                const double cpu0 = process_cpu_ms();
                glfwPollEvents();
                build_headless_frame(gui);
                auto t_ui = std::chrono::steady_clock::now();
                render(window, theme.palette(), solid_fills);
                glFinish();
                auto t1 = std::chrono::steady_clock::now();
                times.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
                ui_times.push_back(std::chrono::duration<double, std::milli>(t_ui - t0).count());
                vertices.push_back(ImGui::GetDrawData()->TotalVtxCount);
                cpu_times.push_back(process_cpu_ms() - cpu0);
                if (i + 1 < frames && !use_offscreen) glfwSwapBuffers(window);
            }
            int w, h;
            glfwGetFramebufferSize(window, &w, &h);
            if (!options.report_layout.empty() && !write_layout_report(options.report_layout, gui.drawn, w, h)) {
                std::fprintf(stderr, "mpilab-gui: could not write %s\n", options.report_layout.c_str());
                exit_code = 1;
            }
            try {
                if (!options.screenshot.empty()) {
                    const std::vector<unsigned char> pixels = read_pixels(w, h, use_offscreen);
                    write_png(options.screenshot, w, h, pixels.data());
                    std::printf("wrote %s (%dx%d)\n", options.screenshot.c_str(), w, h);
                }
                if (!options.gif.empty()) {
                    // A frame per step from --from-event to --to-event, each drawn twice so that the layout
                    // (the playback bar measures its height) has settled; the last one stays longer.
                    set_event_order(gui, true);
                    const auto steps = static_cast<std::int64_t>(gui.order ? gui.order->count() : 0);
                    const std::int64_t first = std::min(options.from_event.value_or(0), steps);
                    const std::int64_t last = std::clamp(options.to_event.value_or(steps), first, steps);
                    GifWriter gif(w, h);
                    for (std::int64_t step = first; step <= last; ++step) {
                        gui.playhead = static_cast<double>(step);
                        for (int pass = 0; pass < 2; ++pass) {
                            glfwPollEvents();
                            build_headless_frame(gui);
                            render(window, theme.palette(), solid_fills);
                        }
                        glFinish();
                        const std::vector<unsigned char> pixels = read_pixels(w, h, use_offscreen);
                        gif.add_frame(pixels.data(), step == last ? 250 : 50);
                    }
                    gif.finish(options.gif);
                    std::printf("wrote %s (%dx%d, %zu frames: events %lld to %lld)\n", options.gif.c_str(), w, h,
                                gif.frames(), static_cast<long long>(first), static_cast<long long>(last));
                }
            } catch (const std::exception& e) {
                std::fprintf(stderr, "mpilab-gui: %s\n", e.what());
                exit_code = 1;
            }
            if (options.frame_times) {
                for (std::size_t i = 0; i < times.size(); ++i) {
                    std::printf("frame %zu: %.2f ms (building the UI %.2f ms, drawing %.2f ms; CPU %.2f ms; %d vertices)\n", i,
                                times[i], ui_times[i], times[i] - ui_times[i], cpu_times[i], vertices[i]);
                }
                // The first frame builds font textures and caches; the steady state is what a user feels.
                auto summary = [](const char* what, std::vector<double> v) {
                    v.erase(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(2, v.size() - 1)));
                    std::sort(v.begin(), v.end());
                    std::printf("%s over %zu frames (after 2 warm-up): median %.2f ms, p95 %.2f ms, max %.2f ms\n", what,
                                v.size(), v[v.size() / 2], v[std::min(v.size() - 1, v.size() * 95 / 100)], v.back());
                };
                summary("frame time", times);
                summary("building the UI", ui_times);
                summary("process CPU time", cpu_times);
            }
        } else if (!headless) {
            SlideCapture slides;
            while (!glfwWindowShouldClose(window)) {
                glfwPollEvents();
                rebuild_fonts_if_needed(gui, theme);
                service_runs(gui);
                ImGui_ImplOpenGL3_NewFrame();
                ImGui_ImplGlfw_NewFrame();
                ImGui::NewFrame();
                gui.frame_seconds = ImGui::GetIO().DeltaTime;
                draw_frame(gui);
                ImGui::Render();
                render(window, theme.palette(), solid_fills);
                slides.after_render(gui, window);   // F12, Shift+F12, G: from the frame just drawn
                glfwSwapBuffers(window);
                // Idle politely: when nothing moves, wait for input instead of spinning.
                if (!gui.playing && !gui.runner.busy() && !gui.recording) glfwWaitEventsTimeout(0.1);
            }
        }
        gui.runner.cancel();
    }
    solid_fills.destroy();
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return exit_code;
}

}  // namespace mpilab::gui
