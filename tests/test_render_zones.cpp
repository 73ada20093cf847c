// Zone layers end to end: render draws the bundled zones and a --zones FILE (outline, fill,
// label, legend; "Zones shown" in the PNG's metadata), --no-zones hides them, info --json
// counts them, and a zone file that cannot be read is exit 1 naming it.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "render/png_io.hpp"
#include "support/cli.hpp"
#include "support/png_chunks.hpp"

namespace fs = std::filesystem;
using patrolscope::testing::png_text;
using patrolscope::testing::read_file;
using patrolscope::testing::run_cli;
using patrolscope::testing::scratch_dir;

namespace {

// A 10° square in the open Pacific, east of Japan, flagged approximate.
fs::path write_box_zone() {
  const fs::path path = scratch_dir() / "box-zone.geojson";
  std::ofstream(path) << R"({"type":"FeatureCollection","features":[{"type":"Feature",
    "properties":{"name":"Test box","quality":"approximate"},
    "geometry":{"type":"Polygon","coordinates":[[[150,20],[160,20],[160,30],[150,30],[150,20]]]}}]})";
  return path;
}

// Pixels within a few levels of an RGB colour.
long pixels_near(const patrolscope::render::Image& image, std::uint32_t rgb) {
  const int r = rgb >> 16 & 0xff, g = rgb >> 8 & 0xff, b = rgb & 0xff;
  long count = 0;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) {
      const auto* p = image.pixel(x, y);
      if (std::abs(p[0] - r) <= 12 && std::abs(p[1] - g) <= 12 && std::abs(p[2] - b) <= 12) ++count;
    }
  return count;
}

}  // namespace

TEST(CliZones, RenderDrawsBundledAndUserZonesLabelledWithTheirQuality) {
  const fs::path zone = write_box_zone();
  const fs::path with = scratch_dir() / "zones-on.png", without = scratch_dir() / "zones-off.png";
  auto run = run_cli("render -q --size 960x540 --region pacific --no-fit --zones " + zone.string() + " -o " + with.string());
  ASSERT_EQ(run.code, 0) << run.err;
  const std::string shown = png_text(with)["Zones shown"];
  EXPECT_NE(shown.find("China ECS ADIZ (approximate)"), std::string::npos) << shown;
  EXPECT_NE(shown.find("Test box (approximate)"), std::string::npos) << shown;

  run = run_cli("render -q --size 960x540 --region pacific --no-fit --no-zones --zones " + zone.string() + " -o " +
                without.string());
  ASSERT_EQ(run.code, 0) << run.err;
  EXPECT_EQ(png_text(without)["Zones shown"], "none");

  // The box is the fourth layer (after the three bundled files): its outline colour is drawn
  // (outline, label, legend swatch) only when zones are on.
  constexpr std::uint32_t kFourthZone = 0x4f4a8f;
  const long on = pixels_near(patrolscope::render::read_png(with.string()), kFourthZone);
  const long off = pixels_near(patrolscope::render::read_png(without.string()), kFourthZone);
  EXPECT_GT(on, 120) << "outline and label of a 10° box at 960x540";
  EXPECT_LT(off, on / 10);
}

TEST(CliZones, TheLegendDrawsALineZoneAsALineAndAPolygonZoneAsABox) {
  // The fourth zone layer, once as the box and once as a line along its southern edge: the
  // legend (top left) shows a filled, outlined box for the first and a line for the second.
  const fs::path line = scratch_dir() / "line-zone.geojson";
  std::ofstream(line) << R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Test line"},
    "geometry":{"type":"LineString","coordinates":[[150,20],[160,20]]}}]})";
  auto swatch_rows = [&](const fs::path& zone, const std::string& name) {
    const fs::path png = scratch_dir() / (name + ".png");
    const auto run = run_cli("render -q --size 960x540 --region pacific --no-fit --legend tl --zones " + zone.string() +
                             " -o " + png.string());
    EXPECT_EQ(run.code, 0) << run.err;
    const auto image = patrolscope::render::read_png(png.string());
    // Rows of the swatch column holding the zone's colour (0x4f4a8f, a violet: blue well above
    // red and green alike; at this size its thin strokes are blended with the panel's white).
    int rows = 0;
    for (int y = 0; y < image.height; ++y)
      for (int x = 0; x < 60; ++x) {
        const auto* p = image.pixel(x, y);
        if (p[2] - p[0] > 30 && std::abs(p[1] - p[0]) < 20 && p[0] < 210) {
          ++rows;
          break;
        }
      }
    return rows;
  };
  const int box = swatch_rows(write_box_zone(), "legend-box"), line_rows = swatch_rows(line, "legend-line");
  EXPECT_GE(box, 8) << "a polygon zone's swatch is an outlined box";
  EXPECT_GE(line_rows, 1) << "the line zone has no legend entry";
  EXPECT_LE(line_rows, 3) << "a line zone's swatch is drawn as a box, as if it were an area";
}

TEST(CliZones, InfoJsonCountsAndNamesTheZones) {
  const fs::path zone = write_box_zone();
  auto run = run_cli("info --json --zones " + zone.string());
  ASSERT_EQ(run.code, 0) << run.err;
  const auto j = nlohmann::json::parse(run.out);
  ASSERT_TRUE(j.contains("zones"));
  const auto& layers = j["zones"]["layers"];
  EXPECT_EQ(j["zones"]["count"].get<std::size_t>(), layers.size());
  ASSERT_GE(layers.size(), 4u);
  EXPECT_EQ(layers.back()["name"], "Test box");
  EXPECT_EQ(layers.back()["quality"], "approximate");
  bool ecs = false;
  for (const auto& layer : layers) ecs = ecs || layer["name"] == "China ECS ADIZ";
  EXPECT_TRUE(ecs);

  run = run_cli("info --json --no-zones");
  ASSERT_EQ(run.code, 0) << run.err;
  EXPECT_EQ(nlohmann::json::parse(run.out)["zones"]["count"], 0);
}

TEST(CliZones, AnUnreadableZoneFileIsExit1NamingItAndWritesNothing) {
  const fs::path bad = scratch_dir() / "not-a-zone.geojson";
  std::ofstream(bad) << "{ this is not json";
  const fs::path out = scratch_dir() / "bad-zones.png";
  const auto run = run_cli("render -q --size 320x200 --zones " + bad.string() + " -o " + out.string());
  EXPECT_EQ(run.code, 1) << run.err;
  EXPECT_NE(run.err.find(bad.string()), std::string::npos) << run.err;
  EXPECT_FALSE(fs::exists(out));
}

// --ring: range rings are zones (drawn, listed, counted) even with --no-zones; a bad ring is a
// usage error (exit 2) naming the bad part, and nothing is written.
TEST(CliZones, RangeRingsAreDrawnAndListedAsZones) {
  const fs::path out = scratch_dir() / "rings.png";
  auto run = run_cli("render -q --size 960x540 --region pacific --no-fit --no-zones --ring Misawa:141.37,40.70,500km,300nmi -o " +
                     out.string());
  ASSERT_EQ(run.code, 0) << run.err;
  const std::string shown = png_text(out)["Zones shown"];
  EXPECT_NE(shown.find("500 km from Misawa"), std::string::npos) << shown;
  EXPECT_NE(shown.find("300 nmi from Misawa"), std::string::npos) << shown;

  run = run_cli("info --json --no-zones --ring 141.37,40.70,500");
  ASSERT_EQ(run.code, 0) << run.err;
  const auto j = nlohmann::json::parse(run.out);
  ASSERT_EQ(j["zones"]["count"], 1);
  EXPECT_EQ(j["zones"]["layers"][0]["name"], "500 km from 141.37°E 40.70°N");
}

TEST(CliZones, ABadRingIsAUsageErrorNamingThePart) {
  const fs::path out = scratch_dir() / "bad-ring.png";
  const auto run = run_cli("render -q --size 320x200 --ring 141.37,40.70,abc -o " + out.string());
  EXPECT_EQ(run.code, 2) << run.err;
  EXPECT_NE(run.err.find("radius 'abc'"), std::string::npos) << run.err;
  EXPECT_FALSE(fs::exists(out));
}
