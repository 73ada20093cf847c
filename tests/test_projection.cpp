// Presets, PROJ definitions, batch transforms and extents.
#include <gtest/gtest.h>

#include <cmath>

#include "projection.hpp"

using geo::MapProjection;

namespace {

std::pair<double, double> fwd(const MapProjection& p, double lon, double lat) {
  double x = geo::wrap_lon(lon, p.seam().lon0), y = lat;
  p.forward(std::span<double>(&x, 1), std::span<double>(&y, 1));
  return {x, y};
}

}  // namespace

// Robinson's inverse is iterative: 5e-5° (about 5 m) is its round-trip accuracy.
TEST(Projection, EveryPresetRoundTripsItsView) {
  ASSERT_EQ(geo::presets().size(), 4u);
  for (const geo::Preset& preset : geo::presets()) {
    const MapProjection p = MapProjection::create(preset.name);
    const geo::GeoBox& box = preset.view;
    std::vector<double> lon, lat;
    for (int i = 0; i <= 6; ++i)
      for (int j = 0; j <= 6; ++j) {
        lon.push_back(geo::wrap_lon(box.west + box.width() * i / 6.0, p.seam().lon0));
        lat.push_back(std::clamp(box.south + (box.north - box.south) * j / 6.0, std::max(p.seam().min_lat, -85.0),
                                 std::min(p.seam().max_lat, 89.0)));
      }
    std::vector<double> x = lon, y = lat;
    p.forward(x, y);
    for (std::size_t k = 0; k < x.size(); ++k) ASSERT_TRUE(std::isfinite(x[k])) << preset.name;
    p.inverse(x, y);
    for (std::size_t k = 0; k < x.size(); ++k) {
      EXPECT_NEAR(lat[k], y[k], 5e-5) << preset.name;
      if (std::abs(lat[k]) < 89.9) {
        EXPECT_NEAR(0.0, geo::wrap_lon(lon[k] - x[k], 0), 5e-5) << preset.name << " lon " << lon[k];
      }
    }
  }
}

TEST(Projection, PacificPresetIsContinuousAcross180) {
  const MapProjection p = MapProjection::create("pacific");
  const auto [xa, ya] = fwd(p, 179.95, 50);
  const auto [xb, yb] = fwd(p, -179.95, 50);
  EXPECT_LT(std::hypot(xb - xa, yb - ya), 20000.0);  // 0.1° apart, not the width of the map
  EXPECT_LT(xa, xb);                                  // east stays east
}

TEST(Projection, PresetExtentsCoverTheirRegions) {
  const MapProjection pacific = MapProjection::create("pacific");
  const geo::Extent e = pacific.extent_of(geo::find_preset("pacific")->view);
  for (auto [lon, lat] : {std::pair{100.0, 0.0}, {-150.0, 0.0}, {100.0, 66.0}, {-150.0, 66.0}, {180.0, 30.0}}) {
    const auto [x, y] = fwd(pacific, lon, lat);
    EXPECT_GE(x, e.xmin - 1);
    EXPECT_LE(x, e.xmax + 1);
    EXPECT_GE(y, e.ymin - 1);
    EXPECT_LE(y, e.ymax + 1);
  }
  const MapProjection arctic = MapProjection::create("arctic");
  const geo::Extent a = arctic.extent_of(geo::find_preset("arctic")->view);
  EXPECT_NEAR(a.width(), a.height(), a.width() * 0.01);  // the whole circle north of 60°N
  for (int lon = -180; lon < 180; lon += 15) {
    const auto [x, y] = fwd(arctic, lon, 60);
    EXPECT_GE(x, a.xmin - 1);
    EXPECT_LE(x, a.xmax + 1);
    EXPECT_GE(y, a.ymin - 1);
    EXPECT_LE(y, a.ymax + 1);
  }
  EXPECT_FALSE(arctic.seam().has_seam);
  EXPECT_GE(arctic.seam().min_lat, 0.0);  // never sees a southern point
}

TEST(Projection, AcceptsEpsgCodesAndProjStrings) {
  const MapProjection polar = MapProjection::create("EPSG:3995");
  EXPECT_GE(polar.seam().min_lat, 0.0);
  EXPECT_FALSE(polar.wkt().empty());
  const MapProjection geographic = MapProjection::create("EPSG:4326");
  EXPECT_TRUE(geographic.is_geographic());
  const auto [x, y] = fwd(geographic, 135, 40);
  EXPECT_NEAR(x, 135, 1e-9);  // lon/lat order, whatever the EPSG axis order says
  EXPECT_NEAR(y, 40, 1e-9);
  const MapProjection custom = MapProjection::create("+proj=eqearth +lon_0=-150");
  EXPECT_DOUBLE_EQ(custom.seam().lon0, -150);
}

TEST(Projection, RejectsNonsenseWithTheDefinitionInTheMessage) {
  for (const char* bad : {"+proj=nonsense", "EPSG:999999", "EPSG:4978", "not a crs", ""}) {
    try {
      MapProjection::create(bad);
      ADD_FAILURE() << "accepted " << bad;
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find(std::string("'") + bad + "'"), std::string::npos) << e.what();
    }
  }
}

TEST(Projection, ScaleIsTrueWhereTheProjectionSaysSo) {
  const MapProjection merc = MapProjection::create("+proj=merc +datum=WGS84");
  EXPECT_NEAR(merc.map_units_per_metre({0, 0}), 1.0, 1e-3);
  EXPECT_NEAR(merc.map_units_per_metre({0, 60}), 2.0, 0.01);
  const MapProjection arctic = MapProjection::create("arctic");
  EXPECT_NEAR(arctic.map_units_per_metre({30, 71}), 1.0, 1e-3);  // true scale at lat_ts
}

TEST(Projection, BoxPicksAProjectionCentredOnIt) {
  const MapProjection bering = MapProjection::for_box({170, 50, -160, 66});  // crosses 180°
  EXPECT_NEAR(std::abs(bering.seam().lon0), 175, 1e-9);
  const geo::Extent e = bering.extent_of({170, 50, -160, 66});
  EXPECT_GT(e.width(), 0);
  const auto [xw, yw] = fwd(bering, 171, 58);
  const auto [xe, ye] = fwd(bering, -161, 58);
  EXPECT_LT(xw, xe);
  const MapProjection pole = MapProjection::for_box({-180, 70, 180, 90});
  EXPECT_FALSE(pole.seam().has_seam);
}
