// Named regions: the focus regions' boxes (used for region tags and the map presets' extents).
#pragma once
#include <optional>
#include <string_view>

#include "event.hpp"

namespace geo {

// A lon/lat box; west > east means it crosses 180°. Latitudes south..north.
struct GeoBox {
  double west = -180, south = -90, east = 180, north = 90;
  bool crosses_antimeridian() const { return west > east; }
  bool contains(LonLat p) const;
  double width() const { return crosses_antimeridian() ? east + 360 - west : east - west; }
  double center_lon() const;  // in [-180, 180)
};

// The box of a region tag ("pacific", "arctic", "scs"), or nullopt for other tags.
std::optional<GeoBox> region_box(std::string_view tag);

}  // namespace geo
