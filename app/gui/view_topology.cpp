// The animated topology: ranks on a circle coloured by their state at the playhead, messages in
// flight moving along the chords (eager round, rendezvous square, an unmatched rendezvous envelope
// waiting at the sender), blocked ranks ringed, and at a deadlock the wait-for arcs with the cycle
// in red. With many messages in flight, at most a few thousand are drawn and the total is shown.
#include "format.hpp"
#include "views.hpp"

#include <cmath>
#include <vector>

namespace mpilab::gui {

namespace {

bool is_blocked(RankState s) {
    return s == RankState::BlockedSend || s == RankState::BlockedRecv || s == RankState::BlockedWait ||
           s == RankState::Deadlocked;
}

// A curved arrow from a to b bowing to its left, so that a -> b and b -> a do not overlap.
void curved_arrow(ImDrawList* dl, ImVec2 a, ImVec2 b, float node_r, ImU32 colour, float thickness, bool dashed) {
    float dx = b.x - a.x, dy = b.y - a.y;
    float len = std::sqrt(dx * dx + dy * dy);
    if (len < 1) return;
    float ux = dx / len, uy = dy / len;
    ImVec2 s(a.x + ux * node_r, a.y + uy * node_r), e(b.x - ux * node_r, b.y - uy * node_r);
    ImVec2 c((s.x + e.x) * 0.5f - uy * len * 0.18f, (s.y + e.y) * 0.5f + ux * len * 0.18f);
    const int segments = 24;
    ImVec2 prev = s;
    for (int i = 1; i <= segments; ++i) {
        float t = static_cast<float>(i) / segments, u = 1 - t;
        ImVec2 p(u * u * s.x + 2 * u * t * c.x + t * t * e.x, u * u * s.y + 2 * u * t * c.y + t * t * e.y);
        if (!dashed || (i % 2) == 0) dl->AddLine(prev, p, colour, thickness);
        if (i == segments) arrow_head(dl, prev, p, colour, thickness * 4.5f);
        prev = p;
    }
}

}  // namespace

void draw_topology(GuiState& gui) {
    if (!gui.model) {
        empty_hint("Ranks appear here on a circle once a trace is loaded.");
        return;
    }
    const TraceModel& model = *gui.model;
    const Trace& trace = model.trace();
    const Palette& pal = palette();
    const double t = gui.playhead;
    const int n = model.ranks();

    ImVec2 origin = ImGui::GetCursorScreenPos();
    ImVec2 avail = ImGui::GetContentRegionAvail();
    if (avail.x < em() * 3 || avail.y < em() * 3) return;
    ImGui::InvisibleButton("##topology", avail);
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(origin, ImVec2(origin.x + avail.x, origin.y + avail.y), true);

    const ImVec2 centre(origin.x + avail.x * 0.5f, origin.y + avail.y * 0.5f + em() * 0.5f);
    const float radius = std::max(std::min(avail.x, avail.y - em()) * 0.5f - em() * 1.1f, em());
    // Neighbours never overlap: a node is at most a third of the distance to the next one (and of the radius).
    const float node_r = std::clamp(std::min(3.14159f * radius / std::max(n, 1) * 0.7f, radius * 0.36f), 2.5f, em() * 1.1f);
    std::vector<ImVec2> pos(n);
    for (int r = 0; r < n; ++r) {
        float a = -3.14159265f / 2 + 2 * 3.14159265f * r / std::max(n, 1);
        pos[r] = ImVec2(centre.x + radius * std::cos(a), centre.y + radius * std::sin(a));
    }

    // Faint chords for the pairs that exchange messages (small rank counts only), all of them while
    // they are few enough to read (about four per rank); beyond that only the selected rank's. A
    // dense web is a grey disc that tells nothing pair by pair, and each long anti-aliased line costs
    // the software renderer as much as a filled strip (the 120 chords of 16 ranks were an eighth of
    // the blocks a frame shaded).
    const CommMatrix& mx = model.matrix();
    bool only_selected = false;
    if (n <= 64 && mx.ranks_per_cell == 1) {
        auto talk = [&](int a, int b) { return mx.count[a * mx.side + b] + mx.count[b * mx.side + a] > 0; };
        int pairs = 0;
        for (int a = 0; a < n; ++a) {
            for (int b = a + 1; b < n; ++b) pairs += talk(a, b);
        }
        only_selected = pairs > 4 * n;
        for (int a = 0; a < n; ++a) {
            if (only_selected && a != gui.selection.rank) continue;
            for (int b = only_selected ? 0 : a + 1; b < n; ++b) {
                if (b != a && talk(a, b)) dl->AddLine(pos[a], pos[b], pal.grid, 1.0f);
            }
        }
    }

    // ---- wait-for graph at the deadlock --------------------------------------------------------
    // Arcs come deduplicated from the model. The cycle's arcs are drawn last (on top); of the others
    // at most kMaxArcs are drawn, and only the selected rank's once there are more, so a frame costs
    // the same for 10 arcs or 300,000.
    const auto& arcs = model.wait_arcs();
    if (!arcs.empty() && outcome_revealed(gui)) {
        constexpr std::size_t kMaxArcs = 512;
        const bool crowded = arcs.size() > kMaxArcs;
        auto stuck_at = [&](int rank) {
            // An arc shows from the moment its rank blocked in the call it never leaves.
            std::uint32_t c = model.call_at(rank, t);
            return t >= model.last_activity() || (c != NONE && trace.calls[c].unfinished());
        };
        auto draw_arc = [&](const DrawnArc& arc, ImU32 colour, float weight) {
            curved_arrow(dl, pos[arc.from], pos[arc.to], node_r * 1.15f, colour, std::max(2.0f, em() * weight),
                         arc.kind == ArcKind::Or);
        };
        std::size_t drawn = 0;
        for (const DrawnArc& arc : arcs) {
            if (arc.in_cycle || drawn >= kMaxArcs) continue;
            if (crowded && arc.from != gui.selection.rank && arc.to != gui.selection.rank) continue;
            if (!stuck_at(arc.from)) continue;
            draw_arc(arc, pal.wait_arc, 0.12f);
            ++drawn;
        }
        std::size_t cycle_drawn = 0;
        for (const DrawnArc& arc : arcs) {
            if (arc.in_cycle && cycle_drawn < 8 * kMaxArcs && stuck_at(arc.from)) {
                draw_arc(arc, pal.cycle, 0.2f);
                ++cycle_drawn;
            }
        }
    }

    // ---- messages in flight --------------------------------------------------------------------
    static std::vector<std::uint32_t> flying;
    const std::size_t total = model.messages_in_flight(t, flying, 4000);
    const float dot = std::clamp(node_r * 0.35f, 2.5f, em() * 0.38f);
    for (auto id : flying) {
        const MessageRecord& m = trace.messages[id];
        if (m.src < 0 || m.src >= n || m.dst < 0 || m.dst >= n) continue;
        ImVec2 a = pos[m.src], b = pos[m.dst];
        const bool rendezvous = m.protocol == Protocol::Rendezvous;
        const bool matched = m.match_time >= 0 && m.match_time <= t;
        if (rendezvous && !matched) {
            // Only the envelope travelled: it waits next to the sender until a receive matches it.
            float f = 0.16f + node_r / std::max(radius, 1.0f) * 0.4f;
            ImVec2 p(a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f);
            dashed_line(dl, a, b, with_alpha(pal.rendezvous, 0.45f), 1.5f, em() * 0.3f);
            float s = dot * 1.2f;
            dl->AddRectFilled(ImVec2(p.x - s, p.y - s * 0.7f), ImVec2(p.x + s, p.y + s * 0.7f), pal.envelope);
            dl->AddLine(ImVec2(p.x - s, p.y - s * 0.7f), ImVec2(p.x, p.y), pal.text_on_bar, 1.0f);
            dl->AddLine(ImVec2(p.x + s, p.y - s * 0.7f), ImVec2(p.x, p.y), pal.text_on_bar, 1.0f);
            continue;
        }
        double begin = rendezvous ? m.match_time : m.post_time;
        double end = model.message_end(m);
        float f = end > begin ? static_cast<float>((t - begin) / (end - begin)) : 0.5f;
        f = std::clamp(f, 0.0f, 1.0f);
        ImVec2 p(a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f);
        ImU32 colour = rendezvous ? pal.rendezvous : pal.eager;
        dl->AddLine(a, p, with_alpha(colour, 0.35f), 1.5f);
        if (rendezvous) dl->AddRectFilled(ImVec2(p.x - dot, p.y - dot), ImVec2(p.x + dot, p.y + dot), colour);
        else dl->AddCircleFilled(p, dot, colour);
    }

    // ---- rank nodes ----------------------------------------------------------------------------
    int hover_rank = -1;
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    // Segment counts are ImGui's own for the radius (within 0.3 px of a true circle): a fixed 32 made
    // a fan of thin wedges that the software renderer shaded up to 32 times at the centre.
    for (int r = 0; r < n; ++r) {
        RankState s = model.state_at(r, t);
        // A node of a few pixels is a square: a circle that small looks the same and costs the software
        // renderer a fan of triangles and an anti-aliased fringe (1024 of them were a fifth of a frame).
        // A tiny blocked node gets a square frame of its ring's colour behind it instead of a ring.
        if (node_r < 4.0f) {
            const ImVec2 p = pos[r];
            if (is_blocked(s)) {
                const float f = node_r + 1.5f;
                dl->AddRectFilled(ImVec2(p.x - f, p.y - f), ImVec2(p.x + f, p.y + f), s == RankState::Deadlocked ? pal.cycle : pal.text_dim);
            }
            dl->AddRectFilled(ImVec2(p.x - node_r, p.y - node_r), ImVec2(p.x + node_r, p.y + node_r), state_colour(s));
        } else {
            dl->AddCircleFilled(pos[r], node_r, state_colour(s));
        }
        if (is_blocked(s) && node_r >= 4.0f) {
            dl->AddCircle(pos[r], node_r + std::max(2.0f, em() * 0.18f),
                          s == RankState::Deadlocked ? pal.cycle : state_colour(s), 0, std::max(1.5f, em() * 0.12f));
        }
        if (r == gui.selection.rank) dl->AddCircle(pos[r], node_r + em() * 0.35f, pal.selection, 0, 2.0f);
        if (node_r >= em() * 0.55f) {
            std::string label = std::to_string(r);
            ImVec2 ts = ImGui::CalcTextSize(label.c_str());
            dl->AddText(ImVec2(pos[r].x - ts.x * 0.5f, pos[r].y - ts.y * 0.5f), pal.text_on_bar, label.c_str());
        }
        float dx = mouse.x - pos[r].x, dy = mouse.y - pos[r].y;
        if (hovered && dx * dx + dy * dy <= (node_r + 3) * (node_r + 3)) hover_rank = r;
    }
    dl->PopClipRect();

    // Caption: the time and how much is in flight.
    std::string caption = (gui.by_event ? "event " + format_count(current_step(gui)) : "t = " + format_time(t)) + "   " +
                          format_count(total) + " in flight";
    if (total > flying.size()) caption += " (showing " + format_count(flying.size()) + ")";
    if (only_selected && gui.selection.rank >= 0 && gui.selection.rank < n) {
        caption += "   lines: rank " + std::to_string(gui.selection.rank) + "'s partners";
    }
    dl->AddText(ImVec2(origin.x + em() * 0.4f, origin.y + em() * 0.2f), pal.text_dim, caption.c_str());

    if (hover_rank >= 0) {
        std::uint32_t c = model.call_at(hover_rank, t);
        ImGui::BeginTooltip();
        ImGui::Text("rank %d: %s", hover_rank, rank_state_name(model.state_at(hover_rank, t)));
        if (c != NONE) ImGui::TextUnformatted(describe_call(trace, trace.calls[c]).c_str());
        ImGui::EndTooltip();
        if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) select_rank(gui, hover_rank);
    }
}

}  // namespace mpilab::gui
