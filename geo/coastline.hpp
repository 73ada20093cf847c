// Land polygons: the bundled Natural Earth asset, or any GDAL-readable land/coastline layer.
#pragma once
#include <string>
#include <vector>

#include "event.hpp"

namespace geo {

struct Coastline {
  std::vector<Polygon> land;  // lon/lat WGS 84, split at ±180
  std::vector<Line> lines;    // coastline strokes (for line-only layers)
  std::string attribution;
};

// Throws std::runtime_error naming the file when it cannot be read.
Coastline load_coastline(const std::string& path);

}  // namespace geo
