// Per-layer styles end to end: a session giving one input its own colour and width changes
// that input's pixels and no others (render --session, overlays off so only the map is compared).
#include <gtest/gtest.h>

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
