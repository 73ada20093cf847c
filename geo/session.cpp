#include "session.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "json_reader.hpp"
#include "load.hpp"  // is_database_source
#include "output_file.hpp"

namespace geo {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ojson = nlohmann::ordered_json;  // written in the schema's order

constexpr int kMaxDepth = 32;
constexpr Seconds kMinTime = -62135596800;  // 0001-01-01
constexpr Seconds kMaxTime = 253402300799;  // 9999-12-31T23:59:59
constexpr Seconds kMaxWindow = 200LL * 366 * kSecondsPerDay;
constexpr std::size_t kMaxText = 1 << 20;  // notes
constexpr std::size_t kMaxPath = 4096;

const char* type_key(SessionLayer::Type type) { return type == SessionLayer::Type::Zones ? "zones" : "inputs"; }

// ---- reading -------------------------------------------------------------------------------

class SessionParser {
 public:
  SessionParser(SessionReadResult& result, std::string base_dir) : out_(result), r_(&result.warnings), base_(std::move(base_dir)) {}

  void parse(const json& j) {
    Session& s = out_.session;
    r_.integer(&j, "version", "", s.version, 1, 1 << 20);
    if (s.version > kSessionVersion)
      out_.warnings.push_back("written by a newer patrolscope (session version " + std::to_string(s.version) +
                              ", this one reads " + std::to_string(kSessionVersion) +
                              "); what this version does not know is kept and written back");
    keep_unknown(j, "", {"version", "inputs", "zones", "coastline", "load", "map", "time", "filters", "color_by",
                         "show", "selection", "notes", "bookmarks", "snapshot", "clip"});
    layers(j, SessionLayer::Type::Events);
    layers(j, SessionLayer::Type::Zones);
    if (r_.string(&j, "coastline", "", s.coastline, kMaxPath) && !s.coastline.empty())
      s.coastline = resolve_session_path(s.coastline, base_);
    if (const json* l = r_.object(j, "load", "load")) {
      keep_unknown(*l, "/load", {"id_column", "time_column", "lon_column", "lat_column", "table", "sql"});
      r_.string(l, "id_column", "load", s.load.id_column, 256);
      r_.string(l, "time_column", "load", s.load.time_column, 256);
      r_.string(l, "lon_column", "load", s.load.lon_column, 256);
      r_.string(l, "lat_column", "load", s.load.lat_column, 256);
      r_.string(l, "table", "load", s.load.table, 1024);
      r_.string(l, "sql", "load", s.load.sql, 65536);
    }
    if (const json* m = r_.object(j, "map", "map")) {
      keep_unknown(*m, "/map", {"projection", "extent"});
      std::string projection;
      if (r_.string(m, "projection", "map", projection, kMaxPath) && !projection.empty()) s.view.projection = projection;
      if (const auto it = m->find("extent"); it != m->end() && !it->is_null()) {
        Extent e;
        if (extent(*it, e)) s.view.extent = e;
        else r_.warn("map.extent", "expected [xmin, ymin, xmax, ymax] with xmin < xmax, ymin < ymax");
      }
    }
    if (const json* t = r_.object(j, "time", "time")) {
      keep_unknown(*t, "/time", {"cursor", "window", "mode"});
      s.time.cursor = time_value(t, "cursor", "time.cursor");
      window(t, "window", "time.window", s.time.window);
      std::string mode;
      if (r_.string(t, "mode", "time", mode, 32)) {
        if (mode == "trail" || mode == "fixed" || mode == "cumulative" || mode == "all") s.time.mode = mode;
        else r_.warn("time.mode", "unknown mode '" + mode + "' (trail, fixed, cumulative or all)");
      }
    }
    if (const json* f = r_.object(j, "filters", "filters")) {
      keep_unknown(*f, "/filters", {"years", "domains", "force_types", "participants", "kinds"});
      r_.filter(f, "filters", s.filter);
    }
    color(&j, "color_by", "color_by", s.color_by);
    if (s.color_by.source == ColorChoice::Source::Fixed) {  // a fixed colour is a layer's choice, not the map's
      r_.warn("color_by", "a fixed colour is a layer's colour");
      s.color_by = {};
    }
    if (const json* v = r_.object(j, "show", "show")) {
      keep_unknown(*v, "/show", {"land", "coast", "graticule", "labels", "areas", "tracks", "points", "borders"});
      SessionShow& show = s.show;
      r_.booleans(v, "show", {{"land", &show.land}, {"coast", &show.coast}, {"graticule", &show.graticule},
                              {"labels", &show.labels}, {"areas", &show.areas}, {"tracks", &show.tracks},
                              {"points", &show.points}, {"borders", &show.borders}});
    }
    r_.strings(&j, "selection", "", s.selection);
    r_.string(&j, "notes", "", s.notes, kMaxText);
    bookmarks(j);
    if (const json* p = r_.object(j, "snapshot", "snapshot")) {
      keep_unknown(*p, "/snapshot", {"width", "height", "title", "subtitle", "banner", "legend", "overlays",
                                     "transparent", "world_file", "fit"});
      r_.integer(p, "width", "snapshot", s.snapshot.width, 1, 32768);
      r_.integer(p, "height", "snapshot", s.snapshot.height, 1, 32768);
      r_.string(p, "title", "snapshot", s.snapshot.title, 1024);
      r_.string(p, "subtitle", "snapshot", s.snapshot.subtitle, 1024);
      r_.string(p, "banner", "snapshot", s.snapshot.banner, 1024);
      std::string legend;
      if (r_.string(p, "legend", "snapshot", legend, 8)) {
        if (legend == "auto" || legend == "tl" || legend == "tr" || legend == "bl" || legend == "br" || legend == "off")
          s.snapshot.legend = legend;
        else r_.warn("snapshot.legend", "unknown corner '" + legend + "' (auto, tl, tr, bl, br, off)");
      }
      r_.boolean(p, "overlays", "snapshot", s.snapshot.overlays);
      r_.boolean(p, "transparent", "snapshot", s.snapshot.transparent);
      r_.boolean(p, "world_file", "snapshot", s.snapshot.world_file);
      r_.string(p, "fit", "snapshot", s.snapshot.fit, 16);
    }
    if (const json* c = r_.object(j, "clip", "clip")) {
      keep_unknown(*c, "/clip", {"duration_s", "speed", "fps", "window", "mode", "skip_empty", "names", "quality"});
      r_.number(c, "duration_s", "clip", s.clip.duration_s, 0.1, 3600);
      r_.string(c, "speed", "clip", s.clip.speed, 64);
      r_.integer(c, "fps", "clip", s.clip.fps, 1, 120);
      r_.string(c, "window", "clip", s.clip.window, 64);
      std::string mode;
      if (r_.string(c, "mode", "clip", mode, 32)) {
        if (mode == "trail" || mode == "fixed" || mode == "cumulative") s.clip.mode = mode;
        else r_.warn("clip.mode", "unknown mode '" + mode + "' (trail, fixed or cumulative)");
      }
      r_.boolean(c, "skip_empty", "clip", s.clip.skip_empty);
      r_.boolean(c, "names", "clip", s.clip.names);
      r_.integer(c, "quality", "clip", s.clip.quality, 1, 100);
    }
  }

 private:
  // `written_at`: where the object goes in the session written back, when not where it was
  // read (a list item after a skipped one); the warning names where it was read.
  void keep_unknown(const json& j, const std::string& pointer, std::initializer_list<const char*> known,
                    const std::string& written_at = {}) {
    for (const auto& [key, value] : JsonReader::unknown_keys(j, pointer, known)) {
      const std::string stored = written_at.empty() ? key : written_at + key.substr(pointer.size());
      out_.session.unknown.emplace_back(stored, value->dump());
      out_.warnings.push_back(key.substr(1) + ": not known to this version (session version " +
                              std::to_string(kSessionVersion) + "); kept as it is");
    }
  }

  void layers(const json& j, SessionLayer::Type type) {
    const char* key = type_key(type);
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) return;
    if (!it->is_array() || it->size() > 1000) return r_.warn(key, "expected a list of at most 1000 layers");
    for (std::size_t i = 0; i < it->size(); ++i) {
      const json& item = (*it)[i];
      const std::string path = std::string(key) + "[" + std::to_string(i) + "]";
      if (!item.is_object()) {
        r_.warn(path, "expected an object");
        continue;
      }
      SessionLayer layer;
      layer.type = type;
      bool bundled = false;
      if (type == SessionLayer::Type::Events) r_.boolean(&item, "bundled", path, bundled);
      if (!bundled) {
        if (!r_.string(&item, "path", path, layer.path, kMaxPath) || layer.path.empty()) {
          r_.warn(path, "a layer needs a \"path\" (or \"bundled\": true)");
          continue;
        }
        layer.path = resolve_session_path(layer.path, base_);
        std::error_code ec;
        if (is_database_source(layer.path)) {
          // checked when it is loaded
        } else if (!fs::exists(layer.path, ec))
          out_.missing.push_back({layer.path, ec ? ec.message() : "no such file"});
        else if (fs::is_directory(layer.path, ec))
          out_.missing.push_back({layer.path, "is a directory"});
      }
      r_.string(&item, "name", path, layer.name, 1024);
      r_.boolean(&item, "visible", path, layer.style.visible);
      if (item.contains("color") && !item["color"].is_null()) {
        ColorChoice choice;
        if (color(&item, "color", path + ".color", choice)) layer.style.color = choice;
      }
      r_.number(&item, "line_width", path, layer.style.line_width, 0.25, 50);
      r_.number(&item, "opacity", path, layer.style.opacity, 0, 1);
      r_.integer(&item, "order", path, layer.style.order, -1000000, 1000000);
      // Kept under the index the layer is written at (a skipped layer before it shifts it).
      const auto written_at = std::count_if(out_.session.layers.begin(), out_.session.layers.end(),
                                            [&](const SessionLayer& l) { return l.type == type; });
      keep_unknown(item, "/" + std::string(key) + "/" + std::to_string(i),
                   {"path", "bundled", "name", "visible", "color", "line_width", "opacity", "order"},
                   "/" + std::string(key) + "/" + std::to_string(written_at));
      out_.session.layers.push_back(std::move(layer));
    }
  }

  void bookmarks(const json& j) {
    const auto it = j.find("bookmarks");
    if (it == j.end() || it->is_null()) return;
    if (!it->is_array() || it->size() > 1000) return r_.warn("bookmarks", "expected a list of at most 1000 bookmarks");
    for (std::size_t i = 0; i < it->size(); ++i) {
      const json& item = (*it)[i];
      const std::string path = "bookmarks[" + std::to_string(i) + "]";
      if (!item.is_object()) {
        r_.warn(path, "expected an object");
        continue;
      }
      Bookmark b;
      r_.string(&item, "name", path, b.name, 1024);
      const auto e = item.find("extent");
      if (e == item.end() || !extent(*e, b.extent)) {
        r_.warn(path + ".extent", "expected [xmin, ymin, xmax, ymax] with xmin < xmax, ymin < ymax");
        continue;
      }
      if (const auto from = time_value(&item, "from", path + ".from")) b.from = *from;
      if (const auto to = time_value(&item, "to", path + ".to")) b.to = *to;
      // Kept under the index the bookmark is written at (a skipped one before it shifts it).
      keep_unknown(item, "/bookmarks/" + std::to_string(i), {"name", "extent", "from", "to"},
                   "/bookmarks/" + std::to_string(out_.session.bookmarks.size()));
      out_.session.bookmarks.push_back(std::move(b));
    }
  }

  static bool extent(const json& v, Extent& e) {
    if (!v.is_array() || v.size() != 4) return false;
    double x[4];
    for (int i = 0; i < 4; ++i) {
      if (!v[i].is_number()) return false;
      x[i] = v[i].get<double>();
      if (!std::isfinite(x[i]) || std::abs(x[i]) > 1e12) return false;
    }
    if (!(x[0] < x[2] && x[1] < x[3])) return false;
    e = {x[0], x[1], x[2], x[3]};
    return true;
  }

  std::optional<Seconds> time_value(const json* j, const char* key, const std::string& path) {
    std::string text;
    if (!r_.string(j, key, "", text, 64)) return std::nullopt;
    std::string error;
    const auto t = parse_time(text, &error);
    if (!t || *t < kMinTime || *t > kMaxTime) {
      r_.warn(path, "expected an ISO 8601 time in years 1–9999" + (error.empty() ? "" : " (" + error + ")"));
      return std::nullopt;
    }
    return t;
  }

  void window(const json* j, const char* key, const std::string& path, Seconds& out) {
    const auto it = j->find(key);
    if (it == j->end() || it->is_null()) return;
    std::optional<Seconds> w;
    std::int64_t seconds = 0;
    if (it->is_string()) w = parse_duration(it->get<std::string>());
    else if (JsonReader::exact_integer(*it, seconds)) w = seconds;
    if (!w || *w < 1 || *w > kMaxWindow) return r_.warn(path, "expected a duration (\"30d\", \"12h\") of 1 s to 200 years");
    out = *w;
  }

  bool color(const json* j, const char* key, const std::string& path, ColorChoice& out) {
    std::string text;
    if (!r_.string(j, key, "", text, 300)) return false;
    if (parse_color_choice(text, out)) return true;
    r_.warn(path, "unknown colour '" + text + "' (domain, participant, force, kind, track, attribute:NAME or #rrggbb)");
    return false;
  }

  SessionReadResult& out_;
  JsonReader r_;
  std::string base_;
};

// ---- writing -------------------------------------------------------------------------------

ojson extent_json(const Extent& e) { return ojson::array({e.xmin, e.ymin, e.xmax, e.ymax}); }

ojson window_json(Seconds window) {
  const std::string text = format_duration(window);
  if (parse_duration(text) == window) return text;
  return window;  // whole seconds when the text would not read back exactly
}

ojson to_json(const Session& s, const std::string& base_dir) {
  ojson j = ojson::object();
  j["version"] = kSessionVersion;  // what wrote it (a newer file's keys are kept below)
  for (SessionLayer::Type type : {SessionLayer::Type::Events, SessionLayer::Type::Zones}) {
    ojson list = ojson::array();
    for (const SessionLayer& layer : s.layers) {
      if (layer.type != type) continue;
      ojson l;
      if (layer.path.empty()) l["bundled"] = true;
      else l["path"] = relative_session_path(layer.path, base_dir);
      if (!layer.name.empty()) l["name"] = layer.name;
      l["visible"] = layer.style.visible;
      if (layer.style.color) l["color"] = to_text(*layer.style.color);
      l["line_width"] = layer.style.line_width;
      l["opacity"] = layer.style.opacity;
      l["order"] = layer.style.order;
      list.push_back(std::move(l));
    }
    if (type == SessionLayer::Type::Events || !list.empty()) j[type_key(type)] = std::move(list);
  }
  if (!s.coastline.empty()) j["coastline"] = relative_session_path(s.coastline, base_dir);
  const SessionLoad& load = s.load;
  if (!(load == SessionLoad{})) {
    ojson l = ojson::object();
    for (const auto& [key, value] : {std::pair{"id_column", &load.id_column}, {"time_column", &load.time_column},
                                     {"lon_column", &load.lon_column}, {"lat_column", &load.lat_column},
                                     {"table", &load.table}, {"sql", &load.sql}})
      if (!value->empty()) l[key] = *value;
    j["load"] = std::move(l);
  }
  j["map"] = {{"projection", s.view.projection}};
  if (s.view.extent) j["map"]["extent"] = extent_json(*s.view.extent);
  j["time"] = {{"window", window_json(s.time.window)}, {"mode", s.time.mode}};
  if (s.time.cursor) j["time"]["cursor"] = format_time(*s.time.cursor);
  const Filter& f = s.filter;
  j["filters"] = {{"years", ojson(std::vector<int>(f.years.begin(), f.years.end()))},
                  {"domains", ojson(std::vector<std::string>(f.domains.begin(), f.domains.end()))},
                  {"force_types", ojson(std::vector<std::string>(f.force_types.begin(), f.force_types.end()))},
                  {"participants", ojson(std::vector<std::string>(f.participants.begin(), f.participants.end()))},
                  {"kinds", ojson(std::vector<std::string>(f.kinds.begin(), f.kinds.end()))}};
  j["color_by"] = to_text(s.color_by);
  j["show"] = {{"land", s.show.land},   {"coast", s.show.coast},   {"graticule", s.show.graticule},
               {"labels", s.show.labels}, {"areas", s.show.areas}, {"tracks", s.show.tracks},
               {"points", s.show.points}, {"borders", s.show.borders}};
  j["selection"] = s.selection;
  j["notes"] = s.notes;
  ojson marks = ojson::array();
  for (const Bookmark& b : s.bookmarks) {
    ojson m = {{"name", b.name}, {"extent", extent_json(b.extent)}};
    if (b.from != kNoTime) m["from"] = format_time(b.from);
    if (b.to != kNoTime) m["to"] = format_time(b.to);
    marks.push_back(std::move(m));
  }
  j["bookmarks"] = std::move(marks);
  const SnapshotSettings& p = s.snapshot;
  j["snapshot"] = {{"width", p.width},     {"height", p.height},     {"title", p.title},
                   {"subtitle", p.subtitle}, {"banner", p.banner},   {"legend", p.legend},
                   {"overlays", p.overlays}, {"transparent", p.transparent}, {"world_file", p.world_file},
                   {"fit", p.fit}};
  const ClipSettings& c = s.clip;
  j["clip"] = {{"duration_s", c.duration_s}, {"speed", c.speed},   {"fps", c.fps},
               {"window", c.window},         {"mode", c.mode},     {"skip_empty", c.skip_empty},
               {"names", c.names},           {"quality", c.quality}};
  // A newer version's keys go back where they were: into their object, made again when this
  // version wrote none (an empty "load"), but never into a list item that is gone.
  for (const auto& [pointer, text] : s.unknown) {
    try {
      const ojson::json_pointer where(pointer);
      const ojson::json_pointer parent = where.parent_pointer();
      if (!parent.empty() && !j.contains(parent) && j.contains(parent.parent_pointer()) &&
          j.at(parent.parent_pointer()).is_object()) {
        const std::string& last = parent.back();
        if (!last.empty() && !std::all_of(last.begin(), last.end(), [](char c) { return c >= '0' && c <= '9'; }))
          j[parent] = ojson::object();
      }
      if (j.contains(parent) && j.at(parent).is_object()) j[where] = ojson::parse(text);
    } catch (const std::exception&) {
      // a pointer or text that is not valid (never made by the parser): dropped
    }
  }
  return j;
}

}  // namespace

std::vector<std::string> Session::input_paths() const {
  std::vector<std::string> paths;
  for (const SessionLayer& layer : layers)
    if (layer.type == SessionLayer::Type::Events) paths.push_back(layer.path);
  return paths;
}

std::string resolve_session_path(const std::string& stored, const std::string& base_dir) {
  if (is_database_source(stored)) return stored;  // a PG: connection string, not a file
  const fs::path p(stored);
  if (p.is_absolute() || base_dir.empty()) return p.lexically_normal().string();
  return (fs::path(base_dir) / p).lexically_normal().string();
}

std::string relative_session_path(const std::string& path, const std::string& base_dir) {
  if (is_database_source(path)) return path;
  const fs::path p = fs::path(path).lexically_normal();
  const fs::path base = fs::path(base_dir.empty() ? "." : base_dir).lexically_normal();
  if (p.is_absolute() != base.is_absolute()) {
    // One side is relative to the current directory: compare both as absolute paths.
    std::error_code ec;
    const fs::path ap = fs::absolute(p, ec).lexically_normal(), ab = fs::absolute(base, ec).lexically_normal();
    const fs::path rel = ap.lexically_relative(ab);
    return rel.empty() ? ap.string() : rel.string();
  }
  const fs::path rel = p.lexically_relative(base);
  return rel.empty() ? p.string() : rel.string();
}

SessionReadResult parse_session(const std::string& json_text, const std::string& base_dir) {
  SessionReadResult result;
  if (json_text.size() > kMaxSessionBytes) {
    result.error = "larger than " + std::to_string(kMaxSessionBytes) + " bytes";
    return result;
  }
  json j;
  try {
    j = JsonReader::parse(json_text, kMaxDepth);
  } catch (const std::exception& e) {
    result.error = std::string("not a session: ") + e.what();
    return result;
  }
  if (!j.is_object()) {
    result.error = "not a session: expected a JSON object";
    return result;
  }
  if (!j.contains("version")) {
    result.error = "not a session: no \"version\"";
    return result;
  }
  SessionParser(result, base_dir).parse(j);
  return result;
}

SessionReadResult read_session(const std::string& path) {
  SessionReadResult result;
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) {
    result.error = path + ": " + ec.message();
    return result;
  }
  if (size > kMaxSessionBytes) {
    result.error = path + ": larger than " + std::to_string(kMaxSessionBytes) + " bytes";
    return result;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) {
    result.error = path + ": cannot read";
    return result;
  }
  result = parse_session(text.str(), fs::path(path).parent_path().string());
  if (!result.error.empty()) result.error = path + ": " + result.error;
  return result;
}

std::string session_json(const Session& session, const std::string& base_dir) {
  return to_json(session, base_dir).dump(2) + "\n";
}

std::string session_json_compact(const Session& session, const std::string& base_dir) {
  return to_json(session, base_dir).dump(-1, ' ', true);  // ASCII: a PNG tEXt/zTXt holds Latin-1
}

void write_session(const Session& session, const std::string& path) {
  check_output_target(path);
  write_file_atomically(path, session_json(session, fs::path(path).parent_path().string()));
}

}  // namespace geo
