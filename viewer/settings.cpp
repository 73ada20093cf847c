#include "settings.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace patrolscope {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

template <typename T>
void get(const json& j, const char* key, T& value) {
  if (j.contains(key) && !j[key].is_null()) value = j[key].get<T>();
}

json facet_json(const std::set<std::string>& values) { return json(std::vector<std::string>(values.begin(), values.end())); }

}  // namespace

std::string config_dir() {
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg && fs::path(xdg).is_absolute())
    return (fs::path(xdg) / "patrolscope").string();
  if (const char* home = std::getenv("HOME"); home && *home)
    return (fs::path(home) / ".config" / "patrolscope").string();
  return {};
}

bool load_settings(const std::string& path, AppState& s, WindowSize& window, std::string* error) {
  std::error_code ec;
  if (path.empty() || !fs::exists(path, ec)) return true;
  try {
    std::ifstream in(path);
    const json j = json::parse(in);
    if (const json& w = j.value("window", json::object()); w.is_object()) {
      get(w, "width", window.width);
      get(w, "height", window.height);
    }
    if (const json& v = j.value("view", json::object()); v.is_object()) {
      get(v, "projection", s.projection);
      get(v, "center_x", s.center_x);
      get(v, "center_y", s.center_y);
      get(v, "units_per_pixel", s.units_per_pixel);
    }
    if (const json& t = j.value("time", json::object()); t.is_object()) {
      get(t, "cursor", s.cursor);
      std::string mode;
      get(t, "mode", mode);
      parse_window_mode(mode, s.window_mode);
      get(t, "window", s.window);
      get(t, "speed", s.speed);
      get(t, "loop", s.loop);
    }
    if (const json& f = j.value("filters", json::object()); f.is_object()) {
      get(f, "years", s.filter.years);
      get(f, "domains", s.filter.domains);
      get(f, "force_types", s.filter.force_types);
      get(f, "participants", s.filter.participants);
      get(f, "kinds", s.filter.kinds);
    }
    std::string color_by;
    get(j, "color_by", color_by);
    parse_color_by(color_by, s.color_by);
    get(j, "line_width", s.line_width);
    if (const json& l = j.value("layers", json::object()); l.is_object()) {
      get(l, "land", s.layers.land);
      get(l, "coast", s.layers.coast);
      get(l, "graticule", s.layers.graticule);
      get(l, "labels", s.layers.labels);
      get(l, "areas", s.layers.areas);
      get(l, "tracks", s.layers.tracks);
      get(l, "points", s.layers.points);
    }
    if (const json& p = j.value("panels", json::object()); p.is_object()) {
      get(p, "filters", s.panels.filters);
      get(p, "layers", s.panels.layers);
      get(p, "legend", s.panels.legend);
      get(p, "timeline", s.panels.timeline);
      get(p, "details", s.panels.details);
      get(p, "active", s.panels.active);
      get(p, "stats", s.panels.stats);
    }
    return true;
  } catch (const std::exception& e) {
    if (error) *error = path + ": " + e.what();
    return false;
  }
}

bool save_settings(const std::string& path, const AppState& s, const WindowSize& window,
                   std::string* error) {
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
                 {"points", s.layers.points}};
  j["panels"] = {{"filters", s.panels.filters}, {"layers", s.panels.layers},
                 {"legend", s.panels.legend},   {"timeline", s.panels.timeline},
                 {"details", s.panels.details}, {"active", s.panels.active},
                 {"stats", s.panels.stats}};
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path(), ec);
  // Write beside and rename, so a crash never leaves half a file.
  const std::string temp = path + ".tmp";
  {
    std::ofstream out(temp, std::ios::trunc);
    out << j.dump(2) << '\n';
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
