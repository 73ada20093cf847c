#include "coastline.hpp"

#include <cmath>
#include <filesystem>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string_view>
#include <system_error>

#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include "assets.hpp"
#include "gdal_open.hpp"

namespace geo {
namespace {

// The bundled Natural Earth asset's attribution (assets/coastline/README.md).
constexpr const char* kNaturalEarthAttribution =
    "Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com";
constexpr const char* kBundledFiles[] = {"coastline/ne_50m_land.fgb", "coastline/ne_10m_land.fgb"};

void register_gdal_once() {
  static std::once_flag once;
  std::call_once(once, [] { GDALAllRegister(); });
}

// Keeps GDAL's errors off stderr while we open and read; we report them ourselves.
struct QuietGdalErrors {
  QuietGdalErrors() {
    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLErrorReset();
  }
  ~QuietGdalErrors() { CPLPopErrorHandler(); }
  QuietGdalErrors(const QuietGdalErrors&) = delete;
  QuietGdalErrors& operator=(const QuietGdalErrors&) = delete;
};

bool is_bundled(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  for (const char* relative : kBundledFiles) {
    if (fs::equivalent(fs::path(path), fs::path(asset_path(relative)), ec) && !ec) return true;
  }
  return false;
}

std::string attribution_for(const std::string& path) {
  if (is_bundled(path)) return kNaturalEarthAttribution;
  return "Coastline: " + std::filesystem::path(path).filename().string();
}

// A ring's vertices, without non-finite points, consecutive duplicates and the closing repeat.
// Empty when fewer than three distinct vertices remain (a degenerate ring).
std::vector<LonLat> ring_coords(const OGRLinearRing& ring) {
  std::vector<LonLat> out;
  out.reserve(static_cast<std::size_t>(ring.getNumPoints()));
  for (int i = 0; i < ring.getNumPoints(); ++i) {
    const double lon = ring.getX(i), lat = ring.getY(i);
    if (!std::isfinite(lon) || !std::isfinite(lat)) return {};
    if (!out.empty() && out.back().lon == lon && out.back().lat == lat) continue;
    out.push_back({lon, lat});
  }
  while (out.size() > 1 && out.front().lon == out.back().lon && out.front().lat == out.back().lat)
    out.pop_back();
  if (out.size() < 3) return {};
  return out;
}

void add_polygon(const OGRPolygon& polygon, Coastline& coast) {
  const OGRLinearRing* exterior = polygon.getExteriorRing();
  if (exterior == nullptr) return;
  Polygon out;
  out.rings.push_back(ring_coords(*exterior));
  if (out.rings.front().empty()) return;  // a degenerate exterior: skip the polygon
  for (int i = 0; i < polygon.getNumInteriorRings(); ++i) {
    auto hole = ring_coords(*polygon.getInteriorRing(i));
    if (!hole.empty()) out.rings.push_back(std::move(hole));  // a degenerate hole is dropped
  }
  coast.land.push_back(std::move(out));
}

void add_line(const OGRSimpleCurve& curve, Coastline& coast) {
  Line line;
  line.coords.reserve(static_cast<std::size_t>(curve.getNumPoints()));
  for (int i = 0; i < curve.getNumPoints(); ++i) {
    const double lon = curve.getX(i), lat = curve.getY(i);
    if (!std::isfinite(lon) || !std::isfinite(lat)) return;
    if (!line.coords.empty() && line.coords.back().lon == lon && line.coords.back().lat == lat)
      continue;
    line.coords.push_back({lon, lat});
  }
  if (line.coords.size() >= 2) coast.lines.push_back(std::move(line));
}

// Polygons and lines of any geometry, recursing into collections; curves are linearised.
void add_geometry(const OGRGeometry& geometry, Coastline& coast) {
  if (geometry.IsEmpty()) return;
  if (geometry.hasCurveGeometry()) {
    std::unique_ptr<OGRGeometry> linear(geometry.getLinearGeometry());
    if (linear && !linear->hasCurveGeometry()) add_geometry(*linear, coast);
    return;
  }
  switch (wkbFlatten(geometry.getGeometryType())) {
    case wkbPolygon:
      add_polygon(*geometry.toPolygon(), coast);
      break;
    case wkbLineString:
    case wkbLinearRing:
      add_line(*geometry.toSimpleCurve(), coast);
      break;
    case wkbMultiPolygon:
    case wkbMultiLineString:
    case wkbGeometryCollection:
      for (const OGRGeometry* part : *geometry.toGeometryCollection())
        if (part != nullptr) add_geometry(*part, coast);
      break;
    default:
      break;  // points and other types carry no coastline
  }
}

const OGRSpatialReference& wgs84() {
  static const OGRSpatialReference srs = [] {
    OGRSpatialReference s;
    s.importFromEPSG(4326);
    s.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return s;
  }();
  return srs;
}

// Null when the layer is already lon/lat WGS 84 (or has no SRS: taken as lon/lat).
std::unique_ptr<OGRCoordinateTransformation> to_wgs84(const OGRSpatialReference* srs,
                                                      const std::string& path,
                                                      const char* layer_name) {
  if (srs == nullptr) return nullptr;
  const OGRSpatialReference& target = wgs84();
  const char* same_options[] = {"IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=NO", nullptr};
  if (srs->IsSame(&target, same_options)) return nullptr;
  std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(srs, &target));
  if (!ct)
    throw std::runtime_error(path + ": layer '" + layer_name +
                             "': no transformation to WGS 84: " + CPLGetLastErrorMsg());
  return ct;
}

// The accepted drivers only (gdal_open.hpp); throws naming the file when none opens it.
GDALDatasetUniquePtr open_or_throw(const std::string& path) {
  GDALDatasetUniquePtr dataset = detail::open_vector_file(path);
  if (!dataset) {
    std::string why = CPLGetLastErrorMsg();
    if (why.empty()) why = "not a vector dataset GDAL can open";
    throw std::runtime_error(path + ": cannot open: " + why);
  }
  return dataset;
}

// Opens `path` and calls `use(feature, geometry)` with each feature's geometry in lon/lat WGS 84.
// WRAPDATELINE splits what a reprojection carries across ±180 (and GDAL cuts polygons that
// contain a pole when coming from a polar projection), so projected inputs also come back
// split at the antimeridian; a geometry that fails to reproject is skipped.
template <typename Use>
void for_each_lonlat_geometry(const std::string& path, Use use) {
  register_gdal_once();
  QuietGdalErrors quiet;
  GDALDatasetUniquePtr dataset = open_or_throw(path);
  const char* wrap_options[] = {"WRAPDATELINE=YES", nullptr};
  for (OGRLayer* layer : dataset->GetLayers()) {
    auto ct = to_wgs84(layer->GetSpatialRef(), path, layer->GetName());
    OGRGeometryFactory::TransformWithOptionsCache cache;
    for (const OGRFeatureUniquePtr& feature : *layer) {
      const OGRGeometry* geometry = feature->GetGeometryRef();
      if (geometry == nullptr || geometry->IsEmpty()) continue;
      if (!ct) {
        use(*feature, *geometry);
        continue;
      }
      std::unique_ptr<OGRGeometry> lonlat(OGRGeometryFactory::transformWithOptions(
          geometry, ct.get(), const_cast<char**>(wrap_options), cache));
      if (lonlat) use(*feature, *lonlat);
    }
  }
}

}  // namespace

Coastline load_coastline(const std::string& path) {
  Coastline coast;
  for_each_lonlat_geometry(path, [&](const OGRFeature&, const OGRGeometry& geometry) { add_geometry(geometry, coast); });

  if (coast.land.empty() && coast.lines.empty())
    throw std::runtime_error(path + ": no polygon or line geometry in any layer");
  coast.attribution = attribution_for(path);
  return coast;
}

void load_borders(const std::string& path, Coastline& into) {
  std::size_t added = 0;
  for_each_lonlat_geometry(path, [&](const OGRFeature& feature, const OGRGeometry& geometry) {
    Coastline lines;  // add_geometry's lines; polygons in a border layer are ignored
    add_geometry(geometry, lines);
    const int kind = feature.GetFieldIndex("kind");
    const bool disputed = kind >= 0 && feature.IsFieldSetAndNotNull(kind) &&
                          std::string_view(feature.GetFieldAsString(kind)) != "international";
    auto& target = disputed ? into.disputed_borders : into.borders;
    added += lines.lines.size();
    for (Line& line : lines.lines) target.push_back(std::move(line));
  });
  if (added == 0) throw std::runtime_error(path + ": no line geometry in any layer");
}

}  // namespace geo
