#include "spec.hpp"

#include <cstdio>
#include <filesystem>

#include "app_state.hpp"
#include "load.hpp"
#include "time.hpp"

namespace patrolscope::snapshot {
namespace {

const char* mode_name(render::FrameState::WindowMode mode) {
  switch (mode) {
    case render::FrameState::Trail: return "trail";
    case render::FrameState::Fixed: return "fixed";
    case render::FrameState::Cumulative: return "cumulative";
  }
  return "trail";
}

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

}  // namespace

namespace {
constexpr std::pair<const char*, LegendPlace> kLegendNames[] = {
    {"auto", LegendPlace::Auto},     {"tl", LegendPlace::TopLeft},     {"tr", LegendPlace::TopRight},
    {"bl", LegendPlace::BottomLeft}, {"br", LegendPlace::BottomRight}, {"off", LegendPlace::Off}};
}  // namespace

bool parse_legend_place(const std::string& text, LegendPlace& place) {
  for (const auto& [name, value] : kLegendNames)
    if (text == name) return place = value, true;
  return false;
}

std::string legend_place_name(LegendPlace place) {
  for (const auto& [name, value] : kLegendNames)
    if (place == value) return name;
  return "auto";
}

bool valid_size(int width, int height) { return width >= 1 && height >= 1 && width <= kMaxSide && height <= kMaxSide; }

std::string default_title(const SnapshotSpec& spec) {
  std::string title;
  const auto name = [](const std::string& path) { return geo::source_name(path); };
  if (spec.inputs.empty()) {
    title = "China\u2013Russia joint activity";
  } else if (spec.inputs.size() == 1) {
    title = name(spec.inputs[0]);
  } else if (spec.inputs.size() == 2) {
    title = name(spec.inputs[0]) + " and " + name(spec.inputs[1]);
  } else {
    title = name(spec.inputs[0]) + ", " + name(spec.inputs[1]) + " and " + std::to_string(spec.inputs.size() - 2) +
            " more";
  }
  if (const geo::Preset* preset = geo::find_preset(spec.region)) title += std::string(": ") + preset->title;
  return title;
}

std::string title_of(const SnapshotSpec& spec) { return spec.text.title.empty() ? default_title(spec) : spec.text.title; }

OverlayText text_of(const SnapshotSpec& spec) {
  OverlayText text = spec.text;
  text.title = title_of(spec);
  return text;
}

render::FrameState frame_state(const SnapshotSpec& spec, const geo::FacetIndex& facets) {
  render::FrameState f;
  f.timed = spec.time.timed;
  f.now = spec.time.now;
  f.window = spec.time.window;
  f.window_mode = spec.time.mode;
  f.masks = facets.masks(spec.filter);
  f.color_by = spec.color_by;
  f.line_width_px = spec.line_width_px;
  f.looks = spec.looks;
  f.land = spec.land;
  f.coast = spec.coast;
  f.borders = spec.borders;
  f.graticule = spec.graticule;
  f.areas = spec.areas;
  f.tracks = spec.tracks;
  f.points = spec.points;
  f.zones = spec.zones;
  f.hidden_zones = spec.hidden_zones;
  f.selected_feature = spec.selected;
  f.transparent = spec.transparent;
  return f;
}

std::string window_text(const TimeShown& time) {
  if (!time.timed) return "all";
  if (time.window < 0) return std::string(mode_name(time.mode)) + " up to";
  return std::string(mode_name(time.mode)) + " " + geo::format_duration(time.window);
}

namespace {
// The colour rule drawn: the map's colour-by, or each styled layer's ("ais.csv: attribute:mmsi;
// b.gpx: #d55e00"); one layer over all events (--color-by track) is its rule alone.
std::string color_text(const SnapshotSpec& spec) {
  if (spec.looks.empty()) return to_string(spec.color_by);
  std::string text;
  for (std::size_t i = 0; i < spec.looks.size(); ++i) {
    const std::string rule = spec.looks[i].color ? geo::to_text(*spec.looks[i].color) : to_string(spec.color_by);
    if (spec.looks.size() == 1) return rule;
    const std::string name = i < spec.layers.size() ? spec.layers[i].name : std::to_string(i + 1);
    text += (text.empty() ? "" : "; ") + name + ": " + rule;
  }
  return text;
}
}  // namespace

render::PngText metadata(const SnapshotSpec& spec) {
  char view[160];
  std::snprintf(view, sizeof view, "%.3f,%.3f,%.3f,%.3f", spec.view.xmin, spec.view.ymin, spec.view.xmax,
                spec.view.ymax);
  render::PngText text = {
      {"Title", title_of(spec)},
      {"Region", spec.region.empty() ? "custom" : spec.region},
      {"Projection", spec.projection},
      {"View", view},
      {"Time", spec.time.timed ? geo::format_time(spec.time.now) : "all"},
      {"Window", window_text(spec.time)},
      {"Filter", spec.filter.empty() ? "none" : spec.filter.describe()},
      {"Color by", color_text(spec)},
      {"Inputs", spec.inputs.empty() ? "bundled dataset" : joined(spec.inputs)},
      {"Coastline", spec.coastline.empty() ? "bundled Natural Earth" : spec.coastline},
  };
  text.insert(text.end(), spec.extra_metadata.begin(), spec.extra_metadata.end());
  return text;
}

}  // namespace patrolscope::snapshot
