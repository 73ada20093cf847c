// The projected, tessellated scene: tracks cut at the seam, times rebased, land filled without
// flooding, at the presets.
#include <gtest/gtest.h>

#include <cmath>

#include "assets.hpp"
#include "coastline.hpp"
#include "scene.hpp"

using geo::Event;
using geo::MapProjection;
using geo::Scene;

namespace {

Event bering_track() {
  Event e;
  e.id = "bering";
  e.name = "Bering leg";
  e.kind = "naval_patrol";
  e.domains = {"naval"};
  e.participants = {"CN", "RU"};
  e.start = geo::make_time(2024, 9, 20);
  e.end = geo::make_time(2024, 10, 1);
  e.geometry.lines.push_back({{{170, 55}, {178, 58}, {-178, 59}, {-170, 62}}, {}});
  const geo::Seconds step = (e.end - e.start) / 3;
  for (int i = 0; i < 4; ++i) e.geometry.lines[0].times.push_back(e.start + i * step);
  return e;
}

Scene scene_for(const std::string& projection, const std::vector<Event>& events,
                const std::vector<geo::Polygon>* land = nullptr) {
  geo::SceneInput input;
  input.events = &events;
  input.land = land;
  return geo::build_scene(input, MapProjection::create(projection));
}

int piece_starts(const Scene& scene) {
  int n = 0;
  for (const auto& v : scene.tracks) n += (v.feature & geo::TrackVertex::kPieceStart) != 0;
  return n;
}

// Whether a projected point (relative to the scene origin) is inside any land triangle.
bool land_at(const Scene& scene, const MapProjection& p, double lon, double lat) {
  double x = geo::wrap_lon(lon, p.seam().lon0), y = lat;
  p.forward(std::span<double>(&x, 1), std::span<double>(&y, 1));
  x -= scene.origin_x;
  y -= scene.origin_y;
  const auto& t = scene.land_triangles;
  for (std::size_t i = 0; i + 5 < t.size(); i += 6) {
    const double d1 = (x - t[i + 2]) * (t[i + 1] - t[i + 3]) - (t[i] - t[i + 2]) * (y - t[i + 3]);
    const double d2 = (x - t[i + 4]) * (t[i + 3] - t[i + 5]) - (t[i + 2] - t[i + 4]) * (y - t[i + 5]);
    const double d3 = (x - t[i]) * (t[i + 5] - t[i + 1]) - (t[i + 4] - t[i]) * (y - t[i + 1]);
    const bool neg = d1 < 0 || d2 < 0 || d3 < 0, pos = d1 > 0 || d2 > 0 || d3 > 0;
    if (!(neg && pos)) return true;
  }
  return false;
}

}  // namespace

TEST(Scene, TrackAcross180IsOnePieceOnAPacificMapAndTwoOnAGreenwichMap) {
  const std::vector<Event> events{bering_track()};
  const Scene pacific = scene_for("pacific", events);
  ASSERT_EQ(pacific.tracks.size(), 4u);
  EXPECT_EQ(piece_starts(pacific), 1);
  for (std::size_t i = 1; i < pacific.tracks.size(); ++i)  // no jump across the map
    EXPECT_LT(std::abs(pacific.tracks[i].x - pacific.tracks[i - 1].x), 1.5e6);
  const Scene greenwich = scene_for("+proj=robin +lon_0=0", events);
  EXPECT_EQ(piece_starts(greenwich), 2);
  EXPECT_EQ(greenwich.tracks.size(), 6u);  // two cut points added
}

TEST(Scene, TimesAreRebasedToWholeSecondsAndCategoriesCarried) {
  std::vector<Event> events{bering_track()};
  events[0].start += 7;
  events[0].geometry.lines[0].times[0] += 7;
  const Scene scene = scene_for("pacific", events);
  EXPECT_EQ(scene.t0, geo::make_time(2024, 9, 20));
  EXPECT_EQ(scene.tracks[0].t, 7);
  EXPECT_EQ(scene.tracks.back().t, events[0].geometry.lines[0].times.back() - scene.t0);
  EXPECT_EQ(scene.tracks[0].feature & ~geo::TrackVertex::kPieceStart, 0u);
  EXPECT_EQ(scene.tracks[0].categories, scene.facets.category_bits(events[0]));
}

TEST(Scene, TimeOriginIsMidnightAlsoBefore1970) {
  std::vector<Event> events{bering_track()};
  events[0].start = geo::make_time(1969, 12, 31, 12);  // noon: a truncating % gives 1970-01-01
  events[0].geometry.lines[0].times[0] = events[0].start;
  const Scene scene = scene_for("pacific", events);
  EXPECT_EQ(scene.t0, geo::make_time(1969, 12, 31));
  EXPECT_EQ(scene.tracks[0].t, 12 * 3600);
}

TEST(Scene, AreasArePointsAreTriangulatedAndTimed) {
  Event area = bering_track();
  area.geometry = {};
  area.geometry.polygons.push_back({{{{175, 50}, {-175, 50}, {-175, 55}, {175, 55}}}});
  area.geometry.points.push_back({131.9, 43.0});
  const Scene scene = scene_for("pacific", {area});
  ASSERT_GE(scene.areas.size(), 6u);
  EXPECT_EQ(scene.areas.size() % 3, 0u);
  EXPECT_EQ(scene.areas[0].t_start, 0);
  EXPECT_EQ(scene.areas[0].t_end, area.end - scene.t0);
  ASSERT_EQ(scene.points.size(), 1u);
}

TEST(Scene, ArcticSceneHasNoSouthernVertex) {
  Event e = bering_track();
  e.geometry.lines[0].coords = {{170, 70}, {170, 0}, {170, -60}, {-170, -60}, {-170, 75}};
  e.geometry.lines[0].times = {};
  const MapProjection arctic = MapProjection::create("arctic");
  const Scene scene = scene_for("arctic", {e});
  EXPECT_EQ(piece_starts(scene), 2);
  for (const auto& v : scene.tracks) {
    EXPECT_GE(v.x + scene.origin_x, scene.full_extent.xmin - 1);
    EXPECT_LE(v.x + scene.origin_x, scene.full_extent.xmax + 1);
    EXPECT_LT(std::abs(v.y), 2e7);
  }
}

TEST(Scene, GraticuleAndItsLabels) {
  const Scene scene = scene_for("pacific", {});
  EXPECT_FALSE(scene.graticule_lines.empty());
  const geo::Extent view{-2e6, -2e6, 2e6, 2e6};
  const auto labels = geo::graticule_labels(scene, view);
  ASSERT_FALSE(labels.empty());
  bool meridian = false, parallel = false;
  for (const auto& l : labels) {
    (l.meridian ? meridian : parallel) = true;
    EXPECT_GE(l.x, view.xmin - 1);
    EXPECT_LE(l.x, view.xmax + 1);
  }
  EXPECT_TRUE(meridian && parallel);
  EXPECT_EQ(geo::format_degrees(150, true), "150°E");
  EXPECT_EQ(geo::format_degrees(-150, true), "150°W");
  EXPECT_EQ(geo::format_degrees(180, true), "180°");
  EXPECT_EQ(geo::format_degrees(-30, false), "30°S");
}

TEST(Scene, NaturalEarthLandIsWhereItBelongsAtEveryPreset) {
  const geo::Coastline coast = geo::load_coastline(geo::default_coastline_path());
  struct Probe {
    const char* preset;
    double lon, lat;
    bool land;
  };
  const Probe probes[] = {
      {"pacific", 138, 36, true},   {"pacific", 180, 30, false},  {"pacific", -175, 66, true},
      {"pacific", -150, 0, false},  {"arctic", 0, 85, false},     {"arctic", -40, 72, true},
      {"arctic", 100, 70, true},    {"arctic", -170, 75, false},  {"scs", 114, 15, false},
      {"scs", 112, 12, false},    {"scs", 102, 15, true},       {"world", 0, -80, true},
      {"world", 0, -50, false},     {"world", -30, 0, false},     {"world", 20, 10, true},
  };
  for (const geo::Preset& preset : geo::presets()) {
    const MapProjection projection = MapProjection::create(preset.name);
    const Scene scene = scene_for(preset.name, {}, &coast.land);
    EXPECT_GT(scene.land_triangles.size(), 1000u) << preset.name;
    EXPECT_GT(scene.coast.size(), 1000u) << preset.name;
    for (const Probe& probe : probes) {
      if (std::string(probe.preset) != preset.name) continue;
      EXPECT_EQ(land_at(scene, projection, probe.lon, probe.lat), probe.land)
          << preset.name << " at " << probe.lon << ", " << probe.lat;
    }
  }
}
