// Writing events through GDAL's vector writers (`patrolscope export`, the viewer's File ▸
// Export): GeoJSON, GeoPackage, KML (LIBKML), CSV (geometry as WKT) and FlatGeobuf, picked by
// the target's extension, with every attribute, the sources and the geometry quality; or a
// positions CSV, one row per line vertex and point with its time. The file is written to a
// temporary beside the target and renamed over it when complete (geo/output_file), so a
// failure keeps the old file and leaves nothing half-written.
#pragma once
#include <string>
#include <vector>

#include "event.hpp"

namespace geo {

// The GDAL driver for a target's extension (".geojson"/".json", ".gpkg", ".kml", ".csv",
// ".fgb"); "" when the extension is not one of them.
std::string export_driver_for(const std::string& path);

// Writes `events` to `path`. `positions`: a CSV of vertices (id, name, part, vertex, time, lon,
// lat) instead of one feature per event (the target must end in .csv). Throws
// std::invalid_argument for an unknown extension (a usage error) and std::runtime_error
// ("PATH: why") when the file cannot be written; the target is then untouched. Returns what
// was left out, one line each (FlatGeobuf cannot hold an event with no geometry).
std::vector<std::string> export_events(const std::vector<Event>& events, const std::string& path,
                                       bool positions = false);

}  // namespace geo
