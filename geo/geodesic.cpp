#include "geodesic.hpp"

#include <geodesic.h>

namespace geo {
namespace {

// WGS 84: semi-major axis (m) and flattening.
const geod_geodesic& wgs84() {
  static const geod_geodesic g = [] {
    geod_geodesic out;
    geod_init(&out, 6378137.0, 1 / 298.257223563);
    return out;
  }();
  return g;
}

// A line from a to b that knows its length (s13) and can be walked by distance.
geod_geodesicline line_between(LonLat a, LonLat b) {
  geod_geodesicline line;
  geod_inverseline(&line, &wgs84(), a.lat, a.lon, b.lat, b.lon,
                   GEOD_DISTANCE_IN | GEOD_DISTANCE | GEOD_LATITUDE | GEOD_LONGITUDE);
  return line;
}

}  // namespace

double geodesic_km(LonLat a, LonLat b) {
  double metres = 0;
  geod_inverse(&wgs84(), a.lat, a.lon, b.lat, b.lon, &metres, nullptr, nullptr);
  return metres / 1000.0;
}

double geodesic_azimuth_deg(LonLat a, LonLat b) {
  double metres = 0, azimuth = 0;
  geod_inverse(&wgs84(), a.lat, a.lon, b.lat, b.lon, &metres, &azimuth, nullptr);
  if (metres == 0) return 0;
  return azimuth < 0 ? azimuth + 360 : azimuth;  // PROJ gives (-180, 180]
}

std::vector<LonLat> geodesic_interior_points(LonLat a, LonLat b, int pieces) {
  std::vector<LonLat> out;
  if (pieces < 2) return out;
  const geod_geodesicline line = line_between(a, b);
  out.reserve(static_cast<std::size_t>(pieces - 1));
  for (int k = 1; k < pieces; ++k) {
    LonLat p;
    // Without GEOD_LONG_UNROLL the longitude comes back reduced to [-180, 180].
    geod_position(&line, line.s13 * k / pieces, &p.lat, &p.lon, nullptr);
    out.push_back(p);
  }
  return out;
}

std::vector<LonLat> geodesic_circle(LonLat centre, double radius_km, int vertices) {
  std::vector<LonLat> out;
  out.reserve(static_cast<std::size_t>(vertices > 0 ? vertices : 0));
  for (int k = 0; k < vertices; ++k) {
    LonLat p;
    geod_direct(&wgs84(), centre.lat, centre.lon, 360.0 * k / vertices, radius_km * 1000.0, &p.lat, &p.lon, nullptr);
    out.push_back(p);
  }
  return out;
}

}  // namespace geo
