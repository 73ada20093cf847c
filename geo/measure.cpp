#include "measure.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "geodesic.hpp"

namespace geo {
namespace {

// "1158.4" → "1,158.4": distances in the ruler are read at a glance.
std::string grouped(double value, int decimals) {
  const std::string text = fmt::format("{:.{}f}", value, decimals);
  const std::size_t sign = text[0] == '-' ? 1 : 0;
  const std::size_t integer_end = std::min(text.find('.'), text.size());
  std::string out = text.substr(0, sign);
  for (std::size_t i = sign; i < integer_end; ++i) {
    if (i > sign && (integer_end - i) % 3 == 0) out += ',';
    out += text[i];
  }
  return out + text.substr(integer_end);
}

// One coordinate as degrees, minutes and seconds, rounded to the second (60″ carried).
std::string dms(double value, char positive, char negative) {
  const char hemisphere = value < 0 ? negative : positive;
  long total = std::lround(std::abs(value) * 3600);
  const long degrees = total / 3600, minutes = total / 60 % 60, seconds = total % 60;
  return fmt::format("{}°{:02}′{:02}″{}", degrees, minutes, seconds, hemisphere);
}

}  // namespace

RulerMeasure measure_ruler(const std::vector<RulerPoint>& points) {
  RulerMeasure out;
  for (std::size_t i = 1; i < points.size(); ++i) {
    out.km += geodesic_km(points[i - 1].at, points[i].at);
    ++out.legs;
  }
  if (points.size() >= 2) {
    out.initial_bearing_deg = geodesic_azimuth_deg(points[0].at, points[1].at);
    if (points.front().time && points.back().time) out.elapsed = *points.back().time - *points.front().time;
  }
  return out;
}

std::string format_distance(double km) {
  const int decimals = km < 100 ? 2 : 1;
  return grouped(km, decimals) + " km · " + grouped(km / kKmPerNauticalMile, decimals) + " nmi";
}

std::string format_lonlat_decimal(LonLat p) {
  return fmt::format("{:.4f}°{} {:.4f}°{}", std::abs(p.lat), p.lat < 0 ? 'S' : 'N', std::abs(p.lon), p.lon < 0 ? 'W' : 'E');
}

std::string format_lonlat_dms(LonLat p) { return dms(p.lat, 'N', 'S') + " " + dms(p.lon, 'E', 'W'); }

}  // namespace geo
