#include "range_rings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numbers>
#include <optional>
#include <stdexcept>
#include <string_view>

#include "cut.hpp"
#include "geodesic.hpp"

namespace geo {
namespace {

constexpr double kMaxRadiusKm = 19000;  // short of half the meridian (≈ 20,004 km): a circle, not a point
constexpr double kMaxEdgeKm = 20;       // ring vertices this close keep lon/lat-straight edges on the circle

// The whole of `text` as a finite number, or nothing.
std::optional<double> parse_number(std::string_view text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::string trimmed(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return std::string(s);
}

RangeRingRadius parse_radius(const std::string& text) {
  std::string_view number = text, unit = "km";
  for (std::string_view suffix : {"nmi", "nm", "km"}) {
    if (number.size() > suffix.size() && number.substr(number.size() - suffix.size()) == suffix) {
      unit = suffix;
      number.remove_suffix(suffix.size());
      break;
    }
  }
  const auto value = parse_number(trimmed(number));
  if (!value) throw std::invalid_argument(fmt::format("radius '{}' is not a number with an optional unit km or nmi", text));
  const bool nautical = unit != "km";
  const double km = nautical ? *value * kKmPerNauticalMile : *value;
  if (km <= 0 || km > kMaxRadiusKm)
    throw std::invalid_argument(fmt::format("radius '{}' must be above 0 and at most {:.0f} km", text, kMaxRadiusKm));
  return {km, fmt::format("{:g} {}", *value, nautical ? "nmi" : "km")};
}

std::string coordinates_label(LonLat p) {
  return fmt::format("{:.2f}°{} {:.2f}°{}", std::abs(p.lon), p.lon < 0 ? 'W' : 'E', std::abs(p.lat), p.lat < 0 ? 'S' : 'N');
}

}  // namespace

RangeRingSpec parse_range_ring(const std::string& text) {
  RangeRingSpec spec;
  std::string rest = text;
  if (const auto colon = rest.find(':'); colon != std::string::npos) {
    spec.name = trimmed(std::string_view(rest).substr(0, colon));
    rest = rest.substr(colon + 1);
  }
  std::vector<std::string> parts;
  for (std::size_t from = 0;;) {
    const auto comma = rest.find(',', from);
    parts.push_back(trimmed(std::string_view(rest).substr(from, comma == std::string::npos ? std::string::npos : comma - from)));
    if (comma == std::string::npos) break;
    from = comma + 1;
  }
  if (parts.size() < 3) throw std::invalid_argument("expected LON,LAT,RADIUS[,RADIUS…] (e.g. 128.45,51.17,3000km)");
  const auto lon = parse_number(parts[0]);
  const auto lat = parse_number(parts[1]);
  if (!lon) throw std::invalid_argument(fmt::format("longitude '{}' is not a number", parts[0]));
  if (!lat || *lat < -90 || *lat > 90) throw std::invalid_argument(fmt::format("latitude '{}' is not in [-90, 90]", parts[1]));
  spec.centre = {wrap_lon(*lon, 0), *lat};
  for (std::size_t i = 2; i < parts.size(); ++i) spec.radii.push_back(parse_radius(parts[i]));
  return spec;
}

RangeRings range_ring_zones(const RangeRingSpec& spec) {
  RangeRings out;
  const std::string where = spec.name.empty() ? coordinates_label(spec.centre) : spec.name;
  for (const RangeRingRadius& radius : spec.radii) {
    const int vertices = std::clamp(static_cast<int>(std::ceil(2 * std::numbers::pi * radius.km / kMaxEdgeKm)), 72, 2048);
    std::vector<LonLat> circle = geodesic_circle(spec.centre, radius.km, vertices);
    Zone zone;
    zone.name = fmt::format("{} from {}", radius.label, where);
    zone.quality = GeometryQuality::Exact;
    zone.source = fmt::format("computed: geodesic circle (WGS 84) of {} around {}", radius.label, coordinates_label(spec.centre));
    const bool encloses_pole = geodesic_km(spec.centre, {spec.centre.lon, 90}) < radius.km ||
                               geodesic_km(spec.centre, {spec.centre.lon, -90}) < radius.km;
    if (encloses_pole) {
      circle.push_back(circle.front());
      zone.lines.push_back(Line{std::move(circle), {}});
      out.warnings.push_back(fmt::format("range ring '{}' encloses a pole: drawn as a line (closest approach only, no entries or exits)",
                                         zone.name));
    } else {
      zone.polygons.push_back(Polygon{{std::move(circle)}});
    }
    out.zones.push_back(std::move(zone));
  }
  return out;
}

}  // namespace geo
