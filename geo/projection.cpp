#include "projection.hpp"

#include <proj.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <limits>
#include <stdexcept>
#include <string>

namespace geo {
namespace {

constexpr Preset kPresets[] = {
    // Mercator centred on 175°E: continuous across 180°, and its extent is exactly the box
    // (a conic's fan would need a mostly empty South Pacific to show 100°E and 150°W at 0°N).
    // The box reaches 70°N so the Bering Strait and the Chukchi Sea legs are in view.
    {"pacific", "Pacific", "+proj=merc +lon_0=175 +datum=WGS84 +units=m +no_defs", {100, 0, -150, 70}},
    // North polar stereographic (as EPSG:3995 but with 180° down, the Bering Strait at the bottom).
    {"arctic", "Arctic", "+proj=stere +lat_0=90 +lat_ts=71 +lon_0=180 +datum=WGS84 +units=m +no_defs",
     {-180, 60, 180, 90}},
    {"scs", "South China Sea", "+proj=merc +lon_0=114 +datum=WGS84 +units=m +no_defs", {105, 3, 122, 23}},
    {"world", "World (Pacific-centred)", "+proj=robin +lon_0=150 +datum=WGS84 +units=m +no_defs",
     {-180, -90, 180, 90}},
};

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Projected coordinates beyond this (metres or degrees) are failures PROJ did not report
// (polar stereographic sends the far pole to ~1e23 m).
constexpr double kMaxCoordinate = 1e9;

// The value of +key= in a PROJ string, or nullopt.
std::optional<double> proj_param(const std::string& proj, const std::string& key) {
  const std::string needle = "+" + key + "=";
  std::size_t at = proj.find(needle);
  if (at == std::string::npos) return std::nullopt;
  try {
    return std::stod(proj.substr(at + needle.size()));
  } catch (...) {
    return std::nullopt;
  }
}

std::string proj_name(const std::string& proj) {
  const std::string needle = "+proj=";
  std::size_t at = proj.find(needle);
  if (at == std::string::npos) return "";
  std::size_t end = proj.find(' ', at);
  return proj.substr(at + needle.size(), end == std::string::npos ? std::string::npos : end - at - needle.size());
}

// Where to cut and which latitudes the projection can show, from its PROJ string.
SeamSpec seam_for(const std::string& proj, bool geographic) {
  SeamSpec seam;
  seam.lon0 = proj_param(proj, "lon_0").value_or(0.0);
  if (geographic) seam.lon0 = proj_param(proj, "pm").value_or(0.0);
  const std::string name = proj_name(proj);
  const double lat0 = proj_param(proj, "lat_0").value_or(0.0);
  const bool azimuthal = name == "stere" || name == "ups" || name == "laea" || name == "aeqd" ||
                         name == "ortho" || name == "gnom" || name == "sterea";
  if (azimuthal && std::abs(lat0) > 89.0) {
    seam.has_seam = false;
    if (lat0 > 0) seam.min_lat = name == "ortho" ? 0.5 : (name == "gnom" ? 20.0 : 10.0);
    else seam.max_lat = name == "ortho" ? -0.5 : (name == "gnom" ? -20.0 : -10.0);
  } else if (name == "merc" || name == "webmerc") {
    seam.min_lat = -85.0;
    seam.max_lat = 85.0;
  } else if (name == "lcc" || name == "eqdc" || name == "aea") {
    const double mid = (proj_param(proj, "lat_1").value_or(lat0) + proj_param(proj, "lat_2").value_or(lat0)) / 2;
    if (mid >= 0) seam.min_lat = -50.0; else seam.max_lat = 50.0;
  } else if (name == "gnom") {
    seam.min_lat = lat0 - 60;
    seam.max_lat = lat0 + 60;
  } else if (azimuthal) {
    seam.has_seam = name != "ortho";  // ortho: only the near hemisphere is valid (points fail → NaN)
  }
  seam.min_lat = std::max(seam.min_lat, -90.0);
  seam.max_lat = std::min(seam.max_lat, 90.0);
  return seam;
}

std::string as_crs_definition(const std::string& definition) {
  std::string text = definition;
  if (const Preset* preset = find_preset(definition)) text = preset->crs;
  if (text.find("+proj=") != std::string::npos && text.find("+type=crs") == std::string::npos) text += " +type=crs";
  return text;
}

}  // namespace

std::span<const Preset> presets() { return kPresets; }

const Preset* find_preset(std::string_view name) {
  for (const Preset& preset : kPresets)
    if (name == preset.name) return &preset;
  return nullptr;
}

struct MapProjection::Impl {
  std::string definition;
  std::string proj_string;
  SeamSpec seam;
  bool geographic = false;
  PJ_CONTEXT* context = nullptr;
  PJ* crs = nullptr;        // the map CRS
  PJ* transform = nullptr;  // WGS 84 lon/lat → map x/y, normalised for visualisation
  ~Impl() {
    if (transform) proj_destroy(transform);
    if (crs) proj_destroy(crs);
    if (context) proj_context_destroy(context);
  }
};

MapProjection::MapProjection() : impl_(std::make_unique<Impl>()) {}
MapProjection::MapProjection(MapProjection&&) noexcept = default;
MapProjection& MapProjection::operator=(MapProjection&&) noexcept = default;
MapProjection::~MapProjection() = default;

MapProjection MapProjection::create(const std::string& definition) {
  MapProjection projection;
  Impl& impl = *projection.impl_;
  impl.definition = definition;
  impl.context = proj_context_create();
  proj_log_level(impl.context, PJ_LOG_NONE);
  auto fail = [&](const std::string& why) -> MapProjection {
    throw std::runtime_error("projection '" + definition + "': " + why);
  };
  if (definition.empty()) return fail("empty definition");
  const std::string crs_text = as_crs_definition(definition);
  impl.crs = proj_create(impl.context, crs_text.c_str());
  if (!impl.crs) return fail(proj_context_errno_string(impl.context, proj_context_errno(impl.context)));
  const PJ_TYPE type = proj_get_type(impl.crs);
  if (type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS) {
    impl.geographic = true;
  } else if (type != PJ_TYPE_PROJECTED_CRS && type != PJ_TYPE_BOUND_CRS && type != PJ_TYPE_COMPOUND_CRS) {
    return fail("not a projected or geographic coordinate reference system");
  }
  PJ* source = proj_create(impl.context, "+proj=longlat +datum=WGS84 +no_defs +type=crs");
  PJ* op = proj_create_crs_to_crs_from_pj(impl.context, source, impl.crs, nullptr, nullptr);
  proj_destroy(source);
  if (!op) return fail("no transformation from WGS 84");
  impl.transform = proj_normalize_for_visualization(impl.context, op);
  proj_destroy(op);
  if (!impl.transform) return fail("cannot normalise axis order");
  const char* text = proj_as_proj_string(impl.context, impl.crs, PJ_PROJ_5, nullptr);
  impl.proj_string = text ? text : crs_text;
  impl.seam = seam_for(impl.proj_string, impl.geographic);
  return projection;
}

MapProjection MapProjection::for_box(const GeoBox& box) {
  const double lon0 = box.center_lon();
  const double lat_mid = (box.south + box.north) / 2;
  char text[256];
  if (box.north > 80 && box.south > 20) {
    std::snprintf(text, sizeof text, "+proj=stere +lat_0=90 +lat_ts=71 +lon_0=%.6g +datum=WGS84 +units=m +no_defs", lon0);
  } else if (box.south < -80 && box.north < -20) {
    std::snprintf(text, sizeof text, "+proj=stere +lat_0=-90 +lat_ts=-71 +lon_0=%.6g +datum=WGS84 +units=m +no_defs", lon0);
  } else if (box.width() > 200 || (box.north - box.south) > 120) {
    std::snprintf(text, sizeof text, "+proj=robin +lon_0=%.6g +datum=WGS84 +units=m +no_defs", lon0);
  } else if (std::abs(lat_mid) < 20 && box.north < 35 && box.south > -35) {
    std::snprintf(text, sizeof text, "+proj=merc +lon_0=%.6g +datum=WGS84 +units=m +no_defs", lon0);
  } else {
    const double span = box.north - box.south;
    std::snprintf(text, sizeof text,
                  "+proj=lcc +lat_1=%.6g +lat_2=%.6g +lat_0=%.6g +lon_0=%.6g +datum=WGS84 +units=m +no_defs",
                  box.south + span / 6, box.north - span / 6, lat_mid, lon0);
  }
  return create(text);
}

const std::string& MapProjection::definition() const { return impl_->definition; }
std::string MapProjection::proj_string() const { return impl_->proj_string; }
const SeamSpec& MapProjection::seam() const { return impl_->seam; }
bool MapProjection::is_geographic() const { return impl_->geographic; }

std::string MapProjection::name() const {
  const char* text = proj_get_name(impl_->crs);
  return text ? text : "";
}

bool MapProjection::on_wgs84() const {
  PJ* geodetic = proj_crs_get_geodetic_crs(impl_->context, impl_->crs);
  if (!geodetic) return false;
  PJ* wgs84 = proj_create(impl_->context, "EPSG:4326");
  const bool same = wgs84 && proj_is_equivalent_to_with_ctx(impl_->context, geodetic, wgs84,
                                                            PJ_COMP_EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS);
  if (wgs84) proj_destroy(wgs84);
  proj_destroy(geodetic);
  return same;
}

std::string MapProjection::wkt() const {
  for (PJ_WKT_TYPE type : {PJ_WKT1_ESRI, PJ_WKT1_GDAL, PJ_WKT2_2019}) {
    const char* options[] = {"MULTILINE=NO", nullptr};
    if (const char* text = proj_as_wkt(impl_->context, impl_->crs, type, options)) return text;
  }
  return "";
}

void MapProjection::forward(std::span<double> x, std::span<double> y) const {
  const std::size_t n = std::min(x.size(), y.size());
  if (n == 0) return;
  proj_trans_generic(impl_->transform, PJ_FWD, x.data(), sizeof(double), n, y.data(), sizeof(double), n,
                     nullptr, 0, 0, nullptr, 0, 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(x[i]) || !std::isfinite(y[i]) || std::abs(x[i]) > kMaxCoordinate ||
        std::abs(y[i]) > kMaxCoordinate) {
      x[i] = kNaN;
      y[i] = kNaN;
    }
  }
}

void MapProjection::inverse(std::span<double> x, std::span<double> y) const {
  const std::size_t n = std::min(x.size(), y.size());
  if (n == 0) return;
  proj_trans_generic(impl_->transform, PJ_INV, x.data(), sizeof(double), n, y.data(), sizeof(double), n,
                     nullptr, 0, 0, nullptr, 0, 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(x[i]) || !std::isfinite(y[i]) || std::abs(y[i]) > 90.0 + 1e-9) {
      x[i] = kNaN;
      y[i] = kNaN;
    }
  }
}

Extent MapProjection::extent_of(const GeoBox& box) const {
  const SeamSpec& s = seam();
  constexpr int kSteps = 64;
  const double south = std::max(box.south, s.min_lat), north = std::min(box.north, s.max_lat);
  std::vector<double> xs, ys;
  xs.reserve((kSteps + 1) * (kSteps + 1));
  ys.reserve(xs.capacity());
  const double width = box.width() >= 360 ? 360 - 2e-7 : box.width();
  for (int i = 0; i <= kSteps; ++i)
    for (int j = 0; j <= kSteps; ++j) {
      double lon = box.west + width * i / kSteps;
      if (box.width() >= 360) lon = s.lon0 - 180 + 1e-7 + width * i / kSteps;
      else lon = wrap_lon(lon, s.lon0);
      xs.push_back(lon);
      ys.push_back(south + (north - south) * j / kSteps);
    }
  forward(xs, ys);
  Extent e{1e300, 1e300, -1e300, -1e300};
  for (std::size_t i = 0; i < xs.size(); ++i) {
    if (std::isnan(xs[i])) continue;
    e.xmin = std::min(e.xmin, xs[i]);
    e.xmax = std::max(e.xmax, xs[i]);
    e.ymin = std::min(e.ymin, ys[i]);
    e.ymax = std::max(e.ymax, ys[i]);
  }
  if (e.xmin > e.xmax) return Extent{};
  return e;
}

double MapProjection::map_units_per_metre(LonLat at) const {
  // Map distance over ground distance for a short east–west step (ellipsoidal radius of the
  // parallel); conformal projections have the same scale in every direction.
  constexpr double kA = 6378137.0, kE2 = 0.00669437999014;
  const double d = 0.01;
  double xs[2] = {wrap_lon(at.lon - d, seam().lon0), wrap_lon(at.lon + d, seam().lon0)};
  double ys[2] = {at.lat, at.lat};
  forward(xs, ys);
  const double phi = at.lat * M_PI / 180;
  const double n = kA / std::sqrt(1 - kE2 * std::sin(phi) * std::sin(phi));
  const double ground = n * std::cos(phi) * (2 * d * M_PI / 180);
  const double map = std::hypot(xs[1] - xs[0], ys[1] - ys[0]);
  if (!std::isfinite(map) || ground <= 0) return kNaN;
  return map / ground;
}

}  // namespace geo
