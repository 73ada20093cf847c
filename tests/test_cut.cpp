// Antimeridian and pole cutting in geographic space.
#include <gtest/gtest.h>

#include <cmath>

#include "cut.hpp"
#include "geos_util.hpp"

using geo::cut_line;
using geo::cut_polygon;
using geo::Line;
using geo::Polygon;
using geo::SeamSpec;

namespace {

double ring_area(const std::vector<geo::LonLat>& ring) {  // planar shoelace, degrees²
  double a = 0;
  for (std::size_t i = 0; i < ring.size(); ++i) {
    const auto& p = ring[i];
    const auto& q = ring[(i + 1) % ring.size()];
    a += p.lon * q.lat - q.lon * p.lat;
  }
  return std::abs(a) / 2;
}

double polygons_area(const std::vector<Polygon>& polygons) {
  double a = 0;
  for (const Polygon& p : polygons) {
    a += ring_area(p.rings[0]);
    for (std::size_t i = 1; i < p.rings.size(); ++i) a -= ring_area(p.rings[i]);
  }
  return a;
}

bool contains(const std::vector<Polygon>& polygons, geo::LonLat pt) {  // even-odd over all rings
  bool inside = false;
  for (const Polygon& p : polygons)
    for (const auto& ring : p.rings)
      for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        const auto& a = ring[i];
        const auto& b = ring[j];
        if ((a.lat > pt.lat) != (b.lat > pt.lat) &&
            pt.lon < (b.lon - a.lon) * (pt.lat - a.lat) / (b.lat - a.lat) + a.lon)
          inside = !inside;
      }
  return inside;
}

void expect_within_window(const std::vector<Line>& pieces, double lon0) {
  for (const Line& piece : pieces)
    for (const auto& p : piece.coords) {
      EXPECT_GT(p.lon, lon0 - 180);
      EXPECT_LT(p.lon, lon0 + 180);
    }
}

}  // namespace

TEST(CutLine, CrossingEastwardSplitsAtTheSeamWithInterpolatedTime) {
  Line line{{{170, 50}, {-170, 52}}, {1000, 2000}};
  const auto pieces = cut_line(line, SeamSpec{0});
  ASSERT_EQ(pieces.size(), 2u);
  EXPECT_NEAR(pieces[0].coords.back().lon, 180, 1e-6);
  EXPECT_NEAR(pieces[0].coords.back().lat, 51, 1e-9);
  EXPECT_EQ(pieces[0].times.back(), 1500);
  EXPECT_NEAR(pieces[1].coords.front().lon, -180, 1e-6);
  EXPECT_EQ(pieces[1].times.front(), 1500);
  EXPECT_DOUBLE_EQ(pieces[1].coords.back().lon, -170);
  expect_within_window(pieces, 0);
}

TEST(CutLine, CrossingWestwardSplitsTheOtherWay) {
  Line line{{{-175, 60}, {175, 60}, {170, 61}}, {}};
  const auto pieces = cut_line(line, SeamSpec{0});
  ASSERT_EQ(pieces.size(), 2u);
  EXPECT_NEAR(pieces[0].coords.back().lon, -180, 1e-6);
  EXPECT_NEAR(pieces[1].coords.front().lon, 180, 1e-6);
  EXPECT_EQ(pieces[1].coords.size(), 3u);
  EXPECT_TRUE(pieces[0].times.empty());
}

TEST(CutLine, PacificCentredMapKeepsA180CrossingInOnePiece) {
  Line line{{{170, 50}, {-170, 50}, {170, 51}}, {}};
  const auto pieces = cut_line(line, SeamSpec{150});
  ASSERT_EQ(pieces.size(), 1u);
  EXPECT_DOUBLE_EQ(pieces[0].coords[1].lon, 190);  // continuous, not around the world
  expect_within_window(pieces, 150);
}

TEST(CutLine, VertexExactlyAt180) {
  Line line{{{170, 0}, {180, 0}, {-170, 0}}, {}};
  const auto pieces = cut_line(line, SeamSpec{0});
  ASSERT_EQ(pieces.size(), 2u);
  expect_within_window(pieces, 0);
  EXPECT_GT(pieces[0].coords.back().lon, 179.99);
  EXPECT_LT(pieces[1].coords.front().lon, -179.99);
  // The same track given with -180 instead of 180.
  Line other{{{170, 0}, {-180, 0}, {-170, 0}}, {}};
  EXPECT_EQ(cut_line(other, SeamSpec{0}).size(), 2u);
}

TEST(CutLine, VertexExactlyOnTheSeamOfARotatedMap) {
  // lon0 = 150: the seam is at -30.
  Line line{{{-40, 10}, {-30, 10}, {-20, 10}}, {}};
  const auto pieces = cut_line(line, SeamSpec{150});
  ASSERT_EQ(pieces.size(), 2u);
  expect_within_window(pieces, 150);
  EXPECT_NEAR(pieces[0].coords.back().lon, 330, 1e-6);
  EXPECT_NEAR(pieces[1].coords.front().lon, -30, 1e-6);
}

TEST(CutLine, SouthernPointsNeverReachANorthPolarProjection) {
  SeamSpec polar{180, 10, 90, false};
  Line line{{{0, 80}, {0, -50}, {20, -60}, {20, 40}}, {0, 100, 200, 300}};
  const auto pieces = cut_line(line, polar);
  ASSERT_EQ(pieces.size(), 2u);
  for (const Line& piece : pieces)
    for (const auto& p : piece.coords) EXPECT_GE(p.lat, 10.0);
  EXPECT_NEAR(pieces[0].coords.back().lat, 10, 1e-9);
  EXPECT_EQ(pieces[0].times.back(), 54);  // 100 · 70/130, rounded  // 80 → -50 crosses 10 at 70/130
  EXPECT_NEAR(pieces[1].coords.front().lat, 10, 1e-9);
}

TEST(CutPolygon, PolygonAcrossTheSeamBecomesTwo) {
  Polygon square{{{{170, 0}, {-170, 0}, {-170, 10}, {170, 10}}}};
  const auto pieces = cut_polygon(square, SeamSpec{0});
  ASSERT_EQ(pieces.size(), 2u);
  EXPECT_NEAR(polygons_area(pieces), 200, 1e-4);
  EXPECT_TRUE(contains(pieces, {175, 5}));
  EXPECT_TRUE(contains(pieces, {-175, 5}));
  EXPECT_FALSE(contains(pieces, {0, 5}));
  // On a Pacific-centred map the same square stays whole.
  const auto whole = cut_polygon(square, SeamSpec{150});
  ASSERT_EQ(whole.size(), 1u);
  EXPECT_NEAR(polygons_area(whole), 200, 1e-4);
}

TEST(CutPolygon, RingAroundTheSouthPoleIsClosedAlongThePole) {
  // Antarctica-like: a ring at 70°S winding all the way round, as spherical data stores it.
  Polygon cap;
  cap.rings.emplace_back();
  for (int lon = -180; lon < 180; lon += 10) cap.rings[0].push_back({static_cast<double>(lon), -70});
  for (double lon0 : {0.0, 150.0, -100.0}) {
    const auto pieces = cut_polygon(cap, SeamSpec{lon0});
    ASSERT_FALSE(pieces.empty());
    EXPECT_NEAR(polygons_area(pieces), 360.0 * 20.0, 1e-4) << "lon0 " << lon0;
    EXPECT_TRUE(contains(pieces, {geo::wrap_lon(20, lon0), -80}));
    EXPECT_FALSE(contains(pieces, {geo::wrap_lon(20, lon0), -60})) << "the fill floods the world";
  }
}

TEST(CutPolygon, ClippedToTheValidLatitudes) {
  Polygon band{{{{0, -30}, {40, -30}, {40, 30}, {0, 30}}}};
  const auto pieces = cut_polygon(band, SeamSpec{0, 10, 90, false});
  ASSERT_EQ(pieces.size(), 1u);
  EXPECT_NEAR(polygons_area(pieces), 40 * 20, 1e-4);
  for (const auto& p : pieces[0].rings[0]) EXPECT_GE(p.lat, 10 - 1e-9);
}

TEST(CutPolygon, PolygonWithAHoleKeepsTheHole) {
  Polygon ring{{{{0, 0}, {20, 0}, {20, 20}, {0, 20}}, {{5, 5}, {15, 5}, {15, 15}, {5, 15}}}};
  const auto pieces = cut_polygon(ring, SeamSpec{-170});  // seam at 10°E splits it
  EXPECT_NEAR(polygons_area(pieces), 400 - 100, 1e-4);
  EXPECT_FALSE(contains(pieces, {geo::wrap_lon(8, -170), 10}));
  EXPECT_TRUE(contains(pieces, {geo::wrap_lon(2, -170), 10}));
}
