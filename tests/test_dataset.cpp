// The bundled dataset (assets/data/china-russia-joint-activity.geojson) and the paper's Table 1
// (assets/data/paper-table1.csv): complete, sourced, timed, inside its regions, schematic where
// drawn, and loadable without a single skipped feature.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "assets.hpp"
#include "geodesic.hpp"
#include "load.hpp"
#include "regions.hpp"
#include "time.hpp"
#include "timeline.hpp"
#include "vocab.hpp"

namespace {

using geo::Event;
using geo::GeoBox;
using geo::LonLat;
using geo::Seconds;

const geo::LoadResult& dataset() {
  static const geo::LoadResult result = geo::load_events(geo::default_dataset_path());
  return result;
}

std::string describe(const Event& e) { return e.id + " (" + e.name + ")"; }

// Boxes for the region tags that have none in geo::region_box (outside the focus regions).
std::optional<GeoBox> test_box(const std::string& tag) {
  if (auto box = geo::region_box(tag)) return box;
  if (tag == "middle_east") return GeoBox{40, 10, 75, 35};     // Gulf of Oman, Arabian Sea, Gulf
  if (tag == "china_interior") return GeoBox{90, 20, 120, 50};  // e.g. Ningxia
  return std::nullopt;
}

double wrap_lon(double lon) {
  while (lon > 180) lon -= 360;
  while (lon < -180) lon += 360;
  return lon;
}

template <typename Fn>
void for_each_vertex(const Event& e, Fn fn) {
  for (const geo::Line& line : e.geometry.lines)
    for (const LonLat& p : line.coords) fn(p);
  for (const geo::Polygon& polygon : e.geometry.polygons)
    for (const auto& ring : polygon.rings)
      for (const LonLat& p : ring) fn(p);
  for (const LonLat& p : e.geometry.points) fn(p);
}

TEST(Dataset, LoadsWithoutErrorsOrSkippedFeatures) {
  const geo::LoadResult& r = dataset();
  EXPECT_TRUE(r.error.empty()) << r.path << ": " << r.error;
  EXPECT_EQ(r.skipped, 0);
  for (const std::string& w : r.warnings) ADD_FAILURE() << "warning: " << w;
  EXPECT_EQ(r.driver, "GeoJSON");
  EXPECT_GE(r.events.size(), 30u);
}

TEST(Dataset, EveryEventIsCompleteAndSourced) {
  const Seconds first = geo::make_time(2019, 1, 1), last = geo::make_time(2026, 12, 31, 23, 59, 59);
  for (const Event& e : dataset().events) {
    SCOPED_TRACE(describe(e));
    EXPECT_FALSE(e.id.empty());
    EXPECT_FALSE(e.name.empty());
    EXPECT_FALSE(e.kind.empty());
    EXPECT_TRUE(geo::is_known_kind(e.kind)) << e.kind;
    EXPECT_FALSE(e.domains.empty());
    for (const std::string& d : e.domains) EXPECT_TRUE(geo::is_known_domain(d)) << d;
    for (const std::string& f : e.force_types) EXPECT_TRUE(geo::is_known_force_type(f)) << f;
    EXPECT_FALSE(e.participants.empty());
    for (const std::string& p : e.participants) EXPECT_EQ(p.size(), 2u) << p;
    EXPECT_FALSE(e.regions.empty());
    EXPECT_GE(e.sources.size(), 1u);
    for (const std::string& s : e.sources) EXPECT_FALSE(s.empty());
    ASSERT_TRUE(e.timed());
    EXPECT_LE(e.start, e.end);
    EXPECT_GE(e.start, first) << geo::format_time(e.start);
    EXPECT_LE(e.end, last) << geo::format_time(e.end);
    EXPECT_FALSE(e.geometry.empty()) << "every activity in the reference has a place";
  }
}

TEST(Dataset, IdsAreUnique) {
  std::set<std::string> ids;
  for (const Event& e : dataset().events) EXPECT_TRUE(ids.insert(e.id).second) << "duplicate id " << e.id;
}

TEST(Dataset, HoldsEveryActivityOfTheReference) {
  std::map<std::string, int> kinds;
  for (const Event& e : dataset().events) ++kinds[e.kind];
  EXPECT_GE(kinds["air_patrol"], 11);          // joint strategic air patrols 1-11
  EXPECT_GE(kinds["naval_patrol"], 7);         // joint naval patrols 1-6 and the submarine patrol
  EXPECT_GE(kinds["coast_guard_patrol"], 2);   // Pacific Patrol-2024 and the first joint patrol
  EXPECT_GE(kinds["exercise"], 15);            // named exercises, each Maritime Security Belt year
}

TEST(Dataset, EveryYearHasAnActiveEvent) {
  for (int year = 2019; year <= 2026; ++year) {
    const Seconds from = geo::year_start(year), to = geo::year_start(year + 1) - 1;
    const auto& events = dataset().events;
    EXPECT_TRUE(std::any_of(events.begin(), events.end(), [&](const Event& e) { return e.active_during(from, to); }))
        << "no event active in " << year;
  }
}

TEST(Dataset, FocusRegionsAreRepresented) {
  for (const char* region : {"pacific", "arctic", "scs"}) {
    const auto& events = dataset().events;
    EXPECT_TRUE(std::any_of(events.begin(), events.end(), [&](const Event& e) {
      return std::find(e.regions.begin(), e.regions.end(), region) != e.regions.end();
    })) << "no event tagged " << region;
  }
}

TEST(Dataset, EveryVertexLiesInItsRegions) {
  for (const Event& e : dataset().events) {
    SCOPED_TRACE(describe(e));
    std::vector<GeoBox> boxes;
    for (const std::string& tag : e.regions) {
      const auto box = test_box(tag);
      EXPECT_TRUE(box) << "region tag '" << tag << "' has no box: add one to test_box()";
      if (box) boxes.push_back(*box);
    }
    int outside = 0;
    for_each_vertex(e, [&](LonLat p) {
      const LonLat q{wrap_lon(p.lon), p.lat};
      const bool in = std::any_of(boxes.begin(), boxes.end(), [&](const GeoBox& b) { return b.contains(q); });
      if (!in && ++outside <= 3) ADD_FAILURE() << "vertex " << p.lon << ", " << p.lat << " outside its regions";
    });
    EXPECT_EQ(outside, 0);
  }
}

TEST(Dataset, GeometryIsMarkedSchematicOrApproximate) {
  for (const Event& e : dataset().events) {
    SCOPED_TRACE(describe(e));
    // No source publishes coordinates: nothing in the bundled data is exact.
    EXPECT_NE(e.quality, geo::GeometryQuality::Exact);
    if (!e.geometry.lines.empty()) {
      EXPECT_EQ(e.quality, geo::GeometryQuality::Schematic);
    }
    if (!e.geometry.polygons.empty()) {
      EXPECT_EQ(e.quality, geo::GeometryQuality::Approximate);
    }
  }
}

TEST(Dataset, TrackTimesLieInTheEventSpanAndNeverDecrease) {
  int tracks = 0;
  for (const Event& e : dataset().events) {
    SCOPED_TRACE(describe(e));
    for (const geo::Line& line : e.geometry.lines) {
      ++tracks;
      ASSERT_EQ(line.times.size(), line.coords.size()) << "a timed event's track has a time per vertex";
      for (std::size_t i = 0; i < line.times.size(); ++i) {
        ASSERT_NE(line.times[i], geo::kNoTime) << "vertex " << i;
        EXPECT_GE(line.times[i], e.start) << "vertex " << i << " " << geo::format_time(line.times[i]);
        EXPECT_LE(line.times[i], e.end) << "vertex " << i << " " << geo::format_time(line.times[i]);
        if (i > 0) {
          EXPECT_GE(line.times[i], line.times[i - 1]) << "vertex " << i;
        }
      }
    }
  }
  EXPECT_GE(tracks, 19);  // 11 air patrols, 7 naval patrols, the coast guard patrol
}

const Event* find_event(const std::string& id) {
  for (const Event& e : dataset().events)
    if (e.id == id) return &e;
  return nullptr;
}

// The time the loaded track has at the vertex nearest to `at` (its reported waypoint).
std::optional<Seconds> time_at(const Event& e, LonLat at) {
  std::optional<Seconds> best;
  double best_d = 1e9;
  for (const geo::Line& line : e.geometry.lines)
    for (std::size_t i = 0; i < line.coords.size() && i < line.times.size(); ++i) {
      const double d = std::hypot(wrap_lon(line.coords[i].lon - at.lon), line.coords[i].lat - at.lat);
      if (d < best_d) {
        best_d = d;
        best = line.times[i];
      }
    }
  if (best_d > 0.01) return std::nullopt;
  return best;
}

// Reported dates and clock times reach the loaded tracks (ROK clock times are KST = UTC+9).
TEST(Dataset, ReportedWaypointTimesSurviveLoading) {
  struct Check {
    const char* id;
    LonLat at;
    Seconds t;
  };
  const Check checks[] = {
      {"naval-patrol-01-2021-10-17", {140.5, 41.5}, geo::make_time(2021, 10, 18)},       // Tsugaru Strait
      {"naval-patrol-01-2021-10-17", {140.0, 31.0}, geo::make_time(2021, 10, 21)},       // Izu Islands
      {"naval-patrol-02-2022-09-15", {177.5, 53.25}, geo::make_time(2022, 9, 19)},       // north of Kiska
      {"naval-patrol-03-2023-07-28", {126.5, 25.5}, geo::make_time(2023, 8, 17)},        // Miyako Strait
      {"coast-guard-patrol-01-2024-09-20", {180.0, 59.0}, geo::make_time(2024, 9, 28)},  // Bering Sea
      {"coast-guard-patrol-01-2024-09-20", {-169.0, 65.8}, geo::make_time(2024, 10, 1)}, // Bering Strait
      {"air-patrol-07-2023-12-14", {130.9, 37.9}, geo::make_time(2023, 12, 14, 2, 53)},  // 11:53 KST
      {"air-patrol-09-2024-11-29", {131.87, 37.24}, geo::make_time(2024, 11, 29, 0, 35)},  // 09:35 KST
      {"air-patrol-09-2024-11-29", {125.0, 29.0}, geo::make_time(2024, 11, 29, 4, 53)},    // 13:53 KST
  };
  for (const Check& c : checks) {
    SCOPED_TRACE(std::string(c.id) + " at " + std::to_string(c.at.lon) + ", " + std::to_string(c.at.lat));
    const Event* e = find_event(c.id);
    ASSERT_NE(e, nullptr);
    const auto t = time_at(*e, c.at);
    ASSERT_TRUE(t) << "no vertex there";
    EXPECT_EQ(geo::format_time(*t), geo::format_time(c.t));
  }
}

// Loaded tracks are densified along geodesics and steps across 180° are short steps (the
// coast guard patrol and air patrol 8 cross it), so no two consecutive vertices are far apart.
TEST(Dataset, LoadedTracksHaveNoLongSteps) {
  const double max_km = geo::LoadOptions{}.densify_km * 1.05;
  for (const Event& e : dataset().events) {
    SCOPED_TRACE(describe(e));
    for (const geo::Line& line : e.geometry.lines)
      for (std::size_t i = 1; i < line.coords.size(); ++i)
        ASSERT_LE(geo::geodesic_km(line.coords[i - 1], line.coords[i]), max_km)
            << "step " << i << ": " << line.coords[i - 1].lon << ", " << line.coords[i - 1].lat << " -> "
            << line.coords[i].lon << ", " << line.coords[i].lat;
  }
}

// The file as written: the loader widens [start, end] to the vertex times, so check the raw
// per-vertex times against the raw start/end (a date alone as end means the end of that day).
TEST(Dataset, RawVertexTimesAreInsideStartAndEnd) {
  std::ifstream in(geo::default_dataset_path());
  ASSERT_TRUE(in) << geo::default_dataset_path();
  const nlohmann::json doc = nlohmann::json::parse(in);
  ASSERT_EQ(doc.at("type"), "FeatureCollection");
  EXPECT_TRUE(doc.contains("attribution"));
  EXPECT_TRUE(doc.contains("description"));
  int timed_tracks = 0;
  for (const nlohmann::json& f : doc.at("features")) {
    const nlohmann::json& p = f.at("properties");
    const std::string id = p.at("id").get<std::string>();
    SCOPED_TRACE(id);
    ASSERT_TRUE(p.at("sources").is_array());
    EXPECT_FALSE(p.at("sources").empty());
    const std::string start_text = p.at("start").get<std::string>(), end_text = p.at("end").get<std::string>();
    const auto start = geo::parse_time(start_text);
    auto end = geo::parse_time(end_text);
    ASSERT_TRUE(start && end) << start_text << " / " << end_text;
    if (end_text.size() == 10) *end += 86400 - 1;  // date only: the end of that day
    EXPECT_LE(*start, *end);
    if (!p.contains("times")) continue;
    ++timed_tracks;
    ASSERT_EQ(f.at("geometry").at("type"), "LineString");
    const nlohmann::json& times = p.at("times");
    ASSERT_EQ(times.size(), f.at("geometry").at("coordinates").size());
    Seconds previous = *start;
    for (std::size_t i = 0; i < times.size(); ++i) {
      if (times[i].is_null()) continue;
      std::string why;
      const auto t = geo::parse_time(times[i].get<std::string>(), &why);
      ASSERT_TRUE(t) << "vertex " << i << ": " << why;
      EXPECT_GE(*t, *start) << "vertex " << i;
      EXPECT_LE(*t, *end) << "vertex " << i;
      EXPECT_GE(*t, previous) << "vertex " << i << " goes back in time";
      previous = *t;
    }
  }
  EXPECT_GE(timed_tracks, 8);
}

// --- the paper's Table 1 ---------------------------------------------------------------------

struct PaperRow {
  int year, drills;
  const char* domains;
  const char* personnel;
};
constexpr PaperRow kPaper[] = {{2022, 4, "Land, Air, Naval", "10,000+"},
                               {2023, 5, "Cyber Warfare, Air, Naval", "12,000+"},
                               {2024, 7, "Land, Naval, Space", "15,000+"},
                               {2025, 8, "Cyber Warfare, Air", "20,000+"}};

// The file's text, line by line, against the paper's figures written out here (no CSV reader:
// the one the app uses is checked below).
TEST(PaperTable, HoldsThePapersFiguresExactly) {
  std::ifstream in(geo::paper_table_path());
  ASSERT_TRUE(in) << geo::paper_table_path();
  std::string line;
  ASSERT_TRUE(std::getline(in, line));
  EXPECT_EQ(line, "year,drills,domains,personnel,source");
  std::vector<std::string> rows;
  while (std::getline(in, line))
    if (!line.empty()) rows.push_back(line);
  ASSERT_EQ(rows.size(), std::size(kPaper));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    SCOPED_TRACE(kPaper[i].year);
    const std::string fields = std::to_string(kPaper[i].year) + "," + std::to_string(kPaper[i].drills) + ",\"" +
                               kPaper[i].domains + "\",\"" + kPaper[i].personnel + "\",\"";
    ASSERT_EQ(rows[i].substr(0, fields.size()), fields);
    // The last field: labelled as the paper's, with its title, quoted to the end of the line.
    const std::string source = rows[i].substr(fields.size());
    ASSERT_FALSE(source.empty());
    EXPECT_EQ(source.back(), '"');
    EXPECT_EQ(source.find('"'), source.size() - 1);
    EXPECT_NE(source.find("Strategic Symbiosis or Convenient Convergence"), std::string::npos);
    EXPECT_NE(source.find("2025"), std::string::npos);
  }
}

// The same file through the reader the app uses for its stats panel.
TEST(PaperTable, ReadsThroughTheAppsReader) {
  std::vector<std::string> errors;
  const std::vector<geo::PaperYear> rows = geo::read_paper_table(geo::paper_table_path(), &errors);
  for (const std::string& e : errors) ADD_FAILURE() << e;
  ASSERT_EQ(rows.size(), std::size(kPaper));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].year, kPaper[i].year);
    EXPECT_EQ(rows[i].drills, kPaper[i].drills);
    EXPECT_EQ(rows[i].domains, kPaper[i].domains);
    EXPECT_EQ(rows[i].personnel, kPaper[i].personnel);
    EXPECT_NE(rows[i].source.find("Strategic Symbiosis or Convenient Convergence"), std::string::npos);
  }
}

}  // namespace
