// One snapshot path: `render`, the viewer's Snapshot and the headless briefing (`view` with
// no display) make the same PNG, byte for byte, from the same inputs and state. And what the
// spec derives: the default title, the captions stating what is shown, wrapped footers.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "app_state.hpp"
#include "assets.hpp"
#include "load.hpp"
#include "render/style.hpp"
#include "snapshot/snapshot.hpp"
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
    const std::vector<geo::Zone> zones = patrolscope::load_zones_or_warn({}).zones;  // the bundled ones, as render loads them
    const patrolscope::BuiltScene built = patrolscope::build_scene_for(data.events, coastline, zones, state.projection);
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

// ---- The legend and the counts: what is drawn, every line inside its box ------------------

namespace {

// The bundled events in a preset's scene with its zones, and a width×height frame of the region.
struct BundledMap {
  std::vector<geo::Event> events = geo::load_events(geo::default_dataset_path()).events;
  geo::MapProjection projection;
  geo::Scene scene;
  explicit BundledMap(const std::string& region) : projection(geo::MapProjection::create(region)) {
    geo::SceneInput input;
    input.events = &events;
    scene = geo::build_scene(input, projection);
    geo::add_zone_layers(scene, patrolscope::load_zones_or_warn({}).zones, projection);
  }
  patrolscope::render::FrameState frame(const geo::Extent& view, int width, int height) const {
    patrolscope::snapshot::SnapshotRequest request;
    request.width = width;
    request.height = height;
    request.view = view;
    return patrolscope::snapshot::frame_for(request);
  }
};

}  // namespace

// Issue 12: at 1280x720 the legend's key note ("Schematic route: … not a real track") was cut
// with "…" at the box's edge. Every legend line now lies inside the box, nothing is cut, and
// the notes read in full (wrapped), at every briefing size.
TEST(SnapshotLegend, NotesWrapInsideTheBoxAtEverySize) {
  for (const char* region : {"pacific", "arctic", "scs"}) {
    const BundledMap map(region);
    const geo::Filter none;
    const patrolscope::snapshot::MapContext context{map.scene, map.projection, map.events, none, "Natural Earth"};
    for (const auto& [w, h] : {std::pair{1280, 720}, std::pair{1920, 1080}, std::pair{960, 540}, std::pair{720, 1280}}) {
      const auto state = map.frame(map.projection.extent_of(geo::find_preset(region)->view), w, h);
      patrolscope::render::Image image{w, h, std::vector<std::uint8_t>(static_cast<std::size_t>(w) * h * 4, 255)};
      std::vector<patrolscope::snapshot::DrawnText> texts;
      patrolscope::snapshot::OverlayLayout layout;
      layout.texts = &texts;
      const auto room = patrolscope::snapshot::draw_overlays(image, context, state, {"Briefing", "", "", 0, "", ""}, layout);
      std::string legend;
      int lines = 0;
      for (const auto& t : texts) {
        if (t.panel != "legend") continue;
        ++lines;
        legend += t.text + " ";
        EXPECT_GE(t.x0, t.panel_x0) << region << " " << w << "x" << h << ": " << t.text;
        EXPECT_LE(t.x1, t.panel_x1) << region << " " << w << "x" << h << ": " << t.text << " runs past the box";
        EXPECT_EQ(t.text.find("\u2026"), std::string::npos) << region << " " << w << "x" << h << ": cut: " << t.text;
      }
      EXPECT_GT(lines, 3) << region << " " << w << "x" << h;
      EXPECT_NE(legend.find("Schematic route: through named waypoints, not a real track"), std::string::npos)
          << region << " " << w << "x" << h << ": " << legend;
      // The legend and the title block do not overlap.
      const geo::PixelBox& a = room.title;
      const geo::PixelBox& b = room.legend;
      EXPECT_FALSE(a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) << region << " " << w << "x" << h;
    }
  }
}

// Both legends and the briefing's counts come from one rule (render::drawn_events): an event is
// listed when a piece of it is drawn in the view in the frame's time; one drawn elsewhere is
// "outside the frame", not silently dropped; in cumulative mode older tracks stay listed, older
// areas do not (the map stops drawing them).
TEST(SnapshotLegend, TheOneRuleListsWhatIsDrawnInTheViewAndCountsTheRest) {
  std::vector<geo::Event> events(3);
  events[0].id = "pacific-track", events[0].kind = "air_patrol";
  events[0].geometry.lines.push_back({{{140, 40}, {150, 42}}, {}});
  events[1].id = "oman-area", events[1].kind = "exercise";
  events[1].geometry.polygons.push_back({{{{60, 24}, {61, 24}, {61, 25}, {60, 25}, {60, 24}}}});
  events[2].id = "pacific-area", events[2].kind = "exercise";
  events[2].geometry.polygons.push_back({{{{130, 30}, {132, 30}, {132, 32}, {130, 32}, {130, 30}}}});
  for (geo::Event& e : events) e.start = *geo::parse_time("2024-01-01"), e.end = *geo::parse_time("2024-01-10");
  events[2].start = *geo::parse_time("2023-01-01"), events[2].end = *geo::parse_time("2023-01-05");
  const geo::MapProjection projection = geo::MapProjection::create("pacific");
  geo::SceneInput input;
  input.events = &events;
  const geo::Scene scene = geo::build_scene(input, projection);
  patrolscope::snapshot::SnapshotRequest request;
  request.width = 800;
  request.height = 600;
  request.view = projection.extent_of(geo::find_preset("pacific")->view);  // 100°E–150°W: Oman is off it
  auto state = patrolscope::snapshot::frame_for(request);
  const geo::Filter none;

  // Untimed: both Pacific events in the view, the Gulf of Oman area outside it.
  auto drawn = patrolscope::render::drawn_events(scene, events, none, state);
  EXPECT_EQ(drawn.in_view, (std::vector<std::size_t>{0, 2}));
  EXPECT_EQ(drawn.outside, (std::vector<std::size_t>{1}));
  const patrolscope::snapshot::MapContext context{scene, projection, events, none, ""};
  EXPECT_EQ(patrolscope::snapshot::content_caption(context, drawn.in_view, "", drawn.outside.size()),
            "2 events \u00b7 1 more outside the frame \u00b7 no filter");

  // Cumulative up to 2024-01-20 with a 5-day window: the 2023 area has ended (not drawn), the
  // track is older than the window but kept (dimmed), the Oman area too is over.
  state.timed = true;
  state.now = *geo::parse_time("2024-01-20");
  state.window = 5 * 86400;
  state.window_mode = patrolscope::render::FrameState::Cumulative;
  drawn = patrolscope::render::drawn_events(scene, events, none, state);
  EXPECT_EQ(drawn.in_view, (std::vector<std::size_t>{0}));
  EXPECT_TRUE(drawn.outside.empty());
  ASSERT_EQ(drawn.shown.size(), 1u);
  EXPECT_EQ(drawn.shown[0].marks, unsigned(patrolscope::render::kLineMark));

  // A window that holds them: the Oman area is drawn, outside the view.
  state.window = 30 * 86400;
  drawn = patrolscope::render::drawn_events(scene, events, none, state);
  EXPECT_EQ(drawn.in_view, (std::vector<std::size_t>{0}));
  EXPECT_EQ(drawn.outside, (std::vector<std::size_t>{1}));

  // Zoomed onto the Pacific area alone (untimed): the track is outside, the area listed.
  state = patrolscope::snapshot::frame_for(request);
  std::vector<double> x{129, 133}, y{29, 33};
  projection.forward(x, y);
  state.camera = patrolscope::render::Camera::fit({x[0], y[0], x[1], y[1]}, 800, 600);
  drawn = patrolscope::render::drawn_events(scene, events, none, state);
  EXPECT_EQ(drawn.in_view, (std::vector<std::size_t>{2}));
  EXPECT_EQ(drawn.outside, (std::vector<std::size_t>{0, 1}));
  // Hidden layers draw nothing: with areas off, the area is neither listed nor outside.
  state.areas = false;
  drawn = patrolscope::render::drawn_events(scene, events, none, state);
  EXPECT_TRUE(drawn.in_view.empty());
  EXPECT_EQ(drawn.outside, (std::vector<std::size_t>{0}));
}
