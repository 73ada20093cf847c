// Cutting geometry at a projection's seam (lon0 + 180°) and clipping to its valid latitude band,
// in geographic space, before projecting. Consecutive vertices more than 180° of longitude
// apart crossed the antimeridian (they did not go around the world).
#pragma once
#include <vector>

#include "event.hpp"

namespace geo {

struct SeamSpec {
  double lon0 = 0;       // central meridian: the seam is at lon0 + 180
  double min_lat = -90;  // valid latitude band (a north-polar projection: e.g. 0..90)
  double max_lat = 90;
  bool has_seam = true;  // azimuthal (polar) projections have no seam
};

// Pieces with longitudes in [lon0 − 180, lon0 + 180] (endpoints on the seam land exactly on
// one side), latitudes within the band; times are interpolated at the cut points.
std::vector<Line> cut_line(const Line& line, const SeamSpec& seam);

// Polygons cut at the seam and clipped to the band; a ring that encloses a pole (its longitude
// winds 360°) is closed along the pole's latitude so the fill does not flood.
std::vector<Polygon> cut_polygon(const Polygon& polygon, const SeamSpec& seam);

// Wrap a longitude into [lon0 − 180, lon0 + 180).
double wrap_lon(double lon, double lon0);

}  // namespace geo
