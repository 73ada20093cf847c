#include "settings.hpp"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>

#include "json_reader.hpp"
#include "ui/panels.hpp"
#include "workspace.hpp"

namespace patrolscope {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

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
    j = geo::JsonReader::parse(in, kMaxSettingsDepth);
  } catch (const std::exception& e) {
    if (error) *error = path + ": " + e.what();
    return false;
  }
  if (!j.is_object()) {
    if (error) *error = path + ": expected a JSON object";
    return false;
  }
  std::vector<std::string> local;
  geo::JsonReader r(warnings ? warnings : &local);
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
    r.filter(f, "filters", s.filter);
  }
  std::string color_by;
  r.string(&j, "color_by", "", color_by, 32);
  if (!color_by.empty() && !parse_color_by(color_by, s.color_by)) r.warn("color_by", "unknown value '" + color_by + "'");
  r.number(&j, "line_width", "", s.line_width, 0.5, 10);
  if (const json* l = r.object(j, "layers", "layers")) {
    Layers& layers = s.layers;
    r.booleans(l, "layers", {{"land", &layers.land}, {"coast", &layers.coast}, {"graticule", &layers.graticule},
                             {"labels", &layers.labels}, {"areas", &layers.areas}, {"tracks", &layers.tracks},
                             {"points", &layers.points}, {"zones", &layers.zones}, {"borders", &layers.borders}});
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
