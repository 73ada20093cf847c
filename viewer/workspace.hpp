// The viewer's workspace: the inputs loaded into one window (each file a layer of the event
// list), loading more of them on a background thread, and what the Find, Bookmarks and hover
// readout compute from the data. No ImGui here: the panels (ui/inputs.cpp, ui/open_dialog.cpp,
// ui/find.cpp, ui/bookmarks.cpp) draw it, and the tests call it directly.
#pragma once
#include <chrono>
#include <future>
#include <optional>
#include <string>
#include <vector>

#include "app_state.hpp"
#include "load.hpp"

namespace patrolscope {

// The file types File ▸ Open lists (lower case, with the dot); others can still be typed.
const std::vector<std::string>& supported_extensions();
bool has_supported_extension(const std::string& path);

// One directory listing for the Open dialog: folders first, then files with a supported
// extension, each sorted by name; hidden entries (".x") left out. Unreadable: `error` says why.
struct DirectoryEntry {
  std::string name;
  bool directory = false;
  std::uintmax_t bytes = 0;
};
std::vector<DirectoryEntry> list_directory(const std::string& directory, std::string* error);

// Puts `path` first in the recent list (made absolute, no duplicates, at most kMaxRecent).
inline constexpr std::size_t kMaxRecent = 10;
void remember_recent(std::vector<std::string>& recent, const std::string& path);

// Appends a loaded file's events to the data as a new input layer and refreshes what is
// derived from the events (facets, time range). The events already loaded stay as they are,
// and keep their indices. Returns the layer's index.
int add_input(ViewData& data, geo::LoadResult result);
// Removes an input layer and its events; indices after it shift down (the caller clears the
// selection). Returns false for an index out of range.
bool remove_input(ViewData& data, int layer);
// The input layer an event belongs to (-1: none, for data made without layers).
int layer_of(const ViewData& data, int event);
// Says in the window what went wrong with an input: its error, no usable event, or how many
// warnings it had (the Inputs panel lists them).
void report_input(AppState& state, const InputLayer& layer);
// Facets and time range again, after the events changed.
void refresh_derived(ViewData& data);

// Loads files on a background thread, one after another, so the window keeps drawing. The
// results are taken on the UI thread (poll) and added there with add_input.
class LoadWorker {
 public:
  explicit LoadWorker(geo::LoadOptions options) : options_(std::move(options)) {}
  ~LoadWorker();
  // Queued behind a load in progress; the non-blank column overrides of `columns` (when given)
  // replace the window's for this file.
  void request(const std::string& path, const geo::LoadOptions* columns = nullptr);
  std::optional<geo::LoadResult> poll();  // a finished load, once
  bool busy() const { return current_.valid() || !queue_.empty(); }
  const std::string& loading() const { return loading_; }  // the file being read now
  double seconds() const;                                  // … for this long
  std::size_t queued() const { return queue_.size(); }

 private:
  void start_next();
  geo::LoadOptions options_;
  std::future<geo::LoadResult> current_;
  std::string loading_;
  std::vector<std::pair<std::string, geo::LoadOptions>> queue_;
  std::chrono::steady_clock::time_point started_;
};

// Find: events whose name, id, notes or any attribute (name or value) contains every word of
// `query` (case-insensitive), in data order, at most `limit`. Empty query: none.
std::vector<int> find_events(const std::vector<geo::Event>& events, const std::string& query, std::size_t limit = 200);
// Next/previous event in time: the first event (passing the filter, timed) starting after
// (direction +1) or before (−1) `from`, ties broken by index. -1 when there is none.
int step_event(const std::vector<geo::Event>& events, const geo::Filter& filter, geo::Seconds from, int direction);

// What the hover readout says about a track at a time: the position interpolated between its
// timed vertices, and speed and heading over the segment holding that time, computed along the
// geodesic (geo/geodesic.hpp) — computed values, not reported ones.
struct TrackReadout {
  geo::Seconds time = geo::kNoTime;
  geo::LonLat position;
  double speed_knots = 0;     // geodesic length of the segment over its duration
  double heading_deg = 0;     // initial azimuth of the segment, clockwise from north, [0, 360)
  bool has_motion = false;    // false when the segment has no duration or no length
};
// The readout at time `t` (clamped into the track's timed span); nullopt for events without a
// timed line.
std::optional<TrackReadout> track_readout(const geo::Event& event, geo::Seconds t);
// The readout at the vertex of the event's timed lines nearest to lon/lat (the hover point).
std::optional<TrackReadout> track_readout_near(const geo::Event& event, geo::LonLat near);

// The vertex of the event's lines or the point nearest to lon/lat (what the ruler snaps to),
// with the vertex's time when its line is timed; nullopt for an event with neither.
std::optional<geo::RulerPoint> nearest_vertex(const geo::Event& event, geo::LonLat near);

// Brushing the timeline: [from, to] becomes the shown window (fixed mode, the cursor at its
// end). A span shorter than a minute is ignored (a click, not a brush). Returns whether it applied.
bool brush_time_window(AppState& state, geo::Seconds from, geo::Seconds to);

// Bookmarks: keys 1–9 recall the view (camera and time) stored under them.
void store_bookmark(AppState& state, int slot, std::string name = {});
bool recall_bookmark(AppState& state, int slot);  // false: nothing stored there

}  // namespace patrolscope
