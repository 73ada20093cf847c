// geo::load_coastline: the bundled Natural Earth asset is planar lon/lat split at ±180 (no false
// Arctic bands, Chukotka on the right side, Antarctica closed along the pole), errors name the
// file, and projected inputs come back as lon/lat.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <unistd.h>

#include "assets.hpp"
#include "coastline.hpp"
#include "support/temp_dir.hpp"

namespace {

// Even-odd test of one ring (implicitly closed).
bool in_ring(const std::vector<geo::LonLat>& ring, double lon, double lat) {
  bool inside = false;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    const geo::LonLat& a = ring[i];
    const geo::LonLat& b = ring[j];
    if ((a.lat > lat) != (b.lat > lat) &&
        lon < (b.lon - a.lon) * (lat - a.lat) / (b.lat - a.lat) + a.lon)
      inside = !inside;
  }
  return inside;
}

// Even-odd over all rings of a polygon: inside the exterior and in no hole.
bool in_polygon(const geo::Polygon& polygon, double lon, double lat) {
  bool inside = false;
  for (const auto& ring : polygon.rings)
    if (!ring.empty() && in_ring(ring, lon, lat)) inside = !inside;
  return inside;
}

bool is_land(const geo::Coastline& coast, double lon, double lat) {
  for (const geo::Polygon& p : coast.land)
    if (in_polygon(p, lon, lat)) return true;
  return false;
}

class BundledCoastline : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { coast_ = new geo::Coastline(geo::load_coastline(path())); }
  static void TearDownTestSuite() {
    delete coast_;
    coast_ = nullptr;
  }
  static std::string path() { return geo::default_coastline_path(); }
  static const geo::Coastline& coast() { return *coast_; }

 private:
  static inline geo::Coastline* coast_ = nullptr;
};

TEST_F(BundledCoastline, HasManyPolygonsAndNaturalEarthAttribution) {
  EXPECT_GT(coast().land.size(), 1000u);
  EXPECT_NE(coast().attribution.find("Natural Earth"), std::string::npos) << coast().attribution;
}

TEST_F(BundledCoastline, AllCoordinatesInLonLatRange) {
  std::size_t vertices = 0;
  for (const geo::Polygon& p : coast().land) {
    ASSERT_FALSE(p.rings.empty());
    for (const auto& ring : p.rings) {
      ASSERT_GE(ring.size(), 3u);
      for (const geo::LonLat& v : ring) {
        ASSERT_GE(v.lon, -180.0);
        ASSERT_LE(v.lon, 180.0);
        ASSERT_GE(v.lat, -90.0);
        ASSERT_LE(v.lat, 90.0);
        ++vertices;
      }
    }
  }
  EXPECT_GT(vertices, 50000u);
}

TEST_F(BundledCoastline, NoStepAcrossTheAntimeridian) {
  // Split at ±180: no edge jumps more than 180° of longitude (the d3-style wrap of the source).
  for (const geo::Polygon& p : coast().land)
    for (const auto& ring : p.rings)
      for (std::size_t i = 0; i < ring.size(); ++i) {
        const geo::LonLat& a = ring[i];
        const geo::LonLat& b = ring[(i + 1) % ring.size()];
        ASSERT_LE(std::abs(b.lon - a.lon), 180.0) << a.lon << "," << a.lat << " -> " << b.lon;
      }
}

struct Probe {
  const char* name;
  double lon, lat;
  bool land;
};

TEST_F(BundledCoastline, PointProbes) {
  const Probe probes[] = {
      {"Honshu", 138.0, 36.0, true},
      {"Pacific at 30N 180", 180.0, 30.0, false},
      {"Pacific at 30N -180", -180.0, 30.0, false},
      {"Chukotka 66N 175W", -175.0, 66.0, true},
      {"central Pacific 0N 150W", -150.0, 0.0, false},
      {"Antarctica 80S 0", 0.0, -80.0, true},
      {"Antarctica near the pole", 120.0, -89.5, true},
      {"Arctic Ocean 85N 0", 0.0, 85.0, false},
      {"Bering Strait 65.8N 169W", -169.0, 65.8, false},
      {"Arctic Ocean 74N 150W (false-band zone)", -150.0, 74.0, false},
      {"Arctic Ocean 78.5N 100E (false-band zone)", 100.0, 78.5, false},
      {"Wrangel Island east of 180", -179.5, 71.2, true},
      {"Wrangel Island west of 180", 179.5, 71.2, true},
  };
  for (const Probe& p : probes)
    EXPECT_EQ(is_land(coast(), p.lon, p.lat), p.land)
        << p.name << " (" << p.lat << ", " << p.lon << ") should be " << (p.land ? "land" : "sea");
}

TEST(Coastline, MissingFileThrowsWithPath) {
  const std::string missing = "/nonexistent/patrolscope/no-such-coastline.fgb";
  try {
    geo::load_coastline(missing);
    FAIL() << "expected std::runtime_error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(missing), std::string::npos) << e.what();
  }
}

using patrolscope::testing::TempDir;

TEST(Coastline, FileWithoutGeometryThrowsWithPath) {
  TempDir dir("coast");
  const std::string file = (dir.path() / "points.geojson").string();
  std::ofstream(file) << R"({"type":"FeatureCollection","features":[
    {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[10,20]}}]})";
  try {
    geo::load_coastline(file);
    FAIL() << "expected std::runtime_error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(file), std::string::npos) << e.what();
  }
}

TEST(Coastline, ProjectedPolygonComesBackAsLonLat) {
  // A 200 km square in Arctic Polar Stereographic (EPSG:3995) around 80°N 0°E, which is at
  // x = 0, y = -1 089 179 m there; its corners are at about 78.9–80.7°N, 4.7°W–5.7°E.
  TempDir dir("coast");
  const std::string file = (dir.path() / "polar.geojson").string();
  std::ofstream(file) << R"({"type":"FeatureCollection",
    "crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3995"}},
    "features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":
      [[[-100000,-1210000],[100000,-1210000],[100000,-1010000],[-100000,-1010000],
        [-100000,-1210000]]]}}]})";
  const geo::Coastline coast = geo::load_coastline(file);
  ASSERT_EQ(coast.land.size(), 1u);
  EXPECT_TRUE(coast.lines.empty());
  EXPECT_EQ(coast.attribution, "Coastline: polar.geojson");
  const auto& ring = coast.land.front().rings.front();
  ASSERT_EQ(ring.size(), 4u);  // the closing repeat is dropped
  for (const geo::LonLat& v : ring) {
    EXPECT_NEAR(v.lon, 0.0, 6.0) << v.lon << "," << v.lat;  // lon first, not lat
    EXPECT_GT(v.lat, 78.0);
    EXPECT_LT(v.lat, 82.5);
  }
  EXPECT_TRUE(in_polygon(coast.land.front(), 0.0, 80.0));
}

}  // namespace

// The bundled borders: Natural Earth's international lines, and its disputed ones apart.
TEST(Borders, TheBundledBordersHoldChinaRussiaAndDisputedLinesApart) {
  geo::Coastline coast;
  geo::load_borders(geo::default_borders_path(), coast);
  EXPECT_GT(coast.borders.size(), 300u);
  EXPECT_GE(coast.disputed_borders.size(), 20u);
  EXPECT_TRUE(coast.land.empty()) << "borders add lines only";
  // The Amur/Ussuri border: some international line passes within 0.2° of 48.25N 134.7E, by
  // Khabarovsk, and none of the disputed ones.
  const auto passes_near = [](const std::vector<geo::Line>& lines, double lon, double lat) {
    for (const geo::Line& line : lines)
      for (const geo::LonLat& p : line.coords)
        if (std::abs(p.lon - lon) < 0.2 && std::abs(p.lat - lat) < 0.2) return true;
    return false;
  };
  EXPECT_TRUE(passes_near(coast.borders, 134.7, 48.25));
  EXPECT_FALSE(passes_near(coast.disputed_borders, 134.7, 48.25));
  for (const auto* lines : {&coast.borders, &coast.disputed_borders})
    for (const geo::Line& line : *lines)
      for (const geo::LonLat& p : line.coords) ASSERT_TRUE(std::abs(p.lon) <= 180 && std::abs(p.lat) <= 90);
}

TEST(Borders, AUserLineLayerWithoutKindIsInternationalAndPolygonsAreIgnored) {
  TempDir dir;
  const std::string file = (dir.path() / "lines.geojson").string();
  std::ofstream(file) << R"({"type":"FeatureCollection","features":[
    {"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[10,20],[11,21]]}},
    {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]})";
  geo::Coastline coast;
  geo::load_borders(file, coast);
  ASSERT_EQ(coast.borders.size(), 1u);
  EXPECT_TRUE(coast.disputed_borders.empty());
  EXPECT_TRUE(coast.land.empty());
}

TEST(Borders, AFileWithoutLinesThrowsWithPath) {
  TempDir dir;
  const std::string file = (dir.path() / "points.geojson").string();
  std::ofstream(file) << R"({"type":"FeatureCollection","features":[
    {"type":"Feature","properties":{"kind":"international"},"geometry":{"type":"Point","coordinates":[10,20]}}]})";
  geo::Coastline coast;
  try {
    geo::load_borders(file, coast);
    FAIL() << "expected std::runtime_error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(file), std::string::npos) << e.what();
  }
}
