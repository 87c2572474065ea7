// The outcome panel: for a deadlock, the wait-for graph (AND arcs solid, OR arcs dashed, the cycle
// red), the explanation in words and every blocked call with its source line, each clickable to
// select that rank everywhere; for an error, who failed where and what to change; for a completed
// run, its results and warnings.
#include "format.hpp"
#include "views.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace mpilab::gui {

namespace {

ImVec4 colour4(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }

void wait_for_graph(GuiState& gui, const DeadlockInfo& info, float height) {
    const Palette& pal = palette();
    const TraceModel& model = *gui.model;
    ImVec2 origin = ImGui::GetCursorScreenPos();
    float width = ImGui::GetContentRegionAvail().x;
    ImGui::InvisibleButton("##waitfor", ImVec2(width, height));
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), pal.canvas, em() * 0.2f);

    // The ranks in the graph: the cycle first, then blocked ranks and the ranks arcs point to, at
    // most kMaxNodes of them. Membership is a bitmap over the ranks: linear in what the outcome
    // lists, however long its tables are.
    constexpr std::size_t kMaxNodes = 48;
    const auto& arcs = model.wait_arcs();
    const int n = model.ranks();
    std::vector<char> member(static_cast<std::size_t>(std::max(n, 0)), 0);
    std::vector<int> ranks;
    std::size_t wanted = 0;
    auto add = [&](int r) {
        if (r < 0 || r >= n || member[r]) return;
        member[r] = 1;
        ++wanted;
        if (ranks.size() < kMaxNodes) ranks.push_back(r);
    };
    for (int r : info.cycle) add(r);
    for (const auto& b : info.blocked) add(b.rank);
    for (const auto& a : arcs) add(a.to);
    if (ranks.empty()) return;
    const bool too_many = wanted > ranks.size();
    std::sort(ranks.begin(), ranks.end());
    std::vector<int> slot(member.size(), -1);   // rank -> position on the circle, -1: not shown
    for (std::size_t i = 0; i < ranks.size(); ++i) slot[ranks[i]] = static_cast<int>(i);

    ImVec2 centre(origin.x + width * 0.5f, origin.y + height * 0.5f);
    float radius = std::max(std::min(width, height) * 0.5f - em() * 1.3f, em());
    float node_r = std::clamp(std::min(3.14159f * radius / ranks.size() * 0.6f, radius * 0.36f), 4.0f, em() * 0.9f);
    auto position = [&](int r) {
        float a = -3.14159265f / 2 + 2 * 3.14159265f * static_cast<float>(slot[r]) / ranks.size();
        return ImVec2(centre.x + radius * std::cos(a), centre.y + radius * std::sin(a));
    };
    // Between shown ranks there are at most kMaxNodes^2 distinct arcs; the cycle's are drawn last.
    auto draw_arc = [&](const DrawnArc& arc) {
        ImVec2 a = position(arc.from), b = position(arc.to);
        float dx = b.x - a.x, dy = b.y - a.y, len = std::sqrt(dx * dx + dy * dy);
        if (len < 1) return;
        // Offset each direction sideways so that a <-> b shows as two arrows.
        float ox = -dy / len * em() * 0.2f, oy = dx / len * em() * 0.2f;
        ImVec2 s(a.x + dx / len * node_r + ox, a.y + dy / len * node_r + oy);
        ImVec2 e(b.x - dx / len * (node_r + 2) + ox, b.y - dy / len * (node_r + 2) + oy);
        ImU32 colour = arc.in_cycle ? pal.cycle : pal.wait_arc;
        float th = std::max(2.0f, em() * (arc.in_cycle ? 0.17f : 0.1f));
        if (arc.kind == ArcKind::Or) dashed_line(dl, s, e, colour, th, em() * 0.3f);
        else dl->AddLine(s, e, colour, th);
        arrow_head(dl, s, e, colour, em() * 0.6f);
    };
    for (int pass = 0; pass < 2; ++pass) {
        for (int from : ranks) {
            auto [first, last] = arcs_from(arcs, from);
            for (auto it = first; it != last; ++it) {
                if (slot[it->to] >= 0 && it->in_cycle == (pass == 1)) draw_arc(*it);
            }
        }
    }
    int hover = -1;
    ImVec2 mouse = ImGui::GetIO().MousePos;
    for (int r : ranks) {
        ImVec2 p = position(r);
        RankState s = model.state_at(r, model.end_time());
        dl->AddCircleFilled(p, node_r, state_colour(s), 24);
        if (r == gui.selection.rank) dl->AddCircle(p, node_r + em() * 0.25f, pal.selection, 24, 2.0f);
        std::string label = std::to_string(r);
        ImVec2 ts = ImGui::CalcTextSize(label.c_str());
        if (node_r * 2 > ts.x) dl->AddText(ImVec2(p.x - ts.x * 0.5f, p.y - ts.y * 0.5f), pal.text_on_bar, label.c_str());
        float dx = mouse.x - p.x, dy = mouse.y - p.y;
        if (hovered && dx * dx + dy * dy <= node_r * node_r * 1.5f) hover = r;
    }
    char caption[64];
    std::snprintf(caption, sizeof caption, too_many ? "wait-for graph (%zu of %zu ranks)" : "wait-for graph",
                  ranks.size(), wanted);
    dl->AddText(ImVec2(origin.x + em() * 0.3f, origin.y + em() * 0.15f), pal.text_dim, caption);
    if (hover >= 0) {
        ImGui::BeginTooltip();
        ImGui::Text("rank %d", hover);
        auto [first, last] = arcs_from(arcs, hover);
        int listed = 0;
        for (auto it = first; it != last; ++it, ++listed) {
            if (listed == 16) {
                ImGui::TextDisabled("... %d more", static_cast<int>(last - it));
                break;
            }
            const WaitArc& arc = info.arcs[it->label];
            ImGui::BulletText("%s %d: %s%s", it->kind == ArcKind::And ? "needs" : "needs (or)", it->to,
                              arc.label.c_str(), it->to_finished ? " (already finished)" : "");
        }
        ImGui::EndTooltip();
        if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) select_rank(gui, hover);
    }
}

// "0 → 1 → 2": at most `limit` ranks, then how many more (a damaged trace may list thousands).
std::string join_ranks(const std::vector<std::int32_t>& ranks, const char* sep, std::size_t limit = 24) {
    std::string s;
    for (std::size_t i = 0; i < ranks.size(); ++i) {
        if (i) s += sep;
        if (i == limit) return s + "... (" + format_count(ranks.size() - limit) + " more)";
        s += std::to_string(ranks[i]);
    }
    return s;
}

// The outcome's warnings, at most 64 of them.
void list_warnings(const std::vector<std::string>& warnings, const char* prefix) {
    constexpr std::size_t kMaxListed = 64;
    for (std::size_t i = 0; i < warnings.size() && i < kMaxListed; ++i) {
        ImGui::BulletText("%s%s", prefix, warnings[i].c_str());
    }
    if (warnings.size() > kMaxListed) {
        ImGui::TextDisabled("... and %s more warnings", format_count(warnings.size() - kMaxListed).c_str());
    }
}

}  // namespace

void draw_deadlock_panel(GuiState& gui) {
    if (!gui.model) {
        empty_hint("The outcome of the run appears here: a deadlock with its wait-for graph, an error, or the results.");
        return;
    }
    if (!outcome_revealed(gui)) {
        // Predict, then reveal: the verdict waits until playback reaches the end of the run.
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted("The outcome appears when playback reaches the moment the run ended or got stuck.");
        ImGui::TextDisabled("What do you predict: does every rank finish? Play or step on (Space, Right), or:");
        ImGui::PopTextWrapPos();
        if (ImGui::Button("Reveal outcome")) reveal_outcome(gui);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Go to where the run ended or got stuck (D)");
        return;
    }
    const Trace& trace = gui.model->trace();
    const Outcome& o = trace.outcome;
    const Palette& pal = palette();
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", gui.model->explanation().threshold.c_str());
    ImGui::PopTextWrapPos();

    if (o.status == OutcomeStatus::Deadlock && o.deadlock) {
        const DeadlockInfo& info = *o.deadlock;
        ImGui::TextColored(colour4(pal.bad), "DEADLOCK");
        ImGui::SameLine();
        if (!info.cycle.empty()) {
            std::vector<std::int32_t> loop = info.cycle;
            loop.push_back(info.cycle.front());
            ImGui::Text("cycle: rank %s", join_ranks(loop, " \xE2\x86\x92 ").c_str());
        } else {
            ImGui::TextUnformatted("no rank can progress");
        }
        float avail_h = ImGui::GetContentRegionAvail().y;
        float graph_h = std::max(avail_h, em() * 6);
        // A narrow panel (a projector at a big scale) gives the blocked calls the whole width: the
        // topology beside it shows the same cycle.
        if (ImGui::GetContentRegionAvail().x >= em() * 28) {
            float graph_w = std::min(ImGui::GetContentRegionAvail().x * 0.4f, em() * 20);
            ImGui::BeginChild("##graph", ImVec2(graph_w, graph_h), false);
            wait_for_graph(gui, info, graph_h - ImGui::GetStyle().WindowPadding.y);
            ImGui::EndChild();
            ImGui::SameLine();
        }
        ImGui::BeginChild("##blocked", ImVec2(0, graph_h), false);
        // The blocked calls first (what the student clicks), the engine's full explanation below.
        ImGui::TextDisabled("Blocked calls (click to select the rank):");
        // At most kMaxListed blocked calls: a frame must not grow with a (damaged) trace's table.
        constexpr std::size_t kMaxListed = 256;
        for (std::size_t i = 0; i < info.blocked.size() && i < kMaxListed; ++i) {
            const BlockedCall& b = info.blocked[i];
            ImGui::PushID(static_cast<int>(i));
            std::string head = "rank " + std::to_string(b.rank) + ": " + b.call_name;
            if (b.peer != PROC_NULL) head += (b.call_name.find("ecv") != std::string::npos ? " from " : " to ") + rank_text(b.peer);
            if (b.bytes > 0) head += ", " + format_bytes(b.bytes);
            if (b.protocol != Protocol::None) head += " (" + std::string(protocol_name(b.protocol)) + ")";
            colour_swatch(state_colour(gui.model->state_at(b.rank, gui.model->end_time())));
            if (ImGui::Selectable(head.c_str(), gui.selection.rank == b.rank)) {
                select_rank(gui, b.rank);
                gui.selection.call = b.call;
                gui.playhead = gui.model->end_time();
            }
            std::string detail = b.reason;
            if (!b.file.empty()) {
                auto slash = b.file.rfind('/');
                std::string where = (slash == std::string::npos ? b.file : b.file.substr(slash + 1)) + ":" + std::to_string(b.line);
                detail = where + (detail.empty() ? "" : "  \xE2\x80\x94  " + detail);
            }
            if (!detail.empty()) {
                ImGui::Indent(em() * 1.2f);
                ImGui::PushTextWrapPos(0);
                ImGui::TextDisabled("%s", detail.c_str());
                ImGui::PopTextWrapPos();
                ImGui::Unindent(em() * 1.2f);
            }
            ImGui::PopID();
        }
        if (info.blocked.size() > kMaxListed) {
            ImGui::TextDisabled("... and %s more blocked calls (hover a rank in the graph for its arcs)",
                                format_count(info.blocked.size() - kMaxListed).c_str());
        }
        if (!info.finished.empty()) ImGui::Text("Already finished: rank %s", join_ranks(info.finished, ", ").c_str());
        ImGui::Separator();
        ImGui::PushTextWrapPos(0);
        const Explanation& advice = gui.model->explanation();
        if (!advice.advice.empty()) {
            ImGui::TextColored(colour4(pal.good), "How to fix it:");
            for (const std::string& a : advice.advice) {
                ImGui::Bullet();   // leaves the cursor on its line
                ImGui::TextWrapped("%s", a.c_str());
            }
            if (!advice.note.empty()) ImGui::TextDisabled("%s", advice.note.c_str());
            ImGui::Separator();
        }
        ImGui::TextUnformatted(o.message.c_str());
        ImGui::PopTextWrapPos();
        list_warnings(o.warnings, "");
        ImGui::EndChild();
        return;
    }
    if (o.status == OutcomeStatus::Error && o.error) {
        const ErrorInfo& e = *o.error;
        ImGui::TextColored(colour4(pal.bad), "ERROR");
        ImGui::SameLine();
        ImGui::Text("%s in rank %d, %s", e.kind.c_str(), e.rank, e.call.c_str());
        if (!e.file.empty()) {
            auto slash = e.file.rfind('/');
            ImGui::SameLine();
            ImGui::TextDisabled("at %s:%u", (slash == std::string::npos ? e.file : e.file.substr(slash + 1)).c_str(), e.line);
        }
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(e.message.c_str());
        if (!o.message.empty() && o.message != e.message) ImGui::TextDisabled("%s", o.message.c_str());
        ImGui::PopTextWrapPos();
        if (e.rank >= 0 && ImGui::Button("Select the failing rank")) {
            select_rank(gui, e.rank);
            gui.selection.call = e.call_index;
            gui.playhead = gui.model->end_time();
        }
        list_warnings(o.warnings, "");
        return;
    }
    if (o.status == OutcomeStatus::Cancelled) {
        ImGui::TextColored(colour4(pal.wait_arc), "CANCELLED");
        ImGui::SameLine();
        ImGui::TextWrapped("%s", o.message.empty() ? "The run was stopped before it finished." : o.message.c_str());
        return;
    }
    ImGui::TextColored(colour4(pal.good), "COMPLETED");
    ImGui::SameLine();
    ImGui::TextWrapped("%s", o.message.c_str());
    if (!o.results.empty() && !o.results.is_null()) {
        ImGui::TextDisabled("Results:");
        for (auto it = o.results.begin(); it != o.results.end(); ++it) {
            ImGui::BulletText("%s = %s", it.key().c_str(), it.value().dump().c_str());
        }
    }
    list_warnings(o.warnings, "warning: ");
}

}  // namespace mpilab::gui
