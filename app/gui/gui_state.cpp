// Putting a trace on screen and turning the run form into a run request. See gui_state.hpp.
#include "gui_state.hpp"

#include "app/source/scenario_source.hpp"

#include <algorithm>
#include <filesystem>


namespace mpilab::gui {

const std::vector<const char*>& schedule_names() {
    static const std::vector<const char*> names = {"run-until-blocked", "round-robin", "random", "free"};
    return names;
}

static const Scenario* scenario_of_trace(const Trace& trace) {
    if (const Scenario* s = find_scenario(trace.run.scenario)) return s;
    // A trace of a program run directly: find the scenario whose file the calls point into.
    for (const auto& loc : trace.locations) {
        for (const auto& s : all_scenarios()) {
            const std::string& f = s.source_file;
            auto slash = f.rfind('/');
            std::string name = slash == std::string::npos ? f : f.substr(slash + 1);
            if (loc.file.size() >= name.size() && loc.file.compare(loc.file.size() - name.size(), name.size(), name) == 0) {
                return &s;
            }
        }
    }
    return nullptr;
}

void set_event_order(GuiState& gui, bool by_event) {
    if (by_event && !gui.event_model) return;
    if (by_event != gui.by_event && gui.order) {
        const EventOrder& order = *gui.order;
        if (by_event) {
            gui.playhead = static_cast<double>(order.steps_until(gui.playhead));
        } else {
            const auto step = static_cast<std::size_t>(std::max(gui.playhead, 0.0));
            gui.playhead = step == 0 ? 0.0 : order.virtual_time[std::min(step, order.count()) - 1];
        }
    }
    gui.by_event = by_event;
    gui.model = by_event ? gui.event_model : gui.time_model;
    gui.fit_request = true;
}

bool outcome_revealed(const GuiState& gui) {
    return gui.model && gui.playhead >= gui.model->last_activity();
}

std::size_t current_step(const GuiState& gui) {
    if (!gui.by_event || !gui.order) return 0;
    return std::min(static_cast<std::size_t>(std::max(gui.playhead, 0.0)), gui.order->count());
}

void show_trace(GuiState& gui, std::shared_ptr<const TraceModel> model, std::string origin) {
    gui.time_model = std::move(model);
    gui.order = gui.time_model ? make_event_order(gui.time_model->trace()) : nullptr;
    gui.event_model = gui.order ? std::make_shared<const TraceModel>(gui.order->trace) : nullptr;
    // Event order by default where it means something: a deterministic schedule gives the same order
    // on every run; the free schedule's order is one of many.
    gui.by_event = gui.event_model && gui.time_model->trace().run.schedule != "free";
    gui.model = gui.by_event ? gui.event_model : gui.time_model;
    gui.trace_origin = std::move(origin);
    gui.fit_request = true;
    gui.playing = false;
    gui.source_file.clear();
    gui.source_text = {};
    if (!gui.model) return;
    const Trace& trace = gui.model->trace();
    const bool from_form = gui.form.source && trace.run.scenario == gui.form.source->name();
    std::vector<SourceFile> files =
        from_form && gui.form.scenario_id.empty() ? gui.form.source->source_files() : std::vector<SourceFile>{};
    if (const Scenario* s = scenario_of_trace(trace)) {
        gui.source_file = s->source_file;
        gui.source_text = std::string(s->source_text);
    } else if (!files.empty()) {
        // The program that was run: the file its calls point into, as the source has it.
        const SourceFile* shown = &files.front();
        for (const SourceFile& file : files)
            for (const SourceLocation& location : trace.locations)
                if (location.file == file.path) shown = &file;
        gui.source_file = shown->path;
        gui.source_text = shown->text;
    } else {
        // A user's program: the file its calls point into, read from disk.
        for (const SourceLocation& location : trace.locations) {
            std::string text = source_text_for(location.file);
            if (text.empty()) continue;
            gui.source_file = location.file;
            gui.source_text = std::move(text);
            break;
        }
    }
    if (gui.selection.rank >= gui.model->ranks()) gui.selection.rank = 0;
    gui.selection.call = NONE;
    gui.selection.message = NONE;
    // Every run opens at its start: predict, then play (or reveal) what happens. The first rank
    // involved in a deadlock or an error is selected, ready for the reveal.
    gui.playhead = 0;
    if (trace.outcome.status != OutcomeStatus::Completed) {
        if (trace.outcome.deadlock && !trace.outcome.deadlock->blocked.empty()) {
            if (!trace.outcome.deadlock->cycle.empty()) gui.selection.rank = trace.outcome.deadlock->cycle.front();
            else gui.selection.rank = trace.outcome.deadlock->blocked.front().rank;
        } else if (trace.outcome.error && trace.outcome.error->rank >= 0) {
            gui.selection.rank = trace.outcome.error->rank;
            gui.selection.call = trace.outcome.error->call_index;
        }
    }
    // A damaged outcome may name a rank the trace does not have.
    if (gui.selection.rank < 0 || gui.selection.rank >= gui.model->ranks()) gui.selection.rank = 0;
    gui.scroll_source_to_selection = true;
}

void compare_with(GuiState& gui, std::shared_ptr<const TraceModel> model, std::string origin) {
    auto run = std::make_shared<ComparedRun>();
    run->time_model = std::move(model);
    run->order = make_event_order(run->time_model->trace());
    run->event_model = run->order ? std::make_shared<const TraceModel>(run->order->trace) : nullptr;
    run->origin = std::move(origin);
    gui.compared = std::move(run);
    // One axis for both: by event only when both recorded their order.
    if (!gui.compared->event_model) set_event_order(gui, false);
    gui.fit_request = true;
    gui.playing = false;
    gui.playhead = playback_end(gui);
}

void swap_compared(GuiState& gui) {
    if (!gui.compared) return;
    ComparedRun& other = *gui.compared;
    // Going in, the compared run follows the order playback goes by (it may have none: then by time).
    if (!other.swapped_in) other.model = gui.by_event && other.event_model ? other.event_model : other.time_model;
    other.swapped_in = !other.swapped_in;
    std::swap(gui.model, other.model);
    std::swap(gui.time_model, other.time_model);
    std::swap(gui.event_model, other.event_model);
    std::swap(gui.order, other.order);
    std::swap(gui.trace_origin, other.origin);
    std::swap(gui.selection, other.selection);
}

double playback_end(const GuiState& gui) {
    auto end_of = [&](const TraceModel* model, const EventOrder* order) {
        if (!model) return 0.0;
        return gui.by_event && order ? static_cast<double>(order->count()) : model->end_time();
    };
    double end = end_of(gui.model.get(), gui.order.get());
    if (gui.compared) {
        const ComparedRun& other = *gui.compared;
        const bool by_event = gui.by_event && other.event_model;
        end = std::max(end, end_of(by_event ? other.event_model.get() : other.time_model.get(), other.order.get()));
    }
    return end;
}

void select_scenario(GuiState& gui, const Scenario& scenario) {
    select_source(gui, std::make_shared<ScenarioSource>(scenario));
}

void select_source(GuiState& gui, std::shared_ptr<const ProgramSource> source) {
    RunForm& f = gui.form;
    const auto* scenario = dynamic_cast<const ScenarioSource*>(source.get());
    f.scenario_id = scenario ? scenario->scenario().id : "";
    f.ranks = source->default_ranks();
    f.params = Value::object();
    for (const auto& p : source->params()) f.params[p.name] = p.default_value;
    f.argv.clear();
    f.watched.clear();
    for (const std::string& file : source->watched_files()) f.watched.emplace_back(file, file_time(file));
    f.changed_on_disk = false;
    f.source = std::move(source);
}

std::int64_t file_time(const std::string& path) {
    std::error_code error;
    const auto time = std::filesystem::last_write_time(path, error);
    return error ? 0 : static_cast<std::int64_t>(time.time_since_epoch().count());
}

RunRequest make_run_request(const GuiState& gui) {
    const RunForm& f = gui.form;
    RunRequest r;
    r.source = f.source;
    r.ranks = f.ranks;
    r.eager_threshold = f.eager_threshold;
    r.schedule = schedule_names()[static_cast<std::size_t>(f.schedule) % schedule_names().size()];
    r.seed = f.seed;
    r.args.overrides = f.source && !f.source->params().empty() ? f.params : Value::object();
    r.args.argv = f.argv;
    r.algorithms = f.algorithms;
    return r;
}

}  // namespace mpilab::gui
