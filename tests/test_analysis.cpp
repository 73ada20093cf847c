// Event measurements and zone analysis against hand-computed tracks: a track along a parallel
// through a 1°×1° square at known times, the same square across 180°, and a closest approach.
#include <gtest/gtest.h>

#include <cmath>

#include "analysis.hpp"
#include "geodesic.hpp"
#include "time.hpp"

namespace {

using geo::LonLat;

// A 1° × 1° square zone with its west edge at `west` (east edge may pass 180).
geo::Zone square_zone(double west, double south) {
  geo::Zone zone;
  zone.name = "square";
  const auto wrap = [](double lon) { return lon > 180 ? lon - 360 : lon; };
  zone.polygons.push_back({{{{wrap(west), south},
                              {wrap(west + 1), south},
                              {wrap(west + 1), south + 1},
                              {wrap(west), south + 1}}}});
  return zone;
}

// Due east along the equator from `from` to `from + 4°` (as given: the caller wraps) in 4 h,
// a vertex every 0.5°, so the square's edges fall between vertices.
geo::Line equator_track(double from, geo::Seconds start) {
  geo::Line line;
  for (int i = 0; i <= 8; ++i) {
    double lon = from + 0.5 * i + 0.25;
    if (lon > 180) lon -= 360;
    line.coords.push_back({lon, 0.5});
    line.times.push_back(start + i * 1800);
  }
  return line;
}

// 0.5° of longitude takes 1800 s: the square's west edge at from + 1 (0.75° after the first
// vertex) is crossed 2700 s in, its east edge (1.75° after) 6300 s in.
constexpr geo::Seconds kEntryOffset = 2700, kExitOffset = 6300;

TEST(Analysis, CrossingASquareGivesEntryAndExitAtKnownTimes) {
  const geo::Seconds start = geo::make_time(2024, 7, 10, 10, 0);
  const geo::ZoneIndex index(square_zone(131.0, 0.0));
  const auto passes = index.crossings(equator_track(130.0, start));
  ASSERT_EQ(passes.size(), 1u);
  ASSERT_TRUE(passes[0].entry && passes[0].exit);
  EXPECT_NEAR(static_cast<double>(*passes[0].entry->time - start), kEntryOffset, 60);
  EXPECT_NEAR(static_cast<double>(*passes[0].exit->time - start), kExitOffset, 60);
  EXPECT_NEAR(passes[0].entry->position.lon, 131.0, 1e-9);
  EXPECT_NEAR(passes[0].exit->position.lon, 132.0, 1e-9);
  EXPECT_NEAR(static_cast<double>(*passes[0].time_inside), 3600, 60);
}

TEST(Analysis, CrossingASquareAcross180GivesTheSameTimes) {
  const geo::Seconds start = geo::make_time(2024, 7, 10, 10, 0);
  // The square spans 179.5°E to 179.5°W; the track runs 178.75°E to 177.25°W.
  const geo::ZoneIndex index(square_zone(179.5, 0.0));
  const geo::Line track = equator_track(178.5, start);
  EXPECT_TRUE(index.contains({180.0, 0.5}));
  EXPECT_TRUE(index.contains({-179.9, 0.5}));
  EXPECT_FALSE(index.contains({0.0, 0.5}));
  const auto passes = index.crossings(track);
  ASSERT_EQ(passes.size(), 1u);
  ASSERT_TRUE(passes[0].entry && passes[0].exit);
  EXPECT_NEAR(static_cast<double>(*passes[0].entry->time - start), kEntryOffset, 60);
  EXPECT_NEAR(static_cast<double>(*passes[0].exit->time - start), kExitOffset, 60);
  EXPECT_NEAR(passes[0].exit->position.lon, -179.5, 1e-9);
}

TEST(Analysis, ASquareCutAt180IntoTwoPolygonsIsOnePassage) {
  const geo::Seconds start = geo::make_time(2024, 7, 10, 10, 0);
  geo::Zone zone;  // the same square as two pieces meeting at the antimeridian
  zone.polygons.push_back({{{{179.5, 0}, {180, 0}, {180, 1}, {179.5, 1}}}});
  zone.polygons.push_back({{{{-180, 0}, {-179.5, 0}, {-179.5, 1}, {-180, 1}}}});
  const auto passes = geo::ZoneIndex(zone).crossings(equator_track(178.5, start));
  ASSERT_EQ(passes.size(), 1u);
  ASSERT_TRUE(passes[0].entry && passes[0].exit);
  EXPECT_NEAR(static_cast<double>(*passes[0].time_inside), 3600, 60);
}

TEST(Analysis, TouchingAZoneCornerIsNoCrossing) {
  geo::Line line;  // from the south-west to the north-east, through the square's south-east corner only
  line.coords = {{131.5, -0.5}, {132.0, 0.0}, {132.5, 0.5}};
  line.times = {0, 1800, 3600};
  EXPECT_TRUE(geo::ZoneIndex(square_zone(131.0, 0.0)).crossings(line).empty());
}

TEST(Analysis, ATrackStartingInsideHasNoEntry) {
  const geo::Seconds start = geo::make_time(2024, 7, 10, 10, 0);
  const auto passes = geo::ZoneIndex(square_zone(129.0, 0.0)).crossings(equator_track(129.5, start));
  ASSERT_EQ(passes.size(), 1u);
  EXPECT_FALSE(passes[0].entry);
  ASSERT_TRUE(passes[0].exit);
  EXPECT_NEAR(static_cast<double>(*passes[0].exit->time - start), 900, 60);  // 0.25° to 130°E
}

TEST(Analysis, LengthIsTheGeodesicAndSpeedsFollowTheTimes) {
  for (const double from : {130.0, 178.5}) {
    geo::Event event;
    event.geometry.lines.push_back(equator_track(from, geo::make_time(2024, 7, 10)));
    const geo::Line& line = event.geometry.lines[0];
    const double expected = geo::geodesic_km(line.coords.front(), line.coords.back());  // on a parallel: ≈
    const geo::EventMetrics m = geo::measure_event(event);
    EXPECT_NEAR(m.length_km, expected, expected * 0.001) << from;
    // 4° of longitude at 0.5°N on WGS 84: 4 × 111.319 km × cos(0.5°), hand-computed.
    EXPECT_NEAR(m.length_km, 4 * 111.3195 * std::cos(0.5 * M_PI / 180), 0.001 * m.length_km);
    ASSERT_TRUE(m.duration);
    EXPECT_EQ(*m.duration, 4 * 3600);
    ASSERT_TRUE(m.mean_speed_kmh && m.max_speed_kmh);
    EXPECT_NEAR(*m.mean_speed_kmh, m.length_km / 4, 0.01);
    EXPECT_NEAR(*m.max_speed_kmh, m.length_km / 4, 0.01);
    EXPECT_EQ(m.basis, "computed");
  }
  geo::Event schematic;
  schematic.quality = geo::GeometryQuality::Schematic;
  EXPECT_EQ(geo::measure_event(schematic).basis, "computed from a schematic route");
}

TEST(Analysis, ClosestApproachToAPlaceIsAtTheFootOfThePerpendicular) {
  const geo::Seconds start = geo::make_time(2024, 7, 10, 10, 0);
  const geo::Line track = equator_track(130.0, start);  // 130.25°E … 134.25°E along 0.5°N
  const LonLat place{131.5, 1.5};  // 1° north of the track, abeam 131.5°E
  const auto near = geo::closest_approach(track, place);
  ASSERT_TRUE(near);
  EXPECT_NEAR(near->track_position.lon, 131.5, 0.01);
  EXPECT_NEAR(near->distance_km, geo::geodesic_km({131.5, 0.5}, place), 0.5);
  EXPECT_NEAR(static_cast<double>(*near->time - start), 4500, 60);  // 1.25° at 0.5°/1800 s
}

TEST(Analysis, ClosestApproachToAZoneIsZeroInsideAndTheGapOutside) {
  const geo::Seconds start = geo::make_time(2024, 7, 10, 10, 0);
  const geo::Line track = equator_track(130.0, start);
  const auto through = geo::ZoneIndex(square_zone(131.0, 0.0)).closest_approach(track);
  ASSERT_TRUE(through);
  EXPECT_EQ(through->distance_km, 0);
  // A square 1.5° north (south edge 2°N): the gap is 1.5° of latitude over the square's span.
  const auto apart = geo::ZoneIndex(square_zone(131.0, 2.0)).closest_approach(track);
  ASSERT_TRUE(apart);
  EXPECT_NEAR(apart->distance_km, geo::geodesic_km({131.5, 0.5}, {131.5, 2.0}), 0.5);
  EXPECT_GE(apart->track_position.lon, 130.99);
  EXPECT_LE(apart->track_position.lon, 132.01);
}

TEST(Analysis, ClosestApproachToAZoneFindsAZoneVertexBetweenTrackVertices) {
  const geo::Seconds start = geo::make_time(2024, 7, 10, 10, 0);
  const geo::Line track = equator_track(130.0, start);  // vertices at 131.25°E and 131.75°E
  geo::Zone spike;  // a narrow triangle pointing south at 131.5°E, 1°N
  spike.polygons.push_back({{{{131.5, 1.0}, {131.6, 3.0}, {131.4, 3.0}}}});
  const auto near = geo::ZoneIndex(spike).closest_approach(track);
  ASSERT_TRUE(near);
  EXPECT_NEAR(near->distance_km, geo::geodesic_km({131.5, 0.5}, {131.5, 1.0}), 0.5);
  EXPECT_NEAR(static_cast<double>(*near->time - start), 4500, 60);
}

}  // namespace
