// Range rings: true geodesic circles (WGS 84, through geo/geodesic) around a point, for a
// bomber's combat radius around its base or a distance from a named place. A ring is a zone,
// so it is drawn, labelled, listed in the legend and analysed (entries, exits, closest
// approach) by the same path as an ADIZ.
#pragma once
#include <string>
#include <vector>

#include "analysis.hpp"

namespace geo {

struct RangeRingRadius {
  double km = 0;
  std::string label;  // as the user wrote it, normalised: "500 km", "300 nmi"
};

struct RangeRingSpec {
  std::string name;    // optional "NAME:" prefix; empty: the centre's coordinates
  LonLat centre;       // longitude wrapped into [-180, 180]
  std::vector<RangeRingRadius> radii;
};

// Parses "[NAME:]LON,LAT,R[,R…]" where each R is a number with an optional unit "km" (the
// default), "nmi" or "nm" (nautical miles). Longitudes of any finite value are wrapped
// (0–360 data); latitude in [-90, 90]; a radius in (0, 19000 km]. Throws
// std::invalid_argument with a message that names the bad part.
RangeRingSpec parse_range_ring(const std::string& text);

struct RangeRings {
  std::vector<Zone> zones;            // one per radius, in the order given
  std::vector<std::string> warnings;  // e.g. a ring around a pole kept as a line
};

// One zone per radius: a polygon whose vertices lie on the geodesic circle (≤ 20 km apart, so
// the lon/lat-straight edges stay within metres of it), across 180° like any zone. A ring that
// encloses a pole cannot be a lon/lat polygon the zone index understands, so it becomes a line
// zone (drawn; closest approach only) with a warning.
RangeRings range_ring_zones(const RangeRingSpec& spec);

}  // namespace geo
