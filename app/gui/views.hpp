// Every view is one function drawing into the current ImGui window from (model, GuiState); the
// layout (app.cpp) decides where each window goes. Small drawing helpers shared by the views are
// here too (dashed lines, arrows, rank badges), so every view speaks the same visual language.
#pragma once

#include "gui_state.hpp"

#include <imgui.h>

namespace mpilab::gui {

void draw_playback(GuiState& gui);
void draw_timeline(GuiState& gui);
void draw_topology(GuiState& gui);
void draw_deadlock_panel(GuiState& gui);
void draw_rank_inspector(GuiState& gui);
void draw_source_view(GuiState& gui);
void draw_console(GuiState& gui);
void draw_comm_matrix(GuiState& gui);
void draw_statistics(GuiState& gui);
void draw_scenario_browser(GuiState& gui);
void draw_files(GuiState& gui);
void draw_legend(GuiState& gui);   // the colour language, one line
// The big clock for the back row: the event counter (by event) and the virtual time, in large type, in
// the bottom right corner of the area `pos`/`size` (the timeline's plot).
void draw_big_clock(const GuiState& gui, ImVec2 pos, ImVec2 size);
// What the playback bar's clock says: "event 12 / 40" and the virtual time of the playhead.
std::string clock_event_text(const GuiState& gui);   // empty when playback goes by time
std::string clock_time_text(const GuiState& gui);

// The layout when two runs are compared: both timelines, one above the other (compare_layout.cpp).
void draw_compare_panels(GuiState& gui, ImVec2 origin, float width, float top, float height);

// Loads a trace file and shows it; on failure keeps the trace on screen and sets gui.file_message.
bool open_trace_file(GuiState& gui, const std::string& path);
bool open_any_file(GuiState& gui, const std::string& path);   // a trace, or a program to run
// Loads a trace file and shows it beside the one on screen (see compare_with); on failure as above.
bool open_compare_file(GuiState& gui, const std::string& path);

// Advances the playhead when playing (called once per frame before the views).
void advance_playback(GuiState& gui);
// Moves the playhead to where the run got stuck or ended, and selects the first rank involved.
void reveal_outcome(GuiState& gui);

// ---- shared drawing helpers --------------------------------------------------------------------
void dashed_line(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 colour, float thickness, float dash);
void arrow_head(ImDrawList* dl, ImVec2 from, ImVec2 to, ImU32 colour, float size);
// A rounded badge with a rank number in the rank's state colour; returns its width.
float rank_badge(ImDrawList* dl, ImVec2 pos, int rank, ImU32 fill, bool selected);
// A coloured square followed by text, for legends and state lines.
void colour_swatch(ImU32 colour);
// Selects `rank` in every view.
void select_rank(GuiState& gui, int rank);
// Tooltip text block for a call / a message.
void call_tooltip(const GuiState& gui, std::uint32_t call);
void message_tooltip(const GuiState& gui, std::uint32_t message);
// Tooltip for a non-blocking operation's span under a lane: request `index` of `rank`'s lane_requests().
void request_tooltip(const GuiState& gui, int rank, std::uint32_t index);
// A centred hint for a view with nothing to show yet.
void empty_hint(const char* text);

}  // namespace mpilab::gui
