#include "session_state.hpp"

#include <algorithm>

namespace patrolscope {
namespace {

std::string shell_quoted(const std::string& text) {
  if (!text.empty() && text.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./:,+=@%") ==
                           std::string::npos)
    return text;
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string joined(const std::set<std::string>& values) {
  std::string out;
  for (const std::string& v : values) {
    if (!out.empty()) out += ',';
    out += v;
  }
  return out;
}

}  // namespace

void apply_session(AppState& state, const geo::Session& s, double canvas_w, double canvas_h) {
  state.projection = s.view.projection;
  if (s.view.extent && canvas_w > 0 && canvas_h > 0) {
    state.center_x = (s.view.extent->xmin + s.view.extent->xmax) / 2;
    state.center_y = (s.view.extent->ymin + s.view.extent->ymax) / 2;
    state.units_per_pixel = std::max(s.view.extent->width() / canvas_w, s.view.extent->height() / canvas_h);
  } else {
    state.units_per_pixel = 0;  // the projection's own frame
  }
  if (s.time.cursor) {
    state.cursor = *s.time.cursor;
    state.followed_filter = s.filter;  // a saved time stays where it was put
  }
  state.window = s.time.window;
  parse_window_mode(s.time.mode, state.window_mode);
  state.filter = s.filter;
  if (s.color_by.source == geo::ColorChoice::Source::Facet) state.color_by = s.color_by.facet;
  state.layers = {s.show.land, s.show.coast, s.show.graticule, s.show.labels, s.show.areas, s.show.tracks, s.show.points};
  state.layers.borders = s.show.borders;
}

void apply_session_selection(AppState& state, const geo::Session& s, const ViewData& data) {
  for (const std::string& id : s.selection)
    for (std::size_t i = 0; i < data.events.size(); ++i)
      if (data.events[i].id == id) {
        state.selected = static_cast<int>(i);
        return;
      }
}

std::vector<std::string> session_inputs(const geo::Session& s, const std::vector<geo::SessionProblem>& missing) {
  std::vector<std::string> paths;
  for (const geo::SessionLayer& layer : s.layers) {
    if (layer.type != geo::SessionLayer::Type::Events || !layer.style.visible || layer.path.empty()) continue;
    if (std::any_of(missing.begin(), missing.end(), [&](const geo::SessionProblem& p) { return p.file == layer.path; }))
      continue;
    paths.push_back(layer.path);
  }
  return paths;
}

geo::Session capture_session(const AppState& state, const ViewData& data, double canvas_w, double canvas_h,
                             geo::Session s) {
  // Layers: keep each input's saved style; new inputs get the default style, in order.
  std::vector<geo::SessionLayer> layers;
  const std::vector<std::string> inputs = data.inputs;
  if (inputs.empty()) layers.push_back({});
  for (const std::string& path : inputs) {
    geo::SessionLayer layer;
    layer.path = path;
    layer.style.order = static_cast<int>(layers.size());
    for (const geo::SessionLayer& saved : s.layers)
      if (saved.type == geo::SessionLayer::Type::Events && saved.path == path) layer = saved;
    layers.push_back(layer);
  }
  for (const geo::SessionLayer& saved : s.layers)  // zone layers and hidden inputs stay
    if (saved.type == geo::SessionLayer::Type::Zones ||
        (!saved.style.visible && std::find(inputs.begin(), inputs.end(), saved.path) == inputs.end()))
      layers.push_back(saved);
  s.layers = std::move(layers);
  s.coastline = data.coastline_path;
  s.view.projection = state.projection;
  if (state.units_per_pixel > 0 && canvas_w > 0 && canvas_h > 0) {
    const double half_w = canvas_w * 0.5 * state.units_per_pixel, half_h = canvas_h * 0.5 * state.units_per_pixel;
    s.view.extent = geo::Extent{state.center_x - half_w, state.center_y - half_h, state.center_x + half_w, state.center_y + half_h};
  } else {
    s.view.extent.reset();
  }
  s.time.cursor = state.cursor;
  s.time.window = state.window;
  s.time.mode = to_string(state.window_mode);
  s.filter = state.filter;
  if (s.color_by.source == geo::ColorChoice::Source::Facet) s.color_by.facet = state.color_by;
  s.show = {state.layers.land, state.layers.coast, state.layers.graticule, state.layers.labels,
            state.layers.areas, state.layers.tracks, state.layers.points};
  s.show.borders = state.layers.borders;
  s.selection.clear();
  if (state.selected >= 0 && static_cast<std::size_t>(state.selected) < data.events.size())
    s.selection.push_back(data.events[static_cast<std::size_t>(state.selected)].id);
  return s;
}

std::string render_command(const geo::Session& s, const std::string& output) {
  std::string line = "patrolscope render";
  for (const geo::SessionLayer& layer : s.layers)
    if (layer.type == geo::SessionLayer::Type::Events && layer.style.visible && !layer.path.empty())
      line += " " + shell_quoted(layer.path);
  if (!s.coastline.empty()) line += " --coastline " + shell_quoted(s.coastline);
  const bool preset = s.view.projection == "pacific" || s.view.projection == "arctic" || s.view.projection == "scs" ||
                      s.view.projection == "world";
  line += (preset ? " --region " : " --crs ") + shell_quoted(s.view.projection);
  if (s.time.cursor && s.time.mode != "all") {
    line += " --at " + geo::format_time(*s.time.cursor);
    if (s.time.mode != "cumulative") line += " --window " + shell_quoted(geo::format_duration(s.time.window));
  }
  if (!s.filter.years.empty()) {
    std::string years;
    for (int y : s.filter.years) {
      if (!years.empty()) years += ',';
      years += std::to_string(y);  // (not a + b: g++ 12 -Wrestrict false positive under -Werror)
    }
    line += " --years " + years;
  }
  if (!s.filter.domains.empty()) line += " --domain " + shell_quoted(joined(s.filter.domains));
  if (!s.filter.force_types.empty()) line += " --force " + shell_quoted(joined(s.filter.force_types));
  if (!s.filter.participants.empty()) line += " --participant " + shell_quoted(joined(s.filter.participants));
  if (!s.filter.kinds.empty()) line += " --kind " + shell_quoted(joined(s.filter.kinds));
  if (s.color_by.source == geo::ColorChoice::Source::Facet) line += std::string(" --color-by ") + geo::facet_name(s.color_by.facet);
  line += " --size " + std::to_string(s.snapshot.width) + "x" + std::to_string(s.snapshot.height);
  if (!s.snapshot.title.empty()) line += " --title " + shell_quoted(s.snapshot.title);
  if (!s.snapshot.subtitle.empty()) line += " --subtitle " + shell_quoted(s.snapshot.subtitle);
  if (!s.snapshot.banner.empty()) line += " --banner " + shell_quoted(s.snapshot.banner);
  if (s.snapshot.legend != "auto") line += " --legend " + s.snapshot.legend;
  return line + " -o " + shell_quoted(output);
}

}  // namespace patrolscope
