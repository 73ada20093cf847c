#include "workspace.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>

#include "geodesic.hpp"

namespace patrolscope {
namespace {

namespace fs = std::filesystem;

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::vector<std::string> words_of(const std::string& query) {
  std::vector<std::string> words;
  std::string word;
  for (char c : query + " ") {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!word.empty()) words.push_back(lower(word));
      word.clear();
    } else {
      word += c;
    }
  }
  return words;
}

TrackReadout readout_on_segment(const geo::Line& line, std::size_t i, geo::Seconds t) {
  // Segment [i, i + 1] (or [i − 1, i] at the last vertex).
  const std::size_t a = (i + 1 < line.coords.size()) ? i : i - 1, b = a + 1;
  TrackReadout r;
  const geo::Seconds ta = line.times[a], tb = line.times[b];
  const double f = tb > ta ? std::clamp(static_cast<double>(t - ta) / static_cast<double>(tb - ta), 0.0, 1.0) : 0.0;
  r.time = t;
  const geo::LonLat pa = line.coords[a], pb = line.coords[b];
  double dlon = pb.lon - pa.lon;
  if (dlon > 180) dlon -= 360;  // across 180°: the short way
  if (dlon < -180) dlon += 360;
  r.position = {pa.lon + dlon * f, pa.lat + (pb.lat - pa.lat) * f};
  if (r.position.lon > 180) r.position.lon -= 360;
  if (r.position.lon < -180) r.position.lon += 360;
  const double km = geo::geodesic_km(pa, pb);
  if (tb > ta && km > 0) {
    r.has_motion = true;
    r.speed_knots = km / geo::kKmPerNauticalMile / (static_cast<double>(tb - ta) / 3600.0);
    r.heading_deg = geo::geodesic_azimuth_deg(pa, pb);
  }
  return r;
}

bool timed_line(const geo::Line& line) {
  return line.coords.size() >= 2 && line.times.size() == line.coords.size() &&
         std::none_of(line.times.begin(), line.times.end(), [](geo::Seconds t) { return t == geo::kNoTime; });
}

}  // namespace

const std::vector<std::string>& supported_extensions() {
  static const std::vector<std::string> extensions = {".geojson", ".json", ".csv", ".gpx", ".kml", ".kmz",
                                                      ".gpkg", ".fgb", ".shp", ".tsv", ".txt", ".geojsonl"};
  return extensions;
}

bool has_supported_extension(const std::string& path) {
  const std::string ext = lower(fs::path(path).extension().string());
  const auto& all = supported_extensions();
  return std::find(all.begin(), all.end(), ext) != all.end();
}

std::vector<DirectoryEntry> list_directory(const std::string& directory, std::string* error) {
  std::vector<DirectoryEntry> entries;
  std::error_code ec;
  fs::directory_iterator it(directory.empty() ? fs::path(".") : fs::path(directory), ec);
  if (ec) {
    if (error) *error = directory + ": " + ec.message();
    return entries;
  }
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    std::error_code type_ec;
    const bool is_dir = it->is_directory(type_ec);
    if (!is_dir && !has_supported_extension(name)) continue;
    DirectoryEntry e{name, is_dir, 0};
    if (!is_dir) e.bytes = it->file_size(type_ec);
    entries.push_back(std::move(e));
  }
  std::sort(entries.begin(), entries.end(), [](const DirectoryEntry& a, const DirectoryEntry& b) {
    if (a.directory != b.directory) return a.directory;
    return lower(a.name) < lower(b.name);
  });
  if (error) error->clear();
  return entries;
}

void remember_recent(std::vector<std::string>& recent, const std::string& path) {
  std::string absolute = path;
  if (!geo::is_database_source(path)) {
    std::error_code ec;
    const fs::path p = fs::absolute(path, ec);
    if (!ec) absolute = p.lexically_normal().string();
  }
  recent.erase(std::remove(recent.begin(), recent.end(), absolute), recent.end());
  recent.insert(recent.begin(), absolute);
  if (recent.size() > kMaxRecent) recent.resize(kMaxRecent);
}

void report_input(AppState& state, const InputLayer& layer) {
  if (!layer.error.empty()) {
    state.report(layer.path + ": " + layer.error);
  } else if (!layer.warnings.empty()) {
    const std::size_t n = layer.warnings.size();
    state.report(layer.path + ": " + std::to_string(n) + " warning" + (n == 1 ? "" : "s") +
                     " (features skipped or repaired; click the count in Inputs to read them): " + layer.warnings.front(),
                 false);
  }
}

void refresh_derived(ViewData& data) {
  data.facets = geo::FacetIndex::build(data.events);
  data.range = geo::time_range(data.events);
}

int add_input(ViewData& data, geo::LoadResult result) {
  InputLayer layer;
  layer.path = result.path;
  layer.driver = result.driver;
  layer.first = data.events.size();
  layer.count = result.events.size();
  layer.warnings = std::move(result.warnings);
  layer.error = result.error;
  if (layer.error.empty() && result.events.empty()) layer.error = "no usable event";
  // data.inputs is empty while only the bundled dataset is shown (the command line named
  // none); once a file is added it names every input.
  if (data.inputs.size() < data.layers.size()) {
    data.inputs.clear();
    for (const InputLayer& l : data.layers) data.inputs.push_back(l.path);
  }
  data.events.reserve(data.events.size() + result.events.size());
  for (geo::Event& e : result.events) data.events.push_back(std::move(e));
  data.layers.push_back(std::move(layer));
  data.inputs.push_back(result.path);
  refresh_derived(data);
  return static_cast<int>(data.layers.size()) - 1;
}

bool remove_input(ViewData& data, int index) {
  if (index < 0 || index >= static_cast<int>(data.layers.size())) return false;
  const InputLayer gone = data.layers[index];
  data.events.erase(data.events.begin() + static_cast<std::ptrdiff_t>(gone.first),
                    data.events.begin() + static_cast<std::ptrdiff_t>(gone.first + gone.count));
  data.layers.erase(data.layers.begin() + index);
  for (std::size_t i = index; i < data.layers.size(); ++i) data.layers[i].first -= gone.count;
  data.inputs.clear();
  for (const InputLayer& l : data.layers) data.inputs.push_back(l.path);
  refresh_derived(data);
  return true;
}

int layer_of(const ViewData& data, int event) {
  for (std::size_t i = 0; i < data.layers.size(); ++i) {
    const InputLayer& l = data.layers[i];
    if (event >= 0 && static_cast<std::size_t>(event) >= l.first && static_cast<std::size_t>(event) < l.first + l.count)
      return static_cast<int>(i);
  }
  return -1;
}

LoadWorker::~LoadWorker() {
  queue_.clear();
  if (current_.valid()) current_.wait();
}

void LoadWorker::request(const std::string& path, const geo::LoadOptions* columns) {
  geo::LoadOptions options = options_;
  if (columns) {  // (a blank field keeps the window's option)
    for (auto field : {&geo::LoadOptions::id_column, &geo::LoadOptions::time_column, &geo::LoadOptions::lon_column,
                       &geo::LoadOptions::lat_column})
      if (!(columns->*field).empty()) options.*field = columns->*field;
  }
  queue_.emplace_back(path, std::move(options));
  if (!current_.valid()) start_next();
}

void LoadWorker::start_next() {
  if (queue_.empty()) return;
  auto [path, options] = std::move(queue_.front());
  queue_.erase(queue_.begin());
  loading_ = path;
  started_ = std::chrono::steady_clock::now();
  current_ = std::async(std::launch::async, [path = std::move(path), options = std::move(options)] {
    return geo::load_events(path, options);
  });
}

std::optional<geo::LoadResult> LoadWorker::poll() {
  if (!current_.valid() || current_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return std::nullopt;
  geo::LoadResult result = current_.get();
  loading_.clear();
  start_next();
  return result;
}

double LoadWorker::seconds() const {
  return current_.valid() ? std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count() : 0.0;
}

std::vector<int> find_events(const std::vector<geo::Event>& events, const std::string& query, std::size_t limit) {
  std::vector<int> found;
  const std::vector<std::string> words = words_of(query);
  if (words.empty()) return found;
  for (std::size_t i = 0; i < events.size() && found.size() < limit; ++i) {
    const geo::Event& e = events[i];
    std::string text = lower(e.name + "\n" + e.id + "\n" + e.notes);
    for (const auto& [key, value] : e.attributes) {
      text += '\n';
      text += lower(key);
      text += '=';
      text += lower(value);
    }
    if (std::all_of(words.begin(), words.end(), [&](const std::string& w) { return text.find(w) != std::string::npos; }))
      found.push_back(static_cast<int>(i));
  }
  return found;
}

int step_event(const std::vector<geo::Event>& events, const geo::Filter& filter, geo::Seconds from, int direction) {
  int best = -1;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const geo::Event& e = events[i];
    if (!e.timed() || !filter.matches(e)) continue;
    if (direction > 0 ? e.start <= from : e.start >= from) continue;
    if (best < 0 || (direction > 0 ? e.start < events[best].start : e.start > events[best].start)) best = static_cast<int>(i);
  }
  return best;
}

std::optional<TrackReadout> track_readout(const geo::Event& event, geo::Seconds t) {
  const geo::Line* chosen = nullptr;
  std::size_t segment = 0;
  geo::Seconds best_gap = 0;
  for (const geo::Line& line : event.geometry.lines) {
    if (!timed_line(line)) continue;
    const auto& times = line.times;
    const geo::Seconds clamped = std::clamp(t, times.front(), times.back());
    const geo::Seconds gap = std::abs(clamped - t);
    if (chosen && gap >= best_gap) continue;
    chosen = &line, best_gap = gap;
    const auto it = std::upper_bound(times.begin(), times.end(), clamped);
    segment = it == times.begin() ? 0 : static_cast<std::size_t>(it - times.begin()) - 1;
    if (segment + 1 >= line.coords.size()) segment = line.coords.size() - 2;
  }
  if (!chosen) return std::nullopt;
  return readout_on_segment(*chosen, segment, std::clamp(t, chosen->times.front(), chosen->times.back()));
}

// Squared distance in degrees of latitude, longitude scaled by cos(latitude): which vertex is
// nearest a hover or click (short ranges; the short way round 180°).
double nearness(geo::LonLat a, geo::LonLat near) {
  double dlon = std::abs(a.lon - near.lon);
  if (dlon > 180) dlon = 360 - dlon;
  const double c = std::cos(near.lat * M_PI / 180);
  return dlon * dlon * c * c + (a.lat - near.lat) * (a.lat - near.lat);
}

std::optional<TrackReadout> track_readout_near(const geo::Event& event, geo::LonLat near) {
  const geo::Line* chosen = nullptr;
  std::size_t vertex = 0;
  double best = 0;
  for (const geo::Line& line : event.geometry.lines) {
    if (!timed_line(line)) continue;
    for (std::size_t i = 0; i < line.coords.size(); ++i) {
      const double d = nearness(line.coords[i], near);
      if (!chosen || d < best) chosen = &line, vertex = i, best = d;
    }
  }
  if (!chosen) return std::nullopt;
  return readout_on_segment(*chosen, vertex, chosen->times[vertex]);
}

std::optional<geo::RulerPoint> nearest_vertex(const geo::Event& event, geo::LonLat near) {
  std::optional<geo::RulerPoint> out;
  double best = 0;
  const auto consider = [&](geo::LonLat p, std::optional<geo::Seconds> time) {
    const double d = nearness(p, near);
    if (!out || d < best) out = geo::RulerPoint{p, time}, best = d;
  };
  for (const geo::Line& line : event.geometry.lines) {
    const bool timed = timed_line(line);
    for (std::size_t i = 0; i < line.coords.size(); ++i)
      consider(line.coords[i], timed ? std::optional(line.times[i]) : std::nullopt);
  }
  for (const geo::LonLat& p : event.geometry.points) consider(p, std::nullopt);
  return out;
}

bool brush_time_window(AppState& s, geo::Seconds from, geo::Seconds to) {
  if (to < from) std::swap(from, to);
  if (to - from < 60) return false;
  s.window_mode = WindowMode::Fixed;
  s.window = to - from;
  s.cursor = to;
  s.playing = false;
  return true;
}

void store_bookmark(AppState& s, int slot, std::string name) {
  if (slot < 1 || slot > kBookmarkSlots) return;
  Bookmark b;
  b.name = name.empty() ? (s.bookmarks[slot - 1] ? s.bookmarks[slot - 1]->name : "View " + std::to_string(slot)) : std::move(name);
  b.projection = s.projection;
  b.center_x = s.center_x, b.center_y = s.center_y, b.units_per_pixel = s.units_per_pixel;
  b.cursor = s.cursor, b.window = s.window, b.window_mode = s.window_mode;
  s.bookmarks[slot - 1] = std::move(b);
}

bool recall_bookmark(AppState& s, int slot) {
  if (slot < 1 || slot > kBookmarkSlots || !s.bookmarks[slot - 1]) return false;
  const Bookmark& b = *s.bookmarks[slot - 1];
  if (s.projection != b.projection) s.keep_camera = true;  // the new scene opens on this camera, not its default
  s.projection = b.projection;
  s.center_x = b.center_x, s.center_y = b.center_y, s.units_per_pixel = b.units_per_pixel;
  s.cursor = b.cursor, s.window = b.window, s.window_mode = b.window_mode;
  s.playing = false;
  s.followed_filter = s.filter;  // the recalled time stays, whatever the filter shows there
  return true;
}

}  // namespace patrolscope
