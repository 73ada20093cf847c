// `patrolscope info` end to end: exit codes, messages on stderr, the JSON on stdout.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "support/cli.hpp"

namespace {

struct CliRun {
  int status;
  std::string out, err;
};

// Through the shared helper: a scratch XDG_CACHE_HOME / XDG_CONFIG_HOME, no display.
CliRun run(const std::string& args) {
  const patrolscope::testing::CliRun r = patrolscope::testing::run_cli(args);
  return {r.code, r.out, r.err};
}

}  // namespace

TEST(CliInfo, BundledDatasetByDefault) {
  const CliRun r = run("info --json");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_GE(j["events"].get<int>(), 30);
  EXPECT_EQ(j["skipped"], 0);
  for (const char* key : {"vertices", "time_start", "time_end", "bbox", "by_year", "by_domain", "by_force_type",
                          "by_kind", "inputs"})
    EXPECT_TRUE(j.contains(key)) << key;
  for (int year = 2019; year <= 2026; ++year) EXPECT_GE(j["by_year"].value(std::to_string(year), 0), 1) << year;
  EXPECT_TRUE(j["bbox"][0].get<double>() > j["bbox"][2].get<double>()) << "the data crosses 180°";
}

TEST(CliInfo, HumanOutputByDefault) {
  const CliRun r = run("info");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("events"), std::string::npos);
  EXPECT_NE(r.out.find("crosses 180"), std::string::npos);
}

TEST(CliInfo, MissingFileIsExit1WithTheFileNamed) {
  const CliRun r = run("info /nonexistent/tracks.gpx");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("patrolscope: /nonexistent/tracks.gpx: "), std::string::npos) << r.err;
}

TEST(CliInfo, UsageErrorIsExit2) {
  const CliRun r = run("info --no-such-flag");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("patrolscope: "), std::string::npos);
}

TEST(CliInfo, OneBadInputAmongGoodOnesIsExit1AndKeepsTheGood) {
  const patrolscope::testing::TempDir dir("info-bad");
  const auto empty = patrolscope::testing::write_file(dir.path() / "empty.geojson", "");
  const CliRun r = run("info --json \"" + std::string(PATROLSCOPE_SOURCE_DIR) +
                    "/assets/data/china-russia-joint-activity.geojson\" " + empty.string());
  EXPECT_EQ(r.status, 1);
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_GE(j["events"].get<int>(), 30);
  ASSERT_EQ(j["inputs"].size(), 2u);
  EXPECT_TRUE(j["inputs"][1].contains("error"));
  EXPECT_NE(r.err.find("empty.geojson"), std::string::npos);
}

TEST(CliInfo, ReadsEveryKindOfInputTogether) {
  const std::string data = PATROLSCOPE_TEST_DATA;
  const CliRun r = run("info --json " + data + "/tracks.gpx " + data + "/ais.csv " + data + "/events.kml " + data +
                       "/native.geojson");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["events"], 2 + 2 + 2 + 5);
  EXPECT_EQ(j["skipped"], 0);
  std::vector<std::string> drivers;
  for (const auto& input : j["inputs"]) drivers.push_back(input["driver"]);
  EXPECT_EQ(drivers, (std::vector<std::string>{"GPX", "CSV", "LIBKML", "GeoJSON"}));
  EXPECT_EQ(j["time_start"], "2023-06-06T01:00:00Z");  // the KML TimeSpan
  EXPECT_EQ(j["time_end"], "2024-08-03T00:00:00Z");
  // The native file's track crosses 180°, so the box does too (west > east).
  EXPECT_GT(j["bbox"][0].get<double>(), j["bbox"][2].get<double>());
  EXPECT_DOUBLE_EQ(j["bbox"][2].get<double>(), -170.0);
  EXPECT_EQ(j["by_year"]["2024"], 2 + 2 + 4);  // native.geojson has one untimed event
  EXPECT_EQ(j["untimed"], 1);
  EXPECT_EQ(j["by_year"]["2023"], 2);
}

TEST(CliInfo, ColumnFlagsOverrideDetection) {
  const std::string file = std::string(PATROLSCOPE_TEST_DATA) + "/custom_columns.csv";
  const CliRun r = run("info --json --id-column unit --time-column when_utc --lon-column easting_deg "
                       "--lat-column northing_deg " + file);
  ASSERT_EQ(r.status, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["events"], 2);
  EXPECT_EQ(j["vertices"], 3);
  EXPECT_EQ(j["untimed"], 0);
  const CliRun wrong = run("info --id-column vessel " + file);
  EXPECT_EQ(wrong.status, 1);
  EXPECT_NE(wrong.err.find("no column 'vessel' (--id-column)"), std::string::npos) << wrong.err;
}

TEST(CliInfo, UnrecognisedColumnsAreExit1NamingTheColumnsAndFlags) {
  const patrolscope::testing::TempDir dir("info-columns");
  const auto csv = patrolscope::testing::write_file(dir.path() / "vessels.csv",
                                                    "vessel,ts,longitude_deg,latitude_deg\nA,2024-05-01T00:00:00Z,150,40\n");
  const CliRun bad = run("info " + csv.string());
  const CliRun good = run("info --json --lon-column longitude_deg --lat-column latitude_deg --time-column ts " +
                          csv.string());
  EXPECT_EQ(bad.status, 1);
  EXPECT_NE(bad.err.find("vessels.csv: no longitude/latitude or time columns found (columns: vessel, ts, "
                         "longitude_deg, latitude_deg)"),
            std::string::npos)
      << bad.err;
  EXPECT_NE(bad.err.find("--lon-column, --lat-column, --time-column"), std::string::npos) << bad.err;
  ASSERT_EQ(good.status, 0) << good.err;
  EXPECT_EQ(nlohmann::json::parse(good.out)["events"], 1);
}
