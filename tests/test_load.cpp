// Loading every kind of source, the shared finishing step, and bad input.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cpl_vsi.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <type_traits>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "geodesic.hpp"
#include "load.hpp"
#include "scene.hpp"
#include "support/temp_dir.hpp"
#include "vsi_file.hpp"

namespace fs = std::filesystem;
using geo::Event;
using geo::kNoTime;
using geo::LoadOptions;
using geo::LoadResult;
using geo::LonLat;
using geo::make_time;

namespace {

const std::string kData = PATROLSCOPE_TEST_DATA;

LoadResult load(const std::string& name, const LoadOptions& options = {}) {
  return geo::load_events(kData + "/" + name, options);
}

const Event* find(const LoadResult& r, const std::string& id) {
  for (const Event& e : r.events)
    if (e.id == id) return &e;
  return nullptr;
}

bool has_warning(const LoadResult& r, const std::string& text) {
  return std::find(r.warnings.begin(), r.warnings.end(), text) != r.warnings.end();
}

std::string all_warnings(const LoadResult& r) {
  std::string out;
  for (const auto& w : r.warnings) out += "  " + w + "\n";
  return out;
}


void expect_non_decreasing(const geo::Line& line) {
  ASSERT_EQ(line.times.size(), line.coords.size());
  for (std::size_t i = 1; i < line.times.size(); ++i) EXPECT_LE(line.times[i - 1], line.times[i]) << i;
}

// A temporary directory removed at the end of the test (support/temp_dir.hpp); file() names a
// file in it, written when given text.
struct TempDir : patrolscope::testing::TempDir {
  TempDir() : patrolscope::testing::TempDir("load") {}
  std::string file(const std::string& name, const std::string& text = "") const {
    if (!text.empty()) patrolscope::testing::write_file(path() / name, text);
    return (path() / name).string();
  }
};

}  // namespace

// --- native GeoJSON ---------------------------------------------------------------------

TEST(LoadNative, ReadsEveryFeature) {
  const LoadResult r = load("native.geojson");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.driver, "GeoJSON");
  EXPECT_EQ(r.events.size(), 5u);
  EXPECT_EQ(r.skipped, 0);
  EXPECT_EQ(r.source_vertices, 4u + 5u + 1u + 1u);  // as read: before densification
  EXPECT_EQ(r.warnings, std::vector<std::string>{"feature 4 (Untimed base): no time: loaded as untimed (always shown)"});
}

TEST(LoadNative, VocabularyIsNormalised) {
  const LoadResult r = load("native.geojson");
  const Event* e = find(r, "bering-patrol");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->name, "Joint air patrol across 180");
  EXPECT_EQ(e->kind, "air_patrol");
  EXPECT_EQ(e->domains, (std::vector<std::string>{"air"}));
  EXPECT_EQ(e->force_types, (std::vector<std::string>{"strategic_bomber", "fighter", "h_6k"}));  // source order
  EXPECT_EQ(e->participants, (std::vector<std::string>{"CN", "RU"}));
  EXPECT_EQ(e->regions, (std::vector<std::string>{"pacific", "arctic"}));
  EXPECT_EQ(e->quality, geo::GeometryQuality::Schematic);
  EXPECT_EQ(e->sources.size(), 1u);
  EXPECT_EQ(e->notes, "Test track crossing the antimeridian.");
  EXPECT_EQ(e->attributes.at("aircraft"), "4");
  EXPECT_EQ(e->attributes.at("callsign"), "BEAR1");
  EXPECT_EQ(e->attributes.count("times"), 0u);

  const Event* area = find(r, "exercise-area");
  ASSERT_NE(area, nullptr);
  EXPECT_EQ(area->kind, "exercise");
  EXPECT_EQ(area->domains, (std::vector<std::string>{"naval", "air"}));  // "navy, air": a string list, in order
  EXPECT_EQ(area->participants, (std::vector<std::string>{"CN", "RU"}));
  EXPECT_EQ(area->quality, geo::GeometryQuality::Approximate);
}

TEST(LoadNative, TimesAndDefaults) {
  const LoadResult r = load("native.geojson");
  const Event* area = find(r, "exercise-area");
  ASSERT_NE(area, nullptr);
  EXPECT_EQ(area->start, make_time(2024, 7, 15));
  EXPECT_EQ(area->end, make_time(2024, 7, 20, 23, 59, 59));  // a date alone as end: end of that day
  ASSERT_EQ(area->geometry.polygons.size(), 1u);

  const Event* port = find(r, "port-call");
  ASSERT_NE(port, nullptr);
  EXPECT_EQ(port->start, make_time(2024, 7, 10, 3, 30, 0));  // +09:00
  EXPECT_EQ(port->end, make_time(2024, 7, 10, 23, 59, 59));  // no end: end of start's day
  ASSERT_EQ(port->geometry.points.size(), 1u);

  const Event* base = find(r, "base");
  ASSERT_NE(base, nullptr);
  EXPECT_FALSE(base->timed());
  EXPECT_EQ(base->start, kNoTime);
  EXPECT_EQ(base->end, kNoTime);

  const Event* cyber = find(r, "cyber-1");
  ASSERT_NE(cyber, nullptr);
  EXPECT_TRUE(cyber->timed());
  EXPECT_TRUE(cyber->geometry.empty());
  EXPECT_EQ(cyber->end, make_time(2024, 8, 3));
}

TEST(LoadNative, TrackAcross180IsInterpolatedAndDensified) {
  const LoadResult r = load("native.geojson");
  const Event* e = find(r, "bering-patrol");
  ASSERT_NE(e, nullptr);
  ASSERT_EQ(e->geometry.lines.size(), 1u);
  const geo::Line& line = e->geometry.lines[0];
  EXPECT_GT(line.coords.size(), 4u);  // ~1400 km in 50 km steps
  expect_non_decreasing(line);
  EXPECT_EQ(line.times.front(), make_time(2024, 7, 24, 0, 0, 0));
  EXPECT_EQ(line.times.back(), make_time(2024, 7, 24, 10, 0, 0));
  for (const LonLat& p : line.coords) EXPECT_TRUE(p.lon >= 170 || p.lon <= -170) << p.lon;

  // The unknown times at 179° and -179° are proportional to the geodesic length.
  const LonLat a{170, 52}, b{179, 52}, c{-179, 52}, d{-170, 52};
  const double total = geo::geodesic_km(a, b) + geo::geodesic_km(b, c) + geo::geodesic_km(c, d);
  for (const auto& [vertex, along] : {std::pair{b, geo::geodesic_km(a, b)}, std::pair{c, geo::geodesic_km(a, b) + geo::geodesic_km(b, c)}}) {
    const auto it = std::find_if(line.coords.begin(), line.coords.end(),
                                 [&](LonLat p) { return p.lon == vertex.lon && p.lat == vertex.lat; });
    ASSERT_NE(it, line.coords.end());
    const double expected = static_cast<double>(line.times.front()) + 36000.0 * along / total;
    EXPECT_NEAR(static_cast<double>(line.times[it - line.coords.begin()]), expected, 1.0);
  }
}

// --- finish_event -----------------------------------------------------------------------

namespace {

LoadOptions densify_every(double km) {
  LoadOptions o;
  o.densify_km = km;
  return o;
}

Event timed_line(std::vector<LonLat> coords, geo::Seconds start, geo::Seconds end) {
  Event e;
  e.id.assign(1, 'x');  // (not = "x": g++ 12 -Wrestrict false positive under -Werror)
  e.start = start;
  e.end = end;
  geo::Line line;
  line.coords = std::move(coords);
  e.geometry.lines.push_back(line);
  return e;
}

}  // namespace

TEST(FinishEvent, LongEastWestLegFollowsTheGreatCircle) {
  Event e = timed_line({{0, 60}, {90, 60}}, 0, 3600);
  ASSERT_EQ(geo::finish_event(e, {}), "");
  const geo::Line& line = e.geometry.lines[0];
  EXPECT_GT(line.coords.size(), 90u);  // ~4900 km in ≤ 50 km steps
  expect_non_decreasing(line);
  EXPECT_EQ(line.times.front(), 0);
  EXPECT_EQ(line.times.back(), 3600);
  // The midpoint of the leg lies north of 60°N (the great circle bows poleward).
  const auto mid = std::min_element(line.coords.begin(), line.coords.end(),
                                    [](LonLat a, LonLat b) { return std::fabs(a.lon - 45) < std::fabs(b.lon - 45); });
  EXPECT_NEAR(mid->lon, 45, 1.0);
  EXPECT_GT(mid->lat, 65.0);
  for (std::size_t i = 1; i < line.coords.size(); ++i)
    EXPECT_LE(geo::geodesic_km(line.coords[i - 1], line.coords[i]), 50.0 + 1e-6);
}

TEST(FinishEvent, CrossingTheAntimeridianGoesTheShortWay) {
  for (double lat : {0.0, 52.0, 66.0, -40.0}) {
    Event e = timed_line({{179, lat}, {-179, lat}}, 100, 200);
    ASSERT_EQ(geo::finish_event(e, densify_every(10)), "");
    const geo::Line& line = e.geometry.lines[0];
    EXPECT_GT(line.coords.size(), 2u);
    for (const LonLat& p : line.coords) {
      EXPECT_TRUE(p.lon >= 179 || p.lon <= -179) << p.lon << " at " << lat;
      EXPECT_LE(std::fabs(p.lon), 180.0);
    }
    expect_non_decreasing(line);
  }
  // The other way round, and westward.
  Event w = timed_line({{-179.5, 10}, {179.5, 10}}, 0, 10);
  ASSERT_EQ(geo::finish_event(w, densify_every(5)), "");
  for (const LonLat& p : w.geometry.lines[0].coords) EXPECT_TRUE(p.lon >= 179.5 || p.lon <= -179.5) << p.lon;
}

TEST(FinishEvent, KnownVertexTimesAnchorTheInterpolation) {
  Event e = timed_line({{0, 0}, {0.1, 0}, {0.2, 0}, {0.4, 0}}, 1000, 5000);
  e.geometry.lines[0].times = {kNoTime, 2000, kNoTime, kNoTime};
  ASSERT_EQ(geo::finish_event(e, {}), "");
  const auto& t = e.geometry.lines[0].times;
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[0], 1000);  // start at the first vertex
  EXPECT_EQ(t[1], 2000);
  EXPECT_NEAR(static_cast<double>(t[2]), 3000, 1.0);  // a third of the way by length from 2000 to 5000
  EXPECT_EQ(t[3], 5000);  // end at the last vertex
}

TEST(FinishEvent, VertexTimesGiveAnUntimedEventItsSpan) {
  Event e = timed_line({{0, 0}, {0.1, 0}}, kNoTime, kNoTime);
  e.geometry.lines[0].times = {300, 400};
  ASSERT_EQ(geo::finish_event(e, {}), "");
  EXPECT_EQ(e.start, 300);
  EXPECT_EQ(e.end, 400);
}

TEST(FinishEvent, UntimedLinesHaveNoTimes) {
  Event e = timed_line({{0, 0}, {5, 0}}, kNoTime, kNoTime);
  ASSERT_EQ(geo::finish_event(e, {}), "");
  EXPECT_FALSE(e.timed());
  EXPECT_TRUE(e.geometry.lines[0].times.empty());
  EXPECT_GT(e.geometry.lines[0].coords.size(), 2u);  // still densified
}

TEST(FinishEvent, Errors) {
  Event backwards = timed_line({{0, 0}, {1, 0}}, 2000, 1000);
  EXPECT_EQ(geo::finish_event(backwards, {}),
            "field 'end': end 1970-01-01T00:16:40Z is before start 1970-01-01T00:33:20Z");

  Event decreasing = timed_line({{0, 0}, {0.1, 0}, {0.2, 0}}, kNoTime, kNoTime);
  decreasing.geometry.lines[0].times = {300, 200, 400};
  EXPECT_NE(geo::finish_event(decreasing, {}).find("field 'times'"), std::string::npos);

  Event counts = timed_line({{0, 0}, {0.1, 0}}, 0, 10);
  counts.geometry.lines[0].times = {1, 2, 3};
  EXPECT_EQ(geo::finish_event(counts, {}), "field 'times': 3 times for 2 vertices");

  Event nan = timed_line({{0, 0}, {NAN, 0}}, 0, 10);
  EXPECT_EQ(geo::finish_event(nan, {}), "field 'geometry': coordinate (nan, 0) is not finite");
  Event north = timed_line({{0, 0}, {0, 90.5}}, 0, 10);
  EXPECT_EQ(geo::finish_event(north, {}), "field 'geometry': latitude 90.5 out of range");
  Event edge = timed_line({{-180, -90}, {180 + 1e-12, 90}}, 0, 10);  // within epsilon: clamped
  EXPECT_EQ(geo::finish_event(edge, {}), "");
}

TEST(FinishEvent, NormalisesVocabulary) {
  Event e;
  e.kind = "Drill";
  e.domains = {"Navy", "air", "navy", "Underwater"};
  e.force_types = {"Subs", "bomber"};
  e.participants = {"China", "Russian Federation", "cn", "NATO"};
  ASSERT_EQ(geo::finish_event(e, {}), "");
  EXPECT_EQ(e.kind, "exercise");
  // Source order kept (the first is the primary value, which colours), duplicates dropped.
  EXPECT_EQ(e.domains, (std::vector<std::string>{"naval", "air", "subsurface"}));
  EXPECT_EQ(e.force_types, (std::vector<std::string>{"submarine", "strategic_bomber"}));
  EXPECT_EQ(e.participants, (std::vector<std::string>{"CN", "RU", "NATO"}));
  Event blank;
  ASSERT_EQ(geo::finish_event(blank, {}), "");
  EXPECT_EQ(blank.kind, "other");
}

// --- GPX, tables, KML ---------------------------------------------------------------------

TEST(LoadGpx, EachTrackIsAnEventWithPointTimes) {
  const LoadResult r = load("tracks.gpx");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.driver, "GPX");
  ASSERT_EQ(r.events.size(), 2u) << all_warnings(r);
  EXPECT_EQ(r.skipped, 0);
  const Event* alpha = find(r, "Alpha");
  ASSERT_NE(alpha, nullptr);
  EXPECT_EQ(alpha->name, "Alpha");
  EXPECT_EQ(alpha->kind, "naval_patrol");
  ASSERT_EQ(alpha->geometry.lines.size(), 1u);
  EXPECT_EQ(alpha->geometry.lines[0].times,
            (std::vector<geo::Seconds>{make_time(2024, 7, 1, 0), make_time(2024, 7, 1, 1), make_time(2024, 7, 1, 2)}));
  EXPECT_EQ(alpha->start, make_time(2024, 7, 1, 0));
  EXPECT_EQ(alpha->end, make_time(2024, 7, 1, 2));
  EXPECT_DOUBLE_EQ(alpha->geometry.lines[0].coords[1].lon, 140.1);
  EXPECT_DOUBLE_EQ(alpha->geometry.lines[0].coords[1].lat, 40.1);

  const Event* bravo = find(r, "Bravo");
  ASSERT_NE(bravo, nullptr);
  EXPECT_EQ(bravo->geometry.lines.size(), 2u);  // two segments
  EXPECT_EQ(bravo->start, make_time(2024, 7, 2, 0));
  EXPECT_EQ(bravo->end, make_time(2024, 7, 2, 3, 0, 0));  // 03:00:00.750 truncated
}

TEST(LoadTable, AisArchiveGroupedByMmsiAndSortedByTime) {
  const LoadResult r = load("ais.csv");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.driver, "CSV");
  ASSERT_EQ(r.events.size(), 2u) << all_warnings(r);
  EXPECT_TRUE(r.warnings.empty()) << all_warnings(r);
  const Event* ship = find(r, "273000002");
  ASSERT_NE(ship, nullptr);
  EXPECT_EQ(ship->name, "ADMIRAL TRIBUTS");
  ASSERT_EQ(ship->geometry.lines.size(), 1u);
  const geo::Line& line = ship->geometry.lines[0];
  ASSERT_EQ(line.coords.size(), 3u);
  EXPECT_EQ(line.times, (std::vector<geo::Seconds>{make_time(2024, 7, 5, 0), make_time(2024, 7, 5, 1),
                                                   make_time(2024, 7, 5, 2)}));
  EXPECT_DOUBLE_EQ(line.coords[0].lon, 132.0);
  EXPECT_DOUBLE_EQ(line.coords[1].lon, 132.1);
  EXPECT_DOUBLE_EQ(line.coords[2].lat, 43.2);
  EXPECT_EQ(ship->start, make_time(2024, 7, 5, 0));
  EXPECT_EQ(ship->end, make_time(2024, 7, 5, 2));
  ASSERT_NE(find(r, "412000001"), nullptr);
}

TEST(LoadTable, LowerCaseColumnsAndEpochTimes) {
  const LoadResult r = load("tracks_lower.csv");
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(r.events.size(), 2u);
  const Event* b = find(r, "b");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->geometry.lines[0].times,
            (std::vector<geo::Seconds>{1709251200, 1709251800, 1709252400}));
  EXPECT_EQ(find(r, "a")->start, make_time(2024, 3, 1));
}

TEST(LoadTable, ColumnOverrides) {
  LoadOptions options;
  options.id_column = "unit";
  options.time_column = "WHEN_UTC";  // matched case-insensitively
  options.lon_column = "easting_deg";
  options.lat_column = "northing_deg";
  const LoadResult r = load("custom_columns.csv", options);
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(r.events.size(), 2u) << all_warnings(r);
  const Event* u1 = find(r, "U1");
  ASSERT_NE(u1, nullptr);
  ASSERT_EQ(u1->geometry.lines.size(), 1u);
  EXPECT_EQ(u1->start, make_time(2024, 5, 1, 6));
  EXPECT_EQ(u1->end, make_time(2024, 5, 1, 7));
  const Event* u2 = find(r, "U2");  // one row: a point at one instant
  ASSERT_NE(u2, nullptr);
  ASSERT_EQ(u2->geometry.points.size(), 1u);
  EXPECT_EQ(u2->start, make_time(2024, 4, 30, 21));

  options.id_column = "nope";
  const LoadResult bad = load("custom_columns.csv", options);
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.error.rfind("no column 'nope' (--id-column)", 0), 0u) << bad.error;
}

TEST(LoadKml, TimeSpanAndTimeStamp) {
  const LoadResult r = load("events.kml");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.driver, "LIBKML");
  ASSERT_EQ(r.events.size(), 2u) << all_warnings(r);
  const Event& span = r.events[0];
  EXPECT_EQ(span.name, "Span placemark");
  EXPECT_EQ(span.start, make_time(2023, 6, 6, 1));
  EXPECT_EQ(span.end, make_time(2023, 6, 6, 9));
  ASSERT_EQ(span.geometry.lines.size(), 1u);
  EXPECT_EQ(span.geometry.lines[0].times.front(), span.start);
  const Event& stamp = r.events[1];
  EXPECT_EQ(stamp.name, "Stamp placemark");
  EXPECT_EQ(stamp.start, make_time(2023, 6, 7, 12));
  EXPECT_EQ(stamp.end, stamp.start);
  ASSERT_EQ(stamp.geometry.points.size(), 1u);
  EXPECT_NEAR(stamp.geometry.points[0].lon, 129.5, 1e-9);
}

// --- generic layers in a projected CRS ------------------------------------------------------

namespace {

const std::vector<LonLat> kPolarTrack = {{160.0, 70.0}, {160.2, 70.1}, {160.4, 70.15}};
const LonLat kPolarPoint{-150.5, 72.25};

// Writes a layer in EPSG:3995 (Arctic polar stereographic): a timed line and a point.
void write_polar_layer(const std::string& driver_name, const std::string& path) {
  GDALAllRegister();
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name.c_str());
  ASSERT_NE(driver, nullptr);
  GDALDatasetUniquePtr ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  ASSERT_NE(ds, nullptr);
  OGRSpatialReference polar, wgs84;
  ASSERT_EQ(polar.importFromEPSG(3995), OGRERR_NONE);
  polar.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  wgs84.SetWellKnownGeogCS("WGS84");
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  std::unique_ptr<OGRCoordinateTransformation> to_polar(OGRCreateCoordinateTransformation(&wgs84, &polar));
  ASSERT_NE(to_polar, nullptr);

  const bool shapefile = driver_name == "ESRI Shapefile";
  OGRLayer* layer = ds->CreateLayer("patrols", &polar, shapefile ? wkbUnknown : wkbUnknown, nullptr);
  ASSERT_NE(layer, nullptr);
  OGRFieldDefn name("name", OFTString), kind("kind", OFTString);
  OGRFieldDefn start("start", shapefile ? OFTDate : OFTDateTime), end("end", OFTString);
  for (OGRFieldDefn* f : {&name, &kind, &start, &end}) ASSERT_EQ(layer->CreateField(f), OGRERR_NONE);

  auto project = [&](LonLat p) {
    double x = p.lon, y = p.lat;
    EXPECT_TRUE(to_polar->Transform(1, &x, &y));
    return std::pair{x, y};
  };
  {
    OGRFeature f(layer->GetLayerDefn());
    f.SetField("name", "Polar track");
    f.SetField("kind", "naval patrol");
    f.SetField("start", 2024, 1, 2, 0, 0, 0, 100);
    f.SetField("end", "2024-01-02T06:00:00Z");
    OGRLineString line;
    for (LonLat p : kPolarTrack) {
      auto [x, y] = project(p);
      line.addPoint(x, y);
    }
    f.SetGeometry(&line);
    ASSERT_EQ(layer->CreateFeature(&f), OGRERR_NONE);
  }
  if (!shapefile) {  // a Shapefile holds one geometry type
    OGRFeature f(layer->GetLayerDefn());
    f.SetField("name", "Polar point");
    f.SetField("start", 2024, 1, 3, 12, 0, 0, 100);
    auto [x, y] = project(kPolarPoint);
    OGRPoint point(x, y);
    f.SetGeometry(&point);
    ASSERT_EQ(layer->CreateFeature(&f), OGRERR_NONE);
  }
}

void expect_polar_track(const LoadResult& r) {
  ASSERT_TRUE(r.ok()) << r.error << all_warnings(r);
  const Event& e = r.events[0];
  EXPECT_EQ(e.name, "Polar track");
  EXPECT_EQ(e.kind, "naval_patrol");
  EXPECT_EQ(e.start, make_time(2024, 1, 2));
  EXPECT_EQ(e.end, make_time(2024, 1, 2, 6));
  ASSERT_EQ(e.geometry.lines.size(), 1u);
  const geo::Line& line = e.geometry.lines[0];
  ASSERT_EQ(line.coords.size(), kPolarTrack.size());  // short legs: nothing densified
  for (std::size_t i = 0; i < kPolarTrack.size(); ++i) {
    EXPECT_NEAR(line.coords[i].lon, kPolarTrack[i].lon, 1e-6);
    EXPECT_NEAR(line.coords[i].lat, kPolarTrack[i].lat, 1e-6);
  }
  EXPECT_EQ(line.times.front(), e.start);
  EXPECT_EQ(line.times.back(), e.end);
}

}  // namespace

TEST(LoadLayer, GeoPackageInEpsg3995IsReprojected) {
  TempDir dir;
  const std::string path = dir.file("polar.gpkg");
  write_polar_layer("GPKG", path);
  const LoadResult r = geo::load_events(path);
  EXPECT_EQ(r.driver, "GPKG");
  ASSERT_EQ(r.events.size(), 2u) << r.error << all_warnings(r);
  expect_polar_track(r);
  const Event& point = r.events[1];
  ASSERT_EQ(point.geometry.points.size(), 1u);
  EXPECT_NEAR(point.geometry.points[0].lon, kPolarPoint.lon, 1e-6);
  EXPECT_NEAR(point.geometry.points[0].lat, kPolarPoint.lat, 1e-6);
  EXPECT_EQ(point.start, make_time(2024, 1, 3, 12));
  EXPECT_EQ(point.end, point.start);
}

TEST(LoadLayer, ShapefileInEpsg3995IsReprojected) {
  TempDir dir;
  const std::string path = dir.file("polar.shp");
  write_polar_layer("ESRI Shapefile", path);
  const LoadResult r = geo::load_events(path);
  EXPECT_EQ(r.driver, "ESRI Shapefile");
  ASSERT_EQ(r.events.size(), 1u) << r.error << all_warnings(r);
  expect_polar_track(r);
}

TEST(LoadLayer, PlainGeoJsonWithDateAttribute) {
  TempDir dir;
  const std::string path = dir.file("dated.geojson", R"({"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"title": "Dated", "date": "2021-10-17"}, "geometry": {"type": "Point", "coordinates": [140, 41]}},
    {"type": "Feature", "properties": {"title": "Timeless"}, "geometry": {"type": "Point", "coordinates": [141, 42]}}
  ]})");
  const LoadResult r = geo::load_events(path);
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(r.events.size(), 2u);
  EXPECT_EQ(r.events[0].start, make_time(2021, 10, 17));
  EXPECT_EQ(r.events[0].end, make_time(2021, 10, 17, 23, 59, 59));  // a date covers the day
  EXPECT_EQ(r.events[0].attributes.at("title"), "Dated");
  EXPECT_FALSE(r.events[1].timed());
  EXPECT_TRUE(has_warning(r, "feature 2: no time: loaded as untimed (always shown)")) << all_warnings(r);
}

TEST(LoadTable, GeoPackagePointsInEpsg3995AreGroupedSortedAndReprojected) {
  GDALAllRegister();
  TempDir dir;
  const std::string path = dir.file("positions.gpkg");
  {
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    ASSERT_NE(driver, nullptr);
    GDALDatasetUniquePtr ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    ASSERT_NE(ds, nullptr);
    OGRSpatialReference polar, wgs84;
    ASSERT_EQ(polar.importFromEPSG(3995), OGRERR_NONE);
    polar.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> to_polar(OGRCreateCoordinateTransformation(&wgs84, &polar));
    OGRLayer* layer = ds->CreateLayer("positions", &polar, wkbPoint, nullptr);
    ASSERT_NE(layer, nullptr);
    OGRFieldDefn id("Track_ID", OFTString), time("Timestamp", OFTDateTime);
    ASSERT_EQ(layer->CreateField(&id), OGRERR_NONE);
    ASSERT_EQ(layer->CreateField(&time), OGRERR_NONE);
    // Rows out of time order: hour 2, 0, 1.
    for (int hour : {2, 0, 1}) {
      OGRFeature f(layer->GetLayerDefn());
      f.SetField("Track_ID", "K1");
      f.SetField("Timestamp", 2024, 2, 1, hour, 0, 0, 100);
      double x = 170.0 + hour * 0.1, y = 75.0;
      ASSERT_TRUE(to_polar->Transform(1, &x, &y));
      OGRPoint point(x, y);
      f.SetGeometry(&point);
      ASSERT_EQ(layer->CreateFeature(&f), OGRERR_NONE);
    }
  }
  const LoadResult r = geo::load_events(path);
  ASSERT_TRUE(r.ok()) << r.error << all_warnings(r);
  EXPECT_EQ(r.driver, "GPKG");
  ASSERT_EQ(r.events.size(), 1u);
  const Event& e = r.events[0];
  EXPECT_EQ(e.id, "K1");
  ASSERT_EQ(e.geometry.lines.size(), 1u);
  const geo::Line& line = e.geometry.lines[0];
  ASSERT_EQ(line.coords.size(), 3u);
  for (int hour = 0; hour < 3; ++hour) {
    EXPECT_EQ(line.times[hour], make_time(2024, 2, 1, hour));
    EXPECT_NEAR(line.coords[hour].lon, 170.0 + hour * 0.1, 1e-6);
    EXPECT_NEAR(line.coords[hour].lat, 75.0, 1e-6);
  }
}

TEST(LoadGpx, MissingPointTimesAreInterpolatedAndTimelessTracksAreUntimed) {
  TempDir dir;
  const std::string path = dir.file("partial.gpx", R"(<?xml version="1.0"?>
<gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1">
  <trk><name>Partial</name><trkseg>
    <trkpt lat="10" lon="10"><time>2024-01-01T00:00:00Z</time></trkpt>
    <trkpt lat="10" lon="10.1"></trkpt>
    <trkpt lat="10" lon="10.2"><time>2024-01-01T02:00:00Z</time></trkpt>
  </trkseg></trk>
  <trk><name>Timeless</name><trkseg>
    <trkpt lat="20" lon="20"></trkpt><trkpt lat="20" lon="20.1"></trkpt>
  </trkseg></trk>
</gpx>)");
  const LoadResult r = geo::load_events(path);
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(r.events.size(), 2u) << all_warnings(r);
  const Event* partial = find(r, "Partial");
  ASSERT_NE(partial, nullptr);
  EXPECT_NEAR(static_cast<double>(partial->geometry.lines[0].times[1]), make_time(2024, 1, 1, 1), 1.0);
  const Event* timeless = find(r, "Timeless");
  ASSERT_NE(timeless, nullptr);
  EXPECT_FALSE(timeless->timed());
  EXPECT_TRUE(has_warning(r, "track 2 (Timeless): no time: loaded as untimed (always shown)")) << all_warnings(r);
}

// --- bad input ----------------------------------------------------------------------------

TEST(LoadBad, WholeFileProblems) {
  TempDir dir;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {kData + "/bad/empty.geojson", "empty file"},
      {kData + "/bad/junk.bin", "not a recognised vector format"},
      {kData + "/bad", "is a directory, not a file"},
      {kData + "/bad/no-such-file.geojson", "no such file"},
      {"", "no file name"},
      {kData + "/bad/laughs.gpx", "XML entity declarations are not accepted"},
  };
  for (const auto& [path, message] : cases) {
    const LoadResult r = geo::load_events(path);
    EXPECT_FALSE(r.ok()) << path;
    EXPECT_EQ(r.error, message) << path;
    EXPECT_TRUE(r.events.empty());
  }
  const std::string kml = dir.file("entities.kml", R"(<?xml version="1.0"?>
<!DOCTYPE kml [ <!ENTITY a "aaaaaaaaaa"> ]>
<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>&a;</name><Point><coordinates>1,2</coordinates></Point></Placemark></kml>)");
  EXPECT_EQ(geo::load_events(kml).error, "XML entity declarations are not accepted");
  const LoadResult truncated = load("bad/truncated.geojson");
  EXPECT_EQ(truncated.error.rfind("not valid JSON: parse error at line", 0), 0u) << truncated.error;
}

TEST(LoadBad, ImpossibleDate) {
  const LoadResult r = load("bad/impossible_date.geojson");
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.skipped, 1);
  EXPECT_EQ(r.warnings,
            std::vector<std::string>{"feature 2 (Not a day): field 'start': invalid time '2024-02-30': day out of range"});
  EXPECT_EQ(r.events[0].end, make_time(2024, 3, 1, 23, 59, 59));  // leap day accepted
}

TEST(LoadBad, CoordinatesOutOfRange) {
  const LoadResult r = load("bad/out_of_range.geojson");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.skipped, 1);
  EXPECT_TRUE(has_warning(r, "feature 1 (Too far north): field 'geometry': latitude 95 out of range")) << all_warnings(r);
  // A longitude beyond 180 is wrapped, not refused: 181.5 is -178.5.
  const Event* east = find(r, "east");
  ASSERT_NE(east, nullptr);
  EXPECT_DOUBLE_EQ(east->geometry.points.at(0).lon, -178.5);
}

TEST(LoadBad, NotANumberInATable) {
  const LoadResult r = load("bad/nan.csv");
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.skipped, 2);
  EXPECT_EQ(r.events[0].geometry.lines[0].coords.size(), 2u);
  EXPECT_TRUE(has_warning(r, "row 2 (a): field 'lon': value nan is not finite")) << all_warnings(r);
  EXPECT_TRUE(has_warning(r, "row 3 (a): field 'lat': not a number 'abc'")) << all_warnings(r);
}

TEST(LoadBad, PartlyBadFileKeepsItsGoodFeatures) {
  const LoadResult r = load("bad/partly_bad.geojson");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.events.size(), 3u);
  EXPECT_EQ(r.skipped, 2);
  EXPECT_EQ(r.warnings, (std::vector<std::string>{
                            "feature 2 (Vostok-2022): field 'start': invalid time '2022-13-01': month out of range",
                            "feature 4 (Off the globe): field 'geometry': latitude 91 out of range"}));
  for (const char* id : {"good-1", "good-2", "good-3"}) EXPECT_NE(find(r, id), nullptr) << id;
}

TEST(LoadBad, MalformedNativeFeatures) {
  TempDir dir;
  const std::string path = dir.file("odd.geojson", R"({"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"name": "Backwards", "kind": "transit", "start": "2024-05-02", "end": "2024-05-01T00:00:00Z"}, "geometry": null},
    {"type": "Feature", "properties": {"name": "Bad times", "kind": "transit", "start": "2024-05-01", "times": ["2024-05-01T01:00:00Z", "soon"]}, "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}},
    {"type": "Feature", "properties": {"name": "Bad coordinate", "kind": "transit", "start": "2024-05-01"}, "geometry": {"type": "Point", "coordinates": ["x", 1]}},
    {"type": "Feature", "properties": {"name": "Epoch", "kind": "transit", "start": 1714521600, "end": 1714525200000}, "geometry": {"type": "Point", "coordinates": [1, 1]}},
    {"type": "Feature", "properties": {"name": "Decreasing", "kind": "transit", "times": ["2024-05-01T02:00:00Z", "2024-05-01T01:00:00Z"]}, "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}}
  ]})");
  const LoadResult r = geo::load_events(path);
  ASSERT_EQ(r.events.size(), 1u) << all_warnings(r);
  EXPECT_EQ(r.events[0].start, make_time(2024, 5, 1));
  EXPECT_EQ(r.events[0].end, make_time(2024, 5, 1, 1));
  EXPECT_EQ(r.skipped, 4);
  EXPECT_TRUE(has_warning(r, "feature 1 (Backwards): field 'end': end 2024-05-01T00:00:00Z is before start 2024-05-02T00:00:00Z"))
      << all_warnings(r);
  EXPECT_TRUE(has_warning(r, "feature 2 (Bad times): field 'times': vertex 2: invalid time 'soon': not a date or time"))
      << all_warnings(r);
  EXPECT_TRUE(has_warning(r, "feature 3 (Bad coordinate): field 'geometry': coordinate [\"x\",1] is not a number"))
      << all_warnings(r);
  EXPECT_TRUE(has_warning(r, "feature 5 (Decreasing): field 'times': time at vertex 2 (2024-05-01T01:00:00Z) is "
                             "before the time at an earlier vertex (2024-05-01T02:00:00Z)"))
      << all_warnings(r);
  // GDAL's own messages (here about the "x") come last, prefixed "GDAL: ".
  EXPECT_EQ(std::count_if(r.warnings.begin(), r.warnings.end(),
                          [](const std::string& w) { return w.rfind("feature ", 0) == 0; }),
            4);
  for (const auto& w : r.warnings) EXPECT_TRUE(w.rfind("feature ", 0) == 0 || w.rfind("GDAL: ", 0) == 0) << w;
}

TEST(LoadBad, NeverThrowsOnOddFiles) {
  TempDir dir;
  const std::vector<std::pair<std::string, std::string>> files = {
      {"a.geojson", "{"},
      {"b.geojson", "[]"},
      {"c.geojson", R"({"type": "FeatureCollection", "features": 7})"},
      {"d.gpx", "<gpx><trk><trkseg><trkpt lat=\"1\" lon=\"2\"><time>2024-02-30T00:00:00Z</time></trkpt>"},
      {"e.kml", "<kml><Document><Placemark><name>x</name>"},
      {"f.csv", "track_id,time,lon,lat\n"},
      {"g.csv", "\xff\xfe\x00\x01"},
      {"h.geojson", R"({"type": "Feature", "properties": {"start": "2024-01-01"}, "geometry": {"type": "Point", "coordinates": [1e400, 1]}})"},
  };
  for (const auto& [name, text] : files) {
    const LoadResult r = geo::load_events(dir.file(name, text));
    EXPECT_TRUE(r.events.empty()) << name;
    EXPECT_FALSE(r.ok()) << name;
  }
}

// --- the streaming GPX track reader ---------------------------------------------------------

TEST(LoadGpx, PrefixedElementsRoutesAndWaypoints) {
  TempDir dir;
  const std::string path = dir.file("prefixed.gpx", R"(<?xml version="1.0"?>
<gpx:gpx version="1.1" creator="t" xmlns:gpx="http://www.topografix.com/GPX/1/1">
  <gpx:wpt lat="43.0" lon="131.9"><gpx:name>Vladivostok</gpx:name><gpx:time>2024-09-20T00:00:00Z</gpx:time></gpx:wpt>
  <gpx:trk><gpx:name>Prefixed</gpx:name><gpx:trkseg>
    <gpx:trkpt lat=" 50.5 " lon="179.5"><gpx:time>2024-09-28T00:00:00Z</gpx:time></gpx:trkpt>
    <gpx:trkpt lat="51" lon="-179.5"><gpx:time>2024-09-28T06:00:00Z</gpx:time></gpx:trkpt>
  </gpx:trkseg></gpx:trk>
</gpx:gpx>)");
  const LoadResult r = geo::load_events(path);
  ASSERT_TRUE(r.ok()) << r.error;
  const Event* track = find(r, "Prefixed");
  ASSERT_NE(track, nullptr) << all_warnings(r);
  EXPECT_DOUBLE_EQ(track->geometry.lines[0].coords.front().lat, 50.5);
  EXPECT_EQ(track->end, make_time(2024, 9, 28, 6));
  for (const auto& p : track->geometry.lines[0].coords) EXPECT_GE(std::abs(p.lon), 179.0);  // the short way
  EXPECT_EQ(r.source_vertices, 3u);  // two track points and the waypoint
  const Event* waypoint = find(r, "Vladivostok");
  ASSERT_NE(waypoint, nullptr);
  ASSERT_EQ(waypoint->geometry.points.size(), 1u);
  EXPECT_EQ(waypoint->start, make_time(2024, 9, 20));
}

TEST(LoadGpx, TruncatedFileKeepsItsCompleteTracks) {
  TempDir dir;
  const std::string path = dir.file("truncated.gpx", R"(<?xml version="1.0"?>
<gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1">
  <trk><name>Whole</name><trkseg>
    <trkpt lat="10" lon="10"><time>2024-01-01T00:00:00Z</time></trkpt>
    <trkpt lat="10" lon="11"><time>2024-01-01T01:00:00Z</time></trkpt>
  </trkseg></trk>
  <trk><name>Cut</name><trkseg>
    <trkpt lat="20" lon="20"><time>2024-01-01T00:00:00Z</time></trkpt>
    <trkpt lat="20" lon=)");
  const LoadResult r = geo::load_events(path);
  ASSERT_TRUE(r.error.empty()) << r.error;
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].name, "Whole");
  EXPECT_TRUE(has_warning(r, "XML error at line 9: unclosed token (the rest of the file is ignored)"))
      << all_warnings(r);
}

// --- every source through GDAL's virtual file systems ---------------------------------------

namespace {

using patrolscope::testing::read_file;

// Writes `text` to a VSI path (GDAL writes zip members and gzip streams itself).
void write_vsi(const std::string& path, const std::string& text) {
  VSILFILE* f = VSIFOpenL(path.c_str(), "wb");
  ASSERT_NE(f, nullptr) << path;
  EXPECT_EQ(VSIFWriteL(text.data(), 1, text.size(), f), text.size());
  VSIFCloseL(f);
}

}  // namespace

TEST(LoadVsi, GpxAndGeoJsonInsideAZip) {
  TempDir dir;
  const std::string zip = dir.file("bundle.zip");
  write_vsi("/vsizip/" + zip + "/tracks.gpx", read_file(kData + "/tracks.gpx"));
  write_vsi("/vsizip/" + zip + "/native.geojson", read_file(kData + "/native.geojson"));
  ASSERT_TRUE(fs::exists(zip));

  const LoadResult gpx = geo::load_events("/vsizip/" + zip + "/tracks.gpx");
  ASSERT_TRUE(gpx.ok()) << gpx.error;
  EXPECT_EQ(gpx.driver, "GPX");
  EXPECT_EQ(gpx.events.size(), load("tracks.gpx").events.size());
  EXPECT_NE(find(gpx, "Alpha"), nullptr);

  const LoadResult json = geo::load_events("/vsizip/" + zip + "/native.geojson");
  ASSERT_TRUE(json.ok()) << json.error;
  EXPECT_EQ(json.events.size(), 5u);

  const LoadResult missing = geo::load_events("/vsizip/" + zip + "/absent.gpx");
  EXPECT_EQ(missing.error, "no such file");
}

TEST(LoadVsi, GzippedGpxAndCsv) {
  TempDir dir;
  const std::string gpx = dir.file("tracks.gpx.gz"), csv = dir.file("ais.csv.gz");
  write_vsi("/vsigzip/" + gpx, read_file(kData + "/tracks.gpx"));
  write_vsi("/vsigzip/" + csv, read_file(kData + "/ais.csv"));
  const LoadResult a = geo::load_events("/vsigzip/" + gpx);
  ASSERT_TRUE(a.ok()) << a.error;
  EXPECT_EQ(a.events.size(), load("tracks.gpx").events.size());
  const LoadResult b = geo::load_events("/vsigzip/" + csv);
  ASSERT_TRUE(b.ok()) << b.error;
  EXPECT_EQ(b.events.size(), load("ais.csv").events.size());
}

// --- every loader ends through the same summary ---------------------------------------------

TEST(LoadSummary, GpxWarningsAreCappedWithASummaryLine) {
  TempDir dir;
  std::string text = R"(<?xml version="1.0"?><gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1">)";
  for (int i = 0; i < 250; ++i) text += fmt::format(R"(<wpt lat="10" lon="{}"><name>w{}</name></wpt>)", i * 0.1, i);
  text += "</gpx>";
  const LoadResult r = geo::load_events(dir.file("untimed.gpx", text));
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.events.size(), 250u);
  ASSERT_EQ(r.warnings.size(), 201u);
  EXPECT_EQ(r.warnings.front(), "waypoint 1 (w0): no time: loaded as untimed (always shown)");
  EXPECT_EQ(r.warnings.back(), "… and 50 more warnings");
}

TEST(LoadSummary, TableWarningsAreCappedWithASummaryLine) {
  TempDir dir;
  std::string text = "id,time,lon,lat\n";
  for (int i = 0; i < 230; ++i) text += fmt::format("a,2024-01-01T00:00:{:02d}Z,1,{}\n", i % 60, 95 + i);
  text += "a,2024-01-02,1,1\n";
  const LoadResult r = geo::load_events(dir.file("bad_rows.csv", text));
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.skipped, 230);
  ASSERT_EQ(r.warnings.size(), 201u);
  EXPECT_EQ(r.warnings.back(), "… and 30 more warnings");
}

// --- longitudes beyond ±180 ---------------------------------------------------------------

TEST(LoadLongitudes, ZeroTo360AndUnwrappedDataAreWrappedWithOneNotePerFile) {
  TempDir dir;
  std::string text = "id,time,lon,lat\n";
  text += "east,2024-01-01T00:00:00Z,170,50\neast,2024-01-01T01:00:00Z,185,50.5\neast,2024-01-01T02:00:00Z,200,51\n";
  for (int i = 0; i < 300; ++i)  // an unwrapped track just west of 180: one note, not 300 warnings
    text += fmt::format("west,2024-01-02T00:{:02d}:{:02d}Z,{},10\n", i / 60, i % 60, -180.04 - i * 0.001);
  const LoadResult r = geo::load_events(dir.file("pacific.csv", text));
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.skipped, 0);
  EXPECT_EQ(r.warnings,
            std::vector<std::string>{"302 longitudes outside -180..180 were wrapped into that range (0–360 or unwrapped data)"});
  const Event* east = find(r, "east");
  ASSERT_NE(east, nullptr);
  const auto& coords = east->geometry.lines.at(0).coords;
  EXPECT_DOUBLE_EQ(coords.front().lon, 170);
  EXPECT_DOUBLE_EQ(coords.back().lon, -160);
  for (const LonLat& p : coords) EXPECT_TRUE(p.lon >= 170 || p.lon <= -160) << p.lon;  // the short way
  const Event* west = find(r, "west");
  ASSERT_NE(west, nullptr);
  EXPECT_NEAR(west->geometry.lines.at(0).coords.front().lon, 179.96, 1e-9);
}

TEST(LoadLongitudes, GpxAndGeoJsonLongitudesAreWrappedToo) {
  TempDir dir;
  const LoadResult gpx = geo::load_events(dir.file("wrapped.gpx", R"(<?xml version="1.0"?>
<gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>T</name><trkseg>
<trkpt lat="50" lon="359.5"><time>2024-01-01T00:00:00Z</time></trkpt>
<trkpt lat="50" lon="360.5"><time>2024-01-01T01:00:00Z</time></trkpt></trkseg></trk></gpx>)"));
  ASSERT_TRUE(gpx.ok()) << gpx.error;
  EXPECT_EQ(gpx.warnings.size(), 1u) << all_warnings(gpx);
  EXPECT_DOUBLE_EQ(gpx.events[0].geometry.lines[0].coords.back().lon, 0.5);
  const LoadResult json = geo::load_events(dir.file("wrapped.geojson", R"({"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"kind": "transit", "start": "2024-01-01"}, "geometry": {"type": "Point", "coordinates": [-190, 1]}}]})"));
  ASSERT_TRUE(json.ok()) << json.error;
  EXPECT_DOUBLE_EQ(json.events[0].geometry.points[0].lon, 170);
  EXPECT_EQ(json.warnings.size(), 1u) << all_warnings(json);
  const LoadResult infinite = geo::load_events(dir.file("inf.csv", "id,time,lon,lat\na,2024-01-01,inf,1\n"));
  EXPECT_FALSE(infinite.ok());
  EXPECT_TRUE(has_warning(infinite, "row 1 (a): field 'lon': value inf is not finite")) << all_warnings(infinite);
}

// 170°, 185°, 200° is one short track across the dateline: on the Pacific map one piece with
// no jump across the map.
TEST(LoadLongitudes, DatelineCrossingIn0To360DataDrawsAsOneTrack) {
  TempDir dir;
  const LoadResult r = geo::load_events(dir.file("crossing.csv",
      "id,time,lon,lat\nv,2024-01-01T00:00:00Z,170,50\nv,2024-01-01T06:00:00Z,185,51\nv,2024-01-01T12:00:00Z,200,52\n"));
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(r.events.size(), 1u);
  ASSERT_EQ(r.source_vertices, 3u);  // no row dropped
  geo::SceneInput input;
  input.events = &r.events;
  const geo::Scene scene = geo::build_scene(input, geo::MapProjection::create("pacific"));
  ASSERT_GT(scene.tracks.size(), 3u);
  int pieces = 0;
  for (const auto& v : scene.tracks) pieces += (v.feature & geo::TrackVertex::kPieceStart) != 0;
  EXPECT_EQ(pieces, 1);
  for (std::size_t i = 1; i < scene.tracks.size(); ++i)
    EXPECT_LT(std::abs(scene.tracks[i].x - scene.tracks[i - 1].x), 1.5e5) << i;  // densified: ≤ 50 km steps
}

// --- tables whose columns are not recognised ------------------------------------------------

TEST(LoadColumns, UnrecognisedColumnsAreAnErrorThatNamesThemAndTheFlags) {
  TempDir dir;
  const std::string path = dir.file("vessels.csv",
                                    "vessel,ts,longitude_deg,latitude_deg\n"
                                    "A,2024-05-01T00:00:00Z,150,40\nA,2024-05-01T06:00:00Z,151,41\n");
  const LoadResult r = geo::load_events(path);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.error,
            "no longitude/latitude or time columns found (columns: vessel, ts, longitude_deg, latitude_deg); "
            "name them with --lon-column, --lat-column, --time-column (and --id-column to group rows into tracks)");
  EXPECT_TRUE(r.events.empty());

  LoadOptions named;
  named.lon_column = "longitude_deg";
  named.lat_column = "latitude_deg";
  named.time_column = "ts";
  named.id_column = "vessel";
  const LoadResult fixed = geo::load_events(path, named);
  ASSERT_TRUE(fixed.ok()) << fixed.error;
  ASSERT_EQ(fixed.events.size(), 1u);
  EXPECT_EQ(fixed.events[0].id, "A");
  EXPECT_EQ(fixed.events[0].end, make_time(2024, 5, 1, 6));
}

TEST(LoadColumns, TimeButNoPositionColumns) {
  TempDir dir;
  const LoadResult r = geo::load_events(dir.file("events.csv", "name,date,place\nVostok,2022-09-01,Sea of Japan\n"));
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.error, "no longitude/latitude columns found (columns: name, date, place); "
                     "name them with --lon-column, --lat-column");
}

TEST(LoadColumns, PositionsButNoTimeColumnSayWhichColumnsThereAre) {
  TempDir dir;
  const LoadResult r = geo::load_events(dir.file("points.csv", "name,lon,lat,when_seen\nA,150,40,yesterday\n"));
  ASSERT_TRUE(r.ok()) << r.error;  // usable: an untimed point
  ASSERT_FALSE(r.warnings.empty());
  EXPECT_EQ(r.warnings[0], "layer 'points': no time column found (columns: name, lon, lat, when_seen): features load "
                           "untimed; time columns are start/end, time, date … or, for positions, --time-column");
}

TEST(LoadVsi, FileHandleIsMoveOnlyAndClosesOnce) {
  static_assert(!std::is_copy_constructible_v<geo::VsiFile> && !std::is_copy_assignable_v<geo::VsiFile>);
  static_assert(std::is_nothrow_move_constructible_v<geo::VsiFile> && std::is_nothrow_move_assignable_v<geo::VsiFile>);
  geo::VsiFile a(kData + "/tracks.gpx");
  ASSERT_TRUE(a);
  geo::VsiFile b(std::move(a));
  EXPECT_FALSE(a);  // NOLINT(bugprone-use-after-move): the moved-from handle owns nothing
  char head[5] = {};
  EXPECT_EQ(b.read(head, 5), 5u);
  EXPECT_EQ(std::string(head, 5), "<?xml");
  b = geo::VsiFile(kData + "/absent.gpx");
  EXPECT_FALSE(b);
  EXPECT_EQ(b.read(head, 5), 0u);
}

TEST(LoadVsi, ZippedShapefileByTheArchiveOrItsMember) {
  TempDir dir;
  const std::string shp = dir.file("polar.shp");
  write_polar_layer("ESRI Shapefile", shp);
  const std::string zip = dir.file("polar.zip");
  for (const char* ext : {".shp", ".shx", ".dbf", ".prj"})
    write_vsi("/vsizip/" + zip + "/polar" + ext, read_file((dir.path() / "polar").string() + ext));
  for (const std::string& path : {"/vsizip/" + zip, "/vsizip/" + zip + "/polar.shp"}) {
    const LoadResult r = geo::load_events(path);
    ASSERT_EQ(r.events.size(), 1u) << path << ": " << r.error << all_warnings(r);
    expect_polar_track(r);
  }
}
