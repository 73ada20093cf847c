// One snapshot path: `render`, the viewer's Snapshot and the headless briefing (`view` with
// no display) make the same PNG, byte for byte, from the same inputs and state. And what the
// spec derives: the default title, the captions stating what is shown, wrapped footers.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "app_state.hpp"
#include "inputs.hpp"
#include "render/egl_context.hpp"
#include "scene.hpp"
#include "scene_worker.hpp"
#include "snapshot/canvas.hpp"
#include "snapshot/overlays.hpp"
#include "support/cli.hpp"
#include "support/png_chunks.hpp"
#include "time.hpp"
#include "view_snapshot.hpp"

namespace fs = std::filesystem;
using patrolscope::testing::read_file;
using patrolscope::testing::run_cli;
using patrolscope::testing::scratch_dir;

namespace {

// The state the command lines below describe, as the viewer holds it.
patrolscope::AppState viewer_state(const std::string& region) {
  patrolscope::AppState state;
  state.projection = region;
  state.cursor = *geo::parse_time("2024-07-25");
  state.window_mode = patrolscope::WindowMode::Trail;
  state.window = 30 * 86400;
  state.filter.years = {2024};
  state.color_by = patrolscope::ColorBy::Kind;
  return state;
}
const std::string kStateArgs = " --at 2024-07-25 --window 30d --years 2024 --color-by kind";

}  // namespace

TEST(OneSnapshotPath, RenderAndTheViewersSnapshotWriteTheSameBytes) {
  patrolscope::render::EglContext context;
  patrolscope::InputOptions inputs;
  inputs.quiet = true;
  patrolscope::LoadedInputs loaded = patrolscope::load_inputs(inputs);
  patrolscope::ViewData data;
  data.events = std::move(loaded.events);
  data.facets = geo::FacetIndex::build(data.events);
  data.range = geo::time_range(data.events);
  const geo::Coastline coastline = patrolscope::load_coastline_or_warn(inputs);
  data.coastline_attribution = coastline.attribution;

  for (const std::string region : {"scs", "arctic"}) {
    const fs::path from_render = scratch_dir() / (region + "-render.png");
    const fs::path from_viewer = scratch_dir() / (region + "-viewer.png");
    // The same view through both paths: the preset's box (--no-fit; framing is test_framing's).
    const auto run =
        run_cli("render -q --no-fit --size 800x450 --region " + region + kStateArgs + " -o " + from_render.string());
    ASSERT_EQ(run.code, 0) << run.output();

    // The viewer's path: the scene the window builds, the canvas's view of it, its snapshot.
    const patrolscope::AppState state = viewer_state(region);
    const patrolscope::BuiltScene built = patrolscope::build_scene_for(data.events, coastline, state.projection);
    ASSERT_TRUE(built.scene) << built.error;
    patrolscope::ViewSnapshot snapshot;
    snapshot.path = from_viewer.string();
    snapshot.width = 800;
    snapshot.height = 450;
    const geo::Extent preset_view =
        geo::MapProjection::create(region).extent_of(geo::find_preset(region)->view);
    patrolscope::write_view_snapshot(*built.scene, preset_view, state, data, snapshot);
    // (render's PNG also holds its session; the viewer's Snapshot does not write one yet)
    const std::string a = patrolscope::testing::without_session_chunk(read_file(from_render)), b = read_file(from_viewer);
    EXPECT_GT(a.size(), 1000u);
    EXPECT_TRUE(a == b) << region << ": render and the viewer's Snapshot differ";
  }
}

TEST(OneSnapshotPath, TheHeadlessBriefingIsTheRenderImage) {
  const fs::path from_render = scratch_dir() / "briefing-render.png", from_view = scratch_dir() / "briefing-view.png";
  auto run = run_cli("render -q --size 800x450 --region scs" + kStateArgs + " -o " + from_render.string());
  ASSERT_EQ(run.code, 0) << run.output();
  run = run_cli("view -q --frames 1 --size 800x450 --region scs --mode trail" + kStateArgs + " --capture " +
                from_view.string());
  ASSERT_EQ(run.code, 0) << run.output();
  const std::string a = patrolscope::testing::without_session_chunk(read_file(from_render)), b = read_file(from_view);
  EXPECT_GT(a.size(), 1000u);
  EXPECT_TRUE(a == b) << "render and the headless briefing differ";
}

// ---- The spec's derived text ------------------------------------------------------------------

TEST(SnapshotSpec, DefaultTitleNamesTheInputs) {
  patrolscope::snapshot::SnapshotSpec spec;
  spec.region = "arctic";
  EXPECT_EQ(patrolscope::snapshot::default_title(spec), "China\u2013Russia joint activity: Arctic");
  spec.region = "";
  spec.inputs = {"/data/baltic.csv"};
  EXPECT_EQ(patrolscope::snapshot::default_title(spec), "baltic");
  spec.inputs = {"/data/baltic.csv", "b/ais.gpx"};
  EXPECT_EQ(patrolscope::snapshot::default_title(spec), "baltic and ais");
  spec.inputs = {"a.geojson", "b.gpx", "c.kml", "d.csv"};
  EXPECT_EQ(patrolscope::snapshot::default_title(spec), "a, b and 2 more");
  spec.text.title = "Mine";
  EXPECT_EQ(patrolscope::snapshot::title_of(spec), "Mine");
}

TEST(SnapshotSpec, CaptionsSayWhatIsShown) {
  std::vector<geo::Event> events(2);
  events[0].id = "a", events[0].kind = "exercise", events[0].start = *geo::parse_time("2023-03-01"),
  events[0].end = *geo::parse_time("2023-03-05");
  events[1].id = "b", events[1].kind = "air_patrol", events[1].start = *geo::parse_time("2024-07-01"),
  events[1].end = *geo::parse_time("2024-07-02");
  const geo::MapProjection projection = geo::MapProjection::create("pacific");
  geo::SceneInput input;
  input.events = &events;
  const geo::Scene scene = geo::build_scene(input, projection);
  patrolscope::render::FrameState state;  // untimed
  geo::Filter none, years;
  years.years = {2024};
  const patrolscope::snapshot::MapContext all{scene, projection, events, none, ""};
  const patrolscope::snapshot::MapContext filtered{scene, projection, events, years, ""};
  EXPECT_EQ(patrolscope::snapshot::time_caption(all, state, {0, 1}), "All dates: 2023-03-01 \u2013 2024-07-02");
  EXPECT_EQ(patrolscope::snapshot::time_caption(filtered, state, {1}), "Dates shown: 2024-07-01 \u2013 2024-07-02")
      << "never 'All dates' under a filter";
  EXPECT_EQ(patrolscope::snapshot::content_caption(all, {0, 1}), "2 events \u00b7 no filter");
  EXPECT_EQ(patrolscope::snapshot::content_caption(filtered, {1}), "1 event \u00b7 filter: year 2024");
}

TEST(SnapshotCanvas, LongTextWrapsIntoLinesThatFit) {
  const patrolscope::snapshot::Font font = patrolscope::snapshot::Font::regular();
  std::string text = "Sources:";
  for (int i = 0; i < 30; ++i) text += " source" + std::to_string(i) + ".example.org,";
  const auto lines = patrolscope::snapshot::wrap_text(font, 14, text, 400);
  ASSERT_GT(lines.size(), 2u);
  std::string joined;
  for (const std::string& line : lines) {
    EXPECT_LE(font.width(line, 14), 400) << line;
    EXPECT_EQ(line.find("\u2026"), std::string::npos) << "nothing cut: " << line;
    joined += (joined.empty() ? "" : " ") + line;
  }
  EXPECT_EQ(joined, text) << "every word kept, in order";
  const auto capped = patrolscope::snapshot::wrap_text(font, 14, text, 400, 2);
  ASSERT_EQ(capped.size(), 2u);
  EXPECT_NE(capped[1].find("\u2026"), std::string::npos) << "a cut block says so";
}
