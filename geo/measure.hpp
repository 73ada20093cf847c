// The ruler's arithmetic: a path of clicked points measured along geodesics (WGS 84, through
// geo/geodesic), its initial bearing, and the time between its ends when both are track
// vertices; and the lon/lat texts of the cursor readout. No GL, no ImGui: the viewer's ruler
// draws what this computes.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "event.hpp"
#include "geodesic.hpp"

namespace geo {

struct RulerPoint {
  LonLat at;
  std::optional<Seconds> time;  // set when the point was snapped to a timed track vertex
};

struct RulerMeasure {
  int legs = 0;
  double km = 0;                      // geodesic length of every leg, summed
  double initial_bearing_deg = 0;     // of the first leg, clockwise from north, [0, 360)
  std::optional<Seconds> elapsed;     // last point's time − first's, when both have one
};

RulerMeasure measure_ruler(const std::vector<RulerPoint>& points);

std::string format_distance(double km);        // "1,158.4 km · 625.5 nmi"
std::string format_lonlat_decimal(LonLat p);   // "35.6895°N 139.6917°E"
std::string format_lonlat_dms(LonLat p);       // "35°41′22″N 139°41′30″E"

}  // namespace geo
