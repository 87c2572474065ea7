// The rank inspector: the selected rank at the playhead — its state, current call with arguments,
// posted receives, unexpected messages, pending requests and virtual clock — all from rank_snapshot().
#include "format.hpp"
#include "rank_snapshot.hpp"
#include "views.hpp"

namespace mpilab::gui {

void draw_rank_inspector(GuiState& gui) {
    if (!gui.model) {
        empty_hint("Select a rank to see its state, queues and requests at the playhead.");
        return;
    }
    const TraceModel& model = *gui.model;
    const Trace& trace = model.trace();
    int rank = std::clamp(gui.selection.rank, 0, std::max(model.ranks() - 1, 0));
    ImGui::SetNextItemWidth(em() * 6);
    if (ImGui::InputInt("rank", &rank)) select_rank(gui, std::clamp(rank, 0, model.ranks() - 1));
    rank = std::clamp(gui.selection.rank, 0, std::max(model.ranks() - 1, 0));

    RankSnapshot s = rank_snapshot(model, rank, gui.playhead);
    ImGui::SameLine(0, em());
    colour_swatch(state_colour(s.state));
    ImGui::TextUnformatted(rank_state_name(s.state));
    // By event, the times shown are still virtual: the rank's clock at its latest event so far.
    const Trace& virtual_times = gui.time_model ? gui.time_model->trace() : trace;
    const double clock = gui.by_event && gui.order ? gui.order->rank_clock(rank, current_step(gui)) : s.clock;
    ImGui::Text("virtual clock %s", format_time(clock).c_str());
    if (s.location != NONE) {
        ImGui::SameLine(0, em());
        ImGui::TextDisabled("at %s", location_text(trace, s.location).c_str());
    }

    ImGui::Separator();
    const bool revealed = outcome_revealed(gui);
    // A call with its times (virtual, also by event) and its message. Whether it returned, and that
    // it never does, are for the playback to reveal.
    auto show_call = [&](const char* title, std::uint32_t id) {
        const CallRecord& c = trace.calls[id];
        const CallRecord& timed = id < virtual_times.calls.size() ? virtual_times.calls[id] : c;
        ImGui::TextDisabled("%s", title);
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(describe_call(trace, c).c_str());
        ImGui::PopTextWrapPos();
        const bool returned = !c.unfinished() && c.leave <= gui.playhead;
        const char* never = c.unfinished() && revealed ? ", never returned" : "";
        ImGui::Text("entered %s%s", format_time(timed.enter).c_str(),
                    returned ? (", returned " + format_time(timed.leave)).c_str() : never);
        if (c.request != 0) ImGui::Text("request #%u", c.request);
        if (c.message != NONE && c.message < trace.messages.size()) {
            ImGui::TextDisabled("message:");
            ImGui::SameLine();
            ImGui::TextUnformatted(describe_message(trace, trace.messages[c.message], revealed).c_str());
            if (ImGui::IsItemHovered()) message_tooltip(gui, c.message);
        }
    };
    // The call clicked in the timeline or the outcome, when it is not the one the rank is in now (a
    // zero-length call beside a blocked one, or a call of the past).
    const std::uint32_t clicked = gui.selection.call;
    if (clicked != NONE && clicked < trace.calls.size() && trace.calls[clicked].rank == rank && clicked != s.current_call) {
        show_call("Selected call", clicked);
        ImGui::Separator();
    }
    if (s.current_call != NONE) {
        show_call("Current call", s.current_call);
    } else if (s.last_call != NONE) {
        ImGui::TextDisabled("Between calls; last call:");
        ImGui::TextUnformatted(describe_call(trace, trace.calls[s.last_call]).c_str());
    } else {
        ImGui::TextDisabled("No call yet.");
    }

    auto section = [&](const char* title, std::size_t count) {
        ImGui::Separator();
        ImGui::TextDisabled("%s", title);
        ImGui::SameLine();
        ImGui::Text("(%zu)", count);
    };
    const std::size_t shown = 12;
    section("Posted receives", s.posted_receives.size());
    for (std::size_t i = 0; i < s.posted_receives.size() && i < shown; ++i) {
        const CallRecord& c = trace.calls[s.posted_receives[i]];
        const std::uint32_t id = s.posted_receives[i];
        const double posted = id < virtual_times.calls.size() ? virtual_times.calls[id].enter : c.enter;
        ImGui::BulletText("%s, posted %s", describe_call(trace, c).c_str(), format_time(posted).c_str());
    }
    if (s.posted_receives.size() > shown) ImGui::TextDisabled("... %zu more", s.posted_receives.size() - shown);

    section("Unexpected messages", s.unexpected_messages.size());
    for (std::size_t i = 0; i < s.unexpected_messages.size() && i < shown; ++i) {
        const MessageRecord& m = trace.messages[s.unexpected_messages[i]];
        std::string what = "from " + std::to_string(m.src) + ", tag " + std::to_string(m.tag) + ", " + format_bytes(m.bytes);
        if (m.protocol == Protocol::Rendezvous) what += " (envelope only: rendezvous)";
        ImGui::BulletText("%s", what.c_str());
        if (ImGui::IsItemHovered()) message_tooltip(gui, s.unexpected_messages[i]);
    }
    if (s.unexpected_messages.size() > shown) ImGui::TextDisabled("... %zu more", s.unexpected_messages.size() - shown);

    section("Pending requests", s.pending_requests.size());
    for (std::size_t i = 0; i < s.pending_requests.size() && i < shown; ++i) {
        const auto& p = s.pending_requests[i];
        const CallRecord& c = trace.calls[p.call];
        ImGui::BulletText("#%u %s%s", c.request, describe_call(trace, c).c_str(),
                          p.done_at < 0 && revealed ? " (never completes)" : "");
    }
    if (s.pending_requests.size() > shown) ImGui::TextDisabled("... %zu more", s.pending_requests.size() - shown);

    ImGui::Separator();
    ImGui::TextDisabled("Output lines so far: %zu", s.output_lines);
}

}  // namespace mpilab::gui
