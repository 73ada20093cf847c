// The timeline: playback controls, then a canvas with the activity histogram (stacked by
// domain, following the filters), one band per event (packed into lanes), the shown time span,
// the cursor and a calendar axis. Its own view (state.timeline_from/to) zooms with the wheel
// about the mouse and pans by dragging; a click moves the cursor; dragging on the axis scrubs;
// Shift+drag brushes a span that becomes the time window.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "panels.hpp"
#include "workspace.hpp"
#include "render/style.hpp"

namespace patrolscope::ui {
namespace {

constexpr geo::Seconds kHour = geo::kSecondsPerHour, kDay = geo::kSecondsPerDay;

struct Length {
  geo::Seconds seconds;
  const char* label;
};
constexpr Length kLengths[] = {{kHour, "1 hour"},   {6 * kHour, "6 hours"}, {kDay, "1 day"},
                               {3 * kDay, "3 days"}, {7 * kDay, "1 week"},   {14 * kDay, "2 weeks"},
                               {30 * kDay, "30 days"}, {91 * kDay, "3 months"}, {182 * kDay, "6 months"},
                               {365 * kDay, "1 year"}, {730 * kDay, "2 years"}};

void controls(UiContext& ui) {
  AppState& s = ui.state;
  const geo::TimeRange matching = filtered_range(ui.data, s.filter);  // time follows the filter
  if (ImGui::Button("|<") && matching.from != geo::kNoTime) s.cursor = matching.from;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("First matching event (Home)");
  ImGui::SameLine();
  if (ImGui::ArrowButton("##back", ImGuiDir_Left)) s.cursor = geo::step_time(s.cursor, s.step, -1), s.playing = false;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Step back (←)");
  ImGui::SameLine();
  if (ImGui::Button(s.playing ? "Pause" : "Play", ImVec2(ImGui::GetFontSize() * 3.5f, 0))) s.playing = !s.playing;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Play / pause (Space)");
  ImGui::SameLine();
  if (ImGui::ArrowButton("##forward", ImGuiDir_Right)) s.cursor = geo::step_time(s.cursor, s.step, 1), s.playing = false;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Step forward (→)");
  ImGui::SameLine();
  if (ImGui::Button(">|") && matching.to != geo::kNoTime) s.cursor = matching.to;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Last matching event (End)");

  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4.5f);
  static const char* kSteps[] = {"day", "week", "month"};
  int step = static_cast<int>(s.step);
  if (ImGui::Combo("##step", &step, kSteps, 3)) s.step = static_cast<geo::TimeStep>(step);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("What ←/→ step by");

  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  float log_speed = static_cast<float>(std::log(s.speed));
  const std::string speed_label = geo::format_duration(static_cast<geo::Seconds>(s.speed)) + " / s";
  if (ImGui::SliderFloat("##speed", &log_speed, std::log(float(kHour)), std::log(float(365 * kDay)),
                         speed_label.c_str()))
    s.speed = std::exp(static_cast<double>(log_speed));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Playback speed: data time per second");
  ImGui::SameLine();
  ImGui::Checkbox("Loop", &s.loop);

  ImGui::SameLine(0, ImGui::GetFontSize() * 1.5f);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.5f);
  static const char* kModes[] = {"Instant + trail", "Fixed window", "Cumulative", "All times"};
  int mode = static_cast<int>(s.window_mode);
  if (ImGui::Combo("##mode", &mode, kModes, 4)) s.window_mode = static_cast<WindowMode>(mode);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Instant + trail: each track's head at the cursor, its last part fading.\n"
                      "Fixed window: everything in [cursor − length, cursor].\n"
                      "Cumulative: everything up to the cursor, older than the length dimmed.\n"
                      "All times: every event, no time filter.");
  if (s.window_mode != WindowMode::All) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    std::string current = geo::format_duration(s.window);
    for (const Length& l : kLengths)
      if (l.seconds == s.window) current = l.label;
    if (ImGui::BeginCombo("##length", current.c_str())) {
      for (const Length& l : kLengths)
        if (ImGui::Selectable(l.label, l.seconds == s.window)) s.window = l.seconds;
      ImGui::EndCombo();
    }
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(s.window_mode == WindowMode::Trail ? "Trail length" : s.window_mode == WindowMode::Fixed
                                                                                  ? "Window length"
                                                                                  : "Bright part (older is dimmed)");
  }

  // The cursor as text; type a date to jump.
  ImGui::SameLine(0, ImGui::GetFontSize() * 1.5f);
  TimelinePanel& panel = s.timeline_panel;
  if (panel.cursor_shown != s.cursor && !panel.editing) {
    const std::string text = geo::format_time(s.cursor);
    std::snprintf(panel.cursor_text, sizeof panel.cursor_text, "%s", text.substr(0, 16).c_str());
    panel.cursor_shown = s.cursor;
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  if (ImGui::InputText("##cursor", panel.cursor_text, sizeof panel.cursor_text, ImGuiInputTextFlags_EnterReturnsTrue)) {
    std::string why;
    if (const auto t = geo::parse_time(panel.cursor_text, &why))
      s.cursor = *t, s.playing = false;
    else  // say so in the window (the field shows the cursor again)
      s.report(std::string("Cursor: '") + panel.cursor_text + "' is not a date or time (" + (why.empty() ? "not recognised" : why) +
               "); try 2024-07-24 or 2024-07-24T12:00");
    panel.cursor_shown = geo::kNoTime;
  }
  panel.editing = ImGui::IsItemActive();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The cursor (UTC); type a date and press Enter");
  ImGui::SameLine();
  if (ImGui::Button("Fit")) s.timeline_from = s.timeline_to = 0;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show the whole time range of the data");
}

struct Band {
  int event;
  float x0, x1;
  int lane;
};

}  // namespace

void draw_timeline(UiContext& ui) {
  AppState& s = ui.state;
  const geo::TimeRange& range = ui.data.range;
  if (range.from == geo::kNoTime) {
    ImGui::TextDisabled("No timed events in the data.");
    return;
  }
  controls(ui);

  // The timeline's own view: the whole range with a margin, unless zoomed.
  const double full_span = std::max<double>(range.to - range.from, kDay);
  if (s.timeline_to <= s.timeline_from) {
    s.timeline_from = range.from - full_span * 0.02;
    s.timeline_to = range.to + full_span * 0.02;
  }

  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float width = std::max(avail.x, 50.0f), height = std::max(avail.y, 60.0f);
  const ImVec2 p1(p0.x + width, p0.y + height);
  ImGui::InvisibleButton("timeline", ImVec2(width, height),
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
  // (Read the button's state now: tooltips below become the "last item".)
  const bool hovered = ImGui::IsItemHovered(), active = ImGui::IsItemActive();
  const bool activated = ImGui::IsItemActivated(), released = ImGui::IsItemDeactivated();
  const ImGuiIO& io = ImGui::GetIO();

  const float axis_h = ImGui::GetFontSize() + 8;
  const float hist_h = std::floor((height - axis_h) * 0.45f);
  const float lanes_y0 = p0.y + hist_h + 3, lanes_y1 = p1.y - axis_h - 2;
  double from = s.timeline_from, to = s.timeline_to;
  const auto x_of = [&](double t) { return static_cast<float>(p0.x + (t - from) / (to - from) * width); };
  const auto t_of = [&](float x) { return from + (x - p0.x) / width * (to - from); };

  // Input: wheel zooms about the mouse time; drag pans (or scrubs, when it starts on the axis
  // or the cursor); a click moves the cursor.
  bool& scrubbing = s.timeline_panel.scrubbing;
  bool& brushing = s.timeline_panel.brushing;
  s.timeline_rect = {p0.x, p0.y, width, height};
  if (activated) {
    const float cx = x_of(static_cast<double>(s.cursor));
    brushing = io.KeyShift && ImGui::IsMouseDown(ImGuiMouseButton_Left);
    scrubbing = !brushing && (io.MousePos.y > p1.y - axis_h || std::abs(io.MousePos.x - cx) < 5);
    if (brushing) s.timeline_panel.brush_from = t_of(io.MousePos.x);
  }
  // Shift+drag brushes a span: on release it becomes the window (fixed mode, cursor at its end).
  if (brushing && released) {
    const double a = std::clamp(s.timeline_panel.brush_from, double(range.from), double(range.to));
    const double b = std::clamp(t_of(io.MousePos.x), double(range.from), double(range.to));
    brush_time_window(s, static_cast<geo::Seconds>(std::min(a, b)), static_cast<geo::Seconds>(std::max(a, b)));
  }
  if (hovered && io.MouseWheel != 0) {
    const geo::TimeAxis zoomed =
        geo::zoom_time_axis({from, to}, t_of(io.MousePos.x), std::pow(0.8, io.MouseWheel), 6.0 * kHour, full_span * 4);
    from = zoomed.from, to = zoomed.to;
  }
  if (brushing) {
    // (drawn below, over the histogram)
  } else if (active && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f) && scrubbing) {
    s.cursor = static_cast<geo::Seconds>(std::clamp(t_of(io.MousePos.x), double(range.from), double(range.to)));
    s.playing = false;
  } else if (active && (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f) ||
                        ImGui::IsMouseDragging(ImGuiMouseButton_Right, 2.0f))) {
    const double dt = -io.MouseDelta.x / width * (to - from);
    from += dt, to += dt;
  }
  s.timeline_from = from, s.timeline_to = to;

  ImDrawList* list = ImGui::GetWindowDrawList();
  list->PushClipRect(p0, p1, true);
  list->AddRectFilled(p0, p1, IM_COL32(250, 251, 253, 255));
  list->AddRectFilled(ImVec2(p0.x, p1.y - axis_h), p1, IM_COL32(232, 236, 242, 255));

  // The data's range, and the shown span at the cursor.
  list->AddRectFilled(ImVec2(x_of(range.from), p0.y), ImVec2(x_of(range.to), p1.y - axis_h), IM_COL32(255, 255, 255, 255));
  if (s.window_mode != WindowMode::All)
    list->AddRectFilled(ImVec2(x_of(static_cast<double>(ui.span.from)), p0.y),
                        ImVec2(std::max(x_of(static_cast<double>(ui.span.to)), x_of(static_cast<double>(ui.span.from)) + 2), p1.y - axis_h),
                        IM_COL32(70, 130, 220, 40));

  // Ticks and grid.
  const auto ticks = geo::time_ticks(static_cast<geo::Seconds>(from), static_cast<geo::Seconds>(to),
                                     std::max(2, static_cast<int>(width / 70)));
  for (const geo::TimeTick& tick : ticks) {
    const float x = x_of(static_cast<double>(tick.t));
    list->AddLine(ImVec2(x, p0.y), ImVec2(x, p1.y - axis_h), tick.major ? IM_COL32(200, 206, 215, 255) : IM_COL32(228, 232, 238, 255));
    list->AddLine(ImVec2(x, p1.y - axis_h), ImVec2(x, p1.y - axis_h + (tick.major ? 6 : 3)), IM_COL32(90, 98, 110, 255));
    list->AddText(ImVec2(x + 3, p1.y - axis_h + 3), tick.major ? IM_COL32(30, 36, 45, 255) : IM_COL32(90, 98, 110, 255),
                  tick.label.c_str());
  }

  // The histogram: events active per bin, following the filters, stacked by the map's colours
  // (the colour rule's slots; events without the colour-by value in the none style).
  const geo::Seconds bin = geo::nice_bin_width(static_cast<geo::Seconds>(to - from), std::max(8, static_cast<int>(width / 5)));
  static const std::vector<std::string> kSlots(geo::layout::kPaletteSlots);
  const geo::Histogram h = geo::histogram(ui.data.events, s.filter, static_cast<geo::Seconds>(from),
                                          static_cast<geo::Seconds>(to), bin, kSlots,
                                          [&](const geo::Event& e) { return geo::color_slot(ui.data.facets, e, s.color_by); });
  const render::Palette palette = render::facet_palette(ui.data.facets, s.color_by);
  if (h.max_total > 0) {
    const float unit = (hist_h - 4) / static_cast<float>(h.max_total);
    for (std::size_t i = 0; i < h.bins(); ++i) {
      const float x0 = x_of(static_cast<double>(h.bin_start(i)));
      const float x1 = std::max(x_of(static_cast<double>(h.bin_start(i) + h.width)) - 1, x0 + 1);
      float y = p0.y + hist_h;
      for (std::size_t k = 0; k < h.stacks.size(); ++k) {
        const int n = h.count(i, k);
        if (n == 0) continue;
        list->AddRectFilled(ImVec2(x0, y - n * unit), ImVec2(x1, y), palette[k].packed());
        y -= n * unit;
      }
    }
    const std::string scale = std::to_string(h.max_total) + " active per " + geo::format_duration(bin);
    list->AddText(ImVec2(p0.x + 4, p0.y + 2), IM_COL32(110, 116, 128, 255), scale.c_str());
  }
  list->AddLine(ImVec2(p0.x, p0.y + hist_h + 1), ImVec2(p1.x, p0.y + hist_h + 1), IM_COL32(200, 206, 215, 255));

  // Event bands, packed into lanes in pixel space (a band at least 3 px wide).
  std::vector<Band> bands;
  std::vector<float> lane_end;
  for (std::size_t i = 0; i < ui.data.events.size(); ++i) {
    const geo::Event& e = ui.data.events[i];
    if (!e.timed() || !s.filter.matches(e)) continue;
    const float x0 = x_of(static_cast<double>(e.start));
    const float x1 = std::max(x_of(static_cast<double>(e.end)), x0 + 3);
    if (x1 < p0.x || x0 > p1.x) continue;
    bands.push_back({static_cast<int>(i), x0, x1, 0});
  }
  std::sort(bands.begin(), bands.end(), [](const Band& a, const Band& b) { return a.x0 < b.x0; });
  for (Band& b : bands) {
    std::size_t lane = 0;
    while (lane < lane_end.size() && lane_end[lane] + 3 > b.x0) ++lane;
    if (lane == lane_end.size()) lane_end.push_back(0);
    lane_end[lane] = b.x1;
    b.lane = static_cast<int>(lane);
  }
  const float lane_h = lane_end.empty() ? 0 : std::clamp((lanes_y1 - lanes_y0) / lane_end.size(), 3.0f, 14.0f);
  int hovered_band = -1;
  for (const Band& b : bands) {
    const float y0 = lanes_y0 + b.lane * lane_h, y1 = y0 + std::max(lane_h - 2, 2.0f);
    if (y0 > lanes_y1) continue;
    const geo::Event& e = ui.data.events[b.event];
    const bool is_active = std::find(ui.active.begin(), ui.active.end(), b.event) != ui.active.end();
    list->AddRectFilled(ImVec2(b.x0, y0), ImVec2(b.x1, y1), event_color(ui, e, is_active ? 1.0f : 0.55f), 2.0f);
    if (b.event == s.selected || b.event == s.hovered)
      list->AddRect(ImVec2(b.x0 - 1, y0 - 1), ImVec2(b.x1 + 1, y1 + 1), IM_COL32(20, 20, 20, 255), 2.0f, 0, 2.0f);
    if (lane_h >= ImGui::GetFontSize() && b.x1 - b.x0 > 60) {
      list->PushClipRect(ImVec2(b.x0, y0), ImVec2(b.x1, y1), true);
      list->AddText(ImVec2(b.x0 + 3, y0), IM_COL32(255, 255, 255, 255), e.name.c_str());
      list->PopClipRect();
    }
    if (hovered && io.MousePos.x >= b.x0 - 1 && io.MousePos.x <= b.x1 + 1 && io.MousePos.y >= y0 && io.MousePos.y <= y1)
      hovered_band = b.event;
  }
  if (hovered_band >= 0 && !active) {
    s.hovered = hovered_band;
    ImGui::BeginTooltip();
    event_tooltip(ui.data.events[hovered_band]);
    ImGui::EndTooltip();
  }

  // A click (no drag): select the band under the mouse and move the cursor to it, or move the
  // cursor to the clicked time.
  if (released && io.MouseDragMaxDistanceSqr[0] < 9 && !scrubbing && !brushing) {
    if (hovered_band >= 0)
      select_event(ui, hovered_band, true);
    else
      s.cursor = static_cast<geo::Seconds>(std::clamp(t_of(io.MousePos.x), double(range.from), double(range.to)));
  }
  if (released && scrubbing && io.MouseDragMaxDistanceSqr[0] < 9)
    s.cursor = static_cast<geo::Seconds>(std::clamp(t_of(io.MousePos.x), double(range.from), double(range.to)));
  if (released) brushing = false;

  if (brushing && active) {  // the span being brushed
    const float bx0 = x_of(s.timeline_panel.brush_from), bx1 = io.MousePos.x;
    list->AddRectFilled(ImVec2(std::min(bx0, bx1), p0.y), ImVec2(std::max(bx0, bx1), p1.y - axis_h), IM_COL32(240, 150, 30, 70));
    list->AddRect(ImVec2(std::min(bx0, bx1), p0.y), ImVec2(std::max(bx0, bx1), p1.y - axis_h), IM_COL32(200, 110, 10, 255));
  }

  // The cursor: a line with a handle on the axis.
  const float cx = x_of(static_cast<double>(s.cursor));
  list->AddLine(ImVec2(cx, p0.y), ImVec2(cx, p1.y), IM_COL32(214, 40, 40, 255), 2.0f);
  list->AddTriangleFilled(ImVec2(cx - 6, p1.y), ImVec2(cx + 6, p1.y), ImVec2(cx, p1.y - 8), IM_COL32(214, 40, 40, 255));
  const std::string cursor_text = geo::format_date(s.cursor);
  const ImVec2 ts = ImGui::CalcTextSize(cursor_text.c_str());
  const float tx = std::clamp(cx + 4, p0.x, p1.x - ts.x - 4);
  list->AddRectFilled(ImVec2(tx - 2, p0.y + hist_h - ts.y - 2), ImVec2(tx + ts.x + 2, p0.y + hist_h), IM_COL32(214, 40, 40, 230), 2.0f);
  list->AddText(ImVec2(tx, p0.y + hist_h - ts.y - 1), IM_COL32(255, 255, 255, 255), cursor_text.c_str());
  list->PopClipRect();
  list->AddRect(p0, p1, IM_COL32(200, 206, 215, 255));
}

}  // namespace patrolscope::ui
