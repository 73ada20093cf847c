// Loading events from any GDAL vector source (native GeoJSON, GPX, CSV/GPKG position tables,
// KML, any layer with time attributes), reprojected to WGS 84 lon/lat.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "event.hpp"

namespace geo {

struct LoadOptions {
  // Column overrides for tables of timed positions; empty means detect.
  std::string id_column, time_column, lon_column, lat_column;
  // One layer or table of the source (--table), or the result of the user's own query (--sql,
  // run as given: it is their database, and their statement); empty: every layer.
  std::string table, sql;
  // Segments longer than this are densified along great circles (km).
  double densify_km = 50.0;
};

struct LoadResult {
  std::string path;    // printable_source(the source as given): no password
  std::string driver;  // GDAL driver short name, e.g. "GeoJSON", "CSV", "GPX"
  std::vector<Event> events;
  std::size_t source_vertices = 0;    // vertices as read, before densification
  int skipped = 0;                    // features that could not be used, each with a warning
  std::vector<std::string> warnings;  // "feature 3 (Name): field 'start': invalid time '2024-13-01'"
  std::string error;                  // set when the file as a whole cannot be read
  bool ok() const { return error.empty() && !events.empty(); }
};

// True for a database connection string ("PG:host=/run/pg dbname=patrols"), which is opened by
// GDAL's PostgreSQL driver and is never a file: no existence check, no cache key, no file title.
bool is_database_source(const std::string& path);

// A source's short name for titles: a file's stem ("patrols" for /data/patrols.csv), a
// database's dbname ("tracks" for "PG:host=/run/pg dbname=tracks").
std::string source_name(const std::string& path);

// The source as it may be printed or stored for display: a connection string with its password
// (libpq's password=…, quoted or not, or the user:password@ of a postgresql:// URI) shown as
// "***"; a file path unchanged. Every message that names a source uses this (LoadResult::path too).
std::string printable_source(const std::string& source);

// `text` with the source's password, and the source itself, replaced by their printable forms
// (a driver's message may quote the connection string).
std::string without_secrets(const std::string& text, const std::string& source);

// Never throws for bad input: problems are reported in `error` / `warnings`.
LoadResult load_events(const std::string& path, const LoadOptions& options = {});

// Steps shared by every loader, applied to each event after reading (geo/load_finish.cpp):
// normalise vocabulary, check coordinates and wrap longitudes outside [-180, 180] into it
// (counted in `wrapped_longitudes` when given), interpolate missing vertex times along the
// length, densify long segments along geodesics (geodesic.hpp).
// Returns an error text (field and reason) when the event cannot be used.
std::string finish_event(Event& event, const LoadOptions& options, std::size_t* wrapped_longitudes = nullptr);

}  // namespace geo
