// Range rings: geodesic circles as zones. Every vertex lies on the circle, a ring across 180°
// contains what it should, a track through a ring enters and leaves at the hand-computed time,
// a ring around a pole is kept as a line, and the parser names what is wrong.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <stdexcept>

#include "analysis.hpp"
#include "geodesic.hpp"
#include "range_rings.hpp"

namespace {

using geo::LonLat;

geo::RangeRings rings(const std::string& text) { return geo::range_ring_zones(geo::parse_range_ring(text)); }

TEST(RangeRings, EveryVertexLiesOnTheGeodesicCircleAndEdgesAreShort) {
  const LonLat tokyo{139.69, 35.69};
  const geo::RangeRings made = rings("Tokyo:139.69,35.69,1000km");
  ASSERT_EQ(made.zones.size(), 1u);
  ASSERT_EQ(made.zones[0].polygons.size(), 1u);
  const auto& ring = made.zones[0].polygons[0].rings.at(0);
  ASSERT_GE(ring.size(), 72u);
  for (std::size_t i = 0; i < ring.size(); ++i) {
    EXPECT_NEAR(geo::geodesic_km(tokyo, ring[i]), 1000.0, 1e-6) << "vertex " << i;
    EXPECT_LE(geo::geodesic_km(ring[i], ring[(i + 1) % ring.size()]), 20.0) << "edge " << i;
  }
  EXPECT_EQ(made.zones[0].name, "1000 km from Tokyo");
  EXPECT_TRUE(made.warnings.empty());
}

TEST(RangeRings, ARingAcross180ContainsWhatIsWithinItsRadius) {
  const geo::RangeRings made = rings("179.5,52,300");
  ASSERT_EQ(made.zones.size(), 1u);
  const geo::ZoneIndex index(made.zones[0]);
  EXPECT_TRUE(index.contains({179.5, 52}));
  EXPECT_TRUE(index.contains({-179.0, 52}));  // ≈ 103 km east, across 180°
  EXPECT_TRUE(index.contains({-177.0, 52.5}));  // ≈ 260 km
  EXPECT_FALSE(index.contains({-175.0, 52}));  // ≈ 309 km
  EXPECT_FALSE(index.contains({175.0, 52}));   // ≈ 309 km west
  EXPECT_FALSE(index.contains({0.5, -52}));    // the antipode
}

TEST(RangeRings, ATrackThroughARingEntersAndLeavesAtTheHandComputedTimes) {
  // Due east along the equator, 3°W to 3°E at 1° an hour, a vertex every 0.1°. The ring of
  // 200 km around 0°,0° meets the equator at ±200 / 111.3195 km per degree = ±1.79663°.
  geo::Line track;
  for (int i = 0; i <= 60; ++i) {
    track.coords.push_back({-3.0 + 0.1 * i, 0});
    track.times.push_back(i * 360);
  }
  const geo::RangeRings made = rings("0,0,200km");
  const geo::ZoneIndex index(made.zones.at(0));
  const auto crossings = index.crossings(track);
  ASSERT_EQ(crossings.size(), 1u);
  const double edge_deg = 200.0 / (6378.137 * std::numbers::pi / 180);
  ASSERT_TRUE(crossings[0].entry && crossings[0].exit);
  EXPECT_NEAR(crossings[0].entry->position.lon, -edge_deg, 0.001);
  EXPECT_NEAR(crossings[0].exit->position.lon, edge_deg, 0.001);
  ASSERT_TRUE(crossings[0].entry->time && crossings[0].exit->time);
  EXPECT_NEAR(static_cast<double>(*crossings[0].entry->time), (3 - edge_deg) * 3600, 60);
  EXPECT_NEAR(static_cast<double>(*crossings[0].exit->time), (3 + edge_deg) * 3600, 60);
}

TEST(RangeRings, NauticalMilesAndSeveralRadii) {
  const geo::RangeRingSpec spec = geo::parse_range_ring("Ukrainka: 128.45, 51.17, 3000km, 1500nmi, 500");
  EXPECT_EQ(spec.name, "Ukrainka");
  ASSERT_EQ(spec.radii.size(), 3u);
  EXPECT_DOUBLE_EQ(spec.radii[0].km, 3000);
  EXPECT_DOUBLE_EQ(spec.radii[1].km, 1500 * 1.852);
  EXPECT_EQ(spec.radii[1].label, "1500 nmi");
  EXPECT_EQ(spec.radii[2].label, "500 km");
  const geo::RangeRings made = geo::range_ring_zones(spec);
  ASSERT_EQ(made.zones.size(), 3u);
  EXPECT_EQ(made.zones[1].name, "1500 nmi from Ukrainka");
  EXPECT_NE(made.zones[1].source.find("geodesic circle"), std::string::npos);
}

TEST(RangeRings, LongitudesBeyond180AreWrapped) {
  EXPECT_DOUBLE_EQ(geo::parse_range_ring("200,10,100").centre.lon, -160);
  EXPECT_EQ(geo::range_ring_zones(geo::parse_range_ring("200,10,100")).zones.at(0).name, "100 km from 160.00°W 10.00°N");
}

TEST(RangeRings, ARingAroundAPoleIsKeptAsALineWithAWarning) {
  const geo::RangeRings made = rings("0,85,1000");
  ASSERT_EQ(made.zones.size(), 1u);
  EXPECT_TRUE(made.zones[0].polygons.empty());
  ASSERT_EQ(made.zones[0].lines.size(), 1u);
  EXPECT_EQ(made.warnings.size(), 1u);
  for (const LonLat& p : made.zones[0].lines[0].coords) EXPECT_NEAR(geo::geodesic_km({0, 85}, p), 1000.0, 1e-6);
}

TEST(RangeRings, TheParserNamesWhatIsWrong) {
  const auto message = [](const std::string& text) {
    try {
      geo::parse_range_ring(text);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_NE(message("140,35").find("LON,LAT,RADIUS"), std::string::npos);
  EXPECT_NE(message("x,35,100").find("longitude 'x'"), std::string::npos);
  EXPECT_NE(message("140,95,100").find("latitude '95'"), std::string::npos);
  EXPECT_NE(message("140,35,0").find("radius '0'"), std::string::npos);
  EXPECT_NE(message("140,35,100mi").find("radius '100mi'"), std::string::npos);
  EXPECT_NE(message("140,35,25000").find("at most"), std::string::npos);
  EXPECT_NE(message("140,35,nan").find("radius 'nan'"), std::string::npos);
}

}  // namespace
