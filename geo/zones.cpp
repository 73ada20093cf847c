#include "zones.hpp"

#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "assets.hpp"
#include "gdal_open.hpp"
#include "load_internal.hpp"

namespace geo {
namespace {

// Keeps GDAL's messages off stderr; the last one is quoted in our own error.
struct QuietGdal {
  QuietGdal() {
    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLErrorReset();
  }
  ~QuietGdal() { CPLPopErrorHandler(); }
  QuietGdal(const QuietGdal&) = delete;
  QuietGdal& operator=(const QuietGdal&) = delete;
};

GeometryQuality quality_from(const std::string& text) {
  if (detail::iequals(text, "approximate")) return GeometryQuality::Approximate;
  if (detail::iequals(text, "schematic")) return GeometryQuality::Schematic;
  return GeometryQuality::Exact;
}

}  // namespace

std::vector<std::string> bundled_zone_paths() {
  std::vector<std::string> paths;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(asset_path("zones"), ec))
    if (entry.path().extension() == ".geojson") paths.push_back(entry.path().string());
  std::sort(paths.begin(), paths.end());
  return paths;
}

std::string zone_display_name(const Zone& zone) {
  switch (zone.quality) {
    case GeometryQuality::Approximate: return zone.name + " (approximate)";
    case GeometryQuality::Schematic: return zone.name + " (schematic)";
    default: return zone.name;
  }
}

ZoneLoad load_zones(const std::string& path) {
  static std::once_flag once;
  std::call_once(once, [] { GDALAllRegister(); });
  QuietGdal quiet;
  GDALDatasetUniquePtr dataset = detail::open_vector_file(path);  // the accepted drivers only
  if (!dataset) {
    std::string why = CPLGetLastErrorMsg();
    throw std::runtime_error(path + ": cannot open: " + (why.empty() ? "not a vector dataset GDAL can open" : why));
  }
  ZoneLoad out;
  for (OGRLayer* layer : dataset->GetLayers()) {
    const detail::Reprojector reprojector = detail::make_reprojector(layer->GetSpatialRef());
    if (!reprojector.error.empty()) {
      out.warnings.push_back(std::string("layer '") + layer->GetName() + "': " + reprojector.error);
      continue;
    }
    const OGRFeatureDefn& defn = *layer->GetLayerDefn();
    const int name_field = detail::find_field(defn, {"name", "zone", "label", "title"});
    const int quality_field = detail::find_field(defn, "quality");
    const int source_field = detail::find_field(defn, {"source", "sources"});
    std::size_t index = 0;
    for (const OGRFeatureUniquePtr& feature : *layer) {
      ++index;
      Zone zone;
      zone.name = name_field >= 0 ? detail::field_text(*feature, name_field) : "";
      const std::string label = detail::feature_label(index, zone.name);
      if (zone.name.empty()) zone.name = "zone " + std::to_string(out.zones.size() + 1);
      if (quality_field >= 0) zone.quality = quality_from(detail::field_text(*feature, quality_field));
      if (source_field >= 0) zone.source = detail::field_text(*feature, source_field);
      const OGRGeometry* g = feature->GetGeometryRef();
      if (g == nullptr || g->IsEmpty()) {
        out.warnings.push_back(label + ": field 'geometry': empty");
        continue;
      }
      std::unique_ptr<OGRGeometry> reprojected;
      if (reprojector.transform) {
        reprojected.reset(g->clone());
        if (reprojected->transform(reprojector.transform.get()) != OGRERR_NONE) {
          out.warnings.push_back(label + ": field 'geometry': cannot be transformed to WGS 84");
          continue;
        }
        g = reprojected.get();
      }
      Geometry geometry;
      std::string why = detail::append_geometry(*g, geometry);
      std::size_t wrapped = 0;
      if (why.empty()) why = detail::normalise_coordinates(geometry, wrapped);
      if (why.empty() && geometry.polygons.empty() && geometry.lines.empty())
        why = "neither a polygon nor a line";
      if (!why.empty()) {
        out.warnings.push_back(label + ": field 'geometry': " + why);
        continue;
      }
      zone.polygons = std::move(geometry.polygons);
      zone.lines = std::move(geometry.lines);
      out.zones.push_back(std::move(zone));
    }
  }
  if (out.zones.empty()) {
    std::string why = "no polygon or line zone in any layer";
    if (!out.warnings.empty()) why += " (" + out.warnings.front() + ")";
    throw std::runtime_error(path + ": " + why);
  }
  return out;
}

}  // namespace geo
