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

const char* to_string(ColorBy by) {
  switch (by) {
    case ColorBy::Domain: return "domain";
    case ColorBy::Participant: return "participant";
    case ColorBy::ForceType: return "force";
    case ColorBy::Kind: return "kind";
  }
  return "domain";
}

bool parse_color_by(const std::string& text, ColorBy& by) {
  if (text == "force_type") return by = ColorBy::ForceType, true;
  for (ColorBy b : {ColorBy::Domain, ColorBy::Participant, ColorBy::ForceType, ColorBy::Kind})
    if (text == to_string(b)) {
      by = b;
      return true;
    }
  return false;
}

void zoom_map_about(AppState& s, double px, double py, double width, double height, double factor,
                    double min_upp, double max_upp) {
  const double upp = std::clamp(s.units_per_pixel * factor, min_upp, std::max(min_upp, max_upp));
  const double mx = s.center_x + (px - width * 0.5) * s.units_per_pixel;
  const double my = s.center_y - (py - height * 0.5) * s.units_per_pixel;
  s.center_x = mx - (px - width * 0.5) * upp;
  s.center_y = my + (py - height * 0.5) * upp;
  s.units_per_pixel = upp;
}

TimeSpan shown_span(const AppState& state, const ViewData& data) {
  switch (state.window_mode) {
    case WindowMode::Trail:
    case WindowMode::Fixed: return {state.cursor - std::max<geo::Seconds>(state.window, 0), state.cursor};
    case WindowMode::Cumulative: return {data.range.from, state.cursor};
    case WindowMode::All: break;
  }
  return {data.range.from, data.range.to};
}

}  // namespace patrolscope
