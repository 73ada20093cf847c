// Export (geo/export): each format written through GDAL and read back by patrolscope's own
// loaders gives the same events, times, attributes, sources, quality and geometry; the
// positions CSV has one row per vertex with its time; a bad target leaves nothing.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "assets.hpp"
#include "export.hpp"
#include "load.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;

namespace {

class Export : public patrolscope::testing::TempDirTest {
 protected:
  std::vector<geo::Event> inputs() const {
    std::vector<geo::Event> events;
    for (const std::string& path : {geo::default_dataset_path(), std::string(PATROLSCOPE_TEST_DATA) + "/native.geojson",
                                    std::string(PATROLSCOPE_TEST_DATA) + "/tracks.gpx"}) {
      geo::LoadResult r = geo::load_events(path);
      EXPECT_TRUE(r.ok()) << path << ": " << r.error;
      for (geo::Event& e : r.events) events.push_back(std::move(e));
    }
    return events;
  }
  std::size_t files() const { return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir_), {})); }
};

void expect_same_geometry(const geo::Geometry& a, const geo::Geometry& b, const std::string& id) {
  ASSERT_EQ(a.lines.size(), b.lines.size()) << id;
  ASSERT_EQ(a.polygons.size(), b.polygons.size()) << id;
  ASSERT_EQ(a.points.size(), b.points.size()) << id;
  for (std::size_t l = 0; l < a.lines.size(); ++l) {
    ASSERT_EQ(a.lines[l].coords.size(), b.lines[l].coords.size()) << id;
    for (std::size_t i = 0; i < a.lines[l].coords.size(); ++i) {
      EXPECT_NEAR(a.lines[l].coords[i].lon, b.lines[l].coords[i].lon, 1e-7) << id;
      EXPECT_NEAR(a.lines[l].coords[i].lat, b.lines[l].coords[i].lat, 1e-7) << id;
    }
  }
  for (std::size_t p = 0; p < a.polygons.size(); ++p) {
    ASSERT_EQ(a.polygons[p].rings.size(), b.polygons[p].rings.size()) << id;
    for (std::size_t r = 0; r < a.polygons[p].rings.size(); ++r) {
      const auto &ra = a.polygons[p].rings[r], &rb = b.polygons[p].rings[r];
      ASSERT_GE(rb.size(), ra.size()) << id;  // the writer closes the ring
      for (std::size_t i = 0; i < ra.size(); ++i) EXPECT_NEAR(ra[i].lon, rb[i].lon, 1e-7) << id;
    }
  }
  for (std::size_t i = 0; i < a.points.size(); ++i) EXPECT_NEAR(a.points[i].lat, b.points[i].lat, 1e-7) << id;
}

}  // namespace

TEST_F(Export, EveryFormatReadsBackAsTheSameEvents) {
  const std::vector<geo::Event> events = inputs();
  ASSERT_GT(events.size(), 30u);
  for (const std::string ext : {"geojson", "gpkg", "kml", "csv", "fgb"}) {
    const std::string path = (dir_ / ("out." + ext)).string();
    const std::vector<std::string> left_out = geo::export_events(events, path);
    std::vector<const geo::Event*> kept;
    for (const geo::Event& e : events)
      if (ext != "fgb" || !e.geometry.empty()) kept.push_back(&e);
    // FlatGeobuf cannot hold the cyber event (no geometry): said, not silent.
    EXPECT_EQ(left_out.size(), events.size() - kept.size()) << ext;
    if (ext == "fgb") {
      EXPECT_NE(kept.size(), events.size());
    }
    const geo::LoadResult back = geo::load_events(path);
    ASSERT_TRUE(back.ok()) << ext << ": " << back.error;
    ASSERT_EQ(back.events.size(), kept.size()) << ext;
    for (std::size_t i = 0; i < kept.size(); ++i) {
      const geo::Event &a = *kept[i], &b = back.events[i];
      SCOPED_TRACE(ext + " " + a.id);
      EXPECT_EQ(a.id, b.id);
      EXPECT_EQ(a.name, b.name);
      EXPECT_EQ(a.kind, b.kind);
      EXPECT_EQ(a.start, b.start);
      EXPECT_EQ(a.end, b.end);
      EXPECT_EQ(a.domains, b.domains);
      EXPECT_EQ(a.participants, b.participants);
      EXPECT_EQ(a.force_types, b.force_types);
      EXPECT_EQ(a.sources, b.sources);
      EXPECT_EQ(a.quality, b.quality);
      EXPECT_EQ(a.notes, b.notes);
      for (const auto& [key, value] : a.attributes) {
        const auto it = b.attributes.find(key);
        ASSERT_NE(it, b.attributes.end()) << key;
        EXPECT_EQ(it->second, value) << key;
      }
      expect_same_geometry(a.geometry, b.geometry, a.id);
    }
  }
  EXPECT_EQ(files(), 5u) << "a temporary was left";
}

TEST_F(Export, ThePositionsCsvHasOneRowPerVertexWithItsTime) {
  const std::vector<geo::Event> events = inputs();
  const std::string path = (dir_ / "positions.csv").string();
  geo::export_events(events, path, /*positions=*/true);
  std::vector<std::string> expected;
  for (const geo::Event& e : events) {
    for (const geo::Line& line : e.geometry.lines)
      for (geo::Seconds t : line.times) expected.push_back(geo::format_time(t));
    for (std::size_t i = 0; i < e.geometry.points.size(); ++i) expected.push_back(e.timed() ? geo::format_time(e.start) : "");
  }
  std::ifstream in(path);
  std::string row;
  std::getline(in, row);
  EXPECT_EQ(row, "id,name,part,vertex,time,lon,lat");
  std::size_t n = 0;
  while (std::getline(in, row)) {
    ASSERT_LT(n, expected.size());
    EXPECT_NE(row.find("," + expected[n] + ","), std::string::npos) << row;
    ++n;
  }
  EXPECT_EQ(n, expected.size());
}

TEST_F(Export, ABadTargetIsRefusedAndLeavesNothing) {
  const std::vector<geo::Event> events = inputs();
  EXPECT_THROW(geo::export_events(events, (dir_ / "out.shp").string()), std::invalid_argument);
  EXPECT_THROW(geo::export_events(events, (dir_ / "out.geojson").string(), true), std::invalid_argument);
  EXPECT_THROW(geo::export_events(events, (dir_ / "missing" / "out.gpkg").string()), std::runtime_error);
  const fs::path kept = dir_ / "kept.gpkg";
  std::ofstream(kept) << "old";
  fs::permissions(kept, fs::perms::owner_read);
  if (::geteuid() != 0) {
    EXPECT_THROW(geo::export_events(events, kept.string()), std::runtime_error);
  }
  fs::create_directory(dir_ / "dir.kml");
  EXPECT_THROW(geo::export_events(events, (dir_ / "dir.kml").string()), std::runtime_error);
  EXPECT_EQ(files(), 2u) << "something was written";
}

// Vertex times are written with the event (`times`: one array per line) and read back as
// they were, not re-interpolated along the length: a track that waits and then runs keeps
// its times in every format.
TEST_F(Export, VertexTimesLoadBackEqual) {
  const fs::path source = dir_ / "timed.geojson";
  std::ofstream(source) << R"({"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"id": "waits", "kind": "air_patrol",
      "times": ["2024-07-24T00:00:00Z", "2024-07-24T00:01:00Z", "2024-07-24T05:00:00Z", "2024-07-24T05:02:00Z"]},
     "geometry": {"type": "LineString", "coordinates": [[170, 50], [170.2, 50], [170.4, 50], [170.6, 50]]}},
    {"type": "Feature", "properties": {"id": "two-legs", "kind": "naval_patrol",
      "times": [["2024-07-25T00:00:00Z", "2024-07-25T03:00:00Z"], ["2024-07-26T00:00:00Z", "2024-07-26T00:05:00Z"]]},
     "geometry": {"type": "MultiLineString", "coordinates": [[[140, 30], [140.1, 30]], [[141, 31], [141.3, 31]]]}}]})";
  const geo::LoadResult in = geo::load_events(source.string());
  ASSERT_EQ(in.events.size(), 2u) << in.error;
  ASSERT_EQ(in.events[0].geometry.lines.at(0).times.at(2), geo::make_time(2024, 7, 24, 5));
  fs::remove(source);
  for (const std::string ext : {"geojson", "gpkg", "kml", "csv", "fgb"}) {
    const std::string path = (dir_ / ("timed." + ext)).string();
    geo::export_events(in.events, path);
    const geo::LoadResult back = geo::load_events(path);
    ASSERT_TRUE(back.ok()) << ext << ": " << back.error;
    ASSERT_EQ(back.events.size(), in.events.size()) << ext;
    for (std::size_t i = 0; i < in.events.size(); ++i) {
      const geo::Geometry &a = in.events[i].geometry, &b = back.events[i].geometry;
      ASSERT_EQ(a.lines.size(), b.lines.size()) << ext;
      for (std::size_t l = 0; l < a.lines.size(); ++l) EXPECT_EQ(a.lines[l].times, b.lines[l].times) << ext << " event " << i;
      EXPECT_EQ(back.events[i].attributes.count("times"), 0u) << ext;
    }
  }
}
