// Land polygons: the bundled Natural Earth asset, or any GDAL-readable land/coastline layer.
#pragma once
#include <string>
#include <vector>

#include "event.hpp"

namespace geo {

struct Coastline {
  std::vector<Polygon> land;  // lon/lat WGS 84, split at ±180
  std::vector<Line> lines;    // coastline strokes (for line-only layers)
  // Country borders on land: international ones, and the rest of Natural Earth's classes
  // (disputed, line of control, indefinite), drawn in their own lighter style.
  std::vector<Line> borders, disputed_borders;
  std::string attribution;
};

// Throws std::runtime_error naming the file when it cannot be read.
Coastline load_coastline(const std::string& path);

// Adds the border lines of `path` (the bundled assets/context/borders-50m.geojson, or any GDAL
// line layer; a `kind` field other than "international" marks a line disputed) to `into`.
// Throws std::runtime_error naming the file when it cannot be read or holds no line.
void load_borders(const std::string& path, Coastline& into);

}  // namespace geo
