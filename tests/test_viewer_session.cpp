// The viewer's side of sessions (viewer/session_state): the state captured as a session and
// applied back gives the same state; the render line for "Copy as command".
#include <gtest/gtest.h>

#include "session_state.hpp"

using namespace patrolscope;

TEST(ViewerSession, CaptureThenApplyGivesTheSameState) {
  AppState state;
  state.projection = "arctic";
  state.center_x = 1.5e5;
  state.center_y = -2.5e5;
  state.units_per_pixel = 1234.5;
  state.cursor = geo::make_time(2024, 7, 10, 6);
  state.window = 30 * geo::kSecondsPerDay;
  state.window_mode = WindowMode::Fixed;
  state.filter.participants = {"CN", "RU"};
  state.color_by = ColorBy::Participant;
  state.layers.graticule = false;
  ViewData data;
  data.inputs = {"a.geojson", "b.gpx"};
  data.events.resize(2);
  data.events[1].id = "ev-2";
  state.selected = 1;
  geo::Session base;
  geo::SessionLayer styled;
  styled.path = "b.gpx";
  styled.style.opacity = 0.5f;
  base.layers = {styled};
  base.notes = "kept";
  const geo::Session s = capture_session(state, data, 800, 600, base);
  ASSERT_EQ(s.layers.size(), 2u);
  EXPECT_EQ(s.layers[0].path, "a.geojson");
  EXPECT_FLOAT_EQ(s.layers[1].style.opacity, 0.5f);  // the saved style of an input stays
  EXPECT_EQ(s.notes, "kept");
  EXPECT_EQ(s.selection, std::vector<std::string>{"ev-2"});
  AppState back;
  apply_session(back, s, 800, 600);
  apply_session_selection(back, s, data);
  EXPECT_EQ(back.projection, "arctic");
  EXPECT_DOUBLE_EQ(back.center_x, state.center_x);
  EXPECT_DOUBLE_EQ(back.center_y, state.center_y);
  EXPECT_NEAR(back.units_per_pixel, state.units_per_pixel, 1e-9);
  EXPECT_EQ(back.cursor, state.cursor);
  EXPECT_EQ(back.window, state.window);
  EXPECT_EQ(back.window_mode, WindowMode::Fixed);
  EXPECT_EQ(back.filter, state.filter);
  EXPECT_EQ(back.color_by, ColorBy::Participant);
  EXPECT_FALSE(back.layers.graticule);
  EXPECT_EQ(back.selected, 1);
}

TEST(ViewerSession, CopyAsCommandIsTheRenderLine) {
  geo::Session s;
  geo::SessionLayer a, hidden;
  a.path = "data/my tracks.gpx";
  hidden.path = "data/hidden.csv";
  hidden.style.visible = false;
  s.layers = {a, hidden};
  s.view.projection = "scs";
  s.time.cursor = geo::make_time(2024, 7, 10);
  s.time.window = 7 * geo::kSecondsPerDay;
  s.time.mode = "trail";
  s.filter.years = {2023, 2024};
  s.color_by.facet = geo::ColorBy::Kind;
  s.snapshot.title = "It's here";
  EXPECT_EQ(render_command(s, "out.png"),
            "patrolscope render 'data/my tracks.gpx' --region scs --at 2024-07-10T00:00:00Z --window 7d "
            "--years 2023,2024 --color-by kind --size 1920x1080 --title 'It'\\''s here' -o out.png");
}
