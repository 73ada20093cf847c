// The viewer's state: plain data, the single source of truth. Panels read and write it every
// frame; the map renderer gets a FrameState made from it; settings persist parts of it.
#pragma once
#include <string>
#include <vector>

#include "event.hpp"
#include "filter.hpp"
#include "render/map_renderer.hpp"
#include "timeline.hpp"

namespace patrolscope {

enum class WindowMode { Trail, Fixed, Cumulative, All };
const char* to_string(WindowMode mode);  // "trail", "fixed", "cumulative", "all"
bool parse_window_mode(const std::string& text, WindowMode& mode);

using render::ColorBy;
const char* to_string(ColorBy by);  // "domain", "participant", "force", "kind"
bool parse_color_by(const std::string& text, ColorBy& by);

struct Layers {
  bool land = true, coast = true, graticule = true, labels = true, areas = true, tracks = true,
       points = true;
};

struct Panels {
  bool filters = true, layers = true, legend = true, timeline = true, details = true,
       active = true, stats = true, snapshot = false, record = false, demo = false;
};

struct AppState {
  // The map: the projection (a preset name or any PROJ/EPSG definition) and the camera in
  // absolute map units (scene-relative coordinates add Scene::origin).
  std::string projection = "pacific";
  double center_x = 0, center_y = 0, units_per_pixel = 0;  // units_per_pixel 0: fit the preset
  bool fit_view = false;         // frame the projection's default view once its scene is on screen
  std::string projection_error;  // the last definition PROJ rejected, and why

  // Time: the cursor, what the map shows around it, playback.
  geo::Seconds cursor = 0;
  WindowMode window_mode = WindowMode::Cumulative;
  geo::Seconds window = 365 * 86400;  // trail / window length; cumulative: the bright part
  bool playing = false, loop = true;
  double speed = 30 * 86400;  // data seconds per wall-clock second
  geo::TimeStep step = geo::TimeStep::Day;  // what ←/→ and the step buttons move by

  // The timeline's own view (zoomable, pannable): the visible time span.
  double timeline_from = 0, timeline_to = 0;  // 0, 0: the whole data range

  geo::Filter filter;
  ColorBy color_by = ColorBy::Domain;
  float line_width = 2.5f;
  Layers layers;
  Panels panels;

  int selected = -1, hovered = -1;  // event indices; hovered is set each frame

  bool background_job = false;  // a recording runs: keep drawing frames (its progress) while idle
  bool dirty_settings = false;  // something worth saving changed
};

// What the panels read besides the state: the loaded data and what is derived from it once.
struct ViewData {
  std::vector<geo::Event> events;
  geo::FacetIndex facets;        // the dataset's categories (bit order of the GPU masks)
  geo::TimeRange range;          // of the timed events
  std::vector<geo::PaperYear> paper;  // the seed paper's Table 1
  std::string paper_error;
  std::vector<std::string> inputs;     // the DATA paths as given (for the title bar)
  std::string coastline_attribution;
};

// Zooms the map camera by `factor` (< 1 zooms in) about the canvas pixel (px, py) of a
// width×height canvas: the map point under that pixel stays under it. The scale is clamped to
// [min_upp, max_upp].
void zoom_map_about(AppState& state, double px, double py, double width, double height, double factor,
                    double min_upp, double max_upp);

// The time span the map shows at the cursor, [from, to]; `All` returns the whole range.
struct TimeSpan {
  geo::Seconds from, to;
};
TimeSpan shown_span(const AppState& state, const ViewData& data);

}  // namespace patrolscope
