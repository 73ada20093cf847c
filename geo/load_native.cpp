// The native GeoJSON schema (docs/data-format.md). GDAL identified the file as GeoJSON; it is
// read and parsed once, here, with nlohmann-json, so that per-vertex `times` (with nulls,
// nested for MultiLineString), lists and the original time texts are seen exactly as written.
// GeoJSON without the schema's properties (or in another CRS) goes to GDAL's layer path.
#include <algorithm>
#include <ogr_spatialref.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "load_internal.hpp"
#include "vsi_file.hpp"

namespace geo::detail {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxJsonBytes = std::size_t{1} << 30;  // 1 GiB
// Arrays and objects inside one another: a FeatureCollection's MultiPolygon is 9 deep, 8 nested
// geometry collections 25. nlohmann-json parses any depth, but copies and prints values
// recursively: 10^5 levels would overflow the stack.
constexpr std::size_t kMaxJsonDepth = 64;

// True when `text` nests arrays and objects deeper than `limit` (strings skipped); a linear scan
// before parsing, so nothing deep is ever built.
bool nested_deeper_than(std::string_view text, std::size_t limit) {
  std::size_t depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i)
        if (text[i] == '\\') ++i;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
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

// The GeoJSON `crs` member (2008 spec) is absent, null, or names WGS 84 lon/lat.
bool is_wgs84_or_none(const json& root) {
  const json crs = root.value("crs", json());
  if (crs.is_null()) return true;
  const json props = crs.is_object() ? crs.value("properties", json()) : json();
  const std::string name = props.is_object() ? as_text(props.value("name", json())) : "";
  OGRSpatialReference srs;
  if (name.empty() || srs.SetFromUserInput(name.c_str()) != OGRERR_NONE) return false;
  const Reprojector reprojector = make_reprojector(&srs);
  return reprojector.error.empty() && !reprojector.transform;
}

bool has_native_field(const json& feature) {
  static constexpr std::string_view kNative[] = {"start", "end", "times", "kind", "domains", "participants"};
  if (!feature.is_object()) return false;
  const auto props = feature.find("properties");
  if (props == feature.end() || !props->is_object()) return false;
  for (const auto& item : props->items())
    for (std::string_view name : kNative)
      if (iequals(item.key(), name)) return true;
  return false;
}

// A FeatureCollection (or a lone Feature) in WGS 84 with at least one of the native schema's
// properties; anything else is read through GDAL's generic layer path.
bool is_native(const json& root) {
  if (!root.is_object() || !is_wgs84_or_none(root)) return false;
  const std::string type = as_text(root.value("type", json()));
  if (type == "Feature") return has_native_field(root);
  if (type != "FeatureCollection") return false;
  const auto features = root.find("features");
  if (features == root.end() || !features->is_array()) return false;
  return std::any_of(features->begin(), features->end(), has_native_field);
}

void load_features(const json& root, LoadContext& ctx) {
  if (as_text(root.value("type", json())) == "Feature") return read_feature(root, 1, ctx);
  std::size_t index = 0;
  for (const json& feature : root["features"]) {
    if (ctx.stopped()) return;
    read_feature(feature, ++index, ctx);
  }
}

}  // namespace

std::string json_syntax_error(const std::string& path) {
  std::string error;
  const std::optional<std::string> text = read_whole_file(path, kMaxJsonBytes, error);
  if (!text) return "";
  const std::size_t first = text->find_first_not_of(" \t\r\n");
  if (first == std::string::npos || ((*text)[first] != '{' && (*text)[first] != '[')) return "";
  try {
    const json parsed = json::parse(*text);
    (void)parsed;
  } catch (const json::exception& e) {
    return "not valid JSON: " + strip_json_exception_prefix(e.what());
  }
  return "";
}

std::string read_times_text(const std::string& text, Geometry& geometry) {
  const json times = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (times.is_discarded()) return field_error("times", "not valid JSON");
  return read_times(times, geometry);
}

bool load_native(const std::string& path, LoadContext& ctx, std::string& json_error) {
  json root;
  {
    std::string error;
    const std::optional<std::string> text = read_whole_file(path, kMaxJsonBytes, error);
    if (!text) {
      ctx.fail("GeoJSON file " + error);
      return true;  // nothing else would do better with it
    }
    if (nested_deeper_than(*text, kMaxJsonDepth)) {
      ctx.fail(fmt::format("GeoJSON nested deeper than {} levels (arrays and objects): too deep to load", kMaxJsonDepth));
      return true;
    }
    try {
      root = json::parse(*text);
    } catch (const json::exception& e) {
      json_error = "not valid JSON: " + strip_json_exception_prefix(e.what());
      return false;
    }
  }  // the text is freed before the events are built
  if (!is_native(root)) return false;
  load_features(root, ctx);
  return true;
}

}  // namespace geo::detail
