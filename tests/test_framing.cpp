// Data-aware framing (geo/framing.*): the extent that shows the activity clear of the boxes.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "assets.hpp"
#include "framing.hpp"
#include "load.hpp"
#include "projection.hpp"
#include "render/png_io.hpp"
#include "scene.hpp"
#include "snapshot/overlays.hpp"
#include "render/style.hpp"
#include "support/cli.hpp"
#include "support/png_chunks.hpp"

namespace {

using geo::Extent;
using geo::FrameRequest;
using geo::MapPoints;
using geo::PixelBox;

// Where a map point lands in a width×height image showing `view` (as Camera::fit places it).
struct Pixel {
  double x, y;
};
Pixel to_pixel(const Extent& view, int width, int height, double x, double y) {
  const double upp = std::max(view.width() / width, view.height() / height);
  const double cx = (view.xmin + view.xmax) / 2, cy = (view.ymin + view.ymax) / 2;
  return {(x - cx) / upp + width / 2.0, height / 2.0 - (y - cy) / upp};
}
bool inside(const PixelBox& b, Pixel p) { return p.x >= b.x && p.x <= b.x + b.w && p.y >= b.y && p.y <= b.y + b.h; }

geo::Event track(std::vector<geo::LonLat> coords) {
  geo::Event e;
  e.id = "t";
  e.geometry.lines.push_back({std::move(coords), {}});
  return e;
}

// Title box top left, legend bottom left, footer strip: the snapshot's furniture at 1920×1080.
FrameRequest briefing_request() {
  FrameRequest r;
  r.width_px = 1920;
  r.height_px = 1080;
  r.margin_px = 24;
  r.reserved = {{18, 18, 700, 110}, {18, 830, 360, 200}, {0, 1053, 1920, 27}, {1600, 950, 300, 80}};
  return r;
}

TEST(Framing, PointsFallInsideTheImageWithTheMargin) {
  const MapPoints points{{0, 1000, 400}, {0, 500, 800}};
  FrameRequest request;
  request.width_px = 800;
  request.height_px = 600;
  request.margin_px = 30;
  const auto view = geo::frame_extent(points, request);
  ASSERT_TRUE(view);
  EXPECT_NEAR(view->width() / view->height(), 800.0 / 600.0, 1e-9);  // the image's aspect
  double min_gap = 1e9;
  for (std::size_t i = 0; i < points.x.size(); ++i) {
    const Pixel p = to_pixel(*view, 800, 600, points.x[i], points.y[i]);
    min_gap = std::min({min_gap, p.x, p.y, 800 - p.x, 600 - p.y});
  }
  EXPECT_GE(min_gap, 30 - 1e-6);
  EXPECT_LE(min_gap, 31);  // and the data fills the frame: no larger margin than asked on the tight side
}

TEST(Framing, ActivityStaysClearOfTheReservedBoxes) {
  const FrameRequest request = briefing_request();
  // A wide spread, then one in the title's corner and one in the legend's: the framing must
  // move them all out from under the boxes.
  MapPoints points;
  for (int i = 0; i <= 20; ++i) {
    points.x.push_back(i * 1e5);
    points.y.push_back((i % 5) * 2e5);
  }
  const auto view = geo::frame_extent(points, request);
  ASSERT_TRUE(view);
  for (std::size_t i = 0; i < points.x.size(); ++i) {
    const Pixel p = to_pixel(*view, 1920, 1080, points.x[i], points.y[i]);
    EXPECT_TRUE(p.x >= 24 && p.y >= 24 && p.x <= 1920 - 24 && p.y <= 1080 - 24) << p.x << "," << p.y;
    for (const PixelBox& b : request.reserved) {
      const PixelBox grown{b.x - 23, b.y - 23, b.w + 46, b.h + 46};
      EXPECT_FALSE(inside(grown, p)) << "point " << i << " at " << p.x << "," << p.y << " under box " << b.x << "," << b.y;
    }
  }
}

TEST(Framing, ALonePointIsFramedAtTheMinimumSpan) {
  FrameRequest request;
  request.min_span = 300e3;
  const auto view = geo::frame_extent(MapPoints{{5e6}, {1e6}}, request);
  ASSERT_TRUE(view);
  EXPECT_GE(view->height(), 300e3);
  EXPECT_LT(view->height(), 600e3);
  EXPECT_NEAR((view->xmin + view->xmax) / 2, 5e6, 1);
  EXPECT_FALSE(geo::frame_extent(MapPoints{}, request));
}

TEST(Framing, ATrackAcross180IsFramedNarrowInThePacificProjection) {
  const auto projection = geo::MapProjection::create("pacific");
  const geo::Event e = track({{178, 50}, {179.5, 50.5}, {-179.5, 51}, {-178, 51.5}});
  const MapPoints points = geo::project_vertices({&e}, projection);
  ASSERT_EQ(points.x.size(), 4u);
  FrameRequest request;
  const auto view = geo::frame_extent(points, request);
  ASSERT_TRUE(view);
  EXPECT_LT(view->width(), 2e6);  // a few hundred km, not the whole world
}

TEST(Framing, ArcticActivityIsFramedWellInside) {
  // The Bering Strait and the Chukchi Sea, in the Arctic preset (180° down).
  const auto projection = geo::MapProjection::create("arctic");
  const geo::Event strait = track({{-169, 60.5}, {-168.8, 65.8}, {-170, 70}, {-172, 72.5}});
  const geo::Event far = track({{30, 40}, {35, 45}});  // outside the preset's box: not framed
  const geo::GeoBox box = geo::find_preset("arctic")->view;
  const MapPoints points = geo::project_vertices({&strait, &far}, projection, box);
  EXPECT_EQ(points.x.size(), 4u);
  const FrameRequest request = briefing_request();
  const auto view = geo::frame_extent(points, request);
  ASSERT_TRUE(view);
  for (const geo::LonLat p : {geo::LonLat{-168.8, 65.8}, geo::LonLat{-170, 70}}) {
    std::vector<double> x{p.lon}, y{p.lat};
    projection.forward(x, y);
    const Pixel px = to_pixel(*view, 1920, 1080, x[0], y[0]);
    EXPECT_GT(px.x, 1920 * 0.1);
    EXPECT_LT(px.x, 1920 * 0.9);
    EXPECT_GT(px.y, 1080 * 0.15);
    EXPECT_LT(px.y, 1080 * 0.85);
  }
  // The pole is far outside the frame now.
  std::vector<double> x{0}, y{90};
  projection.forward(x, y);
  const Pixel pole = to_pixel(*view, 1920, 1080, x[0], y[0]);
  EXPECT_TRUE(pole.y < 0 || pole.y > 1080 || pole.x < 0 || pole.x > 1920);
}

TEST(Framing, VerticesOutsideTheValidBandAreDropped) {
  const auto projection = geo::MapProjection::create("pacific");  // Mercator: |lat| <= 85
  const geo::Event e = track({{150, 89}, {150, 40}});
  EXPECT_EQ(geo::project_vertices({&e}, projection).x.size(), 1u);
}

TEST(Framing, WorldOutlineIsTheRobinsonShape) {
  const auto projection = geo::MapProjection::create("world");
  const MapPoints ring = geo::domain_outline(projection);
  ASSERT_GT(ring.x.size(), 100u);
  const Extent full = projection.extent_of(geo::GeoBox{-180, -90, 180, 90});
  double xmin = 1e300, xmax = -1e300, top_width = 0;
  for (std::size_t i = 0; i < ring.x.size(); ++i) {
    xmin = std::min(xmin, ring.x[i]);
    xmax = std::max(xmax, ring.x[i]);
    if (ring.y[i] > full.ymax * 0.999) top_width = std::max(top_width, std::abs(ring.x[i]) * 2);
  }
  EXPECT_NEAR(xmin, full.xmin, full.width() * 0.01);
  EXPECT_NEAR(xmax, full.xmax, full.width() * 0.01);
  // Robinson's pole line is 0.53 of the equator: the corners of the box are outside it.
  EXPECT_NEAR(top_width / full.width(), 0.53, 0.03);
}

TEST(Framing, PolarOutlineIsACircle) {
  const auto projection = geo::MapProjection::create("arctic");
  const MapPoints ring = geo::domain_outline(projection);
  ASSERT_GT(ring.x.size(), 100u);
  const double r0 = std::hypot(ring.x[0], ring.y[0]);
  for (std::size_t i = 0; i < ring.x.size(); ++i) EXPECT_NEAR(std::hypot(ring.x[i], ring.y[i]), r0, r0 * 1e-3);
}

TEST(Framing, WorldMeridiansAreLabelledAlongTheOutline) {
  const auto projection = geo::MapProjection::create("world");
  const geo::Scene scene = geo::build_scene(geo::SceneInput{}, projection);
  const Extent full = scene.full_extent;
  const Extent view{full.xmin - scene.origin_x - 1e5, full.ymin - scene.origin_y - 1e5,
                    full.xmax - scene.origin_x + 1e5, full.ymax - scene.origin_y + 1e5};
  int north = 0, south = 0;
  for (const geo::Label& label : geo::graticule_labels(scene, view)) {
    if (label.outline_end > 0) ++north;
    if (label.outline_end < 0) ++south;
  }
  EXPECT_GE(north, 30);  // every 10° meridian, top and bottom
  EXPECT_GE(south, 30);
  // A polar view's meridians converge at the pole: no labels there.
  const auto arctic = geo::MapProjection::create("arctic");
  const geo::Scene polar = geo::build_scene(geo::SceneInput{}, arctic);
  const Extent near_pole{-2e6 - polar.origin_x, -2e6 - polar.origin_y, 2e6 - polar.origin_x, 2e6 - polar.origin_y};
  for (const geo::Label& label : geo::graticule_labels(polar, near_pole)) EXPECT_EQ(label.outline_end, 0) << label.text;
}

TEST(Framing, FitTargetsParse) {
  EXPECT_EQ(geo::parse_fit_target("data"), geo::FitTarget::Data);
  EXPECT_EQ(geo::parse_fit_target("filter"), geo::FitTarget::Filter);
  EXPECT_EQ(geo::parse_fit_target("selection"), geo::FitTarget::Selection);
  EXPECT_FALSE(geo::parse_fit_target("everything"));
}

// ---- `patrolscope render`: probes through the world file ------------------------------------

namespace fs = std::filesystem;

// Inside the test process's scratch directory (support/cli.hpp: removed when it exits).
fs::path temp_dir() {
  static const fs::path dir = [] {
    fs::path d = patrolscope::testing::scratch_dir() / "framing";
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

using patrolscope::testing::CliRun;
using patrolscope::testing::png_text;
CliRun render(const std::string& arguments) { return patrolscope::testing::run_cli("render " + arguments); }

std::vector<PixelBox> parse_boxes(const std::string& text) {
  std::vector<PixelBox> boxes;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ';');) {
    PixelBox b;
    if (std::sscanf(item.c_str(), " %lf,%lf,%lf,%lf", &b.x, &b.y, &b.w, &b.h) == 4) boxes.push_back(b);
  }
  return boxes;
}

// A rendered PNG and its world file: lon/lat → pixel.
struct Rendered {
  patrolscope::render::Image image;
  std::vector<PixelBox> boxes;
  double upp = 0, left = 0, top = 0;
  geo::MapProjection projection;
  Rendered(const fs::path& png, const std::string& crs)
      : image(patrolscope::render::read_png(png.string())),
        boxes(parse_boxes(png_text(png, "Overlay boxes"))),
        projection(geo::MapProjection::create(crs)) {
    std::ifstream world(fs::path(png).replace_extension(".pgw"));
    double r1 = 0, r2 = 0, negative = 0;
    world >> upp >> r1 >> r2 >> negative >> left >> top;
  }
  Pixel at(double lon, double lat) const {
    std::vector<double> x{lon}, y{lat};
    projection.forward(x, y);
    return at_map(x[0], y[0]);
  }
  Pixel at_map(double x, double y) const { return {(x - left) / upp + 0.5, (top - y) / upp + 0.5}; }
  // Fails the test for every vertex (inside `box`) outside the image or under a box.
  void expect_clear(const std::vector<geo::Event>& events, const geo::GeoBox& box, int* probed) const {
    for (const geo::Event& e : events)
      for (const geo::Line& line : e.geometry.lines)
        for (const geo::LonLat& v : line.coords) {
          if (!box.contains(v)) continue;
          ++*probed;
          const Pixel p = at(v.lon, v.lat);
          EXPECT_TRUE(p.x >= 0 && p.y >= 0 && p.x < image.width && p.y < image.height)
              << e.id << " vertex " << v.lon << "," << v.lat << " outside the image at " << p.x << "," << p.y;
          for (const PixelBox& b : boxes)
            EXPECT_FALSE(inside(b, p)) << e.id << " vertex " << v.lon << "," << v.lat << " at " << p.x << "," << p.y
                                       << " under the box " << b.x << "," << b.y << " " << b.w << "x" << b.h;
        }
  }
};

const std::vector<geo::Event>& bundled_events() {
  static const std::vector<geo::Event> events = geo::load_events(geo::default_dataset_path()).events;
  return events;
}

TEST(FramingCli, EachPresetFramesItsActivityClearOfTheBoxes) {
  for (const char* region : {"pacific", "arctic", "scs"}) {
    const fs::path out = temp_dir() / (std::string("briefing-") + region + ".png");
    const CliRun r = render("-q --world-file --region " + std::string(region) + " -o " + out.string());
    ASSERT_EQ(r.code, 0) << region << ": " << r.err;
    const Rendered map(out, region);
    // Title, legend, footer and scale bar at least.
    ASSERT_GE(map.boxes.size(), 4u) << png_text(out, "Overlay boxes");
    // The boxes are the drawn panels: just inside the title box's corner is the panel's white.
    const PixelBox& title = map.boxes[2];
    const std::uint8_t* panel = map.image.pixel(static_cast<int>(title.x + 4), static_cast<int>(title.y + 4));
    EXPECT_GE(std::min({panel[0], panel[1], panel[2]}), 225) << region;
    int probed = 0;
    map.expect_clear(bundled_events(), geo::find_preset(region)->view, &probed);
    EXPECT_GT(probed, 5) << region;
  }
  // The Arctic's activity is at the Bering Strait and in the Chukchi Sea: well inside, every
  // vertex north of 60°N a tenth of the image or more from each edge.
  const Rendered arctic(temp_dir() / "briefing-arctic.png", "arctic");
  int arctic_vertices = 0;
  for (const geo::Event& e : bundled_events())
    for (const geo::Line& line : e.geometry.lines)
      for (const geo::LonLat& v : line.coords) {
        if (v.lat < 60) continue;
        ++arctic_vertices;
        const Pixel px = arctic.at(v.lon, v.lat);
        EXPECT_GT(px.x, arctic.image.width * 0.1) << e.id << " " << v.lon << "," << v.lat;
        EXPECT_LT(px.x, arctic.image.width * 0.9) << e.id << " " << v.lon << "," << v.lat;
        EXPECT_GT(px.y, arctic.image.height * 0.1) << e.id << " " << v.lon << "," << v.lat;
        EXPECT_LT(px.y, arctic.image.height * 0.9) << e.id << " " << v.lon << "," << v.lat;
      }
  EXPECT_GE(arctic_vertices, 4);
  // The Bering Strait itself.
  const Pixel strait = arctic.at(-168.9, 65.8);
  EXPECT_TRUE(strait.x > 0 && strait.x < arctic.image.width && strait.y > 0 && strait.y < arctic.image.height);
}

TEST(FramingCli, DataOutsideThePresetIsFramedWithANote) {
  const fs::path csv = temp_dir() / "baltic.csv";
  std::ofstream(csv) << "track_id,time,lon,lat\n"
                        "b1,2024-05-01T00:00:00Z,12.5,54.6\n"
                        "b1,2024-05-02T00:00:00Z,15.0,55.3\n"
                        "b1,2024-05-03T00:00:00Z,19.5,57.8\n"
                        "b1,2024-05-04T00:00:00Z,24.0,59.6\n";
  const fs::path out = temp_dir() / "baltic.png";
  const CliRun r = render("--world-file --size 960x540 -o " + out.string() + " " + csv.string());
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("no event falls inside the Pacific preset"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("framing the data instead"), std::string::npos) << r.err;
  EXPECT_EQ(png_text(out, "Title"), "baltic") << "not a map of the Pacific";
  const Rendered map(out, png_text(out, "CRS"));
  int probed = 0;
  map.expect_clear(geo::load_events(csv.string()).events, geo::GeoBox{}, &probed);
  EXPECT_GE(probed, 4);

  // --no-fit keeps the preset's frame: the note says the map shows none, the legend does not
  // blame a filter there is not.
  const CliRun kept = render("--no-fit --size 960x540 -o " + (temp_dir() / "baltic-nofit.png").string() + " " + csv.string());
  ASSERT_EQ(kept.code, 0) << kept.err;
  EXPECT_NE(kept.err.find("the map shows none"), std::string::npos) << kept.err;
}

TEST(FramingCli, FitChoicesAndTheirErrors) {
  const fs::path out = temp_dir() / "fit.png";
  const std::string base = "-q --world-file --size 960x540 -o " + out.string() + " ";
  ASSERT_EQ(render(base).code, 0);
  const double data_width = Rendered(out, "pacific").upp * 960;
  // A selection: the 8th air patrol alone, framed in the Pacific preset (it crosses 180°).
  ASSERT_EQ(render(base + "--select air-patrol-08-2024-07-24").code, 0);
  {
    const Rendered map(out, "pacific");
    int probed = 0;
    map.expect_clear({*std::find_if(bundled_events().begin(), bundled_events().end(),
                                    [](const geo::Event& e) { return e.id == "air-patrol-08-2024-07-24"; })},
                     geo::GeoBox{}, &probed);
    EXPECT_GT(probed, 3);
    EXPECT_LT(map.upp * map.image.width, 0.7 * data_width);  // zoomed to the patrol, not the whole Pacific
  }
  EXPECT_EQ(render(base + "--select no-such-event").code, 2);
  EXPECT_EQ(render(base + "--fit everything").code, 2);
  EXPECT_EQ(render(base + "--fit selection").code, 2);
  EXPECT_EQ(render(base + "--no-fit --fit data").code, 2);
  // --no-fit: the preset's extent, as before.
  ASSERT_EQ(render(base + "--no-fit --region arctic").code, 0);
  const Rendered arctic(out, "arctic");
  const Pixel pole = arctic.at(0, 90);
  EXPECT_NEAR(pole.x, 480, 2);
}

TEST(FramingLegend, NothingMatchesOnlyWhenAFilterLeftNothing) {
  const auto projection = geo::MapProjection::create("pacific");
  std::vector<geo::Event> events{track({{20, 55}, {24, 59}})};
  events[0].start = geo::make_time(2024, 5, 1);
  events[0].end = geo::make_time(2024, 5, 2);
  const geo::Scene scene = geo::build_scene(geo::SceneInput{&events}, projection);
  const geo::Filter none;
  EXPECT_EQ(patrolscope::snapshot::empty_legend_text({scene, projection, events, none, ""}), "No events in view");
  geo::Filter years;
  years.years = {1999};
  EXPECT_EQ(patrolscope::snapshot::empty_legend_text({scene, projection, events, years, ""}),
            "Nothing matches the filter");
}

TEST(FramingCli, WorldHasPageColourOutsideItsOutline) {
  const fs::path out = temp_dir() / "world.png";
  ASSERT_EQ(render("-q --world-file --no-overlays --region world --size 960x540 -o " + out.string()).code, 0);
  const Rendered map(out, "world");
  using patrolscope::render::style::page;
  using patrolscope::render::style::sea;
  auto near = [&](Pixel p, patrolscope::render::Rgba c) {
    const std::uint8_t* v = map.image.pixel(static_cast<int>(p.x), static_cast<int>(p.y));
    return std::abs(v[0] - c.r * 255) < 8 && std::abs(v[1] - c.g * 255) < 8 && std::abs(v[2] - c.b * 255) < 8;
  };
  // Mid-Pacific is sea; just outside the outline beyond the pole line's ends is page colour.
  EXPECT_TRUE(near(map.at(-145, 3), sea()));
  // The corners of the outline's bounding box are outside the outline (Robinson is rounded).
  const Extent full = map.projection.extent_of(geo::GeoBox{-180, -90, 180, 90});
  const Pixel outside_ne = map.at_map(full.xmax - full.width() * 0.03, full.ymax - full.height() * 0.03);
  const Pixel outside_sw = map.at_map(full.xmin + full.width() * 0.03, full.ymin + full.height() * 0.03);
  EXPECT_TRUE(near(outside_ne, page())) << outside_ne.x << "," << outside_ne.y;
  EXPECT_TRUE(near(outside_sw, page())) << outside_sw.x << "," << outside_sw.y;
  EXPECT_FALSE(near(outside_ne, sea()));
}

}  // namespace

// Issue 12: the briefing's legend is drawn in the box the framing kept clear of the activity
// (the auto legend used to move at drawing time to the corner with the fewest drawn pixels, onto
// the Pacific's naval patrols), and it does not meet the title block, at 1280x720 and 1920x1080.
TEST(FramingCli, TheDrawnLegendIsTheBoxTheFramingKeptClear) {
  for (const char* region : {"pacific", "arctic", "scs"})
    for (const char* size : {"1280x720", "1920x1080"}) {
      const std::string what = std::string(region) + " " + size;
      const fs::path out = temp_dir() / (std::string("legend-") + region + "-" + size + ".png");
      const CliRun r = render("-q --world-file --region " + std::string(region) + " --size " + size + " -o " + out.string());
      ASSERT_EQ(r.code, 0) << what << ": " << r.err;
      Rendered map(out, region);
      const std::vector<PixelBox> legend = parse_boxes(png_text(out, "Legend box"));
      ASSERT_EQ(legend.size(), 1u) << what << ": " << png_text(out, "Legend box");
      const PixelBox& l = legend[0];
      // Inside a reserved box, give or take the framing's margin (a twentieth of the smaller
      // side: the footer measured for every listed source can be a line taller than drawn).
      const int w = std::stoi(size), h = std::stoi(std::string(size).substr(std::string(size).find('x') + 1));
      const double m = 0.05 * std::min(w, h);
      const bool held = std::any_of(map.boxes.begin(), map.boxes.end(), [&](const PixelBox& b) {
        return l.x >= b.x - m && l.y >= b.y - m && l.x + l.w <= b.x + b.w + m && l.y + l.h <= b.y + b.h + m;
      });
      EXPECT_TRUE(held) << what << ": the legend at " << l.x << "," << l.y << " " << l.w << "x" << l.h
                        << " is not where the framing kept room (" << png_text(out, "Overlay boxes") << ")";
      ASSERT_GE(map.boxes.size(), 3u);
      const PixelBox& t = map.boxes[2];  // the title block
      EXPECT_FALSE(t.x < l.x + l.w && l.x < t.x + t.w && t.y < l.y + l.h && l.y < t.y + t.h) << what;
      // Every vertex of the region's activity is clear of the legend as drawn.
      map.boxes = {l};
      int probed = 0;
      map.expect_clear(bundled_events(), geo::find_preset(region)->view, &probed);
      EXPECT_GT(probed, 5) << what;
    }
}

// Issue 12: data far outside the region (the Gulf of Oman exercises, a Baltic track) does not
// widen the Pacific frame, and what is drawn outside the frame is counted, not dropped silently.
TEST(FramingCli, DataFarOutsideTheRegionIsCountedAndDoesNotWidenTheFrame) {
  const fs::path baltic = temp_dir() / "far.geojson";
  std::ofstream(baltic) << R"({"type":"FeatureCollection","features":[
    {"type":"Feature","properties":{"id":"baltic","kind":"naval_patrol","start":"2024-05-01T00:00:00Z","end":"2024-05-04T00:00:00Z"},
     "geometry":{"type":"LineString","coordinates":[[12.5,54.6],[19.5,57.8]]}}]})";
  const fs::path alone = temp_dir() / "pacific-alone.png", with = temp_dir() / "pacific-with-far.png";
  const std::string common = "-q --world-file --region pacific --title T --size 1280x720 ";
  ASSERT_EQ(render(common + "-o " + alone.string()).code, 0);
  const CliRun r = render(common + "-o " + with.string() + " " + geo::default_dataset_path() + " " + baltic.string());
  ASSERT_EQ(r.code, 0) << r.err;
  const Rendered a(alone, "pacific"), b(with, "pacific");
  EXPECT_NEAR(a.upp, b.upp, a.upp * 1e-9) << "a track in the Baltic changed the Pacific frame's scale";
  EXPECT_NEAR(a.left, b.left, a.upp * 0.5);
  EXPECT_NEAR(a.top, b.top, a.upp * 0.5);
  // The frame stays on the region's activity: its centre is in the Pacific, east of 110°E.
  std::vector<double> x{a.left + a.upp * a.image.width / 2}, y{a.top - a.upp * a.image.height / 2};
  a.projection.inverse(x, y);
  EXPECT_GT(x[0] < 0 ? x[0] + 360 : x[0], 110) << "centre " << x[0] << "," << y[0];
  // The Baltic track is drawn off this frame: counted, and shown + outside = every event.
  const int outside_alone = std::stoi(png_text(alone, "Events outside the frame"));
  EXPECT_EQ(std::stoi(png_text(with, "Events outside the frame")), outside_alone + 1);
  EXPECT_EQ(png_text(with, "Events shown"), png_text(alone, "Events shown"));
  EXPECT_EQ(std::stoi(png_text(alone, "Events shown")) + outside_alone, static_cast<int>(bundled_events().size()));
  // At a portrait size the Gulf of Oman exercises fall outside the frame too: counted.
  const fs::path portrait = temp_dir() / "pacific-portrait.png";
  ASSERT_EQ(render("-q --region pacific --size 720x1080 -o " + portrait.string()).code, 0);
  const int shown = std::stoi(png_text(portrait, "Events shown")), outside = std::stoi(png_text(portrait, "Events outside the frame"));
  EXPECT_GE(outside, 5) << "the five Maritime Security Belt exercises in the Gulf of Oman";
  EXPECT_EQ(shown + outside, static_cast<int>(bundled_events().size()));
}
