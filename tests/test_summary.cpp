// `info`'s summary: counts, time range, bbox across 180°, facets.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "summary.hpp"

TEST(Summary, BoundingBoxTakesTheNarrowSideOfTheCircle) {
  const geo::GeoBox plain = geo::bounding_box({{121, 30}, {140, 53}, {130, 40}});
  EXPECT_DOUBLE_EQ(plain.west, 121);
  EXPECT_DOUBLE_EQ(plain.east, 140);
  EXPECT_FALSE(plain.crosses_antimeridian());
  const geo::GeoBox across = geo::bounding_box({{121, 30}, {170, 50}, {-177.1, 53}});
  EXPECT_DOUBLE_EQ(across.west, 121);
  EXPECT_DOUBLE_EQ(across.east, -177.1);
  EXPECT_TRUE(across.crosses_antimeridian());
  EXPECT_DOUBLE_EQ(across.south, 30);
  EXPECT_DOUBLE_EQ(across.north, 53);
  const geo::GeoBox world = geo::bounding_box({{-170, 0}, {-50, 0}, {60, 0}, {170, 0}});
  // Gaps: -170→-50 is 120°, the widest, so the box runs east from -50 across 180° to -170.
  EXPECT_DOUBLE_EQ(world.west, -50);
  EXPECT_DOUBLE_EQ(world.east, -170);
}

TEST(Summary, CountsEventsYearsAndFacets) {
  geo::LoadResult input;
  input.path = "a.geojson";
  input.driver = "GeoJSON";
  input.skipped = 1;
  input.source_vertices = 5;
  input.warnings = {"feature 2 (x): field 'start': invalid time 'soon'"};
  geo::Event a;
  a.kind = "naval_patrol";
  a.domains = {"naval"};
  a.force_types = {"destroyer", "hovercraft"};
  a.participants = {"CN", "RU"};
  a.start = geo::make_time(2023, 12, 30);
  a.end = geo::make_time(2024, 1, 2);
  a.geometry.lines.push_back({{{121, 30}, {179, 50}, {-177.1, 53}}, {}});
  geo::Event b;
  b.kind = "other";
  b.domains = {"cyber"};
  b.quality = geo::GeometryQuality::Schematic;
  input.events = {a, b};
  const geo::Summary s = geo::summarize({&input});
  EXPECT_EQ(s.events, 2);
  EXPECT_EQ(s.untimed, 1);
  EXPECT_EQ(s.vertices, 5u);
  EXPECT_EQ(s.skipped, 1);
  EXPECT_EQ(s.by_year.at("2023"), 1);
  EXPECT_EQ(s.by_year.at("2024"), 1);
  EXPECT_EQ(s.by_force_type.at("hovercraft"), 1);
  ASSERT_EQ(s.unknown_terms.size(), 1u);
  EXPECT_EQ(s.unknown_terms[0], "force_type: hovercraft");
  EXPECT_TRUE(s.bbox.crosses_antimeridian());

  const auto j = nlohmann::json::parse(geo::summary_json(s, {&input}));
  EXPECT_EQ(j["events"], 2);
  EXPECT_EQ(j["time_start"], "2023-12-30T00:00:00Z");
  EXPECT_EQ(j["time_end"], "2024-01-02T00:00:00Z");
  ASSERT_EQ(j["bbox"].size(), 4u);
  EXPECT_DOUBLE_EQ(j["bbox"][0].get<double>(), 121.0);
  EXPECT_DOUBLE_EQ(j["bbox"][2].get<double>(), -177.1);
  EXPECT_EQ(j["by_domain"]["naval"], 1);
  EXPECT_EQ(j["by_kind"]["other"], 1);
  EXPECT_EQ(j["inputs"][0]["driver"], "GeoJSON");
  EXPECT_EQ(j["inputs"][0]["skipped"], 1);
  EXPECT_EQ(j["inputs"][0]["warnings"].size(), 1u);
  EXPECT_NE(geo::summary_text(s, {&input}).find("crosses 180"), std::string::npos);
}
