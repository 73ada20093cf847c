// The native GeoJSON schema (docs/data-format.md). GDAL identified the file; the JSON is
// read here with nlohmann-json so that per-vertex `times` (with nulls, nested for
// MultiLineString), lists and the original time texts are seen exactly as written.
#include <cpl_vsi.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "load_internal.hpp"

namespace geo::detail {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxJsonBytes = std::size_t{1} << 30;  // 1 GiB

// Reads the whole file through GDAL's VSI layer (so /vsizip/ … paths work too).
std::string read_file(const std::string& path, std::string& error) {
  VSILFILE* f = VSIFOpenL(path.c_str(), "rb");
  if (f == nullptr) {
    error = "cannot be read";
    return "";
  }
  std::string text;
  char buffer[1 << 16];
  std::size_t n = 0;
  while ((n = VSIFReadL(buffer, 1, sizeof buffer, f)) > 0) {
    text.append(buffer, n);
    if (text.size() > kMaxJsonBytes) {
      error = "GeoJSON file larger than 1 GiB: too large to load";
      break;
    }
  }
  VSIFCloseL(f);
  return text;
}

// A property value as text: strings as they are, other values as JSON.
std::string as_text(const json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

std::vector<std::string> as_list(const json& value) {
  std::vector<std::string> out;
  if (value.is_array()) {
    for (const json& item : value)
      if (!item.is_null()) out.push_back(as_text(item));
    return out;
  }
  return split_list(as_text(value));
}

// "invalid time …" for a time value of any JSON type; nullopt+empty why for null.
std::optional<TimeValue> json_time(const json& value, std::string& why) {
  why.clear();
  if (value.is_null()) return std::nullopt;
  if (value.is_string() || value.is_number()) return parse_time_text(as_text(value), why);
  why = fmt::format("invalid time '{}': not a string or number", value.dump());
  return std::nullopt;
}

// --- geometry -----------------------------------------------------------------------------

std::string read_position(const json& p, LonLat& out) {
  if (!p.is_array() || p.size() < 2) return "a position is not an array of two numbers";
  if (!p[0].is_number() || !p[1].is_number()) return fmt::format("coordinate {} is not a number", p.dump());
  out = {p[0].get<double>(), p[1].get<double>()};
  return "";
}

std::string read_positions(const json& array, std::vector<LonLat>& out) {
  if (!array.is_array()) return "coordinates are not an array";
  out.reserve(array.size());
  for (const json& p : array) {
    LonLat ll;
    if (std::string why = read_position(p, ll); !why.empty()) return why;
    out.push_back(ll);
  }
  return "";
}

std::string read_polygon(const json& rings, Geometry& g) {
  if (!rings.is_array()) return "polygon coordinates are not an array";
  Polygon polygon;
  for (const json& ring : rings) {
    std::vector<LonLat> coords;
    if (std::string why = read_positions(ring, coords); !why.empty()) return why;
    if (!coords.empty()) polygon.rings.push_back(std::move(coords));
  }
  if (!polygon.rings.empty()) g.polygons.push_back(std::move(polygon));
  return "";
}

std::string read_geometry(const json& geometry, Geometry& g, int depth = 0) {
  if (geometry.is_null()) return "";
  if (!geometry.is_object()) return "not an object";
  if (depth > 8) return "geometry collections nested too deeply";
  const std::string type = as_text(geometry.value("type", json()));
  if (type == "GeometryCollection") {
    const json& parts = geometry.value("geometries", json::array());
    for (const json& part : parts)
      if (std::string why = read_geometry(part, g, depth + 1); !why.empty()) return why;
    return "";
  }
  const json coords = geometry.value("coordinates", json());
  if (type == "Point") {
    if (coords.is_array() && coords.empty()) return "";
    LonLat p;
    if (std::string why = read_position(coords, p); !why.empty()) return why;
    g.points.push_back(p);
    return "";
  }
  if (type == "MultiPoint") return read_positions(coords, g.points);
  if (type == "LineString") {
    Line line;
    if (std::string why = read_positions(coords, line.coords); !why.empty()) return why;
    g.lines.push_back(std::move(line));
    return "";
  }
  if (type == "MultiLineString") {
    if (!coords.is_array()) return "coordinates are not an array";
    for (const json& part : coords) {
      Line line;
      if (std::string why = read_positions(part, line.coords); !why.empty()) return why;
      g.lines.push_back(std::move(line));
    }
    return "";
  }
  if (type == "Polygon") return read_polygon(coords, g);
  if (type == "MultiPolygon") {
    if (!coords.is_array()) return "coordinates are not an array";
    for (const json& polygon : coords)
      if (std::string why = read_polygon(polygon, g); !why.empty()) return why;
    return "";
  }
  return fmt::format("unsupported geometry type '{}'", type);
}

// `times`: one array per line (a flat array for a single LineString).
std::string read_times(const json& times, Geometry& g) {
  if (times.is_null()) return "";
  if (!times.is_array()) return field_error("times", "not an array");
  const bool nested = !times.empty() && times[0].is_array();
  if (!nested && g.lines.size() != 1)
    return field_error("times", fmt::format("a flat list needs exactly one line, the geometry has {}", g.lines.size()));
  if (nested && times.size() != g.lines.size())
    return field_error("times", fmt::format("{} lists of times for {} lines", times.size(), g.lines.size()));
  for (std::size_t l = 0; l < g.lines.size(); ++l) {
    const json& list = nested ? times[l] : times;
    if (!list.is_array()) return field_error("times", "not an array of arrays");
    Line& line = g.lines[l];
    line.times.clear();
    for (std::size_t i = 0; i < list.size(); ++i) {
      std::string why;
      const auto t = json_time(list[i], why);
      if (!why.empty()) return field_error("times", fmt::format("vertex {}: {}", i + 1, why));
      line.times.push_back(t ? t->t : kNoTime);
    }
    if (line.times.size() != line.coords.size())
      return field_error("times", fmt::format("{} times for {} vertices", line.times.size(), line.coords.size()));
  }
  return "";
}

// --- properties -----------------------------------------------------------------------------

std::string read_span(const json& props, Event& e) {
  std::string why;
  const auto start = json_time(props.value("start", json()), why);
  if (!why.empty()) return field_error("start", why);
  const auto end = json_time(props.value("end", json()), why);
  if (!why.empty()) return field_error("end", why);
  if (start) e.start = start->t;
  if (end) e.end = end->date_only ? end_of_day(end->t) : end->t;
  if (start && !end) e.end = end_of_day(start->t);  // `end` defaults to the end of start's day
  return "";
}

void read_properties(const json& props, const json& feature, Event& e, LoadContext& ctx, const std::string& label) {
  static const char* const kSchema[] = {"id",      "name",    "kind",  "domains", "force_types",
                                        "participants", "regions", "start", "end", "times",
                                        "sources", "notes",   "geometry_quality"};
  e.id = as_text(props.value("id", json()));
  if (e.id.empty() && feature.contains("id")) e.id = as_text(feature["id"]);
  e.name = as_text(props.value("name", json()));
  e.kind = as_text(props.value("kind", json()));
  e.domains = as_list(props.value("domains", json()));
  e.force_types = as_list(props.value("force_types", json()));
  e.participants = as_list(props.value("participants", json()));
  e.regions = as_list(props.value("regions", json()));
  e.sources = as_list(props.value("sources", json()));
  e.notes = as_text(props.value("notes", json()));
  bool ok = true;
  const std::string quality = as_text(props.value("geometry_quality", json()));
  e.quality = parse_quality(quality, ok);
  if (!ok) ctx.warn(label + ": " + field_error("geometry_quality", fmt::format("unknown value '{}' (taken as exact)", quality)));
  for (const auto& [key, value] : props.items()) {
    if (value.is_null()) continue;
    if (std::find(std::begin(kSchema), std::end(kSchema), key) != std::end(kSchema)) continue;
    e.attributes[key] = as_text(value);
  }
}

// One Feature: an event, or a skip with the reason.
void read_feature(const json& feature, std::size_t index, LoadContext& ctx) {
  json p = feature.is_object() ? feature.value("properties", json::object()) : json::object();
  if (!p.is_object()) p = json::object();  // "properties": null
  std::string label_name = as_text(p.value("name", json()));
  if (label_name.empty()) label_name = as_text(p.value("id", json()));
  const std::string label = feature_label(index, label_name);
  if (!feature.is_object() || feature.value("type", json()) != "Feature") {
    ctx.skip(label, "not a GeoJSON Feature");
    return;
  }
  Event e;
  read_properties(p, feature, e, ctx, label);
  if (std::string why = read_span(p, e); !why.empty()) return ctx.skip(label, why);
  if (std::string why = read_geometry(feature.value("geometry", json()), e.geometry); !why.empty())
    return ctx.skip(label, field_error("geometry", why));
  if (std::string why = read_times(p.value("times", json()), e.geometry); !why.empty())
    return ctx.skip(label, why);
  if (e.id.empty()) e.id = fmt::format("feature-{}", index);
  ctx.add(std::move(e), label);
}

std::string strip_json_exception_prefix(std::string message) {
  // "[json.exception.parse_error.101] parse error at line 3, …" → "parse error at line 3, …"
  if (!message.empty() && message.front() == '[') {
    const std::size_t close = message.find("] ");
    if (close != std::string::npos) message.erase(0, close + 2);
  }
  return message;
}

}  // namespace

std::string json_syntax_error(const std::string& path) {
  std::string error;
  const std::string text = read_file(path, error);
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (!error.empty() || first == std::string::npos || (text[first] != '{' && text[first] != '[')) return "";
  try {
    const json parsed = json::parse(text);
    (void)parsed;
  } catch (const json::exception& e) {
    return "not valid JSON: " + strip_json_exception_prefix(e.what());
  }
  return "";
}

void load_native(const std::string& path, GDALDataset& /*dataset*/, LoadContext& ctx) {
  std::string error;
  const std::string text = read_file(path, error);
  if (!error.empty()) {
    ctx.result.error = error;
    return;
  }
  json root;
  try {
    root = json::parse(text);
  } catch (const json::exception& e) {
    ctx.result.error = "not valid JSON: " + strip_json_exception_prefix(e.what());
    return;
  }
  const std::string type = root.is_object() ? as_text(root.value("type", json())) : "";
  if (type == "Feature") {
    read_feature(root, 1, ctx);
    return;
  }
  if (type != "FeatureCollection" || !root["features"].is_array()) {
    ctx.result.error = "not a GeoJSON FeatureCollection";
    return;
  }
  std::size_t index = 0;
  for (const json& feature : root["features"]) {
    if (ctx.stopped()) return;
    read_feature(feature, ++index, ctx);
  }
}

}  // namespace geo::detail
