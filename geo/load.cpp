// Loading: file checks, GDAL opening and dispatch to the loader for the source, the shared
// finishing step (vocabulary, times, great-circle densification) and the helpers the
// loaders share (load_internal.hpp).
#include "load.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <cmath>
#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_vsi.h>
#include <filesystem>
#include <fmt/format.h>
#include <gdal_priv.h>
#include <mutex>
#include <ogr_spatialref.h>

#include "load_internal.hpp"
#include "vocab.hpp"

namespace geo {
namespace detail {

// --- context ---------------------------------------------------------------------------

void LoadContext::warn(std::string message) {
  if (result.warnings.size() < kMaxWarnings) {
    result.warnings.push_back(std::move(message));
  } else {
    ++suppressed_;
  }
}

void LoadContext::skip(const std::string& label, const std::string& reason) {
  ++result.skipped;
  warn(label + ": " + reason);
}

bool LoadContext::add(Event event, const std::string& label) {
  if (stopped()) return false;
  const std::size_t as_read = event.geometry.vertex_count();  // before densification
  // The limit bounds the work: counted before densification makes the vertices.
  if (vertices_ + densified_vertex_count(event.geometry, options.densify_km) > kMaxVertices) {
    result.error = fmt::format("more than {} vertices after densification: too large to load", kMaxVertices);
    return false;
  }
  const std::string why = finish_event(event, options);
  if (!why.empty()) {
    skip(label, why);
    return true;
  }
  const std::size_t n = event.geometry.vertex_count();
  if (vertices_ + n > kMaxVertices) {
    result.error = fmt::format("more than {} vertices: too large to load", kMaxVertices);
    return false;
  }
  vertices_ += n;
  result.source_vertices += as_read;
  if (!event.timed()) warn(label + ": no time: loaded as untimed (always shown)");
  result.events.push_back(std::move(event));
  return true;
}

std::string feature_label(std::size_t index, std::string_view name) {
  if (name.empty()) return fmt::format("feature {}", index);
  return fmt::format("feature {} ({})", index, name);
}

std::string field_error(std::string_view field, std::string_view why) {
  return fmt::format("field '{}': {}", field, why);
}

// --- geometry ---------------------------------------------------------------------------

Reprojector make_reprojector(const OGRSpatialReference* source) {
  Reprojector r;
  if (source == nullptr) return r;  // no SRS: taken as lon/lat
  OGRSpatialReference wgs84;
  wgs84.SetWellKnownGeogCS("WGS84");
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  OGRSpatialReference src(*source);
  src.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  const char* options[] = {"IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=NO", nullptr};
  if (src.IsGeographic() && src.IsSame(&wgs84, options)) return r;
  r.transform.reset(OGRCreateCoordinateTransformation(&src, &wgs84));
  if (!r.transform) {
    const char* name = source->GetName();
    r.error = fmt::format("cannot transform from '{}' to WGS 84", name ? name : "unknown CRS");
  }
  return r;
}

namespace {

std::vector<LonLat> curve_points(const OGRSimpleCurve& curve) {
  std::vector<LonLat> out;
  out.reserve(static_cast<std::size_t>(curve.getNumPoints()));
  for (int i = 0; i < curve.getNumPoints(); ++i) out.push_back({curve.getX(i), curve.getY(i)});
  return out;
}

std::string append_polygon(const OGRPolygon& polygon, Geometry& out) {
  Polygon p;
  for (const OGRLinearRing* ring : polygon) {
    if (ring != nullptr && !ring->IsEmpty()) p.rings.push_back(curve_points(*ring));
  }
  if (!p.rings.empty()) out.polygons.push_back(std::move(p));
  return "";
}

}  // namespace

std::string append_geometry(const OGRGeometry& geometry, Geometry& out) {
  if (geometry.IsEmpty()) return "";
  switch (wkbFlatten(geometry.getGeometryType())) {
    case wkbPoint: {
      const auto& p = *geometry.toPoint();
      out.points.push_back({p.getX(), p.getY()});
      return "";
    }
    case wkbLineString: {
      Line line;
      line.coords = curve_points(*geometry.toLineString());
      out.lines.push_back(std::move(line));
      return "";
    }
    case wkbPolygon:
      return append_polygon(*geometry.toPolygon(), out);
    case wkbMultiPoint:
    case wkbMultiLineString:
    case wkbMultiPolygon:
    case wkbGeometryCollection:
      for (const OGRGeometry* part : *geometry.toGeometryCollection()) {
        if (part == nullptr) continue;
        if (std::string why = append_geometry(*part, out); !why.empty()) return why;
      }
      return "";
    default:
      break;
  }
  // Curves, surfaces, TINs …: take their linear approximation.
  std::unique_ptr<OGRGeometry> linear(geometry.getLinearGeometry());
  if (!linear || wkbFlatten(linear->getGeometryType()) == wkbFlatten(geometry.getGeometryType()))
    return fmt::format("unsupported geometry type '{}'", geometry.getGeometryName());
  return append_geometry(*linear, out);
}

std::string check_lon_lat(double& lon, double& lat) {
  constexpr double kEps = 1e-9;
  if (!std::isfinite(lon) || !std::isfinite(lat))
    return fmt::format("coordinate ({}, {}) is not finite", lon, lat);
  if (std::fabs(lat) > 90 + kEps) return fmt::format("latitude {} out of range", lat);
  if (std::fabs(lon) > 180 + kEps) return fmt::format("longitude {} out of range", lon);
  lat = std::clamp(lat, -90.0, 90.0);
  lon = std::clamp(lon, -180.0, 180.0);
  return "";
}

std::string check_coordinates(Geometry& geometry) {
  auto check_all = [](std::vector<LonLat>& coords) -> std::string {
    for (LonLat& c : coords)
      if (std::string why = check_lon_lat(c.lon, c.lat); !why.empty()) return why;
    return "";
  };
  if (std::string why = check_all(geometry.points); !why.empty()) return why;
  for (Line& line : geometry.lines)
    if (std::string why = check_all(line.coords); !why.empty()) return why;
  for (Polygon& polygon : geometry.polygons)
    for (auto& ring : polygon.rings)
      if (std::string why = check_all(ring); !why.empty()) return why;
  return "";
}

// --- attributes -------------------------------------------------------------------------

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

int find_field(const OGRFeatureDefn& defn, std::string_view name) {
  for (int i = 0; i < defn.GetFieldCount(); ++i)
    if (iequals(defn.GetFieldDefn(i)->GetNameRef(), name)) return i;
  return -1;
}

int find_field(const OGRFeatureDefn& defn, std::initializer_list<std::string_view> names) {
  for (std::string_view name : names)
    if (int i = find_field(defn, name); i >= 0) return i;
  return -1;
}

bool field_present(const OGRFeature& feature, int index) {
  return index >= 0 && feature.IsFieldSetAndNotNull(index);
}

std::string field_text(const OGRFeature& feature, int index) {
  if (!field_present(feature, index)) return "";
  const OGRFieldDefn* defn = feature.GetFieldDefnRef(index);
  if (defn->GetType() == OFTStringList) {
    std::string out;
    for (char** item = feature.GetFieldAsStringList(index); item && *item; ++item) {
      if (!out.empty()) out += ", ";
      out += *item;
    }
    return out;
  }
  return feature.GetFieldAsString(index);
}

std::vector<std::string> split_list(std::string_view text) {
  // A JSON-style list in a text field: ["a","b"] → a, b.
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find_first_of(",;", start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view item = text.substr(start, comma - start);
    while (!item.empty() && (std::isspace(static_cast<unsigned char>(item.front())) || item.front() == '"'))
      item.remove_prefix(1);
    while (!item.empty() && (std::isspace(static_cast<unsigned char>(item.back())) || item.back() == '"'))
      item.remove_suffix(1);
    if (!item.empty()) items.emplace_back(item);
    start = comma + 1;
  }
  return items;
}

std::optional<double> field_number(const OGRFeature& feature, int index, std::string& why) {
  const char* name = feature.GetFieldDefnRef(index)->GetNameRef();
  if (!field_present(feature, index)) {
    why = field_error(name, "missing value");
    return std::nullopt;
  }
  const OGRFieldType type = feature.GetFieldDefnRef(index)->GetType();
  if (type == OFTReal || type == OFTInteger || type == OFTInteger64) return feature.GetFieldAsDouble(index);
  const std::string text = feature.GetFieldAsString(index);
  char* end = nullptr;
  const double v = CPLStrtod(text.c_str(), &end);
  while (end && *end == ' ') ++end;
  if (text.empty() || end == text.c_str() || (end && *end != '\0')) {
    why = field_error(name, fmt::format("not a number '{}'", text));
    return std::nullopt;
  }
  return v;
}

GeometryQuality parse_quality(std::string_view text, bool& ok) {
  const std::string q = normalize_term(text);
  ok = true;
  if (q.empty() || q == "exact") return GeometryQuality::Exact;
  if (q == "approximate" || q == "approx") return GeometryQuality::Approximate;
  if (q == "schematic") return GeometryQuality::Schematic;
  ok = false;
  return GeometryQuality::Exact;
}

void read_schema_fields(const OGRFeature& feature, Event& event, const std::vector<int>& skip) {
  const OGRFeatureDefn& defn = *feature.GetDefnRef();
  for (int i = 0; i < defn.GetFieldCount(); ++i) {
    if (std::find(skip.begin(), skip.end(), i) != skip.end()) continue;
    const std::string text = field_text(feature, i);
    if (text.empty()) continue;
    const std::string key = normalize_term(defn.GetFieldDefn(i)->GetNameRef());
    if (key == "id") {
      event.id = text;
    } else if (key == "name") {
      event.name = text;
    } else if (key == "kind") {
      event.kind = text;
    } else if (key == "domains" || key == "domain") {
      event.domains = split_list(text);
    } else if (key == "force_types" || key == "force_type" || key == "forcetypes") {
      event.force_types = split_list(text);
    } else if (key == "participants" || key == "participant") {
      event.participants = split_list(text);
    } else if (key == "regions" || key == "region") {
      event.regions = split_list(text);
    } else if (key == "sources" || key == "source") {
      event.sources = split_list(text);
    } else if (key == "notes") {
      event.notes = text;
    } else if (key == "geometry_quality" || key == "geometry_q" || key == "quality") {
      bool ok = true;
      event.quality = parse_quality(text, ok);
      if (!ok) event.attributes["geometry_quality"] = text;
    } else {
      event.attributes[defn.GetFieldDefn(i)->GetNameRef()] = text;
    }
  }
}

// --- time -------------------------------------------------------------------------------

bool is_date_only(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  auto digits = [&](std::size_t from, std::size_t n) {
    for (std::size_t i = from; i < from + n; ++i)
      if (i >= text.size() || text[i] < '0' || text[i] > '9') return false;
    return true;
  };
  if (text.size() == 10) return digits(0, 4) && text[4] == '-' && digits(5, 2) && text[7] == '-' && digits(8, 2);
  return text.size() == 8 && digits(0, 8);
}

std::optional<TimeValue> parse_time_text(std::string_view text, std::string& why) {
  std::string reason;
  const std::optional<Seconds> t = parse_time(text, &reason);
  if (!t) {
    why = fmt::format("invalid time '{}': {}", text, reason);
    return std::nullopt;
  }
  return TimeValue{*t, is_date_only(text)};
}

namespace {

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// OGR Date/DateTime fields: components, with the OGR time zone flag (100 = UTC, 100±n =
// n quarter hours east/west; 0/1 unknown/local, taken as UTC).
std::optional<TimeValue> ogr_date_time(const OGRFeature& feature, int index, std::string& why) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, tz = 0;
  float s = 0;
  if (!feature.GetFieldAsDateTime(index, &y, &mo, &d, &h, &mi, &s, &tz)) {
    why = fmt::format("invalid time '{}'", feature.GetFieldAsString(index));
    return std::nullopt;
  }
  const std::string text = feature.GetFieldAsString(index);
  if (mo < 1 || mo > 12) {
    why = fmt::format("invalid time '{}': month out of range", text);
    return std::nullopt;
  }
  if (d < 1 || d > days_in_month(y, mo)) {
    why = fmt::format("invalid time '{}': day out of range", text);
    return std::nullopt;
  }
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || !(s >= 0 && s < 61)) {
    why = fmt::format("invalid time '{}': time of day out of range", text);
    return std::nullopt;
  }
  Seconds t = make_time(y, mo, d, h, mi, static_cast<int>(std::floor(s)));
  if (tz > 1) t -= static_cast<Seconds>(tz - 100) * 15 * 60;
  const bool date_only = feature.GetFieldDefnRef(index)->GetType() == OFTDate;
  return TimeValue{t, date_only};
}

}  // namespace

std::optional<TimeValue> field_time(const OGRFeature& feature, int index, std::string& why) {
  why.clear();
  if (!field_present(feature, index)) return std::nullopt;
  const OGRFieldType type = feature.GetFieldDefnRef(index)->GetType();
  if (type == OFTDate || type == OFTDateTime) return ogr_date_time(feature, index, why);
  const std::string text = field_text(feature, index);
  if (text.empty()) return std::nullopt;
  return parse_time_text(text, why);
}

Seconds end_of_day(Seconds t) {
  const Seconds day = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
  return day * 86400 + 86399;
}

}  // namespace detail

// --- finishing an event -----------------------------------------------------------------

namespace {

constexpr double kEarthRadiusKm = 6371.0088;
constexpr double kDeg = M_PI / 180.0;

struct Vec3 {
  double x, y, z;
};

Vec3 to_vec(LonLat p) {
  const double lon = p.lon * kDeg, lat = p.lat * kDeg;
  return {std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat)};
}

LonLat to_lon_lat(Vec3 v) {
  const double lat = std::atan2(v.z, std::hypot(v.x, v.y)) / kDeg;
  double lon = std::atan2(v.y, v.x) / kDeg;
  if (lon > 180) lon -= 360;
  if (lon < -180) lon += 360;
  return {lon, lat};
}

// Central angle between two points (radians), robust for small and large angles.
double central_angle(Vec3 a, Vec3 b) {
  const Vec3 c{a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
  return std::atan2(std::sqrt(c.x * c.x + c.y * c.y + c.z * c.z), a.x * b.x + a.y * b.y + a.z * b.z);
}

double distance_km(LonLat a, LonLat b) { return central_angle(to_vec(a), to_vec(b)) * kEarthRadiusKm; }

// The point a fraction f of the way along the great circle from a to b (the short way, so
// a step across 180° stays near 180°).
LonLat slerp(LonLat a, LonLat b, double f) {
  const Vec3 va = to_vec(a), vb = to_vec(b);
  const double omega = central_angle(va, vb);
  const double s = std::sin(omega);
  if (s < 1e-12) return a;  // coincident (antipodal legs have no defined path; never densified)
  const double wa = std::sin((1 - f) * omega) / s, wb = std::sin(f * omega) / s;
  return to_lon_lat({wa * va.x + wb * vb.x, wa * va.y + wb * vb.y, wa * va.z + wb * vb.z});
}

template <typename Fn>
void normalise_list(std::vector<std::string>& list, Fn canonical, bool sort) {
  std::vector<std::string> out;
  for (const std::string& item : list) {
    std::string c = canonical(item);
    if (!c.empty() && std::find(out.begin(), out.end(), c) == out.end()) out.push_back(std::move(c));
  }
  if (sort) std::sort(out.begin(), out.end());
  list = std::move(out);
}

std::string participant_or_kept(std::string_view term) {
  std::string code = canonical_participant(term);
  if (!code.empty()) return code;
  std::string kept = normalize_term(term);  // kept (upper case) so it stays filterable
  for (char& c : kept) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return kept;
}

void normalise_vocabulary(Event& e) {
  e.kind = canonical_kind(e.kind);
  if (e.kind.empty()) e.kind = "other";
  normalise_list(e.domains, canonical_domain, true);
  normalise_list(e.force_types, canonical_force_type, true);
  normalise_list(e.participants, participant_or_kept, false);
  normalise_list(e.regions, normalize_term, false);
}

// Widens [start, end] to the known vertex times (or takes them when the event has none).
void span_from_vertex_times(Event& e) {
  for (const Line& line : e.geometry.lines) {
    for (Seconds t : line.times) {
      if (t == kNoTime) continue;
      if (e.start == kNoTime || t < e.start) e.start = t;
      if (e.end == kNoTime || t > e.end) e.end = t;
    }
  }
}

// Fills unknown vertex times along the great-circle length between known ones; the first and
// last vertices default to the event's start and end.
std::string interpolate_times(Line& line, Seconds start, Seconds end) {
  const std::size_t n = line.coords.size();
  if (line.times.empty()) line.times.assign(n, kNoTime);
  Seconds previous = kNoTime;
  for (std::size_t i = 0; i < n; ++i) {
    const Seconds t = line.times[i];
    if (t == kNoTime) continue;
    if (previous != kNoTime && t < previous)
      return detail::field_error("times", fmt::format("time at vertex {} ({}) is before the time at an earlier vertex ({})",
                                                      i + 1, format_time(t), format_time(previous)));
    previous = t;
  }
  if (n == 0) return "";
  // [start, end] already covers every known vertex time (span_from_vertex_times).
  if (line.times.front() == kNoTime) line.times.front() = start;
  if (line.times.back() == kNoTime) line.times.back() = end;

  std::vector<double> along(n, 0.0);  // cumulative length (km)
  for (std::size_t i = 1; i < n; ++i) along[i] = along[i - 1] + distance_km(line.coords[i - 1], line.coords[i]);
  std::size_t known = 0;
  for (std::size_t i = 1; i < n; ++i) {
    if (line.times[i] == kNoTime) continue;
    const Seconds t0 = line.times[known], t1 = line.times[i];
    const double length = along[i] - along[known];
    for (std::size_t k = known + 1; k < i; ++k) {
      const double f = length > 0 ? (along[k] - along[known]) / length
                                  : static_cast<double>(k - known) / static_cast<double>(i - known);
      line.times[k] = t0 + static_cast<Seconds>(std::floor(static_cast<double>(t1 - t0) * f));
    }
    known = i;
  }
  return "";
}

// The pieces densify() cuts the segment a-b into (1: left as it is).
std::size_t densify_pieces(LonLat a, LonLat b, double max_km) {
  const double d = distance_km(a, b);
  if (!(max_km > 0) || !(d > max_km)) return 1;
  return static_cast<std::size_t>(std::min(std::ceil(d / max_km), 100000.0));
}

// Inserts great-circle points into segments longer than `max_km`, with interpolated times.
void densify(Line& line, double max_km) {
  if (!(max_km > 0) || line.coords.size() < 2) return;
  const bool timed = !line.times.empty();
  Line out;
  out.coords.reserve(line.coords.size());
  for (std::size_t i = 0; i + 1 < line.coords.size(); ++i) {
    const LonLat a = line.coords[i], b = line.coords[i + 1];
    out.coords.push_back(a);
    if (timed) out.times.push_back(line.times[i]);
    const std::size_t pieces = densify_pieces(a, b, max_km);
    for (std::size_t k = 1; k < pieces; ++k) {
      const double f = static_cast<double>(k) / static_cast<double>(pieces);
      out.coords.push_back(slerp(a, b, f));
      if (timed) {
        const Seconds t0 = line.times[i], t1 = line.times[i + 1];
        out.times.push_back(t0 + static_cast<Seconds>(std::floor(static_cast<double>(t1 - t0) * f)));
      }
    }
  }
  out.coords.push_back(line.coords.back());
  if (timed) out.times.push_back(line.times.back());
  line = std::move(out);
}

std::string finish_lines(Event& e, const LoadOptions& options) {
  auto& lines = e.geometry.lines;
  // A one-vertex "line" is a point; an empty one is nothing.
  for (auto it = lines.begin(); it != lines.end();) {
    if (it->coords.size() == 1) e.geometry.points.push_back(it->coords.front());
    if (it->coords.size() <= 1) {
      it = lines.erase(it);
    } else {
      ++it;
    }
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    Line& line = lines[i];
    if (!line.times.empty() && line.times.size() != line.coords.size())
      return detail::field_error("times", fmt::format("{} times for {} vertices", line.times.size(), line.coords.size()));
    if (e.timed()) {
      if (std::string why = interpolate_times(line, e.start, e.end); !why.empty()) return why;
    } else {
      line.times.clear();
    }
    densify(line, options.densify_km);
  }
  return "";
}

}  // namespace

std::size_t detail::densified_vertex_count(const Geometry& geometry, double max_km) {
  std::size_t n = geometry.vertex_count();
  for (const Line& line : geometry.lines)
    for (std::size_t i = 0; i + 1 < line.coords.size(); ++i) n += densify_pieces(line.coords[i], line.coords[i + 1], max_km) - 1;
  return n;
}

std::string finish_event(Event& event, const LoadOptions& options) {
  normalise_vocabulary(event);
  if (std::string why = detail::check_coordinates(event.geometry); !why.empty())
    return detail::field_error("geometry", why);
  for (Polygon& polygon : event.geometry.polygons)
    for (const auto& ring : polygon.rings)
      if (ring.size() < 3) return detail::field_error("geometry", "polygon ring with fewer than 3 vertices");

  // Vertex times outside [start, end] widen it; a lone start or end is an instant.
  if (event.end != kNoTime && event.start != kNoTime && event.end < event.start)
    return detail::field_error("end", fmt::format("end {} is before start {}", format_time(event.end),
                                                  format_time(event.start)));
  span_from_vertex_times(event);
  if (event.start == kNoTime) event.start = event.end;
  if (event.end == kNoTime) event.end = event.start;
  return finish_lines(event, options);
}

// --- dispatch ---------------------------------------------------------------------------

namespace {

void register_gdal() {
  static std::once_flag once;
  std::call_once(once, [] { GDALAllRegister(); });
}

// Collects GDAL's own messages for this thread while a load runs.
class GdalMessages {
 public:
  GdalMessages() {
    CPLPushErrorHandlerEx(&GdalMessages::handle, this);
    CPLErrorReset();
  }
  ~GdalMessages() { CPLPopErrorHandler(); }
  GdalMessages(const GdalMessages&) = delete;
  GdalMessages& operator=(const GdalMessages&) = delete;
  std::vector<std::string> messages;

 private:
  static void CPL_STDCALL handle(CPLErr level, CPLErrorNum, const char* message) {
    auto* self = static_cast<GdalMessages*>(CPLGetErrorHandlerUserData());
    if (self == nullptr || level < CE_Warning || message == nullptr) return;
    if (self->messages.size() < 50 &&
        std::find(self->messages.begin(), self->messages.end(), message) == self->messages.end())
      self->messages.emplace_back(message);
  }
};

// Reads up to `limit` bytes from the start of the file.
std::string read_head(const std::string& path, std::size_t limit) {
  std::string head(limit, '\0');
  VSILFILE* f = VSIFOpenL(path.c_str(), "rb");
  if (f == nullptr) return "";
  const std::size_t n = VSIFReadL(head.data(), 1, limit, f);
  VSIFCloseL(f);
  head.resize(n);
  return head;
}

bool looks_like_xml(std::string_view head) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  while (!head.empty() && std::isspace(static_cast<unsigned char>(head.front()))) head.remove_prefix(1);
  return !head.empty() && head.front() == '<';
}

// Whole-file problems found before GDAL sees the file; "" when it may be opened.
std::string check_file(const std::string& path) {
  if (path.empty()) return "no file name";
  if (path.rfind("/vsi", 0) == 0) return "";  // GDAL virtual file systems: GDAL checks
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) return "no such file";
  if (std::filesystem::is_directory(status)) return "is a directory, not a file";
  if (!std::filesystem::is_regular_file(status)) return "not a regular file";
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return "cannot be read";
  if (size == 0) return "empty file";
  const std::string head = read_head(path, 64 * 1024);
  if (head.empty()) return "cannot be read";
  // GDAL's expat would expand entities ("billion laughs"): refuse any entity declaration.
  if (looks_like_xml(head) && head.find("<!ENTITY") != std::string::npos)
    return "XML entity declarations are not accepted";
  return "";
}

std::string driver_of(const std::string& path) {
  GDALDriverH driver = GDALIdentifyDriverEx(path.c_str(), GDAL_OF_VECTOR, nullptr, nullptr);
  return driver ? GDALGetDriverShortName(driver) : "";
}

GDALDatasetUniquePtr open_vector(const std::string& path, const std::string& driver) {
  std::vector<const char*> allowed, options;
  if (driver == "KML" || driver == "LIBKML") {
    allowed = {"LIBKML", "KML", nullptr};  // LIBKML reads TimeSpan/TimeStamp
  }
  if (driver == "CSV") {
    // Every column as text: numbers and times are parsed here, so a bad value is an error
    // that quotes it rather than a silent 0.
    options = {"AUTODETECT_TYPE=NO", "EMPTY_STRING_AS_NULL=YES", nullptr};
  }
  return GDALDatasetUniquePtr(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                                allowed.empty() ? nullptr : allowed.data(),
                                                options.empty() ? nullptr : options.data()));
}

bool has_native_fields(OGRLayer& layer) {
  const OGRFeatureDefn& defn = *layer.GetLayerDefn();
  return detail::find_field(defn, {"start", "end", "times", "kind", "domains", "participants"}) >= 0;
}

bool is_wgs84_or_none(OGRLayer& layer) {
  const OGRSpatialReference* srs = layer.GetSpatialRef();
  return srs == nullptr || !detail::make_reprojector(srs).transform;
}

void dispatch(const std::string& path, GDALDataset& dataset, detail::LoadContext& ctx) {
  const std::string& driver = ctx.result.driver;
  if (driver == "LIBKML" || driver == "KML") return detail::load_kml(dataset, ctx);
  std::size_t index = 0;
  for (OGRLayer* layer : dataset.GetLayers()) {
    if (ctx.stopped()) return;
    if (driver == "GeoJSON" && dataset.GetLayerCount() == 1 && is_wgs84_or_none(*layer) &&
        has_native_fields(*layer))
      return detail::load_native(path, dataset, ctx);
    if (detail::is_position_table(*layer, ctx.options)) {
      detail::load_table(*layer, ctx);
    } else {
      detail::load_layer(*layer, ctx, index);
    }
  }
}

// An in-memory copy of a KML file with the tracks libkml cannot read cut out
// (detail::without_mismatched_tracks), removed with the copy; `path` empty when not needed.
struct KmlCopy {
  std::string path;
  KmlCopy() = default;
  explicit KmlCopy(std::string p) : path(std::move(p)) {}
  KmlCopy(const KmlCopy&) = delete;
  KmlCopy& operator=(const KmlCopy&) = delete;
  KmlCopy(KmlCopy&& other) noexcept : path(std::move(other.path)) { other.path.clear(); }
  ~KmlCopy() {
    if (!path.empty()) VSIUnlink(path.c_str());
  }
};

KmlCopy repaired_kml(const std::string& path, std::vector<std::string>& warnings) {
  constexpr vsi_l_offset kMaxKmlBytes = vsi_l_offset{256} << 20;  // larger: read as it is
  VSIStatBufL stat;
  if (VSIStatL(path.c_str(), &stat) != 0 || static_cast<vsi_l_offset>(stat.st_size) > kMaxKmlBytes) return {};
  const std::string text = read_head(path, static_cast<std::size_t>(stat.st_size));
  std::string repaired = detail::without_mismatched_tracks(text, warnings);
  if (repaired.empty()) return {};
  static std::atomic<unsigned> counter{0};
  KmlCopy copy("/vsimem/patrolscope-repaired-" + std::to_string(counter++) + ".kml");
  auto* bytes = static_cast<GByte*>(CPLMalloc(repaired.size()));
  std::memcpy(bytes, repaired.data(), repaired.size());
  VSIFCloseL(VSIFileFromMemBuffer(copy.path.c_str(), bytes, repaired.size(), TRUE));  // GDAL frees it
  return copy;
}

// "ERROR parsing kml PATH :unclosed token on line 9 at offset 24" → "not valid KML: line 9,
// column 24: unclosed token"; "" for any other message.
std::string kml_parse_error(const std::string& message) {
  const std::size_t colon = message.find(" :");
  if (message.rfind("ERROR parsing kml", 0) != 0 || colon == std::string::npos) return "";
  std::string why = message.substr(colon + 2);
  int line = 0, column = 0;
  if (const std::size_t on = why.rfind(" on line "); on != std::string::npos &&
      std::sscanf(why.c_str() + on, " on line %d at offset %d", &line, &column) == 2) {
    why.resize(on);
    return fmt::format("not valid KML: line {}, column {}: {}", line, column, why);
  }
  return "not valid KML: " + why;
}

void run_load(const std::string& path, const LoadOptions& options, LoadResult& result) {
  result.error = check_file(path);
  if (!result.error.empty()) return;
  register_gdal();
  GdalMessages gdal;
  // By the root element (a KML may mention <gpx in a description; a GPX may open with a long
  // comment or be UTF-16), within the first MiB.
  if (const std::string head = read_head(path, 1 << 20); detail::looks_like_gpx(head)) {
    result.driver = "GPX";  // read by our own streaming reader (see load_gpx.cpp)
    detail::LoadContext ctx(options, result);
    if (!options.id_column.empty() || !options.time_column.empty() || !options.lon_column.empty() ||
        !options.lat_column.empty())
      ctx.warn("--id-column, --time-column, --lon-column and --lat-column apply to tables: ignored for GPX");
    detail::load_gpx(path, ctx);
    for (const std::string& message : gdal.messages) ctx.warn("GDAL: " + message);
    return;
  }
  const std::string identified = driver_of(path);
  std::vector<std::string> kml_warnings;
  const KmlCopy kml = (identified == "LIBKML" || identified == "KML") ? repaired_kml(path, kml_warnings) : KmlCopy();
  GDALDatasetUniquePtr dataset = open_vector(kml.path.empty() ? path : kml.path, identified);
  if (!dataset) {
    // JSON that GDAL cannot read: say where it is broken.
    result.error = detail::json_syntax_error(path);
    if (!result.error.empty()) return;
    // KML that libkml cannot parse (truncated, junk after the end): its message reworded.
    if ((identified == "LIBKML" || identified == "KML") && !gdal.messages.empty()) {
      result.error = kml_parse_error(gdal.messages.back());
      if (!result.error.empty()) return;
    }
    result.error = "not a recognised vector format";
    if (!gdal.messages.empty()) result.error += " (" + gdal.messages.back() + ")";
    return;
  }
  result.driver = dataset->GetDriverName();
  detail::LoadContext ctx(options, result);
  for (std::string& warning : kml_warnings) ctx.warn(std::move(warning));
  dispatch(path, *dataset, ctx);
  for (const std::string& message : gdal.messages) ctx.warn("GDAL: " + message);
  if (ctx.suppressed_warnings() > 0)
    result.warnings.push_back(fmt::format("… and {} more warnings", ctx.suppressed_warnings()));
}

}  // namespace

LoadResult load_events(const std::string& path, const LoadOptions& options) {
  LoadResult result;
  result.path = path;
  try {
    run_load(path, options, result);
  } catch (const std::bad_alloc&) {
    result.events.clear();
    result.error = "out of memory";
  } catch (const std::exception& e) {
    result.error = e.what();
  } catch (...) {
    result.error = "unexpected error";
  }
  if (!result.error.empty()) {
    result.events.clear();
    result.source_vertices = 0;
  }
  return result;
}

}  // namespace geo
