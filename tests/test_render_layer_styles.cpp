// Per-layer styles end to end: a session giving one input its own colour and width changes
// that input's pixels and no others (render --session, overlays off so only the map is compared);
// --color-by attribute:NAME draws each value in its own Okabe–Ito colour and says so.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "render/png_io.hpp"
#include "support/cli.hpp"

namespace fs = std::filesystem;
using patrolscope::testing::quoted;
using patrolscope::testing::run_cli;
using patrolscope::testing::scratch_dir;

namespace {
// Two inputs in a session (native.geojson, tracks.gpx) in their styles (tracks.gpx) in `style` and no overlays.
patrolscope::render::Image render_styled(const std::string& name, const std::string& first, const std::string& second) {
  const fs::path dir = scratch_dir() / name;
  fs::create_directories(dir / "data");
  for (const char* file : {"native.geojson", "tracks.gpx"})
    fs::copy_file(fs::path(PATROLSCOPE_TEST_DATA) / file, dir / "data" / file, fs::copy_options::overwrite_existing);
  std::ofstream(dir / "s.json") << R"({"version": 1,
    "inputs": [{"path": "data/native.geojson")" << first << R"(}, {"path": "data/tracks.gpx", "order": 1)" << second << R"(}],
    "map": {"projection": "pacific"},
    "snapshot": {"width": 480, "height": 300, "overlays": false}})";
  const auto run = run_cli("render -q --session " + quoted((dir / "s.json").string()) + " -o " + quoted((dir / "a.png").string()));
  EXPECT_EQ(run.code, 0) << run.err;
  return patrolscope::render::read_png((dir / "a.png").string());
}
std::size_t differing(const patrolscope::render::Image& a, const patrolscope::render::Image& b, std::size_t pixel) {
  for (int c = 0; c < 4; ++c)
    if (a.rgba[pixel * 4 + c] != b.rgba[pixel * 4 + c]) return 1;
  return 0;
}
}  // namespace

TEST(RenderSession, ALayersStyleChangesOnlyThatLayersPixels) {
  const auto base = render_styled("style_base", "", "");
  const auto styled = render_styled("style_color", "", R"(, "color": "#d55e00", "line_width": 5)");
  // Opacity 0: the map without one layer (the same framing: the data is the same).
  const auto without = render_styled("style_gone", "", R"(, "opacity": 0)");
  const auto without_first = render_styled("style_first_gone", R"(, "opacity": 0)", "");
  ASSERT_EQ(base.rgba.size(), styled.rgba.size());
  ASSERT_EQ(base.rgba.size(), without.rgba.size());
  std::size_t changed = 0, layer_pixels = 0, outside_layer = 0, first_only = 0, first_changed = 0;
  for (std::size_t i = 0; i < base.rgba.size() / 4; ++i) {
    const bool of_layer = differing(base, without, i);
    layer_pixels += of_layer;
    if (!of_layer && differing(base, without_first, i)) {  // the first layer's own pixels
      ++first_only;
      first_changed += differing(base, styled, i);
    }
    if (differing(base, styled, i)) {
      ++changed;
      // Wider lines and their larger heads reach past the layer's old pixels; within 7 px of one is its own.
      bool near = of_layer;
      const int w = base.width, x = static_cast<int>(i % w), y = static_cast<int>(i / w);
      for (int dy = -7; dy <= 7 && !near; ++dy)
        for (int dx = -7; dx <= 7 && !near; ++dx) {
          const int nx = x + dx, ny = y + dy;
          if (nx >= 0 && ny >= 0 && nx < w && ny < base.height && differing(base, without, static_cast<std::size_t>(ny) * w + nx))
            near = true;
        }
      outside_layer += near ? 0 : 1;
    }
  }
  EXPECT_GT(layer_pixels, 100u);  // the second layer is drawn
  EXPECT_GT(changed, layer_pixels / 2);  // and its new colour shows
  EXPECT_EQ(outside_layer, 0u);  // nothing else moved
  EXPECT_GT(first_only, 100u);  // the first layer is drawn apart from the second
  EXPECT_EQ(first_changed, 0u);  // and keeps its pixels
}

TEST(RenderColorBy, AnAttributesValuesGetTheirOwnColoursAndTheMetadataSaysSo) {
  const fs::path dir = scratch_dir() / "color_by_attribute";
  fs::create_directories(dir);
  std::ofstream(dir / "sq.geojson") << R"({"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"id": "n1", "kind": "air_patrol", "start": "2021-10-18", "end": "2021-10-19", "squadron": "north"},
     "geometry": {"type": "LineString", "coordinates": [[135, 38], [140, 42], [145, 44]]}},
    {"type": "Feature", "properties": {"id": "n2", "kind": "air_patrol", "start": "2021-10-18", "end": "2021-10-19", "squadron": "north"},
     "geometry": {"type": "LineString", "coordinates": [[150, 40], [155, 42]]}},
    {"type": "Feature", "properties": {"id": "s1", "kind": "air_patrol", "start": "2021-10-18", "end": "2021-10-19", "squadron": "south"},
     "geometry": {"type": "LineString", "coordinates": [[130, 30], [136, 32], [142, 33]]}}]})";
  const std::string out = (dir / "a.png").string();
  const auto run = run_cli("render -q " + quoted((dir / "sq.geojson").string()) + " --size 600x400 --no-overlays --color-by attribute:squadron -o " + quoted(out));
  ASSERT_EQ(run.code, 0) << run.err;
  const auto image = patrolscope::render::read_png(out);
  // The most frequent value (north) takes the palette's first colour, the next the second.
  const auto count_near = [&](int r, int g, int b) {
    std::size_t n = 0;
    for (std::size_t i = 0; i + 3 < image.rgba.size(); i += 4)
      n += std::abs(image.rgba[i] - r) < 12 && std::abs(image.rgba[i + 1] - g) < 12 && std::abs(image.rgba[i + 2] - b) < 12;
    return n;
  };
  EXPECT_GT(count_near(0x00, 0x72, 0xb2), 50u);  // Okabe–Ito blue: north
  EXPECT_GT(count_near(0xd5, 0x5e, 0x00), 50u);  // vermillion: south
  bool said = false;
  for (const auto& [key, value] : patrolscope::render::read_png_text(out))
    if (key == "Color by") said = value == "attribute:squadron";
  EXPECT_TRUE(said);
  const auto typo = run_cli("render -q " + quoted((dir / "sq.geojson").string()) + " --color-by atribute:squadron -o " + quoted((dir / "b.png").string()));
  EXPECT_EQ(typo.code, 2);
  EXPECT_NE(typo.err.find("attribute:NAME"), std::string::npos) << typo.err;
  EXPECT_FALSE(fs::exists(dir / "b.png"));
}
