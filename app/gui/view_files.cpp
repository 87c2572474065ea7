// Files: open a trace JSON, save the trace on screen as JSON, export it as a Chrome trace for
// Perfetto. A bad file shows its error here; the trace on screen stays as it was.
#include "format.hpp"
#include "views.hpp"

#include "core/chrome_trace.hpp"
#include "core/trace_json.hpp"

#include <filesystem>

namespace mpilab::gui {

bool open_trace_file(GuiState& gui, const std::string& path) {
    try {
        auto trace = std::make_shared<const Trace>(load_trace(path));
        auto model = std::make_shared<const TraceModel>(trace);
        show_trace(gui, model, "file " + path);
        gui.file_message = "Opened " + path + ": " + format_count(trace->calls.size()) + " calls, " +
                           format_count(trace->messages.size()) + " messages.";
        gui.file_error = !model->display_note().empty();
        if (gui.file_error) gui.file_message += " " + model->display_note();
        return true;
    } catch (const std::exception& e) {
        gui.file_message = e.what();
        gui.file_error = true;
        return false;
    }
}

void draw_files(GuiState& gui) {
    char path[512];
    std::snprintf(path, sizeof path, "%s", gui.file_path.c_str());
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::InputTextWithHint("##path", "path/to/trace.json", path, sizeof path)) gui.file_path = path;

    if (ImGui::Button("Open")) open_trace_file(gui, gui.file_path);
    ImGui::SameLine();
    ImGui::BeginDisabled(!gui.model);
    if (ImGui::Button("Save JSON")) {
        try {
            save_trace(gui.model->trace(), gui.file_path, JsonOptions{true, 1});
            gui.file_message = "Saved " + gui.file_path;
            gui.file_error = false;
        } catch (const std::exception& e) {
            gui.file_message = e.what();
            gui.file_error = true;
        }
    }
    ImGui::SameLine();
    if (ImGui::Button("Export Chrome trace")) {
        std::filesystem::path out = gui.file_path;
        if (out.extension() == ".json") out.replace_extension(".chrome.json");
        try {
            save_chrome_trace(gui.model->trace(), out.string());
            gui.file_message = "Exported " + out.string() + " (open it in Perfetto or chrome://tracing)";
            gui.file_error = false;
        } catch (const std::exception& e) {
            gui.file_message = e.what();
            gui.file_error = true;
        }
    }
    ImGui::EndDisabled();
    if (!gui.file_message.empty()) {
        ImGui::PushTextWrapPos(0);
        ImU32 c = gui.file_error ? palette().bad : palette().text_dim;
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(c), "%s", gui.file_message.c_str());
        ImGui::PopTextWrapPos();
    }

    // Trace files next to the working directory, one click to open.
    ImGui::Separator();
    ImGui::TextDisabled("Traces in %s and assets/traces:", std::filesystem::current_path().filename().c_str());
    ImGui::BeginChild("##files", ImVec2(0, 0), true);
    std::error_code ec;
    for (const char* dir : {".", "assets/traces", "assets/examples"}) {
        for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
            const auto& p = it->path();
            if (p.extension() != ".json") continue;
            std::string shown = p.lexically_normal().string();
            if (ImGui::Selectable(shown.c_str(), shown == gui.file_path)) gui.file_path = shown;
            if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) open_trace_file(gui, shown);
        }
        ec.clear();
    }
    ImGui::EndChild();
}

}  // namespace mpilab::gui
