#include "settings.hpp"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>

#include "ui/panels.hpp"
#include "workspace.hpp"

namespace patrolscope {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Reads each value on its own: a value of the wrong type or outside its range is skipped with
// a warning naming the key, and everything else still applies.
class Reader {
 public:
  explicit Reader(std::vector<std::string>* warnings) : warnings_(warnings) {}

  // The object at `key` of `parent`, or null (with a warning when present but not an object).
  const json* object(const json& parent, const std::string& key, const std::string& path) {
    const auto it = parent.find(key);
    if (it == parent.end() || it->is_null()) return nullptr;
    if (!it->is_object()) return warn(path, "expected an object"), nullptr;
    return &*it;
  }
  void boolean(const json* j, const char* key, const std::string& path, bool& out) {
    if (const json* v = find(j, key)) {
      if (v->is_boolean()) out = v->get<bool>();
      else warn(path + "." + key, "expected true or false");
    }
  }
  template <class T>
  void integer(const json* j, const char* key, const std::string& path, T& out, T lo, T hi) {
    const json* v = find(j, key);
    if (!v) return;
    std::int64_t x = 0;
    if (!exact_integer(*v, x) || x < static_cast<std::int64_t>(lo) || x > static_cast<std::int64_t>(hi))
      return warn(path + "." + key, "expected an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    out = static_cast<T>(x);
  }
  template <class T>
  void number(const json* j, const char* key, const std::string& path, T& out, double lo, double hi) {
    const json* v = find(j, key);
    if (!v) return;
    const double x = v->is_number() ? v->get<double>() : std::nan("");
    if (!(x >= lo && x <= hi)) return warn(path + "." + key, "expected a number in [" + fmt(lo) + ", " + fmt(hi) + "]");
    out = static_cast<T>(x);
  }
  void string(const json* j, const char* key, const std::string& path, std::string& out, std::size_t max_length) {
    const json* v = find(j, key);
    if (!v) return;
    if (!v->is_string() || v->get_ref<const std::string&>().size() > max_length)
      return warn(path + "." + key, "expected a string of at most " + std::to_string(max_length) + " bytes");
    out = v->get<std::string>();
  }
  // A list of strings (each ≤ 256 bytes, ≤ 1000 of them); all or nothing.
  void strings(const json* j, const char* key, const std::string& path, std::set<std::string>& out) {
    const json* v = find(j, key);
    if (!v) return;
    std::set<std::string> values;
    bool ok = v->is_array() && v->size() <= 1000;
    for (std::size_t i = 0; ok && i < v->size(); ++i) {
      ok = (*v)[i].is_string() && (*v)[i].get_ref<const std::string&>().size() <= 256;
      if (ok) values.insert((*v)[i].get<std::string>());
    }
    if (!ok) return warn(path + "." + key, "expected a list of names");
    out = std::move(values);
  }
  void years(const json* j, const char* key, const std::string& path, std::set<int>& out) {
    const json* v = find(j, key);
    if (!v) return;
    std::set<int> values;
    bool ok = v->is_array() && v->size() <= 10000;
    for (std::size_t i = 0; ok && i < v->size(); ++i) {
      std::int64_t y = 0;
      ok = exact_integer((*v)[i], y) && y >= 1 && y <= 9999;
      if (ok) values.insert(static_cast<int>(y));
    }
    if (!ok) return warn(path + "." + key, "expected a list of years in [1, 9999]");
    out = std::move(values);
  }
  void warn(const std::string& key, const std::string& what) {
    const std::string name = key.front() == '.' ? key.substr(1) : key;  // top-level keys
    if (warnings_) warnings_->push_back(name + ": " + what + "; ignored");
  }

 private:
  static const json* find(const json* j, const char* key) {
    if (!j) return nullptr;
    const auto it = j->find(key);
    return it == j->end() || it->is_null() ? nullptr : &*it;
  }
  static bool exact_integer(const json& v, std::int64_t& out) {
    if (v.is_number_integer() && !(v.is_number_unsigned() && v.get<std::uint64_t>() > std::uint64_t(INT64_MAX)))
      return out = v.get<std::int64_t>(), true;
    return false;  // floats (1e20, 2.5) are not integers here
  }
  static std::string fmt(double x) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", x);
    return buffer;
  }
  std::vector<std::string>* warnings_;
};

json facet_json(const std::set<std::string>& values) { return json(std::vector<std::string>(values.begin(), values.end())); }

}  // namespace

std::string config_dir() {
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg && fs::path(xdg).is_absolute())
    return (fs::path(xdg) / "patrolscope").string();
  if (const char* home = std::getenv("HOME"); home && *home)
    return (fs::path(home) / ".config" / "patrolscope").string();
  return {};
}

bool load_settings(const std::string& path, AppState& s, WindowSize& window, std::string* error,
                   std::vector<std::string>* warnings) {
  std::error_code ec;
  if (path.empty() || !fs::exists(path, ec)) return true;
  if (fs::file_size(path, ec) > kMaxSettingsBytes || ec) {
    if (error) *error = path + ": " + (ec ? ec.message() : "larger than " + std::to_string(kMaxSettingsBytes) + " bytes");
    return false;
  }
  json j;
  try {
    std::ifstream in(path);
    // The depth is checked while parsing, before anything deep is built (nested values are
    // copied and compared recursively, so 10^5 levels would overflow the stack).
    j = json::parse(in, [](int depth, json::parse_event_t, json&) {
      if (depth > kMaxSettingsDepth)
        throw std::runtime_error("nested deeper than " + std::to_string(kMaxSettingsDepth) + " levels");
      return true;
    });
  } catch (const std::exception& e) {
    if (error) *error = path + ": " + e.what();
    return false;
  }
  if (!j.is_object()) {
    if (error) *error = path + ": expected a JSON object";
    return false;
  }
  std::vector<std::string> local;
  Reader r(warnings ? warnings : &local);
  if (const json* w = r.object(j, "window", "window")) {
    r.integer(w, "width", "window", window.width, kMinWindowSide, kMaxWindowSide);
    r.integer(w, "height", "window", window.height, kMinWindowSide * 3 / 4, kMaxWindowSide);
  }
  if (const json* v = r.object(j, "view", "view")) {
    std::string projection = s.projection;
    r.string(v, "projection", "view", projection, 4096);
    if (!projection.empty()) s.projection = projection;
    r.number(v, "center_x", "view", s.center_x, -1e10, 1e10);
    r.number(v, "center_y", "view", s.center_y, -1e10, 1e10);
    r.number(v, "units_per_pixel", "view", s.units_per_pixel, 0, 1e10);
  }
  if (const json* t = r.object(j, "time", "time")) {
    r.integer(t, "cursor", "time", s.cursor, kMinCursor, kMaxCursor);
    std::string mode;
    r.string(t, "mode", "time", mode, 32);
    if (!mode.empty() && !parse_window_mode(mode, s.window_mode)) r.warn("time.mode", "unknown mode '" + mode + "'");
    r.integer(t, "window", "time", s.window, geo::Seconds{1}, kMaxWindow);
    r.number(t, "speed", "time", s.speed, 1, 1e10);
    r.boolean(t, "loop", "time", s.loop);
  }
  if (const json* f = r.object(j, "filters", "filters")) {
    r.years(f, "years", "filters", s.filter.years);
    r.strings(f, "domains", "filters", s.filter.domains);
    r.strings(f, "force_types", "filters", s.filter.force_types);
    r.strings(f, "participants", "filters", s.filter.participants);
    r.strings(f, "kinds", "filters", s.filter.kinds);
  }
  std::string color_by;
  r.string(&j, "color_by", "", color_by, 32);
  if (!color_by.empty() && !parse_color_by(color_by, s.color_by)) r.warn("color_by", "unknown value '" + color_by + "'");
  r.number(&j, "line_width", "", s.line_width, 0.5, 10);
  if (const json* l = r.object(j, "layers", "layers")) {
    r.boolean(l, "land", "layers", s.layers.land);
    r.boolean(l, "coast", "layers", s.layers.coast);
    r.boolean(l, "graticule", "layers", s.layers.graticule);
    r.boolean(l, "labels", "layers", s.layers.labels);
    r.boolean(l, "areas", "layers", s.layers.areas);
    r.boolean(l, "tracks", "layers", s.layers.tracks);
    r.boolean(l, "points", "layers", s.layers.points);
    r.boolean(l, "zones", "layers", s.layers.zones);
    r.boolean(l, "borders", "layers", s.layers.borders);
  }
  if (const auto it = j.find("recent_files"); it != j.end() && !it->is_null()) {
    std::vector<std::string> recent;
    bool ok = it->is_array() && it->size() <= kMaxRecent;
    for (std::size_t i = 0; ok && i < it->size(); ++i) {
      ok = (*it)[i].is_string() && (*it)[i].get_ref<const std::string&>().size() <= 4096;
      if (ok) recent.push_back((*it)[i].get<std::string>());
    }
    if (ok) s.recent_files = std::move(recent);
    else r.warn("recent_files", "expected a list of at most " + std::to_string(kMaxRecent) + " paths");
  }
  if (const json* b = r.object(j, "bookmarks", "bookmarks")) {
    for (int slot = 1; slot <= kBookmarkSlots; ++slot) {
      const std::string key = std::to_string(slot), path = "bookmarks." + key;
      const json* one = r.object(*b, key, path);
      if (!one) continue;
      Bookmark mark;
      r.string(one, "name", path, mark.name, 256);
      r.string(one, "projection", path, mark.projection, 4096);
      r.number(one, "center_x", path, mark.center_x, -1e10, 1e10);
      r.number(one, "center_y", path, mark.center_y, -1e10, 1e10);
      r.number(one, "units_per_pixel", path, mark.units_per_pixel, 0, 1e10);
      r.integer(one, "cursor", path, mark.cursor, kMinCursor, kMaxCursor);
      r.integer(one, "window", path, mark.window, geo::Seconds{1}, kMaxWindow);
      std::string mode;
      r.string(one, "mode", path, mode, 32);
      if (!mode.empty() && !parse_window_mode(mode, mark.window_mode)) r.warn(path + ".mode", "unknown mode '" + mode + "'");
      if (mark.projection.empty()) r.warn(path, "no projection");
      else s.bookmarks[slot - 1] = std::move(mark);
    }
  }
  r.number(&j, "ui_scale", "", s.ui_scale, 0, 4);
  if (const json* p = r.object(j, "panels", "panels"))
    for (const ui::PanelInfo& panel : ui::panel_table())
      if (panel.settings_key) r.boolean(p, panel.settings_key, "panels", s.panels.*panel.open);
  return true;
}

std::string settings_json(const AppState& s, const WindowSize& window) {
  json j;
  j["window"] = {{"width", window.width}, {"height", window.height}};
  j["view"] = {{"projection", s.projection},
               {"center_x", s.center_x},
               {"center_y", s.center_y},
               {"units_per_pixel", s.units_per_pixel}};
  j["time"] = {{"cursor", s.cursor}, {"mode", to_string(s.window_mode)}, {"window", s.window},
               {"speed", s.speed}, {"loop", s.loop}};
  j["filters"] = {{"years", json(std::vector<int>(s.filter.years.begin(), s.filter.years.end()))},
                  {"domains", facet_json(s.filter.domains)},
                  {"force_types", facet_json(s.filter.force_types)},
                  {"participants", facet_json(s.filter.participants)},
                  {"kinds", facet_json(s.filter.kinds)}};
  j["color_by"] = to_string(s.color_by);
  j["line_width"] = s.line_width;
  j["layers"] = {{"land", s.layers.land},   {"coast", s.layers.coast},
                 {"graticule", s.layers.graticule}, {"labels", s.layers.labels},
                 {"areas", s.layers.areas}, {"tracks", s.layers.tracks},
                 {"points", s.layers.points}, {"zones", s.layers.zones}, {"borders", s.layers.borders}};
  j["recent_files"] = s.recent_files;
  json bookmarks = json::object();
  for (int slot = 1; slot <= kBookmarkSlots; ++slot)
    if (const auto& b = s.bookmarks[slot - 1])
      bookmarks[std::to_string(slot)] = {{"name", b->name},           {"projection", b->projection},
                                         {"center_x", b->center_x},   {"center_y", b->center_y},
                                         {"units_per_pixel", b->units_per_pixel}, {"cursor", b->cursor},
                                         {"window", b->window},       {"mode", to_string(b->window_mode)}};
  j["bookmarks"] = bookmarks;
  j["ui_scale"] = s.ui_scale;
  json panels = json::object();
  for (const ui::PanelInfo& panel : ui::panel_table())
    if (panel.settings_key) panels[panel.settings_key] = s.panels.*panel.open;
  j["panels"] = panels;
  return j.dump(2) + "\n";
}

bool save_settings(const std::string& path, const AppState& s, const WindowSize& window,
                   std::string* error) {
  const std::string text = settings_json(s, window);
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path(), ec);
  // Write beside and rename, so a crash never leaves half a file.
  const std::string temp = path + ".tmp";
  {
    std::ofstream out(temp, std::ios::trunc);
    out << text;
    out.flush();
    if (!out) {
      if (error) *error = temp + ": cannot write";
      return false;
    }
  }
  fs::rename(temp, path, ec);
  if (ec) {
    if (error) *error = path + ": " + ec.message();
    return false;
  }
  return true;
}

}  // namespace patrolscope
