// The timeline: a lane per rank with its state bars, an arrow per message (eager solid, rendezvous
// dashed), bands grouping each collective across its ranks, the playhead, zoom on the cursor (wheel),
// pan (drag), hover tooltips and click to select. Stays fast on huge traces: per lane only the
// visible range is walked (binary search in TraceModel) and items narrower than a few pixels are
// merged into one marker with a count.
#include "format.hpp"
#include "lane_image.hpp"
#include "views.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace mpilab::gui {

namespace {

// From this many ranks on, lanes are thin: arrows only for the selected rank, every Nth lane labelled.
constexpr int kManyRanks = 64;
constexpr std::size_t kMaxSelectedArrows = 20000;   // arrows of the selected rank in one frame
constexpr std::size_t kMaxSelectedScan = 200000;    // messages to it looked at in one frame

struct ArrowHit {
    ImVec2 a, b;
    std::uint32_t message;
};

// A drawn request span, for hovering: request `index` of `rank`'s lane.
struct SpanHit {
    ImVec2 a, b;
    int rank;
    std::uint32_t index;
};

// One bar of a lane: a call, or a run of touching merged markers (call == NONE) standing for
// `count` calls from position `first` of the lane's calls, drawn in the colours of their states. A
// lane's bars are laid out before anything is drawn, so that the stripe and the underlay behind them
// are drawn only in the gaps: the software renderer pays for every pixel it blends, hidden or not, and
// in a dense trace the bars cover most of the lane.
struct LaneBar {
    float xa, xb;
    std::uint32_t call;
    std::uint64_t count;
    std::uint32_t first;
};

// Calls fill(a, b) for every part of [from, to] that no bar covers; bars are sorted by xa. Gaps under
// half a pixel are left out: they show nothing, yet each is a rectangle the renderer must set up.
template <class Fill>
void for_each_gap(const LaneBar* first, const LaneBar* last, float from, float to, Fill fill) {
    float cursor = from;
    for (const LaneBar* bar = first; bar != last && cursor < to; ++bar) {
        if (bar->xa > cursor + 0.5f) fill(cursor, std::min(bar->xa, to));
        cursor = std::max(cursor, bar->xb);
    }
    if (cursor < to) fill(cursor, to);
}

float distance_to_segment(ImVec2 p, ImVec2 a, ImVec2 b) {
    float dx = b.x - a.x, dy = b.y - a.y;
    float len2 = dx * dx + dy * dy;
    float u = len2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0f, 1.0f) : 0.0f;
    float x = a.x + u * dx - p.x, y = a.y + u * dy - p.y;
    return std::sqrt(x * x + y * y);
}

double nice_step(double span, double target_ticks) {
    double raw = span / std::max(target_ticks, 1.0);
    double p = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0}) {
        if (m * p >= raw) return m * p;
    }
    return 10 * p;
}

std::string short_call_label(const CallRecord& c) {
    std::string s = call_name(c.kind, c.generic());
    if (is_point_to_point(c.kind) && c.peer >= 0) {
        bool out = is_send_call(c.kind);
        bool in = c.kind == CallKind::Recv || c.kind == CallKind::Irecv || c.kind == CallKind::Probe;
        if (out) s += " \xE2\x86\x92" + std::to_string(c.peer);
        else if (in) s += " \xE2\x86\x90" + std::to_string(c.peer);
    }
    return s;
}

// The state bars of thin lanes as one image (lane_image.hpp): per lane a row of pixel columns, the
// running underlay until the rank stops (the finished one after it), then every bar over it, a
// column per bar at least; the outlines that mean something (blocked for ever, failed, stopped, the
// selected call) are still drawn as rectangles, there are few of them.
template <class TopOf, class BottomOf, class XOf>
void draw_thin_lanes(const GuiState& gui, ImDrawList* dl, float plot_x, float plot_w, int first_lane, int last_lane,
                     const std::vector<LaneBar>& bars, const std::vector<std::size_t>& lane_bars, TopOf bar_top,
                     BottomOf bar_bottom, XOf X) {
    static LaneImage image;
    const TraceModel& model = *gui.model;
    const Trace& trace = model.trace();
    const int columns = static_cast<int>(std::ceil(plot_w));
    image.begin(columns, last_lane - first_lane + 1);
    auto column = [&](float x) { return static_cast<int>(std::floor(x - plot_x)); };
    const ImU32 running = with_alpha(state_colour(RankState::Running), 0.6f);
    const ImU32 finished = with_alpha(state_colour(RankState::Finished), 0.45f);
    const bool revealed = outcome_revealed(gui);
    for (int r = first_lane; r <= last_lane; ++r) {
        const int row = r - first_lane;
        const bool has_record = r < static_cast<int>(trace.ranks.size());
        const double stop = has_record ? trace.ranks[r].end_time : model.statistics().ranks[r].end_time;
        image.paint(row, column(X(0)), column(X(stop)), running);
        if (has_record && trace.ranks[r].end == RankEnd::Finished) image.paint(row, column(X(stop)), columns, finished);
        for (std::size_t b = lane_bars[r - first_lane]; b < lane_bars[r - first_lane + 1]; ++b) {
            const LaneBar& bar = bars[b];
            const int from = column(bar.xa);
            // A merged marker's pixel column takes the state of the call in its middle.
            const ImU32 colour = bar.call == NONE
                                     ? state_colour(model.merged_states(r, bar.first, static_cast<std::uint32_t>(bar.count), 1).dominant())
                                     : state_colour(call_state(trace.calls[bar.call]));
            image.paint(row, from, std::max(from + 1, column(bar.xb)), colour);
            if (bar.call == NONE) continue;
            const CallRecord& c = trace.calls[bar.call];
            ImU32 outline = 0;
            if (bar.call == gui.selection.call) outline = palette().selection;
            else if (revealed && c.unfinished() && has_record) outline = state_colour(end_state(trace.ranks[r].end));
            else if (revealed && (c.flags & CALL_FAILED)) outline = state_colour(RankState::Failed);
            if (outline) dl->AddRect(ImVec2(bar.xa - 1, bar_top(r) - 1), ImVec2(bar.xb + 1, bar_bottom(r) + 1), outline, 0, 0, 1.5f);
        }
    }
    const ImTextureID texture = image.upload();
    if (!texture) return;
    for (int r = first_lane; r <= last_lane; ++r) {
        const int row = r - first_lane;
        dl->AddImage(texture, ImVec2(plot_x, bar_top(r)), ImVec2(plot_x + static_cast<float>(columns), bar_bottom(r)),
                     image.uv_min(row), image.uv_max(row));
    }
}

}  // namespace

void draw_timeline(GuiState& gui) {
    gui.drawn.lanes.clear();
    // On a short panel (a projector at a big scale) the lanes come first: the legend waits for room.
    if (gui.legend_open && ImGui::GetContentRegionAvail().y >= em() * 16) draw_legend(gui);
    if (!gui.model) {
        empty_hint("No trace yet. Pick a scenario and press Run, or open a trace file.");
        return;
    }
    const TraceModel& model = *gui.model;
    const Trace& trace = model.trace();
    const Palette& pal = palette();
    const double trace_end = std::max(model.end_time(), 1e-9);

    if (gui.fit_request) {
        gui.view_begin = -0.02 * trace_end;
        gui.view_end = trace_end * 1.04;
        gui.fit_request = false;
    }

    // Toolbar.
    if (ImGui::SmallButton("Fit")) {
        gui.view_begin = -0.02 * trace_end;
        gui.view_end = trace_end * 1.04;
    }
    ImGui::SameLine();
    ImGui::Checkbox("Follow playhead", &gui.follow_playhead);
    ImGui::SameLine();
    if (ImGui::SmallButton(gui.legend_open ? "Hide legend" : "Legend")) gui.legend_open = !gui.legend_open;
    if (model.ranks() >= kManyRanks) {
        ImGui::SameLine();
        ImGui::Checkbox("all arrows", &gui.all_arrows);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Off: only the selected rank's messages are drawn (a web of %d ranks' arrows hides everything)",
                              model.ranks());
    }
    ImGui::SameLine();
    ImGui::TextDisabled("%d ranks, %s calls, %s messages  |  wheel: zoom, drag: pan, click: select", model.ranks(),
                        format_count(trace.calls.size()).c_str(), format_count(trace.messages.size()).c_str());
    if (!model.display_note().empty()) {
        ImGui::SameLine();
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(pal.bad), "damaged values clamped");
        if (ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(em() * 30);
            ImGui::TextUnformatted(model.display_note().c_str());
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
    }

    ImVec2 origin = ImGui::GetCursorScreenPos();
    ImVec2 avail = ImGui::GetContentRegionAvail();
    if (avail.x < em() * 8 || avail.y < em() * 3) return;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float gutter = em() * 4.2f;
    const float axis_h = em() * 1.4f;
    const float plot_x = origin.x + gutter;
    const float plot_w = avail.x - gutter;
    const float plot_top = origin.y + axis_h;
    const float plot_h = avail.y - axis_h;
    const int ranks = model.ranks();
    const float lane_h = std::clamp(plot_h / std::max(ranks, 1), std::max(3.0f, em() * 0.35f), em() * 2.6f);
    const float content_h = lane_h * ranks;
    gui.lane_scroll = std::clamp(gui.lane_scroll, 0.0f, std::max(0.0f, content_h - plot_h));

    ImGui::InvisibleButton("##timeline", avail, ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
    const bool hovered = ImGui::IsItemHovered();
    ImGuiIO& io = ImGui::GetIO();

    // ---- zoom and pan --------------------------------------------------------------------------
    double span = std::max(gui.view_end - gui.view_begin, 1e-15);
    if (hovered && io.MouseWheel != 0) {
        if (io.MousePos.x < plot_x || io.KeyShift) {
            gui.lane_scroll -= io.MouseWheel * lane_h * 3;
        } else {
            double at = gui.view_begin + (io.MousePos.x - plot_x) / plot_w * span;
            double factor = std::pow(0.8, io.MouseWheel);
            double new_span = std::clamp(span * factor, 1e-12, trace_end * 4);
            gui.view_begin = at - (at - gui.view_begin) * (new_span / span);
            gui.view_end = gui.view_begin + new_span;
            span = new_span;
        }
    }
    static bool dragging = false;
    if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 4.0f)) {
        dragging = true;
        double dt = -io.MouseDelta.x / plot_w * span;
        gui.view_begin += dt;
        gui.view_end += dt;
        gui.lane_scroll -= io.MouseDelta.y;
    }
    if (gui.follow_playhead && gui.playing && (gui.playhead > gui.view_end || gui.playhead < gui.view_begin)) {
        gui.view_begin = gui.playhead - span * 0.1;
        gui.view_end = gui.view_begin + span;
    }
    gui.lane_scroll = std::clamp(gui.lane_scroll, 0.0f, std::max(0.0f, content_h - plot_h));
    const double t0 = gui.view_begin, t1 = gui.view_end;
    const double px_per_s = plot_w / span;
    auto X = [&](double t) { return static_cast<float>(plot_x + (t - t0) * px_per_s); };
    auto lane_y = [&](int r) { return plot_top + r * lane_h - gui.lane_scroll; };
    const double merge_seconds = 3.0 / px_per_s;   // items narrower than 3 px merge

    gui.drawn.plot = {plot_x, plot_top, plot_x + plot_w, plot_top + plot_h};
    dl->PushClipRect(ImVec2(origin.x, plot_top), ImVec2(origin.x + avail.x, plot_top + plot_h), true);

    const int first_lane = std::max(0, static_cast<int>(gui.lane_scroll / lane_h));
    const int last_lane = std::min(ranks - 1, static_cast<int>((gui.lane_scroll + plot_h) / lane_h));
    for (int r = first_lane; r <= last_lane && gui.drawn.lanes.size() < 64; ++r) {
        const float y0 = std::max(lane_y(r), plot_top), y1 = std::min(lane_y(r) + lane_h, plot_top + plot_h);
        if (y1 > y0) gui.drawn.lanes.push_back({r, DrawnRect{plot_x, y0, plot_x + plot_w, y1}});
    }

    // ---- lane labels, and the stripes behind odd lanes and the selected one -----------------------
    // Even lanes show the window's background. Here only the gutter's part of a stripe is drawn;
    // the plot's part goes around the bars, below.
    auto striped = [&](int r) { return r % 2 || r == gui.selection.rank; };
    auto stripe_colour = [&](int r) { return r == gui.selection.rank ? mix(pal.lane_odd, pal.selection, 0.10f) : pal.lane_odd; };
    // Lanes thinner than a line of text: every Nth lane is labelled (N lanes make a line), and the
    // selected one always, so a rank can still be found among a thousand.
    const int label_every = std::max(1, static_cast<int>(std::ceil(ImGui::GetTextLineHeight() * 1.1f / lane_h)));
    for (int r = first_lane; r <= last_lane; ++r)   // first every stripe, then labels over them
        if (striped(r)) dl->AddRectFilled(ImVec2(origin.x, lane_y(r)), ImVec2(plot_x, lane_y(r) + lane_h), stripe_colour(r));
    for (int r = first_lane; r <= last_lane; ++r) {
        float y = lane_y(r);
        const bool selected = r == gui.selection.rank;
        if (!selected && r % label_every != 0) continue;
        // Labels of other lanes keep clear of the selected one's.
        if (!selected && label_every > 1 && std::abs(r - gui.selection.rank) < label_every) continue;
        {
            char label[32];
            std::snprintf(label, sizeof label, "rank %d", r);
            RankState s = model.state_at(r, gui.playhead);
            float dot = em() * 0.3f;
            dl->AddCircleFilled(ImVec2(origin.x + em() * 0.5f, y + lane_h * 0.5f), dot, state_colour(s));
            dl->AddText(ImVec2(origin.x + em() * 0.95f, y + (lane_h - ImGui::GetTextLineHeight()) * 0.5f),
                        selected ? pal.text : pal.text_dim, label);
        }
    }
    dl->PopClipRect();
    dl->PushClipRect(ImVec2(plot_x, plot_top), ImVec2(plot_x + plot_w, plot_top + plot_h), true);

    // ---- lay out the state bars of the visible lanes -------------------------------------------
    // Merged markers that touch become one bar: fewer primitives for the software renderer. A bar is
    // at most six characters wide, so that its colours (its calls' states) still show where in the lane
    // each state was, and its count still fits in it.
    const float widest_merged_bar = em() * 6.0f;
    static std::vector<LaneItem> items;
    static std::vector<LaneBar> bars;
    static std::vector<std::size_t> lane_bars;   // bars of lane first_lane + i: [lane_bars[i], lane_bars[i + 1])
    bars.clear();
    lane_bars.clear();
    for (int r = first_lane; r <= last_lane; ++r) {
        lane_bars.push_back(bars.size());
        model.visible_calls(r, t0, t1, merge_seconds, items);
        const auto& lane = model.lane_calls(r);
        bool in_run = false;
        for (const LaneItem& it : items) {
            float xa = X(it.begin), xb = std::max(X(it.end), xa + 2.0f);
            if (it.count == 1) {
                bars.push_back({xa, xb, lane[it.first], 1, it.first});
                in_run = false;
            } else if (in_run && xa <= bars.back().xb + 1.0f && xb - bars.back().xa <= widest_merged_bar) {
                // consecutive items: one range of calls
                bars.back().xb = std::max(bars.back().xb, xb);
                bars.back().count += it.count;
            } else {
                bars.push_back({xa, xb, NONE, it.count, it.first});
                in_run = true;
            }
        }
    }
    lane_bars.push_back(bars.size());
    auto bars_of = [&](int r) {
        const LaneBar* base = bars.data();
        return std::make_pair(base + lane_bars[r - first_lane], base + lane_bars[r - first_lane + 1]);
    };
    auto bar_top = [&](int r) { return lane_y(r) + lane_h * 0.18f; };
    auto bar_bottom = [&](int r) { return lane_y(r) + lane_h * 0.82f; };

    // Lanes too thin for a label are drawn as an image, a pixel row per lane (lane_image.hpp).
    const float text_h = ImGui::GetTextLineHeight();
    const bool thin_lanes = lane_h < text_h * 0.9f;

    // ---- the plot's part of the stripes: above and below the bars, and between them -----------
    for (int r = first_lane; r <= last_lane; ++r) {
        if (!striped(r)) continue;
        const float y = lane_y(r), left = plot_x, right = plot_x + plot_w;
        const ImU32 bg = stripe_colour(r);
        if (thin_lanes) {   // the lane's image is drawn over it, transparent where nothing is
            dl->AddRectFilled(ImVec2(left, y), ImVec2(right, y + lane_h), bg);
            continue;
        }
        dl->AddRectFilled(ImVec2(left, y), ImVec2(right, bar_top(r)), bg);
        dl->AddRectFilled(ImVec2(left, bar_bottom(r)), ImVec2(right, y + lane_h), bg);
        auto [first, last] = bars_of(r);
        for_each_gap(first, last, left, right, [&](float a, float b) {
            dl->AddRectFilled(ImVec2(a, bar_top(r)), ImVec2(b, bar_bottom(r)), bg);
        });
    }

    // ---- collective bands ----------------------------------------------------------------------
    static std::vector<std::uint32_t> groups;
    model.visible_collectives(t0, t1, groups, 4000);
    for (auto g : groups) {
        const CollectiveGroup& group = model.collectives()[g];
        float xa = X(group.begin), xb = X(group.end);
        if (xb - xa < 2.0f) continue;
        int lo = ranks, hi = -1;
        for (auto c : group.calls) {
            lo = std::min(lo, trace.calls[c].rank);
            hi = std::max(hi, trace.calls[c].rank);
        }
        if (hi < first_lane || lo > last_lane) continue;
        ImVec2 a(xa, lane_y(lo) + lane_h * 0.04f), b(xb, lane_y(hi) + lane_h * 0.96f);
        dl->AddRectFilled(a, b, pal.collective_band, em() * 0.2f);
        dl->AddRect(a, b, with_alpha(state_colour(RankState::Collective), 0.55f), em() * 0.2f);
    }

    // ---- state bars ----------------------------------------------------------------------------
    // Their labels are drawn after every lane's bars: the fills then form one run of untextured
    // triangles, which the renderer draws from a 1x1 texture in one go (see solid_fills.hpp).
    struct BarLabel {
        ImVec2 pos;
        std::string text;
    };
    static std::vector<BarLabel> labels;
    labels.clear();
    if (thin_lanes) draw_thin_lanes(gui, dl, plot_x, plot_w, first_lane, last_lane, bars, lane_bars, bar_top, bar_bottom, X);
    for (int r = first_lane; r <= last_lane && !thin_lanes; ++r) {
        const float y = lane_y(r);
        const float top = bar_top(r), bottom = bar_bottom(r);
        auto [first, last] = bars_of(r);
        // Underlay, where no bar hides it: the rank runs its own code from the start until it stops,
        // then (if it finished) a thinner grey line to the end of the trace.
        double stop = r < static_cast<int>(trace.ranks.size()) ? trace.ranks[r].end_time : model.statistics().ranks[r].end_time;
        float mid = y + lane_h * 0.5f;
        float thin = std::max(1.0f, lane_h * 0.12f);
        const ImU32 running = with_alpha(state_colour(RankState::Running), 0.75f);
        for_each_gap(first, last, std::max(X(0), plot_x - 2), X(stop), [&](float a, float b) {
            dl->AddRectFilled(ImVec2(a, mid - thin), ImVec2(b, mid + thin), running);
        });
        if (r < static_cast<int>(trace.ranks.size()) && trace.ranks[r].end == RankEnd::Finished) {
            const ImU32 finished = with_alpha(state_colour(RankState::Finished), 0.6f);
            for_each_gap(first, last, X(stop), X(trace_end), [&](float a, float b) {
                dl->AddRectFilled(ImVec2(a, mid - thin * 0.6f), ImVec2(b, mid + thin * 0.6f), finished);
            });
        }
        for (const LaneBar* bar = first; bar != last; ++bar) {
            const float xa = bar->xa, xb = bar->xb;
            if (bar->call == NONE) {
                // Stacked bands, one per state, as high as its share (Jumpshot's preview drawables), framed
                // in the merged colour so that it reads as a marker standing for several calls.
                const StateShares shares = model.merged_states(r, bar->first, static_cast<std::uint32_t>(bar->count));
                float band_top = top;
                std::size_t last_band = 0;
                for (std::size_t s = 0; s < kCallStateCount; ++s)
                    if (shares.share[s] > 0) last_band = s;
                for (std::size_t s = 0; s <= last_band; ++s) {
                    if (shares.share[s] <= 0) continue;
                    const float band_bottom = s == last_band ? bottom : band_top + (bottom - top) * shares.share[s];
                    dl->AddRectFilled(ImVec2(xa, band_top), ImVec2(xb, band_bottom), state_colour(kCallStates[s]));
                    band_top = band_bottom;
                }
                dl->AddRect(ImVec2(xa, top), ImVec2(xb, bottom), pal.merged);
                std::string n = format_count(bar->count) + " calls";
                if (xb - xa > ImGui::CalcTextSize(n.c_str()).x + 6 && lane_h > text_h) {
                    labels.push_back({ImVec2(std::max(xa, plot_x) + 3, y + (lane_h - text_h) * 0.5f), std::move(n)});
                }
                continue;
            }
            const std::uint32_t ci = bar->call;
            const CallRecord& c = trace.calls[ci];
            RankState s = call_state(c);
            dl->AddRectFilled(ImVec2(xa, top), ImVec2(xb, bottom), state_colour(s));
            if (!outcome_revealed(gui)) {
                // the deadlock and error marks wait for the reveal
            } else if (c.unfinished() && r < static_cast<int>(trace.ranks.size()) && trace.ranks[r].end == RankEnd::Deadlocked) {
                // Blocked for ever: the state colour, then a red end where the deadlock was found.
                dl->AddRect(ImVec2(xa, top), ImVec2(xb, bottom), state_colour(RankState::Deadlocked), 0, 0,
                            std::max(1.5f, em() * 0.12f));
            } else if (c.flags & CALL_FAILED) {
                dl->AddRect(ImVec2(xa, top), ImVec2(xb, bottom), state_colour(RankState::Failed), 0, 0, 2.5f);
            } else if (c.unfinished() && r < static_cast<int>(trace.ranks.size()) && trace.ranks[r].end == RankEnd::Aborted) {
                // Stopped by a cancel or another rank's error: neither blocked for ever nor failed.
                dl->AddRect(ImVec2(xa, top), ImVec2(xb, bottom), state_colour(RankState::Stopped), 0, 0,
                            std::max(1.5f, em() * 0.12f));
            }
            if (ci == gui.selection.call) {
                dl->AddRect(ImVec2(xa - 2, top - 2), ImVec2(xb + 2, bottom + 2), pal.selection, 0, 0, 2.0f);
            }
            if (lane_h > text_h * 1.05f && xb - xa > em() * 2) {
                std::string label = short_call_label(c);
                ImVec2 ts = ImGui::CalcTextSize(label.c_str());
                if (ts.x + 6 < xb - xa) {
                    float tx = std::max(xa + 3, plot_x + 3);
                    if (tx + ts.x > xb - 3) tx = xa + 3;
                    labels.push_back({ImVec2(tx, y + (lane_h - text_h) * 0.5f), std::move(label)});
                }
            }
        }
    }
    for (const BarLabel& label : labels) dl->AddText(label.pos, pal.text_on_bar, label.text.c_str());

    // ---- non-blocking operations in flight -----------------------------------------------------
    // Each Isend / Irecv / I-collective whose operation outlasted its call, as a line in the strip under
    // the lane's bars from the call to the moment the operation completed (Perfetto's async tracks):
    // in the colour of what it would block in, dashed to the end if it never completed. Two rows, so
    // that an Isend and an Irecv in flight together are both seen.
    static std::vector<std::uint32_t> in_flight;
    static std::vector<SpanHit> span_hits;
    span_hits.clear();
    for (int r = first_lane; r <= last_lane && !thin_lanes; ++r) {
        model.visible_requests(r, t0, t1, in_flight, 512);
        if (in_flight.empty()) continue;
        const float strip = lane_y(r) + lane_h - bar_bottom(r);
        const float width = std::max(1.5f, std::min(strip * 0.3f, em() * 0.2f));
        double row_end[2] = {-INFINITY, -INFINITY};
        for (std::uint32_t i : in_flight) {
            const RequestSpan& span = model.lane_requests(r)[i];
            const CallRecord& c = trace.calls[span.call];
            int row = span.begin >= row_end[0] ? 0 : 1;
            row_end[row] = std::max(row_end[row], span.end);
            const float y = bar_bottom(r) + strip * (row == 0 ? 0.35f : 0.72f);
            const RankState kind = is_collective(c.kind) ? RankState::Collective
                                   : is_send_call(c.kind) ? RankState::BlockedSend
                                                          : RankState::BlockedRecv;
            const ImU32 colour = state_colour(kind);
            const ImVec2 a(std::max(X(span.begin), plot_x - 2), y), b(std::max(X(span.end), X(span.begin) + 2.0f), y);
            if (span.completes) dl->AddLine(a, b, colour, width);
            else dashed_line(dl, a, b, colour, width, em() * 0.3f);
            dl->AddLine(ImVec2(X(span.begin), y - width * 1.5f), ImVec2(X(span.begin), y + width * 1.5f), colour, width);
            span_hits.push_back({a, b, r, i});
        }
    }

    // ---- message arrows ------------------------------------------------------------------------
    static std::vector<ArrowHit> hits;
    hits.clear();
    const float thickness = std::max(1.2f, em() * 0.09f);
    const float head = std::clamp(lane_h * 0.3f, 4.0f, em() * 0.55f);
    auto draw_message = [&](std::uint32_t id) {
        const MessageRecord& m = trace.messages[id];
        double e = model.message_end(m);
        float ys = lane_y(m.src) + lane_h * 0.5f;
        float yd = lane_y(m.dst) + lane_h * 0.5f;
        ImVec2 a(X(m.post_time), ys);
        const bool rendezvous = m.protocol == Protocol::Rendezvous;
        ImU32 colour = rendezvous ? pal.rendezvous : pal.eager;
        if (m.collective()) colour = with_alpha(colour, 0.55f);
        float th = id == gui.selection.message ? thickness * 2.2f : thickness;
        if (id == gui.selection.message) colour = pal.selection;
        if (e < 0) {
            // Never delivered: a stub towards the receiver ending in an envelope waiting to be matched.
            ImVec2 b(a.x + em() * 1.2f, ys + (yd - ys) * 0.35f);
            dashed_line(dl, a, b, colour, th, em() * 0.25f);
            float s = em() * 0.28f;
            dl->AddRectFilled(ImVec2(b.x - s, b.y - s * 0.7f), ImVec2(b.x + s, b.y + s * 0.7f), pal.envelope);
            hits.push_back({a, b, id});
            return;
        }
        ImVec2 b(X(e), yd);
        if (rendezvous) dashed_line(dl, a, b, colour, th, em() * 0.3f);
        else dl->AddLine(a, b, colour, th);
        arrow_head(dl, a, b, colour, head);
        if (hits.size() < 50000) hits.push_back({a, b, id});
    };
    static std::vector<LaneItem> sends;
    std::size_t long_drawn = 0;
    float tick_a = 0, tick_b = -1;
    auto flush_ticks = [&](int r) {
        if (tick_b < tick_a) return;
        float y = lane_y(r);
        dl->AddRectFilled(ImVec2(tick_a, y + lane_h * 0.04f), ImVec2(tick_b, y + lane_h * 0.16f), with_alpha(pal.eager, 0.85f));
        tick_b = -1;
    };
    // From 64 ranks on, a frame of every rank's arrows is a grey web (and most of a frame's drawing):
    // only the selected rank's sends and receives are drawn, unless the toolbar asks for all.
    const bool all_arrows = ranks < kManyRanks || gui.all_arrows;
    if (!all_arrows && gui.selection.rank >= 0 && gui.selection.rank < ranks) {
        const int me = gui.selection.rank;
        std::size_t drawn = 0;
        model.visible_sends(me, t0, t1, 0.0, sends);
        for (const LaneItem& it : sends)
            if (drawn++ < kMaxSelectedArrows) draw_message(model.lane_sends(me)[it.first]);
        auto overlaps = [&](std::uint32_t id) {
            const MessageRecord& m = trace.messages[id];
            const double e = model.message_end(m);
            return m.post_time <= t1 && (e < 0 || e >= t0);
        };
        for (auto id : model.lane_long_sends(me))
            if (overlaps(id) && drawn++ < kMaxSelectedArrows) draw_message(id);
        // Messages to it, by post time: those posted in the window, and earlier ones still arriving.
        const auto& incoming = model.lane_receives(me);
        auto last = std::upper_bound(incoming.begin(), incoming.end(), t1,
                                     [&](double x, std::uint32_t id) { return x < trace.messages[id].post_time; });
        std::size_t scanned = 0;
        for (auto it = incoming.begin(); it != last && scanned++ < kMaxSelectedScan; ++it)
            if (overlaps(*it) && drawn++ < kMaxSelectedArrows) draw_message(*it);
    }
    for (int r = 0; r < ranks && all_arrows; ++r) {
        // Arrows start on lane r; skip lanes far outside the visible band only when lanes scroll.
        model.visible_sends(r, t0, t1, merge_seconds, sends);
        const auto& lane = model.lane_sends(r);
        const bool lane_visible = r >= first_lane && r <= last_lane;
        for (const LaneItem& it : sends) {
            if (it.count == 1) {
                const MessageRecord& m = trace.messages[lane[it.first]];
                if (!lane_visible && (m.dst < first_lane || m.dst > last_lane)) continue;
                draw_message(lane[it.first]);
                continue;
            }
            if (!lane_visible) continue;
            // Many messages within 3 px: a strip along the top of the lane (touching ones join).
            float xa = X(it.begin), xb = std::max(X(it.end), xa + 3.0f);
            if (tick_b >= tick_a && xa <= tick_b + 1.0f) {
                tick_b = std::max(tick_b, xb);
            } else {
                flush_ticks(r);
                tick_a = xa;
                tick_b = xb;
            }
        }
        flush_ticks(r);
        for (auto id : model.lane_long_sends(r)) {
            const MessageRecord& m = trace.messages[id];
            double e = model.message_end(m);
            if (m.post_time > t1 || (e >= 0 && e < t0)) continue;
            if (long_drawn++ > 20000) break;
            draw_message(id);
        }
    }

    // ---- the future, veiled until the outcome is revealed -----------------------------------------
    // What happens after the playhead is for the class to predict: drawn faintly, without its
    // deadlock or error marks showing through.
    float xp = X(gui.playhead);
    if (!outcome_revealed(gui) && xp < plot_x + plot_w) {
        dl->AddRectFilled(ImVec2(std::max(xp, plot_x), plot_top), ImVec2(plot_x + plot_w, plot_top + plot_h),
                          with_alpha(pal.canvas, 0.93f));
        const char* hint = "what happens next?";
        const ImVec2 size = ImGui::CalcTextSize(hint);
        if (plot_x + plot_w - std::max(xp, plot_x) > size.x + em())
            dl->AddText(ImVec2(std::max(xp, plot_x) + em() * 0.5f, plot_top + em() * 0.3f), pal.text_dim, hint);
    }

    // ---- playhead ------------------------------------------------------------------------------
    dl->AddLine(ImVec2(xp, plot_top), ImVec2(xp, plot_top + plot_h), pal.playhead, std::max(1.5f, em() * 0.1f));
    dl->PopClipRect();

    // ---- time axis -----------------------------------------------------------------------------
    double step = nice_step(span, plot_w / (em() * 7));
    if (gui.by_event) step = std::max(step, 1.0);   // event numbers are whole
    for (double t = std::ceil(t0 / step) * step; t <= t1; t += step) {
        float x = X(t);
        dl->AddLine(ImVec2(x, plot_top - em() * 0.3f), ImVec2(x, plot_top), pal.grid);
        std::string label = gui.by_event ? "event " + format_count(static_cast<std::uint64_t>(std::llround(std::max(t, 0.0))))
                                         : format_time(std::fabs(t) < step * 1e-6 ? 0.0 : t);
        if (x + 3 + ImGui::CalcTextSize(label.c_str()).x > plot_x + plot_w) break;
        dl->AddText(ImVec2(x + 3, origin.y + em() * 0.05f), pal.text_dim, label.c_str());
    }
    dl->AddTriangleFilled(ImVec2(xp - em() * 0.4f, origin.y + axis_h * 0.35f), ImVec2(xp + em() * 0.4f, origin.y + axis_h * 0.35f),
                          ImVec2(xp, plot_top), pal.playhead);

    // ---- hover and click -----------------------------------------------------------------------
    if (!hovered) {
        if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) dragging = false;
        return;
    }
    ImVec2 mp = io.MousePos;
    std::uint32_t hover_message = NONE, hover_call = NONE;
    const SpanHit* hover_span = nullptr;
    int hover_lane = -1;
    if (mp.y >= plot_top && mp.x >= plot_x) {
        float best = em() * 0.35f;
        for (const auto& h : hits) {
            float d = distance_to_segment(mp, h.a, h.b);
            if (d < best) {
                best = d;
                hover_message = h.message;
            }
        }
        // A span is a thin line in its lane's strip: it wins over the call above it when the mouse is on it.
        float best_span = em() * 0.3f;
        for (const SpanHit& h : span_hits) {
            if (hover_message != NONE) break;
            const float d = distance_to_segment(mp, h.a, h.b);
            if (d < best_span) {
                best_span = d;
                hover_span = &h;
            }
        }
        hover_lane = static_cast<int>((mp.y - plot_top + gui.lane_scroll) / lane_h);
        if (hover_span) {
            hover_lane = hover_span->rank;
            hover_call = model.lane_requests(hover_span->rank)[hover_span->index].call;
        } else if (hover_lane >= 0 && hover_lane < ranks && hover_message == NONE) {
            double t = t0 + (mp.x - plot_x) / px_per_s;
            hover_call = model.call_at(hover_lane, t);
            if (hover_call == NONE) hover_call = model.call_at(hover_lane, t - 2 / px_per_s);
            if (hover_call == NONE) hover_call = model.call_at(hover_lane, t + 2 / px_per_s);
        }
    } else if (mp.x < plot_x && mp.y >= plot_top) {
        hover_lane = static_cast<int>((mp.y - plot_top + gui.lane_scroll) / lane_h);
    }
    if (hover_message != NONE) message_tooltip(gui, hover_message);
    else if (hover_span) request_tooltip(gui, hover_span->rank, hover_span->index);
    else if (hover_call != NONE) call_tooltip(gui, hover_call);
    else if (hover_lane >= 0 && hover_lane < ranks) {
        ImGui::SetTooltip("rank %d: %s at the playhead", hover_lane, rank_state_name(model.state_at(hover_lane, gui.playhead)));
    }

    if (ImGui::IsMouseReleased(ImGuiMouseButton_Left) && !dragging) {
        if (mp.y < plot_top && mp.x >= plot_x) {
            gui.playhead = std::clamp(t0 + (mp.x - plot_x) / px_per_s, 0.0, trace_end);   // click on the axis: seek
        } else if (hover_message != NONE) {
            gui.selection.message = hover_message;
            gui.selection.call = NONE;
            select_rank(gui, trace.messages[hover_message].src);
            gui.selection.message = hover_message;
        } else if (hover_lane >= 0 && hover_lane < ranks) {
            select_rank(gui, hover_lane);
            gui.selection.call = hover_call;
            if (hover_call != NONE) gui.playhead = trace.calls[hover_call].enter;
        }
    }
    if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) gui.fit_request = true;
    if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) dragging = false;
}

}  // namespace mpilab::gui
