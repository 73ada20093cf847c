// `patrolscope render` options end to end: --crs checks, calendar storyboard steps, stale
// frames, --legend placement. Images are compared byte for byte or through their tEXt metadata.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "support/cli.hpp"
#include "support/png_chunks.hpp"

namespace fs = std::filesystem;
using patrolscope::testing::png_text;
using patrolscope::testing::read_file;
using patrolscope::testing::run_cli;
using patrolscope::testing::scratch_dir;

namespace {

const std::string kSmall = " -q --size 320x200 ";

}  // namespace

TEST(RenderCrs, AnUnknownCrsIsAUsageErrorSayingWhatIsAccepted) {
  const fs::path out = scratch_dir() / "crs.png";
  for (const char* crs : {"foo", "EPSG:99999", "+proj=nonsense"}) {
    const auto run = run_cli("render" + kSmall + "--crs '" + crs + "' -o " + out.string());
    EXPECT_EQ(run.code, 2) << crs << ": " << run.err;
    EXPECT_NE(run.err.find(std::string("'") + crs + "'"), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("EPSG:nnnn"), std::string::npos) << "says what is accepted: " << run.err;
    EXPECT_EQ(run.err.find("code 4096"), std::string::npos) << "not PROJ's raw message: " << run.err;
    EXPECT_FALSE(fs::exists(out));
  }
}

TEST(RenderCrs, AGeographicCrsOtherThanWgs84DrawsWithAWarning) {
  const fs::path out = scratch_dir() / "pulkovo.png";
  auto run = run_cli("render --size 320x200 --crs EPSG:4284 -o " + out.string());
  EXPECT_EQ(run.code, 0) << run.err;
  EXPECT_TRUE(fs::exists(out));
  EXPECT_NE(run.err.find("not WGS 84"), std::string::npos) << run.err;
  run = run_cli("render --size 320x200 --crs EPSG:4326 -o " + out.string());
  EXPECT_EQ(run.code, 0) << run.err;
  EXPECT_EQ(run.err.find("WGS 84"), std::string::npos) << "no warning for WGS 84 itself: " << run.err;
}

TEST(RenderStoryboard, MonthStepsLandOnCalendarDays) {
  const fs::path out = scratch_dir() / "months.png";
  const auto run = run_cli("render" + kSmall + "--from 2024-01-31 --to 2024-05-31 --every 1mo -o " + out.string());
  ASSERT_EQ(run.code, 0) << run.err;
  const char* expected[] = {"2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30", "2024-05-31"};
  for (int i = 0; i < 5; ++i) {
    const fs::path frame = scratch_dir() / ("months-000" + std::to_string(i + 1) + ".png");
    ASSERT_TRUE(fs::exists(frame)) << frame;
    EXPECT_EQ(png_text(frame)["Time"], std::string(expected[i]) + "T00:00:00Z") << frame;
  }
  EXPECT_FALSE(fs::exists(scratch_dir() / "months-0006.png"));
}

TEST(RenderStoryboard, YearStepsDoNotDriftByADayAYear) {
  const fs::path out = scratch_dir() / "years.png";
  const auto run = run_cli("render" + kSmall + "--from 2019-07-23 --to 2024-07-23 --every 1y -o " + out.string());
  ASSERT_EQ(run.code, 0) << run.err;
  EXPECT_EQ(png_text(scratch_dir() / "years-0006.png")["Time"], "2024-07-23T00:00:00Z");
}

TEST(RenderStoryboard, CapitalMIsRefusedAsAmbiguous) {
  const auto run = run_cli("render" + kSmall + "--from 2024-01-01 --to 2024-02-01 --every 1M -o " +
                           (scratch_dir() / "m.png").string());
  EXPECT_EQ(run.code, 2);
  EXPECT_NE(run.err.find("ambiguous"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("1mo"), std::string::npos) << run.err;
}

TEST(RenderStoryboard, AShorterRerunRemovesTheStaleFrames) {
  const fs::path out = scratch_dir() / "story.png";
  ASSERT_EQ(run_cli("render" + kSmall + "--world-file --at 2022-01-01,2023-01-01,2024-01-01 -o " + out.string()).code, 0);
  ASSERT_TRUE(fs::exists(scratch_dir() / "story-0003.png"));
  ASSERT_TRUE(fs::exists(scratch_dir() / "story-0003.pgw"));
  std::ofstream(scratch_dir() / "story-notes.txt") << "not a frame";
  const auto run = run_cli("render --size 320x200 --at 2022-01-01,2023-01-01 -o " + out.string());
  ASSERT_EQ(run.code, 0) << run.err;
  EXPECT_TRUE(fs::exists(scratch_dir() / "story-0002.png"));
  EXPECT_FALSE(fs::exists(scratch_dir() / "story-0003.png")) << "a stale frame would read as part of the storyboard";
  EXPECT_FALSE(fs::exists(scratch_dir() / "story-0003.pgw"));
  EXPECT_TRUE(fs::exists(scratch_dir() / "story-notes.txt")) << "only files of the frame pattern go";
  EXPECT_NE(run.err.find("stale"), std::string::npos) << run.err;
}

TEST(RenderLegend, AutoAvoidsTheCornerWhereTheDataIs) {
  // An exercise area and a track filling the bottom-left corner of the Pacific view.
  const fs::path data = scratch_dir() / "corner.geojson";
  std::ofstream(data) << R"({"type":"FeatureCollection","features":[
    {"type":"Feature","properties":{"id":"a","kind":"exercise","start":"2022-05-01","end":"2022-05-09","domains":["naval"],"participants":["CN","RU"]},
     "geometry":{"type":"Polygon","coordinates":[[[100.5,0.5],[125,0.5],[125,14],[100.5,14],[100.5,0.5]]]}},
    {"type":"Feature","properties":{"id":"b","kind":"air_patrol","start":"2022-05-02","end":"2022-05-02","domains":["air"],"participants":["CN","RU"]},
     "geometry":{"type":"LineString","coordinates":[[101,1],[124,13],[101,13],[124,1]]}}]})";
  std::map<std::string, std::string> bytes;
  for (const char* place : {"auto", "bl", "br", "tl", "tr", "off"}) {
    const fs::path out = scratch_dir() / (std::string("legend-") + place + ".png");
    const auto run = run_cli(std::string("render -q --no-fit --size 640x400 --region pacific --legend ") + place + " --coastline /nonexistent -o " +
                             out.string() + " " + data.string());
    ASSERT_EQ(run.code, 0) << place << ": " << run.err;
    bytes[place] = patrolscope::testing::without_session_chunk(read_file(out));  // it records the option as typed
  }
  EXPECT_NE(bytes["auto"], bytes["bl"]) << "the legend is not put over the data";
  EXPECT_TRUE(bytes["auto"] == bytes["br"] || bytes["auto"] == bytes["tl"] || bytes["auto"] == bytes["tr"])
      << "auto is one of the corners";
  EXPECT_NE(bytes["off"], bytes["bl"]);
  const auto bad = run_cli("render" + kSmall + "--legend middle -o " + (scratch_dir() / "x.png").string());
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("--legend"), std::string::npos) << bad.err;
}

TEST(RenderMetadata, TheImageSaysWhatItShows) {
  const fs::path out = scratch_dir() / "meta.png";
  const auto run = run_cli("render" + kSmall + "--years 2024 --kind exercise -o " + out.string());
  ASSERT_EQ(run.code, 0) << run.err;
  auto text = png_text(out);
  EXPECT_EQ(text["Filter"], "year 2024; kind exercise");
  EXPECT_EQ(text["Time"], "all");
  EXPECT_GT(std::stoi(text["Events shown"]), 0);
  EXPECT_EQ(text["Inputs"], "bundled dataset");
  EXPECT_EQ(text["Title"], "China\u2013Russia joint activity: Pacific");
}

TEST(RenderMetadata, SeveralInputsGetATitleNamingTheSet) {
  const fs::path out = scratch_dir() / "multi.png";
  const std::string data = PATROLSCOPE_TEST_DATA;
  const auto run = run_cli("render" + kSmall + "-o " + out.string() + " " + data + "/native.geojson " + data +
                           "/tracks.gpx " + data + "/events.kml");
  ASSERT_EQ(run.code, 0) << run.err;
  EXPECT_EQ(png_text(out)["Title"], "native, tracks and 1 more: Pacific");
}
