// One snapshot path: `render`, the viewer's Snapshot and the headless briefing (`view` with
// no display) make the same PNG, byte for byte, from the same inputs and state.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "app_state.hpp"
#include "inputs.hpp"
#include "render/egl_context.hpp"
#include "scene_worker.hpp"
#include "support/cli.hpp"
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
    const auto run = run_cli("render -q --size 800x450 --region " + region + kStateArgs + " -o " + from_render.string());
    ASSERT_EQ(run.code, 0) << run.output();

    // The viewer's path: the scene the window builds, the canvas's view of it, its snapshot.
    const patrolscope::AppState state = viewer_state(region);
    const patrolscope::BuiltScene built = patrolscope::build_scene_for(data.events, coastline, state.projection);
    ASSERT_TRUE(built.scene) << built.error;
    patrolscope::ViewSnapshot snapshot;
    snapshot.path = from_viewer.string();
    snapshot.width = 800;
    snapshot.height = 450;
    patrolscope::write_view_snapshot(*built.scene, built.view, state, data, snapshot);
    const std::string a = read_file(from_render), b = read_file(from_viewer);
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
  const std::string a = read_file(from_render), b = read_file(from_view);
  EXPECT_GT(a.size(), 1000u);
  EXPECT_TRUE(a == b) << "render and the headless briefing differ";
}
