// The viewer window under Xvfb: `patrolscope view --frames N --capture X.png` on the bundled
// data, and probes of the capture that do not depend on style details: land and sea where
// they belong, tracks present, filters and time changing the tracks shown, the Pacific view
// continuous across 180° with no streak. Plus the settings file's round trip.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "projection.hpp"
#include "render/png_io.hpp"
#include "render/style.hpp"
#include "settings.hpp"
#include "time.hpp"
#include "ui/map_picker.hpp"
#include "ui/panels.hpp"
#include "ui/track_detail.hpp"

#include "support/cli.hpp"

namespace fs = std::filesystem;
using patrolscope::render::Image;
using patrolscope::render::Rgba;

namespace {

struct Capture {
  int status = -1;
  std::string output;  // stdout and stderr
  Image image;
  float canvas_x = 0, canvas_y = 0, canvas_w = 0, canvas_h = 0;  // the map's rect in the window
  double center_x = 0, center_y = 0, units_per_pixel = 1;
  std::string projection;
  std::string cursor;  // ISO 8601
  int active = -1, selected = -1, messages = -1;
  float snapshot_window_bottom = 0, snapshot_result_bottom = 0;  // the Snapshot dialog (0: not shown)
  int legend_rows = -1, legend_outside = -1, selection_cue = -1;   // the Legend panel, the off-map cue
  // The Record dialog: the clip's exit code (-1: none), frames written, frames the window drew
  // meanwhile, and the preview's size and rectangle in the window.
  int record_exit = -1, record_frames = -1, record_frames_drawn = -1, preview_w = 0, preview_h = 0;
  float preview_x0 = 0, preview_y0 = 0, preview_x1 = 0, preview_y1 = 0;

  // The window pixel of a lon/lat point, or {-1, -1} when it is not on the map canvas.
  std::pair<int, int> pixel(double lon, double lat) const {
    const geo::MapProjection map = geo::MapProjection::create(projection);
    double x = lon, y = lat;
    map.forward({&x, 1}, {&y, 1});
    const double px = canvas_x + canvas_w * 0.5 + (x - center_x) / units_per_pixel;
    const double py = canvas_y + canvas_h * 0.5 - (y - center_y) / units_per_pixel;
    if (!(px >= canvas_x + 1 && px < canvas_x + canvas_w - 1 && py >= canvas_y + 1 && py < canvas_y + canvas_h - 1))
      return {-1, -1};
    return {static_cast<int>(px), static_cast<int>(py)};
  }
};

bool have_xvfb() { return std::system("command -v xvfb-run > /dev/null 2>&1") == 0; }

fs::path scratch_dir() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("patrolscope-test-viewer-" + std::to_string(::getpid()));
    fs::create_directories(d / "config");
    return d;
  }();
  return dir;
}

// The captures are removed at the end unless a test failed or PATROLSCOPE_KEEP_CAPTURES is set
// (then the directory is printed, to look at them).
class ScratchCleanup : public ::testing::Environment {
 public:
  void TearDown() override {
    const bool failed = ::testing::UnitTest::GetInstance()->failed_test_count() > 0;
    if (failed || std::getenv("PATROLSCOPE_KEEP_CAPTURES")) {
      std::printf("captures kept in %s\n", scratch_dir().c_str());
      return;
    }
    std::error_code ec;
    fs::remove_all(scratch_dir(), ec);
  }
};
[[maybe_unused]] const auto* const kCleanup = ::testing::AddGlobalTestEnvironment(new ScratchCleanup);

// Runs the viewer once per distinct argument list (the tests share captures).
const Capture& run_viewer(const std::string& args, const std::string& size = "1280x800") {
  static std::map<std::string, Capture> cache;
  const std::string key = size + " " + args;
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  Capture& c = cache[key];
  const fs::path png = scratch_dir() / ("capture-" + std::to_string(cache.size()) + ".png");
  // Scratch XDG_CONFIG_HOME and XDG_CACHE_HOME (tests/support/cli.hpp): the test never touches the user's.
  const std::string command = patrolscope::testing::cli_environment(true) +
                              "xvfb-run -a -s '-screen 0 1600x1000x24' '" PATROLSCOPE_EXE
                              "' view --frames 3 --size " + size + " --capture '" + png.string() + "' " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return c;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe)) c.output += buffer;
  c.status = pclose(pipe);
  const auto at = c.output.find("capture: ");
  if (at == std::string::npos) return c;
  char projection[512] = "";
  int w = 0, h = 0;
  char path[1024] = "";
  if (std::sscanf(c.output.c_str() + at,
                  "capture: %1023s size %dx%d canvas %f %f %f %f center %lf %lf units_per_pixel %lf projection %511s",
                  path, &w, &h, &c.canvas_x, &c.canvas_y, &c.canvas_w, &c.canvas_h, &c.center_x, &c.center_y,
                  &c.units_per_pixel, projection) == 11) {
    c.projection = projection;
    c.image = patrolscope::render::read_png(png.string());
    if (const auto more = c.output.find(" cursor ", at); more != std::string::npos) {
      char cursor[64] = "";
      std::sscanf(c.output.c_str() + more, " cursor %63s active %d selected %d messages %d", cursor, &c.active,
                  &c.selected, &c.messages);
      c.cursor = cursor;
    }
    if (const auto more = c.output.find(" snapshot_dialog ", at); more != std::string::npos)
      std::sscanf(c.output.c_str() + more, " snapshot_dialog %f %f", &c.snapshot_window_bottom, &c.snapshot_result_bottom);
    if (const auto more = c.output.find(" legend_rows ", at); more != std::string::npos)
      std::sscanf(c.output.c_str() + more, " legend_rows %d legend_outside %d selection_cue %d", &c.legend_rows,
                  &c.legend_outside, &c.selection_cue);
    if (const auto more = c.output.find(" record ", at); more != std::string::npos)
      std::sscanf(c.output.c_str() + more, " record %d %d %d preview %dx%d %f %f %f %f", &c.record_exit, &c.record_frames,
                  &c.record_frames_drawn, &c.preview_w, &c.preview_h, &c.preview_x0, &c.preview_y0, &c.preview_x1,
                  &c.preview_y1);
  }
  return c;
}

#define REQUIRE_CAPTURE(c)                                                      \
  do {                                                                          \
    if (!have_xvfb()) { GTEST_SKIP() << "xvfb-run is not installed"; }          \
    ASSERT_EQ((c).status, 0) << (c).output;                                     \
    ASSERT_GT((c).image.width, 0) << "no capture line or PNG:\n" << (c).output; \
  } while (0)

std::string rgb(const std::uint8_t* p) {
  return std::to_string(p[0]) + "," + std::to_string(p[1]) + "," + std::to_string(p[2]);
}

int distance(const std::uint8_t* p, const Rgba& c) {
  return std::abs(p[0] - static_cast<int>(c.r * 255 + 0.5f)) + std::abs(p[1] - static_cast<int>(c.g * 255 + 0.5f)) +
         std::abs(p[2] - static_cast<int>(c.b * 255 + 0.5f));
}

// Pixels of the map canvas within `tolerance` (sum over RGB) of a colour.
int count_on_canvas(const Capture& c, const Rgba& color, int tolerance = 45) {
  int n = 0;
  for (int y = static_cast<int>(c.canvas_y); y < static_cast<int>(c.canvas_y + c.canvas_h); ++y)
    for (int x = static_cast<int>(c.canvas_x); x < static_cast<int>(c.canvas_x + c.canvas_w); ++x)
      n += distance(c.image.pixel(x, y), color) < tolerance;
  return n;
}

// Any pixel within `radius` of a point in that colour.
bool colour_near(const Capture& c, std::pair<int, int> p, const Rgba& color, int radius, int tolerance = 60) {
  for (int y = std::max(0, p.second - radius); y <= std::min(c.image.height - 1, p.second + radius); ++y)
    for (int x = std::max(0, p.first - radius); x <= std::min(c.image.width - 1, p.first + radius); ++x)
      if (distance(c.image.pixel(x, y), color) < tolerance) return true;
  return false;
}

// Most of the 7×7 pixels around a point have this colour (graticule and coast lines aside).
bool mostly(const Capture& c, std::pair<int, int> p, const Rgba& color, int tolerance = 30) {
  int n = 0, total = 0;
  for (int y = std::max(0, p.second - 3); y <= std::min(c.image.height - 1, p.second + 3); ++y)
    for (int x = std::max(0, p.first - 3); x <= std::min(c.image.width - 1, p.first + 3); ++x)
      ++total, n += distance(c.image.pixel(x, y), color) < tolerance;
  return n * 2 > total;
}

namespace style = patrolscope::render::style;

// Every event, no fading: track pixels have their domain's colour at their centre.
const std::string kAllTracks = "--mode fixed --window 20y";

}  // namespace

TEST(Viewer, LandAndSeaWhereTheyBelong) {
  // Before any event: nothing but the map.
  const Capture& c = run_viewer("--region pacific --at 2018-01-01 --mode fixed --window 1d");
  REQUIRE_CAPTURE(c);
  // (Probes are off the 10° graticule lines.)
  const auto honshu = c.pixel(138.3, 36.3), pacific = c.pixel(172.5, 32.5), kamchatka = c.pixel(158.7, 56.5);
  ASSERT_GE(honshu.first, 0);
  ASSERT_GE(pacific.first, 0);
  ASSERT_GE(kamchatka.first, 0);
  EXPECT_TRUE(mostly(c, honshu, style::land())) << "Honshu is not land-coloured";
  EXPECT_TRUE(mostly(c, kamchatka, style::land())) << "Kamchatka is not land-coloured";
  EXPECT_TRUE(mostly(c, pacific, style::sea())) << "the open Pacific is not sea-coloured";
  // Before any event, no track is drawn.
  EXPECT_LT(count_on_canvas(c, style::domain("air")), 5);
  EXPECT_LT(count_on_canvas(c, style::domain("naval")), 5);
}

TEST(Viewer, TracksPresent) {
  const Capture& c = run_viewer("--region pacific " + kAllTracks);
  REQUIRE_CAPTURE(c);
  EXPECT_GT(count_on_canvas(c, style::domain("air")), 150);
  EXPECT_GT(count_on_canvas(c, style::domain("naval")), 150);
}

TEST(Viewer, DomainFilterChangesTheTracksShown) {
  const Capture& naval = run_viewer("--region pacific --domain naval " + kAllTracks);
  const Capture& air = run_viewer("--region pacific --domain air " + kAllTracks);
  REQUIRE_CAPTURE(naval);
  REQUIRE_CAPTURE(air);
  EXPECT_GT(count_on_canvas(naval, style::domain("naval")), 150);
  EXPECT_GT(count_on_canvas(air, style::domain("air")), 150);
  // Air-only events vanish from the naval capture and the reverse (multi-domain exercise areas
  // are translucent and do not match a track's colour).
  EXPECT_LT(count_on_canvas(naval, style::domain("air")), count_on_canvas(air, style::domain("air")) / 10);
  EXPECT_LT(count_on_canvas(air, style::domain("naval")), count_on_canvas(naval, style::domain("naval")) / 10);
}

TEST(Viewer, TimeChangesTheTracksShown) {
  const Capture& all = run_viewer("--region pacific " + kAllTracks);
  // Of the naval tracks only the 4th joint naval patrol (4–17 July 2024) is within the two
  // weeks before 17 July 2024.
  const Capture& july = run_viewer("--region pacific --at 2024-07-17T23:00 --mode fixed --window 14d");
  REQUIRE_CAPTURE(all);
  REQUIRE_CAPTURE(july);
  const int naval_all = count_on_canvas(all, style::domain("naval"));
  const int naval_july = count_on_canvas(july, style::domain("naval"));
  EXPECT_GT(naval_july, 20);
  EXPECT_LT(naval_july, naval_all / 2);
}

TEST(Viewer, PacificIsContinuousAcross180WithNoStreak) {
  // The coast guard patrol (Bering Sea at ≈59N 180°) and air patrol 8 (Chukchi and Bering Seas)
  // cross the antimeridian.
  const Capture& c = run_viewer("--region pacific --at 2024-10-11 --mode fixed --window 90d --kind air_patrol,coast_guard_patrol");
  REQUIRE_CAPTURE(c);
  const Rgba guard = style::domain("coast_guard"), air = style::domain("air");
  // Track pixels on both sides of 180°, near the crossing.
  bool west = false, east = false;
  for (double lat = 50; lat <= 70; lat += 0.5) {
    for (double lon = 172; lon < 180; lon += 0.5)
      if (const auto p = c.pixel(lon, lat); p.first >= 0) west |= colour_near(c, p, guard, 1) || colour_near(c, p, air, 1);
    for (double lon = -180; lon < -172; lon += 0.5)
      if (const auto p = c.pixel(lon, lat); p.first >= 0) east |= colour_near(c, p, guard, 1) || colour_near(c, p, air, 1);
  }
  EXPECT_TRUE(west) << "no track west of 180°";
  EXPECT_TRUE(east) << "no track east of 180°";
  // No streak: across the map at those latitudes, far from every track, no track colour.
  int streak = 0;
  for (double lat = 56; lat <= 72; lat += 1) {
    for (double lon = 95; lon <= 150; lon += 1)
      if (const auto p = c.pixel(lon, lat); p.first >= 0) streak += colour_near(c, p, guard, 1) || colour_near(c, p, air, 1);
    for (double lon = -150; lon <= -100; lon += 1)
      if (const auto p = c.pixel(lon, lat); p.first >= 0) streak += colour_near(c, p, guard, 1) || colour_near(c, p, air, 1);
  }
  EXPECT_EQ(streak, 0) << "track colour far from every track: a streak across the map";
}

TEST(Viewer, EveryPresetDrawsLandAndSea) {
  struct Probe {
    const char* region;
    double land_lon, land_lat, sea_lon, sea_lat;
  };
  // Inside each preset's opening frame (the activity it holds): Alaska and the Chukchi Sea,
  // Taiwan and the open South China Sea.
  for (const Probe& p : {Probe{"arctic", -155, 66, -168, 71.5}, Probe{"scs", 120.9, 23.6, 115, 17},
                         Probe{"world", 22.5, 7.5, -142.5, -22.5}}) {
    const Capture& c = run_viewer(std::string("--region ") + p.region + " --at 2018-01-01 --mode fixed --window 1d");
    REQUIRE_CAPTURE(c);
    const auto land = c.pixel(p.land_lon, p.land_lat), sea = c.pixel(p.sea_lon, p.sea_lat);
    ASSERT_GE(land.first, 0) << p.region;
    ASSERT_GE(sea.first, 0) << p.region;
    EXPECT_TRUE(mostly(c, land, style::land()))
        << p.region << " land at " << land.first << "," << land.second << " is " << rgb(c.image.pixel(land.first, land.second));
    EXPECT_TRUE(mostly(c, sea, style::sea()))
        << p.region << " sea at " << sea.first << "," << sea.second << " is " << rgb(c.image.pixel(sea.first, sea.second));
  }
}

TEST(Viewer, ZoomToTheSelectionAndTheFilteredSet) {
  // The 8th air patrol (Bering Sea, across 180°): the selection zooms in on it, whole.
  const Capture& opened = run_viewer("--region pacific --select air-patrol-08-2024-07-24 --mode all");
  REQUIRE_CAPTURE(opened);
  const Capture& zoomed = run_viewer("--region pacific --select air-patrol-08-2024-07-24 --mode all --zoom-to selection");
  REQUIRE_CAPTURE(zoomed);
  EXPECT_LT(zoomed.units_per_pixel, opened.units_per_pixel * 0.7);
  for (const auto& [lon, lat] : {std::pair{177.7, 50.0}, std::pair{-178.0, 60.0}, std::pair{-170.0, 69.0}})
    EXPECT_GE(zoomed.pixel(lon, lat).first, 0) << lon << "," << lat << " is not on the canvas";
  // The filtered set: the SCS exercise of 2024 alone, in the Pacific preset.
  const Capture& filtered = run_viewer("--region pacific --mode all --kind exercise --years 2024 --zoom-to filtered");
  REQUIRE_CAPTURE(filtered);
  EXPECT_LT(filtered.units_per_pixel, opened.units_per_pixel);
  EXPECT_GE(filtered.pixel(111, 20.5).first, 0);  // Joint Sea-2024
}

// Issue 12: the Legend panel lists the styles drawn in the visible area (render::drawn_events,
// the briefing legend's rule), not every event active in the window wherever it is, and says
// how many more are drawn outside the view.
TEST(Viewer, TheLegendListsOnlyWhatIsDrawnInTheVisibleArea) {
  const Capture& whole = run_viewer("--region pacific --mode all --zoom-to data");
  REQUIRE_CAPTURE(whole);
  // Zoomed in on the 8th air patrol (Bering Sea): fewer kinds are drawn there.
  const Capture& zoomed = run_viewer("--region pacific --select air-patrol-08-2024-07-24 --mode all --zoom-to selection");
  REQUIRE_CAPTURE(zoomed);
  EXPECT_GE(whole.legend_rows, 4) << "air, naval and coast guard patrols, exercises";
  EXPECT_EQ(whole.legend_outside, 0) << "zoomed to every event: none outside";
  EXPECT_GE(zoomed.legend_rows, 1);
  EXPECT_LT(zoomed.legend_rows, whole.legend_rows) << "the legend lists kinds drawn off the visible map";
  EXPECT_GT(zoomed.legend_outside, 10);
}

// Issue 12: when the selected event is off the visible map, the map shows an arrow at its edge
// towards it with its name and the key that frames it (here: selected in the Gulf of Oman, then
// the view switches to the Arctic, whose frame is the Bering Strait).
TEST(Viewer, ASelectionOffTheMapGetsAnEdgeCue) {
  const Capture& on = run_viewer("--region pacific --mode all --select exercise-maritime-security-belt-2024");
  REQUIRE_CAPTURE(on);
  EXPECT_EQ(on.selection_cue, 0) << "the selection is framed when the map opens: no cue";
  const Capture& off = run_viewer("--region pacific --mode all --select exercise-maritime-security-belt-2024 --switch-to arctic");
  REQUIRE_CAPTURE(off);
  EXPECT_EQ(off.selection_cue, 1) << off.output;
  // The arrow's red on the canvas near its edge.
  int red = 0;
  for (int y = static_cast<int>(off.canvas_y); y < static_cast<int>(off.canvas_y + off.canvas_h); ++y)
    for (int x = static_cast<int>(off.canvas_x); x < static_cast<int>(off.canvas_x + off.canvas_w); ++x) {
      const std::uint8_t* p = off.image.pixel(x, y);
      red += p[0] > 180 && p[1] < 70 && p[2] < 50;
    }
  EXPECT_GT(red, 60) << "no cue drawn";
}

TEST(Viewer, SwitchingProjectionReprojectsInTheBackground) {
  // After the first frame the view switches from the Pacific to the Arctic: the window keeps
  // drawing (the old map, with a spinner) while the new scene is built on another thread.
  const Capture& c = run_viewer("--region pacific --switch-to arctic --at 2018-01-01 --mode fixed --window 1d");
  REQUIRE_CAPTURE(c);
  int busy_frames = -1;
  const auto at = c.output.find("reprojection: ");
  ASSERT_NE(at, std::string::npos) << c.output;
  ASSERT_EQ(std::sscanf(c.output.c_str() + at, "reprojection: %d", &busy_frames), 1);
  EXPECT_GT(busy_frames, 0) << "no frame was drawn while the scene was being built";
  EXPECT_EQ(c.projection, "arctic");
  const auto land = c.pixel(-155, 66), sea = c.pixel(-168, 71.5);
  ASSERT_GE(land.first, 0);
  ASSERT_GE(sea.first, 0);
  EXPECT_TRUE(mostly(c, land, style::land()));
  EXPECT_TRUE(mostly(c, sea, style::sea()));
}

TEST(Viewer, BadFlagsAreUsageErrors) {
  if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
  const std::string exe = patrolscope::testing::cli_command() + " view --frames 1 ";
  EXPECT_EQ(WEXITSTATUS(std::system((exe + "--region atlantis 2>/dev/null").c_str())), 2);
  EXPECT_EQ(WEXITSTATUS(std::system((exe + "--window forever 2>/dev/null").c_str())), 2);
  EXPECT_EQ(WEXITSTATUS(std::system((exe + "--size 12 2>/dev/null").c_str())), 2);
}

TEST(Viewer, WithoutADisplayItWritesABriefingHeadless) {
  const fs::path png = scratch_dir() / "briefing.png";
  const std::string command = patrolscope::testing::cli_command() + " view --frames 1 --size 640x400 --capture '" +
                              png.string() + "' 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buffer[1024];
  while (std::fgets(buffer, sizeof buffer, pipe)) output += buffer;
  EXPECT_EQ(pclose(pipe), 0) << output;
  EXPECT_NE(output.find("no display"), std::string::npos) << output;
  EXPECT_NE(output.find(png.string()), std::string::npos) << output;
  const Image image = patrolscope::render::read_png(png.string());
  EXPECT_EQ(image.width, 640);
  EXPECT_EQ(image.height, 400);
}

TEST(Settings, RoundTripThroughTheConfigDirectory) {
  const fs::path dir = scratch_dir() / "settings-roundtrip";
  ASSERT_EQ(::setenv("XDG_CONFIG_HOME", dir.c_str(), 1), 0);
  EXPECT_EQ(patrolscope::config_dir(), (dir / "patrolscope").string());
  const std::string path = patrolscope::config_dir() + "/settings.json";

  patrolscope::AppState saved;
  saved.projection = "arctic";
  saved.center_x = 12345.5;
  saved.units_per_pixel = 2000;
  saved.cursor = 1720000000;
  saved.window_mode = patrolscope::WindowMode::Trail;
  saved.filter.domains = {"naval"};
  saved.filter.years = {2022, 2024};
  saved.color_by = patrolscope::ColorBy::Kind;
  saved.line_width = 4;
  saved.layers.graticule = false;
  saved.panels.stats = false;
  std::string error;
  ASSERT_TRUE(patrolscope::save_settings(path, saved, {1600, 1000}, &error)) << error;

  patrolscope::AppState loaded;
  patrolscope::WindowSize size;
  ASSERT_TRUE(patrolscope::load_settings(path, loaded, size, &error)) << error;
  EXPECT_EQ(size.width, 1600);
  EXPECT_EQ(size.height, 1000);
  EXPECT_EQ(loaded.projection, "arctic");
  EXPECT_EQ(loaded.center_x, 12345.5);
  EXPECT_EQ(loaded.units_per_pixel, 2000);
  EXPECT_EQ(loaded.cursor, 1720000000);
  EXPECT_EQ(loaded.window_mode, patrolscope::WindowMode::Trail);
  EXPECT_EQ(loaded.filter.domains, saved.filter.domains);
  EXPECT_EQ(loaded.filter.years, saved.filter.years);
  EXPECT_EQ(loaded.color_by, patrolscope::ColorBy::Kind);
  EXPECT_EQ(loaded.line_width, 4);
  EXPECT_FALSE(loaded.layers.graticule);
  EXPECT_FALSE(loaded.panels.stats);

  // A damaged file is reported, and leaves the state as it was.
  { std::ofstream(path) << "{ not json"; }
  patrolscope::AppState untouched;
  EXPECT_FALSE(patrolscope::load_settings(path, untouched, size, &error));
  EXPECT_EQ(untouched.projection, "pacific");
  fs::remove_all(dir);
}

TEST(MapCamera, WheelZoomKeepsThePointUnderTheMouseFixed) {
  patrolscope::AppState s;
  s.center_x = 1000, s.center_y = -500, s.units_per_pixel = 10;
  const double px = 150, py = 40, w = 400, h = 300;  // a pixel up and left of the centre
  const double mx = s.center_x + (px - w / 2) * s.units_per_pixel, my = s.center_y - (py - h / 2) * s.units_per_pixel;
  patrolscope::zoom_map_about(s, px, py, w, h, 0.5, 1, 1000);
  EXPECT_DOUBLE_EQ(s.units_per_pixel, 5);
  EXPECT_DOUBLE_EQ(s.center_x + (px - w / 2) * s.units_per_pixel, mx);
  EXPECT_DOUBLE_EQ(s.center_y - (py - h / 2) * s.units_per_pixel, my);
  patrolscope::zoom_map_about(s, px, py, w, h, 1e-9, 1, 1000);  // clamped
  EXPECT_DOUBLE_EQ(s.units_per_pixel, 1);
  EXPECT_NEAR(s.center_x + (px - w / 2) * s.units_per_pixel, mx, 1e-9);
}

// --- Settings: every value checked, nesting bounded, written only when changed ------------------

using patrolscope::testing::write_file;

TEST(Settings, DeepNestingIsRefusedWithoutCrashing) {
  std::string deep = "{\"view\": ";
  for (int i = 0; i < 100000; ++i) deep += "{\"a\":";
  deep += "1";
  for (int i = 0; i < 100000; ++i) deep += "}";
  deep += "}";
  const fs::path path = write_file(scratch_dir() / "deep" / "settings.json", deep);
  patrolscope::AppState state;
  patrolscope::WindowSize size;
  std::string error;
  EXPECT_FALSE(patrolscope::load_settings(path.string(), state, size, &error));
  EXPECT_NE(error.find("nested deeper"), std::string::npos) << error;
  EXPECT_EQ(state.projection, "pacific");
}

TEST(Settings, BadValuesAreIgnoredOneByOneWithAWarning) {
  const fs::path path = write_file(scratch_dir() / "bad" / "settings.json", R"({
    "window": {"width": 1000, "height": 2147483647},
    "view": {"projection": "arctic", "units_per_pixel": -5, "center_x": "east"},
    "time": {"cursor": -9223372036854775807, "mode": "sideways", "window": 0, "speed": -3},
    "filters": {"years": [2147483647], "domains": ["naval"], "kinds": "exercise"},
    "color_by": "kind", "line_width": 1e20,
    "layers": {"land": "yes", "coast": false},
    "panels": {"stats": false, "legend": 3}
  })");
  patrolscope::AppState state;
  patrolscope::WindowSize size;
  std::string error;
  std::vector<std::string> warnings;
  ASSERT_TRUE(patrolscope::load_settings(path.string(), state, size, &error, &warnings)) << error;
  // The good values apply, before and after the bad ones.
  EXPECT_EQ(size.width, 1000);
  EXPECT_EQ(state.projection, "arctic");
  EXPECT_EQ(state.filter.domains, std::set<std::string>{"naval"});
  EXPECT_EQ(state.color_by, patrolscope::ColorBy::Kind);
  EXPECT_FALSE(state.layers.coast);
  EXPECT_FALSE(state.panels.stats);
  // The bad ones leave the defaults.
  const patrolscope::AppState defaults;
  EXPECT_EQ(size.height, patrolscope::WindowSize{}.height);
  EXPECT_EQ(state.units_per_pixel, defaults.units_per_pixel);
  EXPECT_EQ(state.center_x, defaults.center_x);
  EXPECT_EQ(state.cursor, defaults.cursor);
  EXPECT_EQ(state.window_mode, defaults.window_mode);
  EXPECT_EQ(state.window, defaults.window);
  EXPECT_EQ(state.speed, defaults.speed);
  EXPECT_TRUE(state.filter.years.empty());
  EXPECT_TRUE(state.filter.kinds.empty());
  EXPECT_EQ(state.line_width, defaults.line_width);
  EXPECT_TRUE(state.layers.land);
  EXPECT_TRUE(state.panels.legend);
  std::string all;
  for (const std::string& w : warnings) all += w + "\n";
  for (const char* key : {"window.height", "view.units_per_pixel", "view.center_x", "time.cursor", "time.mode",
                          "time.window", "time.speed", "filters.years", "filters.kinds", "line_width", "layers.land",
                          "panels.legend"})
    EXPECT_NE(all.find(std::string(key) + ":"), std::string::npos) << key << " not warned about:\n" << all;

  // A float year (1e20) is not read as an integer (it was saved back as -2147483648).
  write_file(path, R"({"filters": {"years": [1e20, 2024]}})");
  patrolscope::AppState other;
  warnings.clear();
  ASSERT_TRUE(patrolscope::load_settings(path.string(), other, size, &error, &warnings));
  EXPECT_TRUE(other.filter.years.empty());
  EXPECT_EQ(warnings.size(), 1u);
}

TEST(Settings, TheWindowSizeIsAppliedAndTheFileIsWrittenOnlyWhenSomethingChanged) {
  if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
  const fs::path config = scratch_dir() / "size-config";
  const fs::path file = config / "patrolscope" / "settings.json";
  // A compact file: any rewrite (indented) would change its bytes.
  const std::string saved =
      R"({"window":{"width":1024,"height":700},"view":{"projection":"pacific","center_x":-3000000,"center_y":4000000,"units_per_pixel":9000},"time":{"cursor":1721257200,"mode":"fixed","window":2592000}})";
  write_file(file, saved);
  const fs::path png = scratch_dir() / "saved-size.png";
  const std::string command = "XDG_CONFIG_HOME='" + config.string() + "' xvfb-run -a -s '-screen 0 1600x1000x24' '" PATROLSCOPE_EXE
                              "' view --frames 3 --settings-in-batch --capture '" + png.string() + "' 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe)) output += buffer;
  ASSERT_EQ(pclose(pipe), 0) << output;
  const Image image = patrolscope::render::read_png(png.string());
  EXPECT_EQ(image.width, 1024) << output;
  EXPECT_EQ(image.height, 700) << output;
  std::ifstream in(file);
  const std::string after((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(after, saved) << "settings rewritten though nothing changed";
}

// --- The map canvas's parts: picking through the grid, the bounded detail cache, FrameState ------

namespace {
// Event 0: a long track along y = 0 from x = 0 to 1000 (times 0..1000); event 1: an area
// triangle around (500, 50), active [900, 2000]; event 2: a point at (800, -100).
geo::Scene pick_scene() {
  geo::Scene s;
  s.full_extent = {0, -200, 1000, 200};
  for (int i = 0; i <= 100; ++i)
    s.tracks.push_back({10.f * i, 0, 10 * i, (i == 0 ? geo::TrackVertex::kPieceStart : 0u) | 0u, 0, 0});
  for (auto [x, y] : {std::pair{400.f, -40.f}, {600.f, -40.f}, {500.f, 150.f}})
    s.areas.push_back({x, y, 900, 2000, 1, 0, 0});
  s.points.push_back({800, -100, INT32_MIN, INT32_MAX, 2, 0, 0});
  return s;
}
patrolscope::ui::PickQuery at(double x, double y) {
  patrolscope::ui::PickQuery q;
  q.x = x, q.y = y, q.radius = 6;
  return q;
}
}  // namespace

TEST(MapPicker, PicksTheNearestThroughTheGrid) {
  const geo::Scene scene = pick_scene();
  const patrolscope::ui::ScenePicker picker(scene);
  EXPECT_GT(picker.cells(), 16u);  // an index, not a list
  EXPECT_EQ(picker.pick(at(123, 3)), 0);     // on the track
  EXPECT_EQ(picker.pick(at(801, -99)), 2);   // the point
  EXPECT_EQ(picker.pick(at(500, 60)), 1);    // inside the area, away from the track
  EXPECT_EQ(picker.pick(at(123, 30)), -1);   // nothing near
  EXPECT_EQ(picker.pick(at(500, 2)), 0);     // a bright track over the area
  auto filtered = at(123, 3);
  filtered.shown = [](std::uint32_t f) { return f != 0; };
  EXPECT_EQ(picker.pick(filtered), -1);
  geo::Extent e;
  ASSERT_TRUE(picker.feature_extent(0, e));
  EXPECT_EQ(e.xmin, 0);
  EXPECT_EQ(e.xmax, 1000);
  EXPECT_FALSE(picker.feature_extent(7, e));
}

TEST(MapPicker, InsideAnActiveAreaTheAreaWinsOverADimmedTrack) {
  const geo::Scene scene = pick_scene();
  const patrolscope::ui::ScenePicker picker(scene);
  // Cumulative at t = 1500 with a 300 s window: the track (t ≤ 1000) is drawn but dimmed, the
  // area (900–2000) is active.
  auto q = at(500, 2);
  q.timed = true, q.now = 1500, q.active_from = 1200, q.drawn_from = -1e18;
  EXPECT_EQ(picker.pick(q), 1);
  q.x = 100;  // outside the area the dimmed track is still picked
  EXPECT_EQ(picker.pick(q), 0);
  q.x = 500, q.active_from = 400;  // the track's part there (t 500) is active: it stays on top
  EXPECT_EQ(picker.pick(q), 0);
  q.now = 100, q.active_from = 0, q.drawn_from = 0;  // before the area: not picked
  q.y = 60;
  EXPECT_EQ(picker.pick(q), -1);
}

TEST(TrackDetail, TheCacheIsBounded) {
  geo::Scene scene;
  scene.full_extent = {0, 0, 65536, 65536};
  for (std::size_t i = 0; i < patrolscope::ui::TrackDetailCache::kDetailedEnough + 10; ++i)
    scene.tracks.push_back({static_cast<float>(i % 5000), static_cast<float>((i * 7) % 3000), 0,
                            i % 5000 == 0 ? geo::TrackVertex::kPieceStart : 0u, 0, 0});
  patrolscope::ui::TrackDetailCache cache(3);
  cache.reset(&scene);
  EXPECT_EQ(cache.level_for(0.5), -1);
  EXPECT_EQ(cache.level_for(8), 2);
  for (int level = 0; level < 8; ++level) {
    EXPECT_FALSE(cache.tracks(level).empty());
    EXPECT_LE(cache.cached_levels(), 3u);
  }
  EXPECT_TRUE(cache.cached(7));   // the most recent stay
  EXPECT_FALSE(cache.cached(0));  // the oldest went
  cache.tracks(5);
  cache.tracks(8);
  EXPECT_TRUE(cache.cached(5));  // used again: kept over 6
  EXPECT_FALSE(cache.cached(6));
}

TEST(FrameState, EqualityComparesEveryField) {
  // (The hand-written comparison it replaced missed trail_fade and transparent.)
  patrolscope::render::FrameState a, b;
  EXPECT_EQ(a, b);
  b.trail_fade = 0.25f;
  EXPECT_NE(a, b);
  b = a;
  b.transparent = true;
  EXPECT_NE(a, b);
  b = a;
  b.camera.height_px = 7;
  EXPECT_NE(a, b);
  b = a;
  b.masks.force = 4;
  EXPECT_NE(a, b);
}

// --- Time follows the filter; one meaning of "active" -------------------------------------------

namespace {
patrolscope::ViewData timed_data() {
  patrolscope::ViewData data;
  const auto event = [](const char* id, geo::Seconds start, geo::Seconds end, const char* domain) {
    geo::Event e;
    e.id = id, e.name = id, e.start = start, e.end = end, e.domains = {domain}, e.kind = "air_patrol";
    return e;
  };
  data.events = {event("a", geo::make_time(2024, 3, 1), geo::make_time(2024, 3, 10), "air"),
                 event("b", geo::make_time(2024, 11, 1), geo::make_time(2024, 11, 20), "naval"),
                 event("c", geo::make_time(2026, 6, 20), geo::make_time(2026, 6, 27), "air")};
  data.range = geo::time_range(data.events);
  return data;
}
}  // namespace

TEST(TimeFollowsTheFilter, AFilterMovesTheCursorToTheNearestMatchingActivity) {
  const patrolscope::ViewData data = timed_data();
  patrolscope::AppState s;
  s.window_mode = patrolscope::WindowMode::Trail;
  s.window = 7 * 86400;
  s.cursor = data.range.to;
  EXPECT_FALSE(patrolscope::follow_filter(s, data));  // no filter: event c is on show
  s.filter.years = {2024};
  EXPECT_TRUE(patrolscope::follow_filter(s, data));
  EXPECT_EQ(s.cursor, geo::make_time(2024, 11, 20));  // the nearest 2024 activity, b's end
  EXPECT_FALSE(patrolscope::follow_filter(s, data));  // the same filter: nothing more to do
  s.filter.domains = {"air"};  // only a (March) matches now
  EXPECT_TRUE(patrolscope::follow_filter(s, data));
  EXPECT_EQ(s.cursor, geo::make_time(2024, 3, 10));
  // A later event: the cursor goes a window into it.
  s.filter = {};
  s.filter.kinds = {"air_patrol"};
  s.cursor = geo::make_time(2020, 1, 1);
  EXPECT_TRUE(patrolscope::follow_filter(s, data));
  EXPECT_EQ(s.cursor, geo::make_time(2024, 3, 8));
  // Nothing matches: time stays.
  s.filter.kinds = {"nothing"};
  EXPECT_FALSE(patrolscope::follow_filter(s, data));
  EXPECT_EQ(s.cursor, geo::make_time(2024, 3, 8));
  // Home/End's range follows the filter.
  s.filter = {};
  s.filter.domains = {"naval"};
  EXPECT_EQ(patrolscope::filtered_range(data, s.filter).from, geo::make_time(2024, 11, 1));
  EXPECT_EQ(patrolscope::filtered_range(data, s.filter).to, geo::make_time(2024, 11, 20));
}

TEST(TimeFollowsTheFilter, ActiveMeansActiveInTheWindowInEveryMode) {
  const patrolscope::ViewData data = timed_data();
  patrolscope::AppState s;
  s.cursor = geo::make_time(2026, 6, 27);
  s.window = 365 * 86400;
  for (auto mode : {patrolscope::WindowMode::Trail, patrolscope::WindowMode::Fixed, patrolscope::WindowMode::Cumulative}) {
    s.window_mode = mode;
    const patrolscope::TimeSpan span = patrolscope::active_span(s, data);
    EXPECT_EQ(span.from, s.cursor - s.window);
    EXPECT_EQ(geo::active_events(data.events, {}, span.from, span.to), std::vector<int>{2}) << to_string(mode);
  }
  s.window_mode = patrolscope::WindowMode::All;
  const patrolscope::TimeSpan all = patrolscope::active_span(s, data);
  EXPECT_EQ(geo::active_events(data.events, {}, all.from, all.to).size(), 3u);
}

TEST(TimeFollowsTheFilter, TheViewerOpensOnTheFilteredActivity) {
  // `view --years 2024 --mode trail --window 7d` opened at 2026-06-27 with "0 active".
  const Capture& c = run_viewer("--years 2024 --mode trail --window 7d");
  REQUIRE_CAPTURE(c);
  EXPECT_EQ(c.cursor.substr(0, 4), "2024") << c.output;
  EXPECT_GT(c.active, 0) << c.output;
}

// --- Selection navigates; errors show in the window ---------------------------------------------

TEST(Selection, BringIntoViewPansAndZoomsOnlyAsNeeded) {
  patrolscope::AppState s;
  s.center_x = 0, s.center_y = 0, s.units_per_pixel = 10;  // a 1000×500 canvas: x ±5000, y ±2500
  patrolscope::bring_into_view(s, {-2000, -1000, 2000, 1000}, 1000, 500);  // in view, a fair size
  EXPECT_EQ(s.center_x, 0);
  EXPECT_EQ(s.units_per_pixel, 10);
  patrolscope::bring_into_view(s, {20000, 0, 22000, 1000}, 1000, 500);  // off screen: pans to it
  EXPECT_EQ(s.center_x, 21000);
  EXPECT_EQ(s.center_y, 500);
  EXPECT_EQ(s.units_per_pixel, 10);
  patrolscope::bring_into_view(s, {-50000, 0, 50000, 100}, 1000, 500);  // too big: zooms out to fit
  EXPECT_EQ(s.center_x, 0);
  EXPECT_DOUBLE_EQ(s.units_per_pixel, 100000.0 / 1000 * 1.25);
  patrolscope::bring_into_view(s, {0, 0, 100, 100}, 1000, 500);  // tiny: zooms in, at most to a quarter
  EXPECT_DOUBLE_EQ(s.units_per_pixel, 100.0 / 500 * 1.25 * 4);
}

TEST(Selection, ShowOnTimelineScrollsAZoomedTimeline) {
  patrolscope::AppState s;
  patrolscope::scroll_timeline_to(s, 1000, 2000);  // not zoomed: nothing to do
  EXPECT_EQ(s.timeline_from, 0);
  s.timeline_from = 0, s.timeline_to = 100;
  patrolscope::scroll_timeline_to(s, 20, 50);  // in view
  EXPECT_EQ(s.timeline_to, 100);
  patrolscope::scroll_timeline_to(s, 1000, 1010);  // out of view: centred, same zoom
  EXPECT_DOUBLE_EQ(s.timeline_from, 955);
  EXPECT_DOUBLE_EQ(s.timeline_to, 1055);
  patrolscope::scroll_timeline_to(s, 0, 1000);  // longer than the view: zooms out
  EXPECT_LE(s.timeline_from, 0);
  EXPECT_GE(s.timeline_to, 1000);
}

TEST(Messages, AFileThatFailsToLoadIsShownInTheWindow) {
  const Capture& c = run_viewer("'" PATROLSCOPE_SOURCE_DIR "/assets/data/china-russia-joint-activity.geojson' /nonexistent/missing.geojson");
  REQUIRE_CAPTURE(c);
  EXPECT_GE(c.messages, 1) << c.output;
  // The status line (its border colour) is over the map's bottom-left.
  int border = 0;
  for (int y = static_cast<int>(c.canvas_y + c.canvas_h * 0.5); y < static_cast<int>(c.canvas_y + c.canvas_h); ++y)
    for (int x = static_cast<int>(c.canvas_x); x < static_cast<int>(c.canvas_x + c.canvas_w * 0.5); ++x) {
      const std::uint8_t* p = c.image.pixel(x, y);
      border += std::abs(p[0] - 200) + std::abs(p[1] - 60) + std::abs(p[2] - 40) < 40;
    }
  EXPECT_GT(border, 100) << "no status line on the map";
}

TEST(Panels, TheTableNamesEachPanelOnce) {
  std::set<std::string> titles, keys;
  for (const patrolscope::ui::PanelInfo& p : patrolscope::ui::panel_table()) {
    EXPECT_TRUE(titles.insert(p.title).second) << p.title;
    if (p.settings_key) {
      EXPECT_TRUE(keys.insert(p.settings_key).second) << p.settings_key;
    }
    EXPECT_NE(p.draw, nullptr);
  }
  // Settings carry every saved panel through the table.
  patrolscope::AppState s;
  for (const auto& p : patrolscope::ui::panel_table()) s.panels.*p.open = false;
  const std::string text = patrolscope::settings_json(s, {});
  for (const std::string& key : keys) EXPECT_NE(text.find("\"" + key + "\": false"), std::string::npos) << key;
}

TEST(Selection, SelectOpensAtTheEventAndFramesIt) {
  const Capture& plain = run_viewer("--region arctic");
  const Capture& c = run_viewer("--region arctic --select air-patrol-05-2022-11-30");
  REQUIRE_CAPTURE(plain);
  REQUIRE_CAPTURE(c);
  EXPECT_GE(c.selected, 0);
  EXPECT_EQ(c.cursor, "2022-11-30T23:59:59Z");
  // The patrol (Sea of Japan to the East China Sea) is framed: its area is in view and the
  // camera has moved (panned) from the preset's pole-centred view.
  EXPECT_NE(c.center_x, plain.center_x);
  const auto japan_sea = c.pixel(135, 38);
  EXPECT_GE(japan_sea.first, 0) << "the patrol's area is off the canvas";
}

TEST(RecordDialog, RecordsTheClipItPreviewsWhileTheWindowKeepsDrawing) {
  // The dialog shows the clip's first frame before Record is pressed; the clip it writes (a
  // PNG sequence here: lossless, so "the same" is exact) starts with that very frame, has
  // duration × fps frames, and the window drew frames while the child process recorded.
  const fs::path dir = scratch_dir() / "record";
  fs::create_directories(dir);
  const std::string pattern = (dir / "clip_%04d.png").string();
  const Capture& c = run_viewer("--record-to '" + pattern + "'", "1024x700");
  REQUIRE_CAPTURE(c);
  EXPECT_EQ(c.record_exit, 0) << c.output;
  EXPECT_EQ(c.record_frames, 30) << "3 s at 10 frames/s, as the batch run sets the dialog";
  std::vector<fs::path> frames;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().filename().string().starts_with("clip_") && entry.path().extension() == ".png" &&
        entry.path().string().find(".preview") == std::string::npos)
      frames.push_back(entry.path());
  std::sort(frames.begin(), frames.end());
  ASSERT_EQ(frames.size(), 30u) << c.output;
  EXPECT_GT(c.record_frames_drawn, 0) << "the window stopped drawing while it recorded";

  // The preview on screen: its size is the clip's, it lies inside the window, and something
  // is drawn there (not one flat colour).
  EXPECT_EQ(c.preview_w, 640);
  EXPECT_EQ(c.preview_h, 360);
  ASSERT_GT(c.preview_x1 - c.preview_x0, 100) << c.output;
  EXPECT_GE(c.preview_x0, 0);
  EXPECT_LE(c.preview_y1, c.image.height) << "the preview is below the window's edge";
  int darkest = 255 * 3, lightest = 0;
  for (int y = static_cast<int>(c.preview_y0) + 2; y < static_cast<int>(c.preview_y1) - 2; y += 3)
    for (int x = static_cast<int>(c.preview_x0) + 2; x < static_cast<int>(c.preview_x1) - 2; x += 3) {
      const std::uint8_t* p = c.image.pixel(x, y);
      darkest = std::min(darkest, p[0] + p[1] + p[2]), lightest = std::max(lightest, p[0] + p[1] + p[2]);
    }
  EXPECT_GT(lightest - darkest, 200) << "nothing drawn where the preview should be";

  // The preview is the clip's first frame, pixel for pixel.
  const Image preview = patrolscope::render::read_png(pattern + ".preview.png");
  const Image first = patrolscope::render::read_png(frames.front().string());
  ASSERT_EQ(preview.width, first.width);
  ASSERT_EQ(preview.height, first.height);
  EXPECT_TRUE(preview.rgba == first.rgba) << "the preview differs from the clip's first frame";
  const Image last = patrolscope::render::read_png(frames.back().string());
  EXPECT_FALSE(preview.rgba == last.rgba) << "the comparison cannot tell frames apart";
}

TEST(SnapshotDialog, TheResultLineIsInsideTheDialogAtEveryWindowSize) {
  // The dialog writes a PNG; its "Wrote …" line must be inside the dialog, and the dialog on
  // screen, in a large and in a small window.
  for (const std::string size : {"1280x800", "1024x700"}) {
    const fs::path png = scratch_dir() / ("dialog-" + size + ".png");
    const Capture& c = run_viewer("--snapshot-to '" + png.string() + "'", size);
    REQUIRE_CAPTURE(c);
    EXPECT_TRUE(fs::exists(png)) << c.output;
    EXPECT_GT(c.snapshot_result_bottom, 0) << size << ": no result line\n" << c.output;
    EXPECT_LE(c.snapshot_result_bottom, c.snapshot_window_bottom) << size << ": the result line is below the dialog's edge";
    EXPECT_LE(c.snapshot_window_bottom, c.image.height) << size << ": the dialog is below the window's edge";
  }
}
