#include "regions.hpp"

#include <cmath>

namespace geo {

bool GeoBox::contains(LonLat p) const {
  if (p.lat < south || p.lat > north) return false;
  if (!crosses_antimeridian()) return p.lon >= west && p.lon <= east;
  return p.lon >= west || p.lon <= east;
}

double GeoBox::center_lon() const {
  double c = west + width() / 2;
  if (c >= 180) c -= 360;
  return c;
}

std::optional<GeoBox> region_box(std::string_view tag) {
  // Generous boxes around the focus regions, used to check region tags and to frame maps.
  if (tag == "pacific") return GeoBox{95, -10, -120, 67};  // incl. Yellow/East China Seas, Bering Sea
  if (tag == "arctic") return GeoBox{-180, 60, 180, 90};
  if (tag == "scs") return GeoBox{99, -3, 125, 25};
  return std::nullopt;
}

}  // namespace geo
