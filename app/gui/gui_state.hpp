// The GUI's state: the trace on screen (as an immutable TraceModel) and a handful of plain UI fields
// (selection, playhead, speed, zoom, which tab shows, the run form). Every view is a function of
// (model, GuiState) drawn each frame; views change only these fields, never the trace.
#pragma once

#include "algorithm_menu.hpp"
#include "event_order.hpp"
#include "runner.hpp"
#include "theme.hpp"
#include "trace_model.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mpilab {
struct Scenario;
}

namespace mpilab::gui {

struct Selection {
    int rank = 0;                      // the rank every view highlights (-1: none)
    std::uint32_t call = NONE;
    std::uint32_t message = NONE;
};

// The run form of the scenario browser (edited values, not yet run).
struct RunForm {
    std::shared_ptr<const ProgramSource> source;   // what Run runs (a scenario, a C program, a script)
    std::string scenario_id;           // the scenario selected in the browser (empty for a program)
    int ranks = 4;
    std::int64_t eager_threshold = 65536;
    int schedule = 0;                  // index into schedule_names()
    std::uint64_t seed = 0;
    Value params = Value::object();    // current values of the scenario's parameters
    std::vector<std::string> argv;     // a program's own arguments
    AlgorithmChoices algorithms;       // collectives not listed use the default
    bool rerun_on_change = true;
    // The source's files on disk and their modification times when it was opened: a program edited
    // since then is offered a re-run (the student's edit-run loop).
    std::vector<std::pair<std::string, std::int64_t>> watched;
    double watched_checked_at = 0;     // ImGui time of the last look (the disk is asked twice a second)
    bool changed_on_disk = false;
};

// A message shown in a modal window until dismissed (title empty: none).
struct Notice {
    std::string title;
    std::string text;
};

// Where the last frame drew what the screenshot tests check (screen pixels): each visible lane of the
// timeline's plot, the scrub slider and the clock. Written by the views, read by --report-layout.
struct DrawnRect {
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};
struct DrawnLayout {
    std::vector<std::pair<int, DrawnRect>> lanes;   // rank, its lane in the plot
    DrawnRect slider, clock;
    DrawnRect plot;   // the timeline's plot (lanes and arrows) of the last timeline drawn
};

// A picture for slides asked for by a key (F12, Shift+F12), taken after the frame is rendered.
enum class Capture { None, Window, Panel };

// A second run shown beside the first for comparison (Files > Compare with..., --compare A B): its
// traces and selection, swapped into GuiState while its timeline is drawn (see compare_layout.cpp).
struct ComparedRun {
    std::shared_ptr<const TraceModel> model, time_model, event_model;
    std::shared_ptr<const EventOrder> order;
    std::string origin;
    Selection selection;
    bool swapped_in = false;   // its fields hold the first run's while it is drawn
};

struct GuiState {
    // ---- the trace on screen --------------------------------------------------------------------
    // What every view draws: time_model, or event_model when playback goes by event order. Views read
    // only `model`, so each of them follows the playhead in either order.
    std::shared_ptr<const TraceModel> model;
    std::shared_ptr<const TraceModel> time_model;    // times are virtual seconds
    std::shared_ptr<const TraceModel> event_model;   // times are steps of the run's event order (null: none recorded)
    std::shared_ptr<const EventOrder> order;
    bool by_event = false;             // playback and the timeline's x axis go by event order
    std::string source_file;           // "scenarios/alltoall_deadlock.cpp" or "ring.c", for the source view
    std::string source_text;
    std::string trace_origin;          // "run of alltoall-deadlock" / "file foo.json"
    std::string run_error;             // a run that could not start, shown in the browser

    // ---- playback ------------------------------------------------------------------------------
    double playhead = 0;               // virtual seconds, or events done (by_event: 3 = after the first 3 events)
    bool playing = false;
    float speed = 1.0f;                // 1x plays the whole trace in about ten seconds
    bool follow_playhead = true;       // the timeline scrolls to keep the playhead visible

    // ---- timeline view window (virtual seconds) ------------------------------------------------
    double view_begin = 0;
    double view_end = 1;
    bool fit_request = true;           // fit the window to the trace on the next frame
    float lane_scroll = 0;
    bool all_arrows = false;           // from 64 ranks on: every rank's message arrows, not only the selected one's

    Selection selection;
    bool scroll_source_to_selection = true;
    bool matrix_bytes = false;
    int console_rank = -1;             // -1: all ranks

    // ---- presentation -------------------------------------------------------------------------
    float scale = 1.0f;
    bool projector = false;            // timeline, topology and outcome only, large
    bool legend_open = true;
    bool show_keys = false;            // the list of keys ('?')
    bool big_clock = false;            // a large event counter and clock over the panels ('C')
    std::string maximised;             // the panel shown over the whole body (empty: the layout)
    std::string hovered_panel;         // the panel under the mouse last frame (what 'M' maximises)
    DrawnRect hovered_panel_rect;
    std::string focused_panel_name;    // the panel last clicked (what Shift+F12 saves), and where it is
    DrawnRect focused_panel;

    // ---- pictures for slides (slides.hpp) --------------------------------------------------------
    Capture capture = Capture::None;
    bool recording = false;            // a GIF is being recorded ('G' starts and stops it)
    std::string slide_message;         // what was saved, or why not (shown in the menu bar)
    float playback_height = 0;         // measured by the playback bar each frame (0: not yet)
    bool dark = true;
    bool theme_dirty = true;           // fonts and style must be rebuilt before the next frame

    // ---- runs and files ------------------------------------------------------------------------
    RunForm form;
    Runner runner;
    bool run_requested = false;        // the browser asks; the app starts it (so headless can wait)
    std::string file_path = "trace.json";
    std::string file_message;          // last open/save result or error
    bool file_error = false;
    Notice notice;

    std::shared_ptr<ComparedRun> compared;   // non-null: two runs side by side on one axis

    DrawnLayout drawn;
    double frame_seconds = 0;          // wall time of the last frame (for playback)
};

const std::vector<const char*>& schedule_names();

// Puts a new trace on screen: keeps the selection if the rank exists, refits the timeline, finds
// the scenario's source text, and puts the playhead at the run's start (in event order when the run
// recorded one and its schedule is deterministic), so the outcome is revealed by playing it.
void show_trace(GuiState& gui, std::shared_ptr<const TraceModel> model, std::string origin);

// Switches playback and the timeline between virtual time and event order, keeping the playhead at
// the same moment of the run (as near as the other order allows). No-op without a recorded order.
void set_event_order(GuiState& gui, bool by_event);
// The outcome (the verdict, the deadlock's cycle, the failed rank) is shown once playback reaches the
// moment the run got stuck or ended: until then the class can predict what happens next.
bool outcome_revealed(const GuiState& gui);
// The events done at the playhead, by event order (0 when playback goes by time).
std::size_t current_step(const GuiState& gui);

// Shows `model` beside the trace on screen, on the same axis (by event when both recorded their order),
// with the playhead at the end of the longer run so both outcomes show at once.
void compare_with(GuiState& gui, std::shared_ptr<const TraceModel> model, std::string origin);
// Swaps the compared run into the fields every view reads (model, orders, origin, selection), and
// back on the second call: a view then draws the compared run as it draws the one on screen.
void swap_compared(GuiState& gui);
// Where playback ends: after the last event (by event) or at the end of the time axis, of the longer
// run when two are compared.
double playback_end(const GuiState& gui);

// Loads the run form with a scenario's defaults.
void select_scenario(GuiState& gui, const Scenario& scenario);
// Loads the run form with any program source (a scenario, a C program, a script) and its defaults.
void select_source(GuiState& gui, std::shared_ptr<const ProgramSource> source);
RunRequest make_run_request(const GuiState& gui);
// The modification time of a file as a number (0 if it cannot be read).
std::int64_t file_time(const std::string& path);

}  // namespace mpilab::gui
