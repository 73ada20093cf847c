// Loading, geometry: reprojection to WGS 84, OGR geometries to the data model, the
// coordinate checks (longitudes wrapped into [-180, 180], latitudes within ±90).
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <ogr_spatialref.h>

#include "load_internal.hpp"

namespace geo::detail {

Reprojector make_reprojector(const OGRSpatialReference* source) {
  Reprojector r;
  if (source == nullptr) return r;  // no SRS: taken as lon/lat
  OGRSpatialReference wgs84;
  wgs84.SetWellKnownGeogCS("WGS84");
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  OGRSpatialReference src(*source);
  src.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  const char* options[] = {"IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=NO", nullptr};
  if (src.IsGeographic() && src.IsSame(&wgs84, options)) return r;
  r.transform.reset(OGRCreateCoordinateTransformation(&src, &wgs84));
  if (!r.transform) {
    const char* name = source->GetName();
    r.error = fmt::format("cannot transform from '{}' to WGS 84", name ? name : "unknown CRS");
  }
  return r;
}

namespace {

std::vector<LonLat> curve_points(const OGRSimpleCurve& curve) {
  std::vector<LonLat> out;
  out.reserve(static_cast<std::size_t>(curve.getNumPoints()));
  for (int i = 0; i < curve.getNumPoints(); ++i) out.push_back({curve.getX(i), curve.getY(i)});
  return out;
}

std::string append_polygon(const OGRPolygon& polygon, Geometry& out) {
  Polygon p;
  for (const OGRLinearRing* ring : polygon) {
    if (ring != nullptr && !ring->IsEmpty()) p.rings.push_back(curve_points(*ring));
  }
  if (!p.rings.empty()) out.polygons.push_back(std::move(p));
  return "";
}

}  // namespace

std::string append_geometry(const OGRGeometry& geometry, Geometry& out) {
  if (geometry.IsEmpty()) return "";
  switch (wkbFlatten(geometry.getGeometryType())) {
    case wkbPoint: {
      const auto& p = *geometry.toPoint();
      out.points.push_back({p.getX(), p.getY()});
      return "";
    }
    case wkbLineString: {
      Line line;
      line.coords = curve_points(*geometry.toLineString());
      out.lines.push_back(std::move(line));
      return "";
    }
    case wkbPolygon:
      return append_polygon(*geometry.toPolygon(), out);
    case wkbMultiPoint:
    case wkbMultiLineString:
    case wkbMultiPolygon:
    case wkbGeometryCollection:
      for (const OGRGeometry* part : *geometry.toGeometryCollection()) {
        if (part == nullptr) continue;
        if (std::string why = append_geometry(*part, out); !why.empty()) return why;
      }
      return "";
    default:
      break;
  }
  // Curves, surfaces, TINs …: take their linear approximation.
  std::unique_ptr<OGRGeometry> linear(geometry.getLinearGeometry());
  if (!linear || wkbFlatten(linear->getGeometryType()) == wkbFlatten(geometry.getGeometryType()))
    return fmt::format("unsupported geometry type '{}'", geometry.getGeometryName());
  return append_geometry(*linear, out);
}

std::string check_lon_lat(double lon, double lat) {
  if (!std::isfinite(lon) || !std::isfinite(lat))
    return fmt::format("coordinate ({}, {}) is not finite", lon, lat);
  if (std::fabs(lat) > 90 + kLatitudeSlack) return fmt::format("latitude {} out of range", lat);
  return "";
}

std::string normalise_coordinates(Geometry& geometry, std::size_t& wrapped) {
  auto normalise = [&wrapped](std::vector<LonLat>& coords) -> std::string {
    for (LonLat& c : coords) {
      if (std::string why = check_lon_lat(c.lon, c.lat); !why.empty()) return why;
      c.lat = std::clamp(c.lat, -90.0, 90.0);
      if (std::fabs(c.lon) > 180) {
        c.lon = std::remainder(c.lon, 360.0);  // exact, into [-180, 180]
        ++wrapped;
      }
    }
    return "";
  };
  if (std::string why = normalise(geometry.points); !why.empty()) return why;
  for (Line& line : geometry.lines)
    if (std::string why = normalise(line.coords); !why.empty()) return why;
  for (Polygon& polygon : geometry.polygons)
    for (auto& ring : polygon.rings)
      if (std::string why = normalise(ring); !why.empty()) return why;
  return "";
}

}  // namespace geo::detail
