// `patrolscope analyze` end to end: the bundled air patrols through the bundled ECS ADIZ, a
// user zone in a projected CRS across 180°, the CSV columns, bad zone files.
#include <gtest/gtest.h>

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <memory>
#include <set>
#include <sstream>
#include <vector>
#include <string>

#include "support/cli.hpp"
#include "time.hpp"

namespace {

using patrolscope::testing::quoted;
using patrolscope::testing::run_cli;

TEST(CliAnalyze, BundledAirPatrolsCrossTheEastChinaSeaAdiz) {
  const auto r = run_cli("analyze --json --kind air_patrol");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_GE(j["events"].size(), 5u);
  for (const auto& e : j["events"]) {
    EXPECT_EQ(e["basis"], "computed from a schematic route") << e["id"];
    EXPECT_GT(e["length_km"].get<double>(), 1000) << e["id"];
  }
  std::set<std::string> crossing_events;
  for (const auto& c : j["crossings"]) {
    EXPECT_EQ(c["zone"], "China ECS ADIZ");
    EXPECT_EQ(c["zone_quality"], "approximate");
    EXPECT_EQ(c["basis"], "computed from a schematic route");
    if (!c["entry"].is_null() && !c["exit"].is_null()) {
      EXPECT_LE(c["entry"]["time"].get<std::string>(), c["exit"]["time"].get<std::string>());
    }
    crossing_events.insert(c["event_id"].get<std::string>());
  }
  EXPECT_GE(crossing_events.size(), 3u) << r.out;
}

// A square from 179°E to 179°W, 51–53°N, written in PDC Mercator (EPSG:3832) as a GeoPackage.
std::string write_projected_square(const std::filesystem::path& path) {
  GDALAllRegister();
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
  GDALDatasetUniquePtr ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  OGRSpatialReference lonlat, mercator;
  lonlat.importFromEPSG(4326);
  lonlat.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  mercator.importFromEPSG(3832);
  OGRLayer* layer = ds->CreateLayer("zones", &mercator, wkbPolygon, nullptr);
  OGRFieldDefn name("name", OFTString);
  layer->CreateField(&name);
  OGRLinearRing ring;
  for (auto [lon, lat] : {std::pair{179.0, 51.0}, {181.0, 51.0}, {181.0, 53.0}, {179.0, 53.0}, {179.0, 51.0}})
    ring.addPoint(lon, lat);
  OGRPolygon square;
  square.addRing(&ring);
  std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&lonlat, &mercator));
  square.transform(ct.get());
  OGRFeature feature(layer->GetLayerDefn());
  feature.SetField("name", "Bering box");
  feature.SetGeometry(&square);
  if (layer->CreateFeature(&feature) != OGRERR_NONE) ADD_FAILURE() << "cannot write the zone fixture";
  return path.string();
}

TEST(CliAnalyze, UserZoneInAProjectedCrsAcross180) {
  const auto dir = patrolscope::testing::scratch_dir() / "analyze";
  std::filesystem::create_directories(dir);
  const std::string zones = write_projected_square(dir / "box.gpkg");
  const std::string data = std::string(PATROLSCOPE_TEST_DATA) + "/native.geojson";
  const auto r = run_cli("analyze --csv --zones " + quoted(zones) + " " + quoted(data));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')),
            "row,event_id,event_name,quality,basis,length_km,duration_h,mean_speed_kmh,max_speed_kmh,"
            "zone,entry_time,entry_lon,entry_lat,exit_time,exit_lon,exit_lat,minutes_inside,"
            "approach_km,approach_time,approach_lon,approach_lat");
  // The bering-patrol track runs 170°E → 170°W in 10 h: the box (2° of 20°) is about an hour.
  std::string crossing;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("crossing,bering-patrol,", 0) == 0 && line.find("Bering box") != std::string::npos) crossing = line;
  ASSERT_FALSE(crossing.empty()) << r.out;
  std::vector<std::string> fields;
  std::istringstream cells(crossing);
  for (std::string cell; std::getline(cells, cell, ',');) fields.push_back(cell);
  ASSERT_GE(fields.size(), 17u);
  EXPECT_GE(fields[10], "2024-07-24T04:00:00Z");
  EXPECT_LE(fields[10], "2024-07-24T05:00:00Z");
  EXPECT_NEAR(std::stod(fields[11]), 179.0, 0.01);
  EXPECT_NEAR(std::stod(fields[14]), -179.0, 0.01);
  EXPECT_NEAR(std::stod(fields[16]), 60, 15);
}

TEST(CliAnalyze, AnUnreadableZoneFileIsAnInputErrorNamingIt) {
  const auto dir = patrolscope::testing::scratch_dir() / "analyze-bad";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "zones.geojson") << "{ not json";
  const auto r = run_cli("analyze --zones " + quoted((dir / "zones.geojson").string()));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("zones.geojson"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("China ECS ADIZ"), std::string::npos) << "the good zones still report";
}

TEST(CliAnalyze, APartlyBadZoneFileKeepsItsGoodZones) {
  const auto dir = patrolscope::testing::scratch_dir() / "analyze-partly-bad";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "zones.geojson") << R"({"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"name": "Sea of Japan box"},
     "geometry": {"type": "Polygon", "coordinates": [[[131, 38], [136, 38], [136, 42], [131, 42], [131, 38]]]}},
    {"type": "Feature", "properties": {"name": "A point"}, "geometry": {"type": "Point", "coordinates": [130, 40]}}]})";
  const auto r = run_cli("analyze --csv --kind air_patrol --zones " + quoted((dir / "zones.geojson").string()));
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("feature 2 (A point)"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find(",Sea of Japan box,"), std::string::npos);
}

}  // namespace

// A source's reported zone times are listed as reported, beside the crossings computed from the
// route for a loaded zone of that name, each labelled; never merged.
TEST(CliAnalyze, ReportedZoneTimesSitBesideTheComputedOnes) {
  const std::filesystem::path dir = patrolscope::testing::scratch_dir();
  const auto data = dir / "reported.geojson", zone = dir / "kadiz-box.geojson";
  std::ofstream(data) << R"J({"type":"FeatureCollection","features":[{"type":"Feature","properties":{
    "id":"p1","name":"Test patrol","kind":"air_patrol","start":"2024-01-01T00:00:00Z","end":"2024-01-01T04:00:00Z",
    "geometry_quality":"schematic","times":["2024-01-01T00:00:00Z","2024-01-01T04:00:00Z"],
    "reported_zone_times":"KADIZ 2024-01-01T01:10:00Z/2024-01-01T02:50:00Z (Test JCS)"},
    "geometry":{"type":"LineString","coordinates":[[128,36],[132,36]]}}]})J";
  std::ofstream(zone) << R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"KADIZ test box"},
    "geometry":{"type":"Polygon","coordinates":[[[129,35],[131,35],[131,37],[129,37],[129,35]]]}}]})";
  auto r = run_cli("analyze --json --zones " + quoted(zone.string()) + " " + quoted(data.string()));
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  const auto& rep = j["events"][0]["reported_zone_times"];
  ASSERT_EQ(rep.size(), 1u) << r.out;
  EXPECT_EQ(rep[0]["zone"], "KADIZ");
  EXPECT_EQ(rep[0]["reported"]["basis"], "reported");
  EXPECT_EQ(rep[0]["reported"]["entry"], "2024-01-01T01:10:00Z");
  EXPECT_DOUBLE_EQ(rep[0]["reported"]["minutes_inside"].get<double>(), 100.0);
  EXPECT_EQ(rep[0]["reported"]["reporter"], "Test JCS");
  ASSERT_FALSE(rep[0]["computed"].is_null());
  EXPECT_EQ(rep[0]["computed"]["zone"], "KADIZ test box");
  EXPECT_EQ(rep[0]["computed"]["basis"], "computed from a schematic route");
  ASSERT_EQ(rep[0]["computed"]["crossings"].size(), 1u);
  // 4° of longitude in 4 h, the box from 129° to 131°E: in at about 01:00, out at about 03:00.
  const std::string entry = rep[0]["computed"]["crossings"][0]["entry"]["time"];
  EXPECT_EQ(entry.substr(0, 15), "2024-01-01T01:0") << entry;

  r = run_cli("analyze --csv --zones " + quoted(zone.string()) + " " + quoted(data.string()));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("reported,p1,Test patrol,schematic,reported: Test JCS,,,,,KADIZ,2024-01-01T01:10:00Z"), std::string::npos)
      << r.out;
  r = run_cli("analyze --no-zones " + quoted(data.string()));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("KADIZ: reported 2024-01-01T01:10:00Z"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("computed: no zone named KADIZ is loaded"), std::string::npos) << r.out;
}

// A range ring analysed like any zone: a timed track along the equator through a 200 km ring
// around 0°,0° enters and leaves at ±1.79663° (200 km / 111.3195 km per degree), 1° an hour.
TEST(CliAnalyze, ARangeRingGivesEntryAndExitTimes) {
  const auto path = patrolscope::testing::scratch_dir() / "equator.geojson";
  std::ofstream(path) << R"({"type":"FeatureCollection","features":[{"type":"Feature",
    "properties":{"id":"e1","name":"Equator run","start":"2024-01-01T00:00:00Z","end":"2024-01-01T06:00:00Z"},
    "geometry":{"type":"LineString","coordinates":[[-3,0],[3,0]]}}]})";
  const auto r = run_cli("analyze --json --no-zones --ring Origin:0,0,200km " + path.string());
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["crossings"].size(), 1u) << r.out;
  const auto& c = j["crossings"][0];
  EXPECT_EQ(c["zone"], "200 km from Origin");
  const double edge_hours = 200 / 111.3195;
  const geo::Seconds start = geo::make_time(2024, 1, 1);
  const auto entry = geo::parse_time(c["entry"]["time"].get<std::string>());
  const auto exit = geo::parse_time(c["exit"]["time"].get<std::string>());
  ASSERT_TRUE(entry && exit) << c;
  EXPECT_NEAR(static_cast<double>(*entry - start), (3 - edge_hours) * 3600, 60) << c;
  EXPECT_NEAR(static_cast<double>(*exit - start), (3 + edge_hours) * 3600, 60) << c;
}
