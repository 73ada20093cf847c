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
  for (ColorBy b : {ColorBy::Domain, ColorBy::Participant, ColorBy::ForceType, ColorBy::Kind})
    if (text == to_string(b)) {
      by = b;
      return true;
    }
  return false;
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
