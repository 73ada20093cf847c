// Any layer whose features carry start/end (or a single date/time) attributes, e.g. a
// Shapefile or GeoPackage in EPSG:3995: every feature is an event, reprojected to WGS 84.
#include <fmt/format.h>

#include "load_internal.hpp"

namespace geo::detail {
namespace {

// Attribute names, matched case-insensitively (Shapefile names are cut at 10 characters).
const std::initializer_list<std::string_view> kStartNames = {
    "start", "begin", "start_time", "starttime", "start_date", "startdate", "date_start",
    "start_datetime", "begin_time", "time_start", "from", "start_dt"};
const std::initializer_list<std::string_view> kEndNames = {
    "end", "end_time", "endtime", "end_date", "enddate", "date_end", "end_datetime",
    "time_end", "to", "until", "end_dt", "finish"};
const std::initializer_list<std::string_view> kInstantNames = {
    "timestamp", "datetime", "date_time", "time", "date", "when", "basedatetime"};

struct TimeFields {
  int start = -1, end = -1, instant = -1;
};

TimeFields find_time_fields(const OGRFeatureDefn& defn) {
  TimeFields f;
  f.start = find_field(defn, kStartNames);
  f.end = find_field(defn, kEndNames);
  f.instant = find_field(defn, kInstantNames);
  return f;
}

const char* field_name(const OGRFeature& feature, int index) {
  return feature.GetFieldDefnRef(index)->GetNameRef();
}

// Reads start/end (or the instant) of one feature; returns the error text or "".
std::string read_span(const OGRFeature& feature, const TimeFields& fields, Event& e) {
  std::string why;
  std::optional<TimeValue> start, end;
  if (fields.start >= 0) {
    start = field_time(feature, fields.start, why);
    if (!why.empty()) return field_error(field_name(feature, fields.start), why);
  }
  if (fields.end >= 0) {
    end = field_time(feature, fields.end, why);
    if (!why.empty()) return field_error(field_name(feature, fields.end), why);
  }
  if (!start && !end && fields.instant >= 0) {
    start = field_time(feature, fields.instant, why);
    if (!why.empty()) return field_error(field_name(feature, fields.instant), why);
    end = start;  // a date alone covers that day
  }
  if (start) e.start = start->t;
  if (end) e.end = end->date_only ? end_of_day(end->t) : end->t;
  if (start && !end) e.end = start->date_only ? end_of_day(start->t) : start->t;
  return "";
}

std::string read_geometry(const OGRFeature& feature, const Reprojector& reprojector, Geometry& out) {
  const OGRGeometry* g = feature.GetGeometryRef();
  if (g == nullptr || g->IsEmpty()) return "";
  std::unique_ptr<OGRGeometry> reprojected;
  if (reprojector.transform) {
    reprojected.reset(g->clone());
    if (reprojected->transform(reprojector.transform.get()) != OGRERR_NONE)
      return field_error("geometry", "cannot be transformed to WGS 84");
    g = reprojected.get();
  }
  const std::string why = append_geometry(*g, out);
  return why.empty() ? "" : field_error("geometry", why);
}

// A table with no geometry but lon/lat columns (a CSV of events): each row is a point.
std::string read_point_columns(const OGRFeature& feature, std::pair<int, int> columns, Geometry& out) {
  const auto [lon_index, lat_index] = columns;
  if (!field_present(feature, lon_index) && !field_present(feature, lat_index)) return "";
  std::string why;
  const auto lon = field_number(feature, lon_index, why);
  if (!lon) return why;
  const auto lat = field_number(feature, lat_index, why);
  if (!lat) return why;
  out.points.push_back({*lon, *lat});
  return "";
}

// LIBKML's housekeeping fields, not worth showing as attributes.
bool is_kml_housekeeping(std::string_view name) {
  for (std::string_view k : {"altitudeMode", "tessellate", "extrude", "visibility", "drawOrder", "icon",
                             "snippet", "description", "timestamp", "begin", "end"})
    if (iequals(name, k)) return true;
  return false;
}

}  // namespace

void load_layer(OGRLayer& layer, LoadContext& ctx, std::size_t& index, bool only_layer,
                const std::function<void(Event&)>* adjust) {
  const OGRFeatureDefn& defn = *layer.GetLayerDefn();
  const Reprojector reprojector = make_reprojector(layer.GetSpatialRef());
  if (!reprojector.error.empty()) {
    return ctx.fail(fmt::format("layer '{}': {}", layer.GetName(), reprojector.error));
  }
  const TimeFields fields = find_time_fields(defn);
  const bool kml = ctx.result.driver == "LIBKML" || ctx.result.driver == "KML";
  const bool no_time = fields.start < 0 && fields.end < 0 && fields.instant < 0;
  std::vector<int> skip = {fields.start, fields.end, fields.instant};
  std::pair<int, int> lon_lat{-1, -1};
  if (layer.GetGeomType() == wkbNone) {
    // A table: its rows can only be placed by longitude and latitude columns.
    lon_lat = find_lon_lat_columns(defn, ctx.options);
    if (lon_lat.first < 0 || lon_lat.second < 0) {
      const std::string why = fmt::format(
          "no longitude/latitude{} columns found (columns: {}); name them with --lon-column, --lat-column{}",
          no_time ? " or time" : "", column_list(defn),
          no_time ? ", --time-column (and --id-column to group rows into tracks)" : "");
      if (only_layer) return ctx.fail(why);
      return ctx.warn(fmt::format("layer '{}' skipped: {}", layer.GetName(), why));  // others may hold the data
    }
    skip.push_back(lon_lat.first);
    skip.push_back(lon_lat.second);
  }
  if (no_time && !kml)  // one note for the file; each feature then says "no time" too
    ctx.warn(fmt::format("layer '{}': no time column found (columns: {}): features load untimed; "
                         "time columns are start/end, time, date … or, for positions, --time-column",
                         layer.GetName(), column_list(defn)));
  for (int i = 0; kml && i < defn.GetFieldCount(); ++i)
    if (is_kml_housekeeping(defn.GetFieldDefn(i)->GetNameRef())) skip.push_back(i);
  const int description = kml ? find_field(defn, "description") : -1;
  const int times = find_field(defn, "times");  // per-vertex times, as `export` writes them
  skip.push_back(times);

  layer.ResetReading();
  for (const auto& feature : layer) {
    if (ctx.stopped()) return;
    Event e;
    read_schema_fields(*feature, e, skip);
    if (e.notes.empty() && description >= 0) e.notes = field_text(*feature, description);
    const std::string label = feature_label(++index, e.name.empty() ? e.id : e.name);
    if (std::string why = read_span(*feature, fields, e); !why.empty()) {
      ctx.skip(label, why);
      continue;
    }
    std::string why = lon_lat.first >= 0 ? read_point_columns(*feature, lon_lat, e.geometry)
                                         : read_geometry(*feature, reprojector, e.geometry);
    if (why.empty() && times >= 0 && field_present(*feature, times))
      why = read_times_text(field_text(*feature, times), e.geometry);
    if (!why.empty()) {
      ctx.skip(label, why);
      continue;
    }
    if (e.id.empty()) e.id = fmt::format("{}-{}", layer.GetName(), index);
    if (adjust != nullptr) (*adjust)(e);
    if (!ctx.add(std::move(e), label)) return;
  }
}

}  // namespace geo::detail
