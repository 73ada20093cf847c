// Tables of timed positions (CSV, GeoPackage, … including AIS-style archives): rows are
// grouped into tracks by an id column and sorted by time. Column names are detected
// case-insensitively; LoadOptions' overrides (--id-column …) take precedence.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <fmt/format.h>
#include <unordered_map>

#include "load_internal.hpp"

namespace geo::detail {
namespace {

const std::initializer_list<std::string_view> kIdNames = {
    "track_id", "trackid", "track", "mmsi", "id", "callsign", "call_sign", "icao24",
    "vessel_id", "vesselid", "name"};
const std::initializer_list<std::string_view> kTimeNames = {
    "time", "timestamp", "datetime", "date_time", "basedatetime", "base_date_time", "time_utc",
    "utc", "t"};
// A date column beside a time-of-day column ("2024-07-05" and "12:00:00"): joined.
const std::initializer_list<std::string_view> kDateNames = {"date", "day", "date_utc", "basedate", "base_date"};
const std::initializer_list<std::string_view> kLonNames = {"lon", "lng", "long", "longitude", "x"};
const std::initializer_list<std::string_view> kLatNames = {"lat", "latitude", "y"};
const std::initializer_list<std::string_view> kNameNames = {"vesselname", "vessel_name", "name",
                                                                "callsign", "call_sign"};

struct Columns {
  int id = -1, time = -1, lon = -1, lat = -1, name = -1;
  int date = -1;  // a separate date column (the time column then holds a time of day)
  bool point_geometry = false;  // positions from the geometry when there are no lon/lat columns
  std::string error;            // an override names a column that is not there
};

int pick(const OGRFeatureDefn& defn, const std::string& override_name, const char* flag,
         std::initializer_list<std::string_view> names, std::string& error) {
  if (override_name.empty()) return find_field(defn, names);
  const int i = find_field(defn, override_name);
  if (i < 0 && error.empty()) error = fmt::format("no column '{}' ({})", override_name, flag);
  return i;
}

Columns detect_columns(OGRLayer& layer, const LoadOptions& o) {
  const OGRFeatureDefn& defn = *layer.GetLayerDefn();
  Columns c;
  c.id = pick(defn, o.id_column, "--id-column", kIdNames, c.error);
  c.time = pick(defn, o.time_column, "--time-column", kTimeNames, c.error);
  c.lon = pick(defn, o.lon_column, "--lon-column", kLonNames, c.error);
  c.lat = pick(defn, o.lat_column, "--lat-column", kLatNames, c.error);
  c.date = find_field(defn, kDateNames);
  if (c.time < 0) std::swap(c.time, c.date);  // dates alone: midnight
  if (c.date == c.time) c.date = -1;
  const int name = find_field(defn, kNameNames);
  c.name = name != c.id ? name : -1;
  c.point_geometry = (c.lon < 0 || c.lat < 0) && wkbFlatten(layer.GetGeomType()) == wkbPoint;
  return c;
}

bool has_overrides(const LoadOptions& o) {
  return !o.id_column.empty() || !o.time_column.empty() || !o.lon_column.empty() || !o.lat_column.empty();
}

struct Row {
  Seconds t;
  LonLat p;
};

struct Track {
  std::string id, name;
  std::vector<Row> rows;
};

std::string check_column(double v, double limit, const OGRFeature& feature, int index) {
  const char* name = feature.GetFieldDefnRef(index)->GetNameRef();
  if (!std::isfinite(v)) return field_error(name, fmt::format("value {} is not finite", v));
  if (std::fabs(v) > limit + 1e-9) return field_error(name, fmt::format("value {} out of range", v));
  return "";
}

// One row's position and time; "" or the reason it is skipped.
std::string read_row(const OGRFeature& feature, const Columns& c, const Reprojector& reprojector, Row& row) {
  std::string why;
  std::optional<TimeValue> t;
  const std::string time_text = c.date >= 0 ? field_text(feature, c.time) : std::string();
  if (c.date >= 0 && time_text.find('-') == std::string::npos && time_text.find(':') != std::string::npos) {
    // A time of day: on the date column's day.
    const std::string date_text = field_text(feature, c.date);
    if (date_text.empty())
      return field_error(feature.GetFieldDefnRef(c.date)->GetNameRef(), "missing date for time '" + time_text + "'");
    t = parse_time_text(date_text + "T" + time_text, why);
  } else {
    t = field_time(feature, c.time, why);
  }
  if (!t) return field_error(feature.GetFieldDefnRef(c.time)->GetNameRef(), why.empty() ? "missing time" : why);
  row.t = t->t;
  if (c.lon >= 0 && c.lat >= 0) {
    const auto lon = field_number(feature, c.lon, why);
    if (!lon) return why;
    const auto lat = field_number(feature, c.lat, why);
    if (!lat) return why;
    // Range checks name the column (geographic columns are never reprojected). Any finite
    // longitude is kept: the finishing step wraps it into [-180, 180] (one note per file).
    if (std::string bad = check_column(*lon, HUGE_VAL, feature, c.lon); !bad.empty()) return bad;
    if (std::string bad = check_column(*lat, 90, feature, c.lat); !bad.empty()) return bad;
    row.p = {*lon, *lat};
    return "";
  }
  const OGRGeometry* g = feature.GetGeometryRef();
  if (g == nullptr || wkbFlatten(g->getGeometryType()) != wkbPoint || g->IsEmpty())
    return field_error("geometry", "no point");
  row.p = {g->toPoint()->getX(), g->toPoint()->getY()};
  if (reprojector.transform && !reprojector.transform->Transform(1, &row.p.lon, &row.p.lat))
    return field_error("geometry", "cannot be transformed to WGS 84");
  if (std::string bad = check_lon_lat(row.p.lon, row.p.lat); !bad.empty()) return field_error("geometry", bad);
  return "";
}

std::string row_label(std::size_t index, const std::string& id) {
  return id.empty() ? fmt::format("row {}", index) : fmt::format("row {} ({})", index, id);
}

Event track_event(Track& track) {
  std::stable_sort(track.rows.begin(), track.rows.end(), [](const Row& a, const Row& b) { return a.t < b.t; });
  Event e;
  e.id = track.id;
  e.name = track.name.empty() ? track.id : track.name;
  Line line;
  line.coords.reserve(track.rows.size());
  line.times.reserve(track.rows.size());
  for (const Row& r : track.rows) {
    line.coords.push_back(r.p);
    line.times.push_back(r.t);
  }
  e.start = line.times.front();
  e.end = line.times.back();
  e.geometry.lines.push_back(std::move(line));
  return e;
}

}  // namespace

std::pair<int, int> find_lon_lat_columns(const OGRFeatureDefn& defn, const LoadOptions& options) {
  std::string ignored;
  return {pick(defn, options.lon_column, "--lon-column", kLonNames, ignored),
          pick(defn, options.lat_column, "--lat-column", kLatNames, ignored)};
}

bool is_position_table(OGRLayer& layer, const LoadOptions& options) {
  const Columns c = detect_columns(layer, options);
  if (has_overrides(options)) return true;  // the user says it is a table (errors reported there)
  return c.time >= 0 && ((c.lon >= 0 && c.lat >= 0) || (c.point_geometry && c.id >= 0));
}

void load_table(OGRLayer& layer, LoadContext& ctx) {
  const OGRFeatureDefn& defn = *layer.GetLayerDefn();
  const Columns c = detect_columns(layer, ctx.options);
  if (!c.error.empty()) return ctx.fail(fmt::format("{}; the columns are: {}", c.error, column_list(defn)));
  if (c.time < 0 || ((c.lon < 0 || c.lat < 0) && !c.point_geometry))
    return ctx.fail(fmt::format(
        "no {} column found (columns: {}); name them with --time-column, --lon-column, --lat-column",
        c.time < 0 ? "time" : "longitude/latitude", column_list(defn)));
  const Reprojector reprojector = make_reprojector(layer.GetSpatialRef());
  if (!reprojector.error.empty()) return ctx.fail(reprojector.error);
  std::vector<Track> tracks;
  std::unordered_map<std::string, std::size_t> by_id;
  std::size_t index = 0;
  layer.ResetReading();
  for (const auto& feature : layer) {
    if (++index > kMaxVertices) {
      return ctx.fail(fmt::format("more than {} rows: too large to load", kMaxVertices));
    }
    const std::string id = c.id >= 0 ? field_text(*feature, c.id) : std::string(layer.GetName());
    // A value holding a line break: in a CSV, most likely an unbalanced quote that swallowed
    // the rows after it (GDAL reads on to the next quote).
    for (int i = 0; i < defn.GetFieldCount(); ++i)
      if (const char* value = feature->GetFieldAsString(i); value && std::strchr(value, '\n')) {
        ctx.warn(fmt::format("{}: {}", row_label(index, id),
                             field_error(defn.GetFieldDefn(i)->GetNameRef(),
                                         "the value spans several lines (an unbalanced quote?): rows after it may be "
                                         "read into it")));
        break;
      }
    if (c.id >= 0 && id.empty()) {  // else every such row would join one track with id ""
      ctx.skip(row_label(index, id), field_error(defn.GetFieldDefn(c.id)->GetNameRef(), "empty: no track to join"));
      continue;
    }
    Row row{};
    if (std::string why = read_row(*feature, c, reprojector, row); !why.empty()) {
      ctx.skip(row_label(index, id), why);
      continue;
    }
    auto [it, inserted] = by_id.try_emplace(id, tracks.size());
    if (inserted) tracks.push_back({id, c.name >= 0 ? field_text(*feature, c.name) : "", {}});
    tracks[it->second].rows.push_back(row);
  }
  for (Track& track : tracks) {
    const std::string label = fmt::format("track {}", track.id);
    if (!ctx.add(track_event(track), label)) return;
  }
}

}  // namespace geo::detail
