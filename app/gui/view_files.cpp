// Files: open a trace JSON or a program (any program source: a C/C++ file, a Python script), save the trace on screen as JSON, export it as a Chrome trace for
// Perfetto. A bad file shows its error here; the trace on screen stays as it was.
#include "format.hpp"
#include "views.hpp"

#include "app/source/registry.hpp"
#include "core/chrome_trace.hpp"
#include "core/trace_json.hpp"

#include <filesystem>
#include <stdexcept>

namespace mpilab::gui {

namespace {

// Runs a file action; what it returns, or the message of what it threw, becomes the panel's message.
template <class Action>
bool report(GuiState& gui, Action action) {
    try {
        gui.file_message = action();
        gui.file_error = false;
        return true;
    } catch (const std::exception& e) {
        gui.file_message = e.what();
        gui.file_error = true;
        return false;
    }
}

// A file some program-source kind other than the scenarios' accepts (ring.c, libring.so, hello.py).
bool is_program_file(const std::string& name) {
    for (const SourceKind& kind : source_kinds())
        if (kind.kind != "scenario" && kind.matches(name)) return true;
    return false;
}

}  // namespace

bool open_trace_file(GuiState& gui, const std::string& path) {
    std::string note;   // what the GUI had to change to draw the trace (clamped times, capped arcs)
    const bool opened = report(gui, [&] {
        auto trace = std::make_shared<const Trace>(load_trace(path));
        auto model = std::make_shared<const TraceModel>(trace);
        show_trace(gui, model, "file " + path);
        note = model->display_note();
        return "Opened " + path + ": " + format_count(trace->calls.size()) + " calls, " +
               format_count(trace->messages.size()) + " messages." + (note.empty() ? "" : " " + note);
    });
    if (opened && !note.empty()) gui.file_error = true;
    return opened;
}

bool open_compare_file(GuiState& gui, const std::string& path) {
    return report(gui, [&] {
        if (!gui.model) throw std::runtime_error("open or run something first: a trace is compared with the one on screen");
        auto trace = std::make_shared<const Trace>(load_trace(path));
        auto model = std::make_shared<const TraceModel>(trace);
        compare_with(gui, model, "file " + path);
        return "Comparing with " + path + " (B, below): " + format_count(trace->calls.size()) + " calls, " +
               format_count(trace->messages.size()) + " messages.";
    });
}

// A program file is loaded into the run form and run; a trace file is shown as it is.
bool open_any_file(GuiState& gui, const std::string& path) {
    if (std::filesystem::path(path).extension() == ".json") return open_trace_file(gui, path);
    return report(gui, [&] {
        select_source(gui, open_program_source(path));
        gui.run_requested = true;
        return "Opened " + path + ": running it on " + std::to_string(gui.form.ranks) + " ranks.";
    });
}

void draw_files(GuiState& gui) {
    char path[512];
    std::snprintf(path, sizeof path, "%s", gui.file_path.c_str());
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::InputTextWithHint("##path", "trace.json, program.c or script.py", path, sizeof path)) gui.file_path = path;

    if (ImGui::Button("Open")) open_any_file(gui, gui.file_path);
    ImGui::SameLine();
    ImGui::BeginDisabled(!gui.model);
    if (ImGui::Button("Save JSON")) {
        report(gui, [&] {
            save_trace(gui.model->trace(), gui.file_path, JsonOptions{true, 1});
            return "Saved " + gui.file_path;
        });
    }
    ImGui::SameLine();
    if (ImGui::Button("Export Chrome trace")) {
        std::filesystem::path out = gui.file_path;
        if (out.extension() == ".json") out.replace_extension(".chrome.json");
        report(gui, [&] {
            save_chrome_trace(gui.model->trace(), out.string());
            return "Exported " + out.string() + " (open it in Perfetto or chrome://tracing)";
        });
    }
    ImGui::SameLine();
    if (ImGui::Button("Compare with...")) open_compare_file(gui, gui.file_path);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Show this trace file below the run on screen, on one axis with one playhead");
    ImGui::EndDisabled();
    if (gui.compared) {
        ImGui::SameLine();
        if (ImGui::Button("Stop comparing")) gui.compared.reset();
    }
    if (!gui.file_message.empty()) {
        ImGui::PushTextWrapPos(0);
        ImU32 c = gui.file_error ? palette().bad : palette().text_dim;
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(c), "%s", gui.file_message.c_str());
        ImGui::PopTextWrapPos();
    }

    // Trace files next to the working directory, one click to open.
    ImGui::Separator();
    ImGui::TextDisabled("Programs and traces in %s, traces in assets/:", std::filesystem::current_path().filename().c_str());
    ImGui::BeginChild("##files", ImVec2(0, 0), true);
    std::error_code ec;
    for (const char* dir : {".", "assets/traces", "assets/examples"}) {
        for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
            const auto& p = it->path();
            std::string shown = p.lexically_normal().string();
            // Traces, and in the current folder the programs mpilab can run (C/C++ sources, scripts).
            const bool program = std::string(dir) == "." && is_program_file(shown);
            if (p.extension() != ".json" && !program) continue;
            if (ImGui::Selectable(shown.c_str(), shown == gui.file_path)) gui.file_path = shown;
            if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) open_any_file(gui, shown);
        }
        ec.clear();
    }
    ImGui::EndChild();
}

}  // namespace mpilab::gui
