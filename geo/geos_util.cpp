#include "geos_util.hpp"

namespace geo::geos {
namespace {

GEOSGeometry* make_ring(const Context& c, const std::vector<LonLat>& ring) {
  std::size_t n = ring.size();
  const bool closed = n > 0 && ring.front().lon == ring.back().lon && ring.front().lat == ring.back().lat;
  const std::size_t count = closed ? n : n + 1;
  if (count < 4) return nullptr;
  GEOSCoordSequence* seq = GEOSCoordSeq_create_r(c.get(), static_cast<unsigned>(count), 2);
  if (!seq) return nullptr;
  for (std::size_t i = 0; i < count; ++i) {
    const LonLat& p = ring[i % n];
    GEOSCoordSeq_setXY_r(c.get(), seq, static_cast<unsigned>(i), p.lon, p.lat);
  }
  return GEOSGeom_createLinearRing_r(c.get(), seq);  // takes ownership of seq
}

std::vector<LonLat> read_ring(const Context& c, const GEOSGeometry* ring) {
  std::vector<LonLat> out;
  const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(c.get(), ring);
  unsigned size = 0;
  if (!seq || !GEOSCoordSeq_getSize_r(c.get(), seq, &size)) return out;
  out.reserve(size);
  for (unsigned i = 0; i + 1 < size; ++i) {  // drop the closing vertex
    double x = 0, y = 0;
    GEOSCoordSeq_getXY_r(c.get(), seq, i, &x, &y);
    out.push_back({x, y});
  }
  return out;
}

}  // namespace

GeometryPtr make_polygon(const Context& c, const std::vector<std::vector<LonLat>>& rings) {
  if (rings.empty()) return wrap(c, nullptr);
  GEOSGeometry* shell = make_ring(c, rings[0]);
  if (!shell) return wrap(c, nullptr);
  std::vector<GEOSGeometry*> holes;
  for (std::size_t i = 1; i < rings.size(); ++i)
    if (GEOSGeometry* hole = make_ring(c, rings[i])) holes.push_back(hole);
  return wrap(c, GEOSGeom_createPolygon_r(c.get(), shell, holes.empty() ? nullptr : holes.data(),
                                          static_cast<unsigned>(holes.size())));
}

GeometryPtr make_box(const Context& c, double x0, double y0, double x1, double y1) {
  return make_polygon(c, {{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}});
}

void collect_polygons(const Context& c, const GEOSGeometry* g, std::vector<Polygon>& out) {
  if (!g) return;
  const int type = GEOSGeomTypeId_r(c.get(), g);
  if (type == GEOS_POLYGON) {
    if (GEOSisEmpty_r(c.get(), g) == 1) return;
    Polygon polygon;
    polygon.rings.push_back(read_ring(c, GEOSGetExteriorRing_r(c.get(), g)));
    const int holes = GEOSGetNumInteriorRings_r(c.get(), g);
    for (int i = 0; i < holes; ++i) polygon.rings.push_back(read_ring(c, GEOSGetInteriorRingN_r(c.get(), g, i)));
    if (polygon.rings[0].size() >= 3) out.push_back(std::move(polygon));
  } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
    const int n = GEOSGetNumGeometries_r(c.get(), g);
    for (int i = 0; i < n; ++i) collect_polygons(c, GEOSGetGeometryN_r(c.get(), g, i), out);
  }
}

}  // namespace geo::geos
