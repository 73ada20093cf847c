// What the loaders share: the per-file context (load_context.hpp), OGR geometry conversion and
// reprojection to WGS 84 (load_geometry.cpp), attribute reading (load_fields.cpp) and time
// parsing with quoted error messages (load_time.cpp). Private to geo/load*.cpp.
#pragma once
#include <cstddef>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <ogrsf_frmts.h>

#include "load.hpp"
#include "limits.hpp"
#include "load_context.hpp"

namespace geo::detail {

// "feature 3 (Name)" (1-based); "feature 3" when there is no name.
std::string feature_label(std::size_t index, std::string_view name);

// --- geometry ---------------------------------------------------------------------------

// Transforms a layer's coordinates to WGS 84 lon/lat (traditional GIS axis order).
// Null when the layer is already geographic WGS 84 (or has no SRS: taken as lon/lat).
struct Reprojector {
  std::unique_ptr<OGRCoordinateTransformation> transform;
  std::string error;  // set when the SRS cannot be transformed
};
Reprojector make_reprojector(const OGRSpatialReference* source);

// Appends an OGR geometry (already in lon/lat) to `out`. Returns an error text (for the
// field 'geometry') or "" on success. Z and M are dropped; collections are flattened.
std::string append_geometry(const OGRGeometry& geometry, Geometry& out);

inline constexpr double kLatitudeSlack = 1e-9;  // |lat| up to 90 + this is clamped to ±90

// "" when the coordinate can be used: finite, |lat| <= 90. Any finite longitude can
// (normalise_coordinates wraps it); loaders call this early to name the point or column.
std::string check_lon_lat(double lon, double lat);

// Checks every coordinate, clamps latitudes to ±90 and wraps longitudes outside [-180, 180]
// into that range (0–360 data, unwrapped tracks), adding the number wrapped to `wrapped`.
// Returns "" or the reason.
std::string normalise_coordinates(Geometry& geometry, std::size_t& wrapped);

// --- attributes -------------------------------------------------------------------------

// Index of the first field whose name matches one of `names` (ASCII case-insensitive), or -1.
int find_field(const OGRFeatureDefn& defn, std::initializer_list<std::string_view> names);
int find_field(const OGRFeatureDefn& defn, std::string_view name);
bool iequals(std::string_view a, std::string_view b);
// The layer's column names, "a, b, c" ("none" when it has none), for messages.
std::string column_list(const OGRFeatureDefn& defn);

// Field as text; "" when null or unset. String lists are joined with ", ".
std::string field_text(const OGRFeature& feature, int index);
bool field_present(const OGRFeature& feature, int index);

// Comma-separated (or list-typed) field as a list of trimmed, non-empty items.
std::vector<std::string> split_list(std::string_view text);

// A number from a numeric or text field. nullopt with `why` set when absent or not a number.
std::optional<double> field_number(const OGRFeature& feature, int index, std::string& why);

// --- time -------------------------------------------------------------------------------

struct TimeValue {
  Seconds t = kNoTime;
  bool date_only = false;  // "2024-07-24": as an end it means the end of that day
};

// True for "YYYY-MM-DD" / "YYYYMMDD" with nothing after it.
bool is_date_only(std::string_view text);

// Parses a time text; on failure sets `why` to "invalid time 'TEXT': reason".
std::optional<TimeValue> parse_time_text(std::string_view text, std::string& why);

// Reads a time field of any type (text, epoch number, OGR Date/DateTime). nullopt and
// `why` empty when the field is null; nullopt and `why` set when it is invalid.
std::optional<TimeValue> field_time(const OGRFeature& feature, int index, std::string& why);

// "field 'NAME': WHY"
std::string field_error(std::string_view field, std::string_view why);

// Applies the native schema's attribute names (id, name, kind, domains, force_types,
// participants, regions, geometry_quality, sources, notes) from a generic layer feature;
// other fields become text attributes, except the ones in `skip` (time/geometry columns).
void read_schema_fields(const OGRFeature& feature, Event& event, const std::vector<int>& skip);

GeometryQuality parse_quality(std::string_view text, bool& ok);

// --- loaders ------------------------------------------------------------------------------

// Each fills ctx.result (events, skipped, warnings) and reports whole-file problems with
// ctx.fail; run_load (load.cpp) then ends every load with ctx.finish.
// Reads the file once with nlohmann-json; true when it is native GeoJSON and was loaded. False
// (nothing loaded) otherwise, with `json_error` set when it is not valid JSON.
bool load_native(const std::string& path, LoadContext& ctx, std::string& json_error);
void load_gpx(const std::string& path, LoadContext& ctx);  // streaming expat through VSI, no GDAL
bool looks_like_gpx(std::string_view head);              // an XML head whose root is a (prefixed) <gpx>
// The local name of the root element of an XML head (UTF-8 or UTF-16, past comments, processing
// instructions and the doctype); "" when the head ends before it.
std::string xml_root_name(std::string_view head);
void load_table(OGRLayer& layer, LoadContext& ctx);
// `tracks`: the gx:Tracks' positions with their times (KmlCheck::tracks), put back on the lines
// GDAL reads from them.
void load_kml(GDALDataset& dataset, LoadContext& ctx, const std::vector<Line>& tracks);
// KML text checked before GDAL reads it (load_kml.cpp): a placemark with a <when>, <begin> or
// <end> that is not a time, or an end before its begin, is left out; a gx:Track whose <when>
// and <gx:coord> counts differ (libkml crashes on them) keeps its first positions that have
// both, or goes, and its placemark with it when no geometry is left. One warning each.
struct KmlCheck {
  std::string text;  // the text to read instead; "" when nothing changed
  std::vector<std::string> warnings;
  std::size_t left_out = 0;  // placemarks left out (counted as skipped)
  std::vector<Line> tracks;  // every gx:Track kept: its coordinates and the time of each
};
KmlCheck check_kml_text(const std::string& text);
// The vertices `geometry` will have once its lines are densified (counted, not made).
std::size_t densified_vertex_count(const Geometry& geometry, double max_km);
// `only_layer`: a table with no way to place its rows is then an error for the whole file
// (else a warning, and the other layers are read).
// `adjust`, when given, sees each event before it is added (KML puts gx:Track times back).
void load_layer(OGRLayer& layer, LoadContext& ctx, std::size_t& feature_index, bool only_layer = false,
                const std::function<void(Event&)>* adjust = nullptr);

// A `times` field's text (JSON: one array of times per line, or a flat one for a single line,
// as the native schema and `export` write it) set on `geometry`'s lines; "" or the reason.
std::string read_times_text(const std::string& text, Geometry& geometry);

// For a file that starts like JSON: "not valid JSON: parse error at line …"; else "".
std::string json_syntax_error(const std::string& path);

// True when the layer looks like a table of timed positions (id and time columns, and
// lon/lat columns or point geometry), with the options' overrides applied.
bool is_position_table(OGRLayer& layer, const LoadOptions& options);

// Longitude and latitude columns of a layer (detected names, or the overrides); -1 if none.
std::pair<int, int> find_lon_lat_columns(const OGRFeatureDefn& defn, const LoadOptions& options);

}  // namespace geo::detail
