#include "event.hpp"

namespace geo {

std::size_t Geometry::vertex_count() const {
  std::size_t n = points.size();
  for (const Line& line : lines) n += line.coords.size();
  for (const Polygon& polygon : polygons)
    for (const auto& ring : polygon.rings) n += ring.size();
  return n;
}

const char* to_string(GeometryQuality q) {
  switch (q) {
    case GeometryQuality::Exact: return "exact";
    case GeometryQuality::Approximate: return "approximate";
    case GeometryQuality::Schematic: return "schematic";
  }
  return "exact";
}

}  // namespace geo
