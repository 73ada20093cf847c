// The viewer's state: plain data, the single source of truth. Panels read and write it every
// frame; the map renderer gets a FrameState made from it; settings persist parts of it.
#pragma once
#include <array>
#include <cstdint>
#include "analysis.hpp"
#include <optional>
#include <string>
#include <vector>

#include "event.hpp"
#include "filter.hpp"
#include "measure.hpp"
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
       points = true, zones = true;
  std::uint32_t hidden_zones = 0;  // bit i: zone layer i hidden (its own toggle in the Layers panel)
  bool borders = true;             // country borders
};

struct Panels {
  bool filters = true, layers = true, legend = true, timeline = true, details = true,
       active = true, stats = true, inputs = true, find = true, bookmarks = false, open = false, snapshot = false,
       record = false, demo = false;
};

// Per-panel state the panels keep between frames (what ImGui widgets edit in place).
struct TimelinePanel {
  char cursor_text[40] = "";              // the cursor as typed
  geo::Seconds cursor_shown = INT64_MIN;  // the cursor cursor_text was made from
  bool editing = false;                   // the text field has focus: leave it alone
  bool scrubbing = false;                 // the drag started on the axis or the cursor
  bool brushing = false;                  // a Shift+drag: the span it covers becomes the window
  double brush_from = 0;                  // … where it started (seconds)
};
struct LayersPanel {
  char crs[256] = "";  // the custom CRS field
};
struct FindPanel {
  char query[256] = "";
  bool focus = false;  // Ctrl+F: put the keyboard in the search box next frame
  int highlighted = 0; // the result Enter selects (↑/↓ move it)
};
struct OpenDialog {
  std::string directory;  // empty: the working directory
  char path[1024] = "";   // the path field (a file name or a whole path)
  bool focus = false;     // put the keyboard in the path field next frame
  int highlighted = -1;   // the listing row ↑/↓ moved to
  // Column overrides for a table of positions (empty: detect), as --id-column etc.
  char id_column[128] = "", time_column[128] = "", lon_column[128] = "", lat_column[128] = "";
};
// A file to open, with the Open dialog's column overrides when it came from there.
struct OpenRequest {
  explicit OpenRequest(std::string file) : path(std::move(file)) {}
  std::string path;
  bool with_columns = false;
  std::string id_column, time_column, lon_column, lat_column;
};
// The timeline's drawing area on screen last frame (scripted input aims at it).
struct ScreenRect {
  float x = 0, y = 0, width = 0, height = 0;
};

// A named view: the map's camera and the time window, recalled with keys 1–9.
struct Bookmark {
  std::string name;
  std::string projection;
  double center_x = 0, center_y = 0, units_per_pixel = 0;
  geo::Seconds cursor = 0, window = 0;
  WindowMode window_mode = WindowMode::Cumulative;
  bool operator==(const Bookmark&) const = default;
};
inline constexpr int kBookmarkSlots = 9;
struct SnapshotPanel {
  char path[512] = "patrolscope-snapshot.png";
  bool write_requested = false;  // press "Write PNG" at the next frame (batch runs' --snapshot-to)
  std::string result;            // "Wrote …" / "Failed: …", shown until the next write
  // Where the last frame drew the dialog and its result line (window pixels; 0: not shown),
  // reported by batch captures so a test can check the line is inside the dialog.
  float window_bottom = 0, result_bottom = 0;
};

// The ruler (Map ▸ Ruler, key R): while on, clicks on the map add points (snapped to a timed
// track vertex under the mouse, which gives the point a time); the measure is geo::measure_ruler.
struct RulerState {
  bool on = false;
  std::vector<geo::RulerPoint> points;
};

// A message for the user, shown in the window until dismissed (status_line.cpp).
struct Message {
  std::string text;
  bool error = true;  // else a warning
};

struct AppState {
  // The map: the projection (a preset name or any PROJ/EPSG definition) and the camera in
  // absolute map units (scene-relative coordinates add Scene::origin).
  std::string projection = "pacific";
  double center_x = 0, center_y = 0, units_per_pixel = 0;  // units_per_pixel 0: fit the preset
  bool fit_view = false;         // frame the projection's default view once its scene is on screen
  bool keep_camera = false;      // … or keep this camera for the next projection's scene (a bookmark)
  std::string projection_error;  // the last definition PROJ rejected, and why

  // Time: the cursor, what the map shows around it, playback.
  geo::Seconds cursor = 0;
  WindowMode window_mode = WindowMode::Cumulative;
  geo::Seconds window = geo::kSecondsPerYear;  // trail / window length; cumulative: the bright part
  bool playing = false, loop = true;
  double speed = 30 * geo::kSecondsPerDay;  // data seconds per wall-clock second
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
  TimelinePanel timeline_panel;
  LayersPanel layers_panel;
  SnapshotPanel snapshot_panel;
  // What the last frame's legend listed (colour rows, events drawn outside the visible area)
  // and whether the map showed the off-map cue for the selection, reported by batch captures.
  struct MapReadout {
    int legend_rows = 0;
    std::size_t legend_outside = 0;
    bool selection_cue = false;
  } map_readout;
  FindPanel find_panel;
  OpenDialog open_dialog;
  ScreenRect timeline_rect;
  RulerState ruler;

  // The workspace: recently opened files (newest first), bookmarks, the UI scale.
  std::vector<std::string> recent_files;
  std::array<std::optional<Bookmark>, kBookmarkSlots> bookmarks;
  float ui_scale = 0;  // 0: follow the monitor's content scale
  std::vector<Message> messages;  // shown until dismissed
  void report(std::string text, bool error = true);  // adds a message (once: repeats are dropped)

  // The filter time last followed (follow_filter); unset before the first frame.
  std::optional<geo::Filter> followed_filter;
};

// What the panels read besides the state: the loaded data and what is derived from it once.
// One input of the window: a file (or database source) whose events are
// events[first, first + count). A file that failed to load keeps its row, with its error.
struct InputLayer {
  std::string path;
  std::string driver;
  std::size_t first = 0, count = 0;
  std::vector<std::string> warnings;
  std::string error;
};

struct ViewData {
  std::vector<geo::Event> events;
  std::vector<InputLayer> layers;  // in load order; their events are contiguous, in this order
  geo::FacetIndex facets;        // the dataset's categories (bit order of the GPU masks)
  geo::TimeRange range;          // of the timed events
  std::vector<geo::PaperYear> paper;  // the seed paper's Table 1
  std::string paper_error;
  std::vector<std::string> inputs;     // the DATA paths as given (for the title bar)
  std::string coastline_path;  // --coastline as given (empty: the bundled land)
  std::string coastline_attribution;
  std::vector<geo::Zone> zones;  // drawn as the zone layers (bundled, --zones FILE; none with --no-zones)
};

// Zooms the map camera by `factor` (< 1 zooms in) about the canvas pixel (px, py) of a
// width×height canvas: the map point under that pixel stays under it. The scale is clamped to
// [min_upp, max_upp].
void zoom_map_about(AppState& state, double px, double py, double width, double height, double factor,
                    double min_upp, double max_upp);

// The active span: "active" everywhere in the viewer (the map's bright features, the header's
// count, the Active list, picking) means an event's [start, end] meets this span
// (geo::active_in_window). Trail, fixed and cumulative: [cursor − window, cursor] (cumulative
// also draws what is older, dimmed); all: the whole data range.
struct TimeSpan {
  geo::Seconds from, to;
};
TimeSpan active_span(const AppState& state, const ViewData& data);

// The time range of the events that pass the filter (kNoTime when none is timed).
geo::TimeRange filtered_range(const ViewData& data, const geo::Filter& filter);
// Time follows the filter: when the filter differs from the one last followed (or on the
// first call) and no matching event is active at the cursor, moves the cursor to the nearest
// matching activity (the end of the nearest earlier event, or into the nearest later one).
// Returns whether the cursor moved.
bool follow_filter(AppState& state, const ViewData& data);

// Brings an extent (absolute map units) into a width×height canvas: centred on it when it is
// not wholly in view, zoomed out when it does not fit (with a margin), zoomed in when it would
// cover under a quarter of the view. A point extent only pans.
void bring_into_view(AppState& state, const geo::Extent& target, double width, double height);
// Scrolls a zoomed timeline (timeline_from/to set) so that [from, to] is in view; zooms out
// when it is longer than the view.
void scroll_timeline_to(AppState& state, geo::Seconds from, geo::Seconds to);

}  // namespace patrolscope
