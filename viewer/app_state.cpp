#include "app_state.hpp"

#include <algorithm>

namespace patrolscope {

const char* to_string(WindowMode mode) {
  switch (mode) {
    case WindowMode::Trail: return "trail";
    case WindowMode::Fixed: return "fixed";
    case WindowMode::Cumulative: return "cumulative";
    case WindowMode::All: return "all";
  }
  return "trail";
}

bool parse_window_mode(const std::string& text, WindowMode& mode) {
  for (WindowMode m : {WindowMode::Trail, WindowMode::Fixed, WindowMode::Cumulative, WindowMode::All})
    if (text == to_string(m)) {
      mode = m;
      return true;
    }
  return false;
}

const char* to_string(ColorBy by) { return geo::facet_name(by); }

bool parse_color_by(const std::string& text, ColorBy& by) { return geo::parse_facet_name(text, by); }

void zoom_map_about(AppState& s, double px, double py, double width, double height, double factor,
                    double min_upp, double max_upp) {
  const double upp = std::clamp(s.units_per_pixel * factor, min_upp, std::max(min_upp, max_upp));
  const double mx = s.center_x + (px - width * 0.5) * s.units_per_pixel;
  const double my = s.center_y - (py - height * 0.5) * s.units_per_pixel;
  s.center_x = mx - (px - width * 0.5) * upp;
  s.center_y = my + (py - height * 0.5) * upp;
  s.units_per_pixel = upp;
}

void AppState::report(std::string text, bool error) {
  for (const Message& m : messages)
    if (m.text == text) return;
  messages.push_back({std::move(text), error});
}

TimeSpan active_span(const AppState& state, const ViewData& data) {
  if (state.window_mode == WindowMode::All) return {data.range.from, data.range.to};
  return {state.cursor - std::max<geo::Seconds>(state.window, 0), state.cursor};
}

geo::TimeRange filtered_range(const ViewData& data, const geo::Filter& filter) {
  geo::TimeRange range;
  for (const geo::Event& e : data.events) {
    if (!e.timed() || !filter.matches(e)) continue;
    if (range.from == geo::kNoTime || e.start < range.from) range.from = e.start;
    if (range.to == geo::kNoTime || e.end > range.to) range.to = e.end;
  }
  return range;
}

bool follow_filter(AppState& s, const ViewData& data) {
  if (s.followed_filter && *s.followed_filter == s.filter) return false;
  s.followed_filter = s.filter;
  if (s.window_mode == WindowMode::All) return false;
  const TimeSpan span = active_span(s, data);
  geo::Seconds best = geo::kNoTime, best_distance = 0;
  for (const geo::Event& e : data.events) {
    if (!e.timed() || !s.filter.matches(e)) continue;
    if (geo::active_in_window(e, span.from, span.to)) return false;  // something matching is on show
    // Before the span: its end puts it in the window. After: its start, or a window into it.
    const bool before = e.end < span.from;
    const geo::Seconds distance = before ? span.from - e.end : e.start - s.cursor;
    const geo::Seconds target = before ? e.end : std::min(e.end, e.start + std::max<geo::Seconds>(s.window, 0));
    if (best == geo::kNoTime || distance < best_distance) best = target, best_distance = distance;
  }
  if (best == geo::kNoTime) return false;  // nothing matches: leave time alone
  s.cursor = best;
  s.playing = false;
  return true;
}

void bring_into_view(AppState& s, const geo::Extent& t, double width, double height) {
  if (!(width > 0 && height > 0 && s.units_per_pixel > 0)) return;
  const double fit = std::max(t.width() / width, t.height() / height) * 1.25;  // with a margin
  const double upp = fit > 0 ? std::clamp(s.units_per_pixel, fit, fit * 4) : s.units_per_pixel;
  const double half_w = width * 0.5 * s.units_per_pixel, half_h = height * 0.5 * s.units_per_pixel;
  const bool in_view = t.xmin >= s.center_x - half_w && t.xmax <= s.center_x + half_w &&
                       t.ymin >= s.center_y - half_h && t.ymax <= s.center_y + half_h;
  if (in_view && upp == s.units_per_pixel) return;
  s.center_x = 0.5 * (t.xmin + t.xmax);
  s.center_y = 0.5 * (t.ymin + t.ymax);
  s.units_per_pixel = upp;
}

void scroll_timeline_to(AppState& s, geo::Seconds from, geo::Seconds to) {
  if (!(s.timeline_to > s.timeline_from) || to < from) return;  // not zoomed: everything is in view
  const double view = s.timeline_to - s.timeline_from;
  if (from >= s.timeline_from && to <= s.timeline_to) return;
  const double length = static_cast<double>(to - from);
  const double centre = 0.5 * (static_cast<double>(from) + static_cast<double>(to));
  const double span = length * 1.2 > view ? length * 1.2 : view;  // zoom out only when it does not fit
  s.timeline_from = centre - span * 0.5;
  s.timeline_to = centre + span * 0.5;
}

}  // namespace patrolscope
