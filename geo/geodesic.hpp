// Distances and paths on the WGS 84 ellipsoid, through PROJ's geodesic routines (geodesic.h:
// Karney's algorithms, accurate to nanometres). The one place the project measures the Earth:
// densification and time interpolation in the loader, and the tests that check them.
#pragma once
#include <vector>

#include "event.hpp"

namespace geo {

constexpr double kKmPerNauticalMile = 1.852;  // the international nautical mile

// Length of the shortest path between two points, in kilometres.
double geodesic_km(LonLat a, LonLat b);
// The initial azimuth of the shortest path from a to b, degrees clockwise from north in
// [0, 360) (0 when the points coincide).
double geodesic_azimuth_deg(LonLat a, LonLat b);

// The interior points that cut the shortest path from a to b into `pieces` equal parts
// (pieces − 1 points; none when pieces < 2), longitudes in [-180, 180]: a path across 180°
// stays near 180°.
std::vector<LonLat> geodesic_interior_points(LonLat a, LonLat b, int pieces);

// `vertices` points at `radius_km` from `centre` along geodesics, at equal azimuth steps
// clockwise from north, longitudes in [-180, 180].
std::vector<LonLat> geodesic_circle(LonLat centre, double radius_km, int vertices);

}  // namespace geo
