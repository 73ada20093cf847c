// Render tests: the headless context, the renderer's upload-once contract, filter/time/seam
// behaviour on a hand-made scene, golden images (tests/render/<case>/expected.png, compared with
// a per-pixel threshold and an allowed mismatch fraction; UPDATE=1 rebaselines; failures write
// actual.png and diff.png), and `patrolscope render` run with no DISPLAY, probed through the
// world file it writes.
#include <gtest/gtest.h>

#include "simplify.hpp"
#include <sys/wait.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include "load.hpp"
#include "projection.hpp"
#include "scene.hpp"
#include "render/egl_context.hpp"
#include "render/framebuffer.hpp"
#include "render/gl_upload_counter.hpp"
#include "render/map_renderer.hpp"
#include "render/png_io.hpp"
#include "render/shader.hpp"
#include "render/style.hpp"
#include "snapshot/snapshot.hpp"
#include "support/cli.hpp"

namespace fs = std::filesystem;
using namespace patrolscope::render;

namespace {

// One EGL context for the whole binary (creating one costs ~50 ms on llvmpipe).
EglContext& context() {
  static EglContext instance;
  return instance;
}

// Inside the test process's scratch directory (support/cli.hpp: removed when it exits).
fs::path temp_dir() {
  static const fs::path dir = [] {
    fs::path d = patrolscope::testing::scratch_dir() / "render";
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

struct Rgb {
  int r, g, b;
};
Rgb rgb_of(const Rgba& c) {
  return {static_cast<int>(std::lround(c.r * 255)), static_cast<int>(std::lround(c.g * 255)),
          static_cast<int>(std::lround(c.b * 255))};
}
Rgb pixel(const Image& image, int x, int y) {
  const std::uint8_t* p = image.pixel(x, y);
  return {p[0], p[1], p[2]};
}
int distance(Rgb a, Rgb b) { return std::max({std::abs(a.r - b.r), std::abs(a.g - b.g), std::abs(a.b - b.b)}); }

// Counts pixels that are `color` blended (at ≥ 30 %) over the sea or land colour: faded trails count.
int count_tinted(const Image& image, Rgb color, Rgb background, int x0, int y0, int x1, int y1) {
  int n = 0;
  const double d[3] = {double(color.r - background.r), double(color.g - background.g), double(color.b - background.b)};
  const double dd = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
  for (int y = std::max(y0, 0); y < std::min(y1, image.height); ++y)
    for (int x = std::max(x0, 0); x < std::min(x1, image.width); ++x) {
      const Rgb p = pixel(image, x, y);
      const double v[3] = {double(p.r - background.r), double(p.g - background.g), double(p.b - background.b)};
      const double t = (v[0] * d[0] + v[1] * d[1] + v[2] * d[2]) / dd;
      double residual = 0;
      for (int k = 0; k < 3; ++k) residual = std::max(residual, std::abs(v[k] - t * d[k]));
      n += t > 0.3 && residual < 10;
    }
  return n;
}

// Counts pixels within `tolerance` of a colour inside [x0, x1) × [y0, y1).
int count_color(const Image& image, Rgb color, int tolerance, int x0, int y0, int x1, int y1) {
  int n = 0;
  for (int y = std::max(y0, 0); y < std::min(y1, image.height); ++y)
    for (int x = std::max(x0, 0); x < std::min(x1, image.width); ++x) n += distance(pixel(image, x, y), color) <= tolerance;
  return n;
}

// A hand-made scene in map units = pixels at upp 1 (origin 1000, 1000): land square, a coast
// edge, two tracks (CN+RU air, years bit 0; RU naval, years bit 1), a point, an area.
constexpr std::uint32_t kAir = 1, kNaval = 2;
constexpr std::uint32_t categories(std::uint32_t domain, std::uint32_t participants, std::uint32_t years) {
  return domain | 1u << 8 | participants << 16 | years << 24;
}

geo::Scene synthetic_scene() {
  geo::Scene s;
  s.origin_x = 1000;
  s.origin_y = 1000;
  s.t0 = geo::make_time(2022, 1, 1);
  s.full_extent = {880, 920, 1120, 1080};
  s.facets.domains = {"air", "naval"};
  s.facets.kinds = {"air_patrol"};
  s.facets.participants = {"CN", "RU"};
  s.facets.participant_sets = {"CN", "RU", "CN+RU"};
  s.facets.first_year = 2022;
  // Colour slots per feature (geo::color_word's layout): domain | participant set << 8.
  auto slots = [](std::uint32_t domain, std::uint32_t participant_set) { return domain | participant_set << 8; };
  s.event_colors = {slots(0, 2), slots(1, 1), slots(1, 0), slots(1, 0)};
  const float land[] = {-100, -60, -20, -60, -20, 0, -100, -60, -20, 0, -100, 0};
  s.land_triangles.assign(std::begin(land), std::end(land));
  s.coast = {{-100, 0, geo::LineVertex::kPieceStart}, {-20, 0, 0}};
  s.graticule = {{-120, 40, geo::LineVertex::kPieceStart}, {120, 40, 0}};
  // Track 0: from (-90, 30) east to (90, 30), one vertex per 10 units, one hour apart; its second
  // piece (after a gap the renderer must not bridge) runs (-90, -30) → (-30, -30).
  for (int i = 0; i <= 18; ++i)
    s.tracks.push_back({-90.f + 10 * i, 30, i * 3600, (i == 0 ? geo::TrackVertex::kPieceStart : 0u) | 0u,
                        categories(kAir, 3, 1), 0});
  for (int i = 0; i <= 6; ++i)
    s.tracks.push_back({-90.f + 10 * i, -30, (20 + i) * 3600, (i == 0 ? geo::TrackVertex::kPieceStart : 0u) | 0u,
                        categories(kAir, 3, 1), 0});
  // Track 1: RU naval, 2023, vertical at x = 60.
  const std::int32_t year = static_cast<std::int32_t>(geo::make_time(2023, 3, 1) - s.t0);
  for (int i = 0; i <= 5; ++i)
    s.tracks.push_back({60, -50.f + 10 * i, year + i * 3600, (i == 0 ? geo::TrackVertex::kPieceStart : 0u) | 1u,
                        categories(kNaval, 2, 2), 0});
  s.points.push_back({100, 60, INT32_MIN, INT32_MAX, 2, categories(kNaval, 1, 0xff), 0});
  geo::AreaVertex area{0, 0, 0, 7200, 3, categories(kNaval, 1, 1), 0};
  for (auto [x, y] : {std::pair{80.f, -70.f}, {110.f, -70.f}, {110.f, -40.f}}) {
    area.x = x, area.y = y;
    s.areas.push_back(area);
  }
  return s;
}

struct Drawn {
  Image image;
  std::size_t uploaded;
};

// Draws the synthetic scene at 240×160, 1 unit a pixel (map (1000, 1000) at the image centre).
class SyntheticTest : public ::testing::Test {
 protected:
  void SetUp() override {
    context();
    renderer_ = std::make_unique<MapRenderer>();
    renderer_->upload(synthetic_scene());
    state_.camera = Camera::fit({880, 920, 1120, 1080}, 240, 160);
    state_.color_by = ColorBy::Participant;
  }
  Image draw() { return patrolscope::snapshot::render_map(*renderer_, state_); }
  // Pixel of map point (relative to the origin): x right, y up.
  static int px(double x) { return static_cast<int>(x + 120); }
  static int py(double y) { return static_cast<int>(80 - y); }

  std::unique_ptr<MapRenderer> renderer_;
  FrameState state_;
};

const Rgb kJoint = rgb_of(style::joint());
const Rgb kRussia = rgb_of(style::participant("RU"));

}  // namespace

TEST(Egl, CreatesAHeadlessContext) {
  EXPECT_FALSE(context().renderer().empty());
  EXPECT_GE(Framebuffer::max_size(), 4096);
}

TEST_F(SyntheticTest, ScrubAndFilterFramesUploadNothing) {
  // What GL receives, counted at glad's entry points: a frame changes only uniforms.
  EXPECT_GT(renderer_->gpu_bytes(), 0u);
  Framebuffer framebuffer(64, 64);
  framebuffer.bind();
  GlUploadCounter uploads;
  state_.timed = true;
  state_.window = 3 * 3600;
  const geo::Seconds t0 = synthetic_scene().t0;
  for (int hour = 0; hour <= 30; ++hour) {  // a scrub: only `now` moves
    state_.now = t0 + hour * 3600;
    renderer_->draw(state_);
  }
  EXPECT_EQ(uploads.bytes(), 0u) << "a scrub frame uploaded data";
  EXPECT_EQ(uploads.calls(), 0u) << "a scrub frame called an upload function";
  for (std::uint32_t domain : {kAir, kNaval, kAir | kNaval}) {  // filter frames: only the masks change
    state_.masks.active = geo::FacetIndex::kDomain;
    state_.masks.domain = domain;
    renderer_->draw(state_);
  }
  state_.masks = {};
  for (auto mode : {FrameState::Trail, FrameState::Fixed, FrameState::Cumulative}) {
    state_.window_mode = mode;
    renderer_->draw(state_);
  }
  EXPECT_EQ(uploads.bytes(), 0u) << "a filter frame uploaded data";
  EXPECT_EQ(uploads.calls(), 0u);
  // The counter sees uploads: replacing the tracks sends them.
  renderer_->upload_tracks(synthetic_scene().tracks);
  EXPECT_GE(uploads.bytes(), synthetic_scene().tracks.size() * sizeof(geo::TrackVertex));
}

TEST(GlUploadCounter, CountsBufferAndTextureUploadsAndRestoresGlad) {
  context();
  const auto real_buffer_data = glad_glBufferData;
  {
    GlUploadCounter uploads;
    EXPECT_NE(glad_glBufferData, real_buffer_data);
    EXPECT_THROW(GlUploadCounter second, std::logic_error);
    GlBuffer buffer = GlBuffer::create();
    glBindBuffer(GL_ARRAY_BUFFER, buffer.get());
    const std::vector<float> data(100, 1.f);
    glBufferData(GL_ARRAY_BUFFER, 400, data.data(), GL_STATIC_DRAW);
    glBufferSubData(GL_ARRAY_BUFFER, 0, 40, data.data());
    EXPECT_EQ(uploads.bytes(), 440u);
    glBufferData(GL_ARRAY_BUFFER, 400, nullptr, GL_STATIC_DRAW);  // an allocation: a call, no bytes
    EXPECT_EQ(uploads.bytes(), 440u);
    EXPECT_EQ(uploads.calls(), 3u);
    GlTexture texture = GlTexture::create();
    glBindTexture(GL_TEXTURE_2D, texture.get());
    const std::vector<std::uint8_t> pixels(4 * 4 * 4, 0);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 4, 4, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, 2, 2, GL_RED, GL_UNSIGNED_BYTE, pixels.data());
    EXPECT_EQ(uploads.bytes(), 440u + 64u + 4u);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    glBindTexture(GL_TEXTURE_2D, 0);
  }
  EXPECT_EQ(glad_glBufferData, real_buffer_data);
}

TEST(GlHandle, OwnsItsNameThroughMoves) {
  context();
  GLuint name = 0;
  {
    GlBuffer first = GlBuffer::create();
    name = first.get();
    glBindBuffer(GL_ARRAY_BUFFER, name);  // (a name becomes an object when first bound)
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    GlBuffer second(std::move(first));
    EXPECT_EQ(first.get(), 0u);
    EXPECT_EQ(second.get(), name);
    GlBuffer third;
    third = std::move(second);
    EXPECT_TRUE(glIsBuffer(name));
  }
  EXPECT_FALSE(glIsBuffer(name)) << "the last owner did not delete the buffer";
}

TEST(Framebuffer, DeletesItsGlObjectsWhenItGoes) {
  context();
  GLuint texture = 0;
  {
    Framebuffer moved_from(32, 16);
    Framebuffer owner(std::move(moved_from));
    texture = owner.texture();
    EXPECT_EQ(moved_from.texture(), 0u);
    EXPECT_TRUE(glIsTexture(texture));
  }
  EXPECT_FALSE(glIsTexture(texture));
  EXPECT_THROW(Framebuffer(Framebuffer::max_size() + 1, 16), std::runtime_error);
}

TEST_F(SyntheticTest, TracksAppearWhereTheirDataIs) {
  const Image image = draw();
  EXPECT_LE(distance(pixel(image, px(0), py(30)), kJoint), 40);
  EXPECT_LE(distance(pixel(image, px(60), py(-25)), kRussia), 40);
  EXPECT_LE(distance(pixel(image, px(-60), py(-30)), kJoint), 40);
  EXPECT_LE(distance(pixel(image, px(-60), py(-30)), kJoint), 40);
  EXPECT_LE(distance(pixel(image, px(-60), py(-40)), rgb_of(style::land())), 2);
  EXPECT_LE(distance(pixel(image, px(40), py(-10)), rgb_of(style::sea())), 2);
}

TEST_F(SyntheticTest, SimplifiedTracksReplaceTheFullOnesAndStillDraw) {
  // The viewer's level of detail: a simplified copy of the tracks replaces the full ones.
  const geo::Scene scene = synthetic_scene();
  const Image full = draw();
  const std::vector<geo::TrackVertex> simplified = geo::simplify_tracks(scene.tracks, 0.5);
  renderer_->upload_tracks(simplified);
  const Image lod = draw();
  EXPECT_LE(distance(pixel(lod, px(0), py(30)), kJoint), 40);
  EXPECT_EQ(count_color(lod, kJoint, 60, px(-80), py(15), px(80), py(-15)), 0);  // still never bridged
  EXPECT_EQ(count_color(lod, kJoint, 60, 0, 0, 240, 160), count_color(full, kJoint, 60, 0, 0, 240, 160));
  renderer_->upload_tracks({});
  EXPECT_EQ(count_color(draw(), kJoint, 60, 0, 0, 240, 160), 0);  // no tracks at all
}

TEST_F(SyntheticTest, PiecesAreNeverBridged) {
  const Image image = draw();
  // Track 0's first piece ends at (90, 30), its second starts at (-90, -30): nothing between.
  EXPECT_EQ(count_color(image, kJoint, 60, px(-80), py(15), px(80), py(-15)), 0);
}

TEST_F(SyntheticTest, FilteredOutTracksVanish) {
  state_.masks.active = geo::FacetIndex::kDomain;
  state_.masks.domain = kNaval;
  Image image = draw();
  EXPECT_EQ(count_color(image, kJoint, 60, 0, 0, 240, 160), 0);
  EXPECT_GT(count_color(image, kRussia, 40, 0, 0, 240, 160), 10);
  state_.masks = {};
  state_.masks.active = geo::FacetIndex::kYear;
  state_.masks.year = 2;  // 2023 only
  image = draw();
  EXPECT_EQ(count_color(image, kJoint, 60, 0, 0, 240, 160), 0);
  EXPECT_GT(count_color(image, kRussia, 40, 0, 0, 240, 160), 10);
}

TEST_F(SyntheticTest, TimeWindowClipsTracksAndAreas) {
  const geo::Seconds t0 = geo::make_time(2022, 1, 1);
  state_.timed = true;
  state_.now = t0 - 3600;  // before everything
  Image image = draw();
  EXPECT_EQ(count_color(image, kJoint, 60, 0, 0, 240, 160), 0);
  EXPECT_EQ(count_color(image, kRussia, 60, 0, 0, 240, 160), 0);
  // Half way along track 0's first piece, a 4 h window: drawn from x = -40 to 0, not beyond.
  state_.now = t0 + 9 * 3600;
  state_.window = 4 * 3600;
  state_.window_mode = FrameState::Fixed;
  image = draw();
  EXPECT_LE(distance(pixel(image, px(-20), py(30)), kJoint), 40);
  EXPECT_EQ(count_color(image, kJoint, 60, px(15), py(40), px(95), py(20)), 0);
  EXPECT_EQ(count_color(image, kJoint, 60, px(-95), py(40), px(-55), py(20)), 0);
}

// Golden images: compare with tests/render/<name>/expected.png.
void expect_matches_golden(const std::string& name, const Image& actual, int threshold = 24,
                           double allowed_fraction = 0.01) {
  const fs::path dir = fs::path(PATROLSCOPE_SOURCE_DIR) / "tests" / "render" / name;
  const fs::path expected_path = dir / "expected.png";
  if (std::getenv("UPDATE")) {  // a person rebaselining: UPDATE=1 test_render
    fs::create_directories(dir);
    write_png(expected_path.string(), actual, {}, true);
    return;
  }
  // Anything written for a person to look at goes to the test's temporary directory.
  const fs::path out = temp_dir() / name;
  fs::create_directories(out);
  if (!fs::exists(expected_path)) {
    write_png((out / "actual.png").string(), actual, {}, true);
    ADD_FAILURE() << "no golden image " << expected_path << ": see " << out / "actual.png" << " (UPDATE=1 writes it)";
    return;
  }
  const Image expected = read_png(expected_path.string());
  ASSERT_EQ(expected.width, actual.width);
  ASSERT_EQ(expected.height, actual.height);
  Image diff{actual.width, actual.height, std::vector<std::uint8_t>(actual.rgba.size(), 255)};
  int mismatched = 0;
  for (int y = 0; y < actual.height; ++y)
    for (int x = 0; x < actual.width; ++x) {
      const std::uint8_t* a = actual.pixel(x, y);
      const std::uint8_t* e = expected.pixel(x, y);
      int d = 0;
      for (int k = 0; k < 4; ++k) d = std::max(d, std::abs(a[k] - e[k]));
      if (d > threshold) {
        ++mismatched;
        std::uint8_t* p = diff.pixel(x, y);
        p[1] = p[2] = 0;
      }
    }
  const double fraction = static_cast<double>(mismatched) / (actual.width * actual.height);
  if (fraction > allowed_fraction) {
    write_png((out / "actual.png").string(), actual, {}, true);
    write_png((out / "diff.png").string(), diff, {}, true);
    ADD_FAILURE() << name << ": " << mismatched << " pixels differ (" << fraction * 100
                  << "%); see actual.png and diff.png in " << out;
  }
}

TEST_F(SyntheticTest, BordersDrawOnTheLandAndDisputedOnesInTheirOwnStyle) {
  geo::Scene scene = synthetic_scene();
  scene.borders = {{-90, -45, geo::LineVertex::kPieceStart}, {-30, -45, 0}};
  scene.disputed_borders = {{-90, -15, geo::LineVertex::kPieceStart}, {-30, -15, 0}};
  renderer_->upload(scene);
  const Rgb land = rgb_of(style::land());
  const Image drawn = draw();
  // A thin line lies across two pixel rows: take the darkest of the rows around it.
  const auto darkest = [&](const Image& image, double y) {
    Rgb best = pixel(image, px(-60), py(y) - 1);
    for (int dy = 0; dy <= 1; ++dy) {
      const Rgb p = pixel(image, px(-60), py(y) + dy);
      if (p.r + p.g + p.b < best.r + best.g + best.b) best = p;
    }
    return best;
  };
  const Rgb border = darkest(drawn, -45), disputed = darkest(drawn, -15);
  EXPECT_GT(distance(border, land), 30) << "the border is drawn";
  EXPECT_GT(distance(disputed, land), 20) << "the disputed line is drawn";
  // The border is a warm grey (red and green close), the disputed line a rust tint.
  EXPECT_LT(std::abs(border.r - border.g), 15) << border.r << "," << border.g << "," << border.b;
  EXPECT_GT(disputed.r - disputed.g, border.r - border.g + 10) << disputed.r << "," << disputed.g << "," << disputed.b;
  EXPECT_EQ(distance(pixel(drawn, px(-60), py(-30) + 8), land), 0) << "nothing between the lines";
  state_.borders = false;
  const Image hidden = draw();
  EXPECT_EQ(distance(pixel(hidden, px(-60), py(-45)), land), 0);
  EXPECT_EQ(distance(pixel(hidden, px(-60), py(-15)), land), 0);
}

TEST_F(SyntheticTest, GoldenMapOnly) { expect_matches_golden("synthetic", draw()); }

TEST_F(SyntheticTest, GoldenTrailWithHeads) {
  state_.timed = true;
  state_.now = geo::make_time(2022, 1, 1) + 12 * 3600;
  state_.window = 10 * 3600;
  expect_matches_golden("synthetic-trail", draw());
}

TEST_F(SyntheticTest, TiledRenderingMatchesOneTile) {
  state_.camera = Camera::fit({880, 920, 1120, 1080}, 480, 320);
  state_.pixel_scale = 2;
  const Image whole = patrolscope::snapshot::render_map(*renderer_, state_, 2048);
  const Image tiled = patrolscope::snapshot::render_map(*renderer_, state_, 100);
  int differing = 0;
  for (std::size_t i = 0; i < whole.rgba.size(); i += 4)
    differing += std::abs(whole.rgba[i] - tiled.rgba[i]) > 24 || std::abs(whole.rgba[i + 2] - tiled.rgba[i + 2]) > 24;
  EXPECT_LT(differing, 480 * 320 / 200);
}

TEST(Png, WriteIsAtomicAndFailsClearly) {
  Image image{4, 4, std::vector<std::uint8_t>(64, 200)};
  const fs::path good = temp_dir() / "ok.png";
  write_png(good.string(), image, {{"Region", "pacific"}}, false);
  EXPECT_EQ(read_png(good.string()).width, 4);
  const std::string bad = "/proc/patrolscope-cannot-write.png";
  try {
    write_png(bad, image, {}, false);
    ADD_FAILURE() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(bad), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(bad));
  for (const auto& entry : fs::directory_iterator(temp_dir()))
    EXPECT_EQ(entry.path().string().find(".tmp-"), std::string::npos) << entry.path();
}

// ---- `patrolscope render` with no DISPLAY ---------------------------------------------------

struct CliRun {
  int code;
  std::string output;  // stdout, then stderr
};
// Through the shared helper: scratch XDG_CACHE_HOME and XDG_CONFIG_HOME, no display.
CliRun run(const std::string& arguments) {
  const patrolscope::testing::CliRun r = patrolscope::testing::run_cli("render " + arguments);
  return {r.code, r.output()};
}

// A rendered PNG and the world file beside it: map coordinates → pixels.
struct Georeferenced {
  Image image;
  double upp = 0, left = 0, top = 0;  // centre of the top-left pixel
  geo::MapProjection projection;
  Georeferenced(const fs::path& png, const std::string& crs)
      : image(read_png(png.string())), projection(geo::MapProjection::create(crs)) {
    std::ifstream world(fs::path(png).replace_extension(".pgw"));
    double rotation1 = 0, rotation2 = 0, negative = 0;
    world >> upp >> rotation1 >> rotation2 >> negative >> left >> top;
    EXPECT_DOUBLE_EQ(-negative, upp);
    EXPECT_TRUE(fs::exists(fs::path(png).replace_extension(".prj")));
  }
  // The pixel holding lon/lat, or {-1, -1} outside the image.
  std::pair<int, int> at(double lon, double lat) const {
    std::vector<double> x{lon}, y{lat};
    projection.forward(x, y);
    const int px = static_cast<int>(std::floor((x[0] - left) / upp + 0.5));
    const int py = static_cast<int>(std::floor((top - y[0]) / upp + 0.5));
    if (!std::isfinite(x[0]) || px < 0 || py < 0 || px >= image.width || py >= image.height) return {-1, -1};
    return {px, py};
  }
  Rgb color(double lon, double lat) const {
    const auto [x, y] = at(lon, lat);
    EXPECT_GE(x, 0) << lon << "," << lat << " is outside the image";
    return x < 0 ? Rgb{-1, -1, -1} : pixel(image, x, y);
  }
};

const Rgb kLand = rgb_of(style::land());
const Rgb kSea = rgb_of(style::sea());

// A test dataset: one CN+RU air patrol crossing 180° at 45°N on 2022-05-24.
fs::path dateline_track() {
  const fs::path path = temp_dir() / "dateline.geojson";
  std::ofstream(path) << R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{
    "id":"t1","name":"Test patrol","kind":"air_patrol","start":"2022-05-24T00:00:00Z","end":"2022-05-24T12:00:00Z",
    "domains":["air"],"participants":["CN","RU"],"sources":["test"]},
    "geometry":{"type":"LineString","coordinates":[[165,45],[172,45],[179,45],[-179,45],[-172,45],[-165,45]]}}]})";
  return path;
}

// The presets' own extents (--no-fit): land and sea probes need the whole box; framing the
// data is tested in test_framing.
std::string base_args(const std::string& out, const std::string& region) {
  return "-q -o " + out + " --size 480x320 --no-overlays --no-fit --world-file --color-by participant --region " + region;
}

TEST(RenderCli, PresetsPutLandAndSeaWhereNaturalEarthDoes) {
  for (const char* region : {"pacific", "arctic", "scs", "world"}) {
    const fs::path out = temp_dir() / (std::string("preset-") + region + ".png");
    const CliRun r = run(base_args(out.string(), region));
    ASSERT_EQ(r.code, 0) << region << ": " << r.output;
    EXPECT_NE(r.output.find(out.string()), std::string::npos) << r.output;
  }
  const Georeferenced pacific(temp_dir() / "preset-pacific.png", "pacific");
  EXPECT_LE(distance(pacific.color(138, 36), kLand), 8);  // Honshu
  EXPECT_LE(distance(pacific.color(-175, 33), kSea), 8);  // off the graticule lines
  EXPECT_LE(distance(pacific.color(-155, 23), kSea), 8);
  const Georeferenced arctic(temp_dir() / "preset-arctic.png", "arctic");
  EXPECT_LE(distance(arctic.color(0, 89.5), kSea), 8);  // the pole: no flooded fill
  EXPECT_LE(distance(arctic.color(3, 82), kSea), 8);
  EXPECT_LE(distance(arctic.color(-155, 78), kSea), 8);
  EXPECT_LE(distance(arctic.color(103, 71), kLand), 8);  // Taymyr
  EXPECT_LE(distance(arctic.color(-42, 73), kLand), 8);  // Greenland
  const Georeferenced scs(temp_dir() / "preset-scs.png", "scs");
  EXPECT_LE(distance(scs.color(114, 12), kSea), 8);
  EXPECT_LE(distance(scs.color(106, 14), kLand), 8);  // Cambodia
  const Georeferenced world(temp_dir() / "preset-world.png", "world");
  EXPECT_LE(distance(world.color(105, 63), kLand), 8);  // Siberia
  EXPECT_LE(distance(world.color(-145, 3), kSea), 8);
}

// The dateline track drawn in-process through the snapshot path (the scene built once, as
// the viewer does), probed through the camera the snapshot used.
class DatelineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    context();
    events_ = new std::vector<geo::Event>(geo::load_events(dateline_track().string()).events);
  }
  static void TearDownTestSuite() { delete events_; }

  struct Map {
    Image image;
    Camera camera;
    std::pair<int, int> at(const geo::MapProjection& projection, double lon, double lat) const {
      std::vector<double> x{lon}, y{lat};
      projection.forward(x, y);
      return {static_cast<int>(camera.pixel_x(x[0])), static_cast<int>(camera.pixel_y(y[0]))};
    }
  };
  Map render(const char* region, const geo::Filter& filter, std::optional<geo::Seconds> now = {},
             geo::Seconds window = -1) {
    const geo::MapProjection projection = geo::MapProjection::create(region);
    geo::SceneInput input;
    input.events = events_;
    const geo::Scene scene = geo::build_scene(input, projection);
    MapRenderer renderer;
    renderer.upload(scene);
    patrolscope::snapshot::SnapshotRequest request;
    request.width = 480;
    request.height = 320;
    request.view = projection.extent_of(geo::find_preset(region)->view);
    request.state.color_by = ColorBy::Participant;
    request.state.masks = scene.facets.masks(filter);
    request.state.timed = now.has_value();
    request.state.now = now.value_or(0);
    request.state.window = window;
    const FrameState state = patrolscope::snapshot::frame_for(request);
    return {patrolscope::snapshot::render_map(renderer, state), state.camera};
  }
  int pixels_near(const char* region, const geo::Filter& filter, std::optional<geo::Seconds> now = {},
                  geo::Seconds window = -1) {
    const Map map = render(region, filter, now, window);
    const auto [x, y] = map.at(geo::MapProjection::create(region), 175, 45);
    return count_tinted(map.image, kJoint, rgb_of(style::sea()), x - 20, y - 20, x + 20, y + 20);
  }
  static std::vector<geo::Event>* events_;
};
std::vector<geo::Event>* DatelineTest::events_ = nullptr;

TEST_F(DatelineTest, TrackAppearsAndVanishesWithFiltersAndTime) {
  geo::Filter none;
  EXPECT_GT(pixels_near("pacific", none), 20);
  EXPECT_GT(pixels_near("pacific", none, geo::make_time(2022, 5, 25)), 20);
  geo::Filter air;
  air.domains = {"air"};
  air.years = {2022};
  EXPECT_GT(pixels_near("pacific", air), 20);
  geo::Filter naval;
  naval.domains = {"naval"};
  EXPECT_EQ(pixels_near("pacific", naval), 0);
  geo::Filter other_years;
  other_years.years = {2020, 2023, 2024};
  EXPECT_EQ(pixels_near("pacific", other_years), 0);
  EXPECT_EQ(pixels_near("pacific", none, geo::make_time(2022, 5, 23)), 0);  // --at before it
  EXPECT_EQ(pixels_near("pacific", none, geo::make_time(2022, 6, 30), 7 * 86400), 0);  // window after it
}

TEST_F(DatelineTest, TrackAcross180LeavesNoStreak) {
  for (const char* region : {"pacific", "world"}) {
    const geo::MapProjection projection = geo::MapProjection::create(region);
    const Map map = render(region, {});
    const auto [x0, y0] = map.at(projection, 165, 45);
    const auto [x1, y1] = map.at(projection, -165, 45);
    const auto [xm, ym] = map.at(projection, 180, 45);
    const int total = count_color(map.image, kJoint, 40, 0, 0, map.image.width, map.image.height);
    const int near = count_color(map.image, kJoint, 40, std::min({x0, x1, xm}) - 12, std::min({y0, y1, ym}) - 12,
                                 std::max({x0, x1, xm}) + 12, std::max({y0, y1, ym}) + 12);
    EXPECT_GT(near, 20) << region;
    EXPECT_EQ(total, near) << region << ": track colour far from the track";
  }
}

// Overlays (title block, legend, scale bar, graticule labels, footer, banner) over the dateline
// track, no coastline: a golden image of the furniture's layout and text.
TEST_F(DatelineTest, GoldenOverlays) {
  const geo::MapProjection projection = geo::MapProjection::create("pacific");
  geo::SceneInput input;
  input.events = events_;
  const geo::Scene scene = geo::build_scene(input, projection);
  MapRenderer renderer;
  renderer.upload(scene);
  patrolscope::snapshot::SnapshotRequest request;
  request.width = 640;
  request.height = 360;
  request.view = projection.extent_of(geo::find_preset("pacific")->view);
  request.state.timed = true;
  request.state.now = geo::make_time(2022, 5, 24, 9);
  request.state.window = 86400;
  const FrameState state = patrolscope::snapshot::frame_for(request);
  Image image = patrolscope::snapshot::render_map(renderer, state);
  const geo::Filter filter;
  const patrolscope::snapshot::MapContext map{scene, projection, *events_, filter, "Natural Earth"};
  patrolscope::snapshot::draw_overlays(image, map, state, {"Test patrol", "Overlay layout", "UNCLASSIFIED", 0, "", ""});
  expect_matches_golden("overlays", image);
}

// The viewer's path: write_snapshot with the caller's context and renderer.
TEST_F(DatelineTest, WriteSnapshotWritesPngWorldFileAndMetadata) {
  const geo::MapProjection projection = geo::MapProjection::create("pacific");
  geo::SceneInput input;
  input.events = events_;
  const geo::Scene scene = geo::build_scene(input, projection);
  MapRenderer renderer;
  renderer.upload(scene);
  patrolscope::snapshot::SnapshotRequest request;
  request.path = (temp_dir() / "snapshot.png").string();
  request.width = 640;
  request.height = 360;
  request.view = projection.extent_of(geo::find_preset("pacific")->view);
  request.text = {"Title", "Subtitle", "SECRET", 0, "", ""};
  request.world_file = true;
  request.metadata = {{"Region", "pacific"}};
  const geo::Filter filter;
  const patrolscope::snapshot::MapContext map{scene, projection, *events_, filter, "Natural Earth"};
  const auto written = patrolscope::snapshot::write_snapshot(renderer, request, map);
  ASSERT_EQ(written.size(), 4u);
  for (const std::string& path : written) EXPECT_TRUE(fs::exists(path)) << path;
  const Image image = read_png(request.path);
  EXPECT_EQ(image.width, 640);
  EXPECT_EQ(image.height, 360);
  std::ifstream png(request.path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(png)), {});
  EXPECT_NE(bytes.find("Region"), std::string::npos);
  request.width = 0;
  EXPECT_THROW(patrolscope::snapshot::write_snapshot(renderer, request, map), std::runtime_error);
}

TEST(RenderCli, FiltersApplyFromTheCommandLine) {
  const std::string data = dateline_track().string();
  const fs::path out = temp_dir() / "track.png";
  for (const char* filter : {"--domain air --years 2022", "--domain naval"}) {
    const CliRun r = run(base_args(out.string(), "pacific") + " --coastline /nonexistent " + filter + " " + data);
    EXPECT_EQ(r.code, 0) << r.output;
    const Georeferenced map(out, "pacific");
    const auto [x, y] = map.at(175, 45);
    const int pixels = count_color(map.image, kJoint, 40, x - 20, y - 20, x + 20, y + 20);
    if (std::string(filter).find("air") != std::string::npos) EXPECT_GT(pixels, 20) << filter;
    else EXPECT_EQ(pixels, 0) << filter;
  }
}

TEST(RenderCli, SameInputsGiveTheSameBytes) {
  const fs::path a = temp_dir() / "same-a.png", b = temp_dir() / "same-b.png";
  const std::string args = " --size 640x360 --region pacific --title Test --banner UNCLASSIFIED --at 2024-12-31 --window 1y -q";
  ASSERT_EQ(run("-o " + a.string() + args).code, 0);
  ASSERT_EQ(run("-o " + b.string() + args).code, 0);
  std::ifstream fa(a, std::ios::binary), fb(b, std::ios::binary);
  const std::string ba((std::istreambuf_iterator<char>(fa)), {}), bb((std::istreambuf_iterator<char>(fb)), {});
  EXPECT_GT(ba.size(), 1000u);
  EXPECT_TRUE(ba == bb);
  EXPECT_NE(ba.find("tEXtRegion"), std::string::npos);  // metadata: the state that made it
}

TEST(RenderCli, StoryboardWritesNumberedFrames) {
  const fs::path out = temp_dir() / "story.png";
  const CliRun r = run("-q --size 320x200 -o " + out.string() + " --at 2022-01-01,2023-01-01,2024-01-01 --window 1y");
  ASSERT_EQ(r.code, 0) << r.output;
  for (const char* name : {"story-0001.png", "story-0002.png", "story-0003.png"})
    EXPECT_TRUE(fs::exists(temp_dir() / name)) << name;
}

TEST(RenderCli, ErrorsAreClearAndLeaveNoFile) {
  CliRun r = run("-q -o /proc/patrolscope-test.png --size 64x64");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.output.find("/proc/patrolscope-test.png"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists("/proc/patrolscope-test.png"));
  r = run("-q -o " + (temp_dir() / "no-such-dir" / "x.png").string());
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.output.find("no-such-dir"), std::string::npos) << r.output;
  r = run("-q -o " + (temp_dir() / "huge.png").string() + " --size 100000x10");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.output.find("size"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(temp_dir() / "huge.png"));
  r = run("-q -o " + (temp_dir() / "x.png").string() + " --region atlantis");
  EXPECT_EQ(r.code, 2);
  r = run("-q -o " + (temp_dir() / "empty.png").string() + " --participant IR --kind transit --size 64x64");
  EXPECT_EQ(r.code, 0) << r.output;
}

namespace {

// A one-event dataset in a temporary file; returns its events as loaded.
std::vector<geo::Event> load_one(const std::string& name, const std::string& properties, const std::string& geometry) {
  const fs::path path = temp_dir() / (name + ".geojson");
  std::ofstream(path) << R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{)" << properties
                      << R"(},"geometry":)" << geometry << "}]}";
  return geo::load_events(path.string()).events;
}

}  // namespace

// The shaders' constants are generated from geo/bit_layout.hpp, not copied.
TEST(ColourRule, ShaderLayoutIsGeneratedFromTheCppDefinition) {
  const std::string glsl = layout_glsl();
  EXPECT_NE(glsl.find("const uint kTrackPieceStart = " + std::to_string(geo::TrackVertex::kPieceStart) + "u;"),
            std::string::npos) << glsl;
  EXPECT_NE(glsl.find("const uint kParticipantShift = " + std::to_string(geo::layout::kParticipantField.shift) + "u;"),
            std::string::npos) << glsl;
  EXPECT_NE(glsl.find("#define PALETTE_SLOTS " + std::to_string(geo::layout::kPaletteSlots)), std::string::npos);
}

// Issue 9: an air patrol of fighters and strategic bombers (listed in that order) has one colour
// on the map, in the snapshot legend, in the legend entries the viewer's legend draws, and in
// the lists and details (render::event_color). Before, the map took the bomber's colour (lowest
// bit in vocabulary order) and the lists the alphabetically first value.
TEST(ColourRule, FighterAndBomberHaveOneColourOnTheMapTheLegendsAndTheLists) {
  context();
  const auto events = load_one("fighter-bomber", R"("id":"fb","name":"Fighters and bombers","kind":"air_patrol",
      "start":"2022-05-24T00:00:00Z","end":"2022-05-24T12:00:00Z","domains":["air"],
      "force_types":["fighter","strategic_bomber"],"participants":["CN","RU"])",
                               R"({"type":"LineString","coordinates":[[150,45],[160,45],[170,45]]})");
  ASSERT_EQ(events.size(), 1u);
  const Rgb fighter = rgb_of(style::force_type("fighter")), bomber = rgb_of(style::force_type("strategic_bomber"));
  ASSERT_GT(distance(fighter, bomber), 60) << "the test needs two distinct colours";

  const geo::MapProjection projection = geo::MapProjection::create("pacific");
  geo::SceneInput input;
  input.events = &events;
  const geo::Scene scene = geo::build_scene(input, projection);
  MapRenderer renderer;
  renderer.upload(scene);
  patrolscope::snapshot::SnapshotRequest request;
  request.width = 960;
  request.height = 540;
  request.view = projection.extent_of(geo::find_preset("pacific")->view);
  request.state.color_by = ColorBy::ForceType;
  request.state.line_width_px = 4;
  const FrameState state = patrolscope::snapshot::frame_for(request);
  Image image = patrolscope::snapshot::render_map(renderer, state);

  // The map: the track's pixels are the fighter's colour, none the bomber's.
  std::vector<double> x{160}, y{45};
  projection.forward(x, y);
  const int tx = static_cast<int>(state.camera.pixel_x(x[0])), ty = static_cast<int>(state.camera.pixel_y(y[0]));
  EXPECT_GT(count_color(image, fighter, 30, tx - 8, ty - 8, tx + 8, ty + 8), 5);
  EXPECT_EQ(count_color(image, bomber, 30, 0, 0, image.width, image.height), 0);

  // The lists and details, and the legend entries both legends draw.
  EXPECT_LE(distance(rgb_of(event_color(scene.facets, events[0], ColorBy::ForceType)), fighter), 1);
  const auto entries = legend_entries(scene.facets, ColorBy::ForceType, {{&events[0], marks_of(events[0])}});
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].label, "Fighter");
  EXPECT_LE(distance(rgb_of(entries[0].color), fighter), 1);
  EXPECT_EQ(entries[0].marks, unsigned(kLineMark));

  // The snapshot legend (wherever it is placed): a fighter swatch, no bomber swatch.
  const int fighter_on_map = count_color(image, fighter, 30, 0, 0, image.width, image.height);
  const geo::Filter filter;
  const patrolscope::snapshot::MapContext map{scene, projection, events, filter, ""};
  patrolscope::snapshot::draw_overlays(image, map, state, {"Colour rule", "", "", 0, "", ""});
  EXPECT_GT(count_color(image, fighter, 30, 0, 0, image.width, image.height), fighter_on_map + 10);
  EXPECT_EQ(count_color(image, bomber, 30, 0, 0, image.width, image.height), 0);
}

// Issue 12: colour-by participant tells participant sets apart (China + Russia, China + Russia +
// Iran) on the map and in the legend, and an event without the colour-by value gets the none
// style, not another value's colour.
TEST(ColourRule, ParticipantSetsAndTheNoneStyleOnTheMap) {
  context();
  const fs::path path = temp_dir() / "sets.geojson";
  std::ofstream(path) << R"({"type":"FeatureCollection","features":[
    {"type":"Feature","properties":{"id":"a","kind":"naval_patrol","domains":["naval"],"participants":["CN","RU"]},
     "geometry":{"type":"LineString","coordinates":[[140,40],[160,40]]}},
    {"type":"Feature","properties":{"id":"b","kind":"exercise","participants":["CN","RU","IR"]},
     "geometry":{"type":"LineString","coordinates":[[140,30],[160,30]]}}]})";
  const std::vector<geo::Event> events = geo::load_events(path.string()).events;
  ASSERT_EQ(events.size(), 2u);
  const geo::MapProjection projection = geo::MapProjection::create("pacific");
  geo::SceneInput input;
  input.events = &events;
  const geo::Scene scene = geo::build_scene(input, projection);
  MapRenderer renderer;
  renderer.upload(scene);
  patrolscope::snapshot::SnapshotRequest request;
  request.width = 960;
  request.height = 540;
  request.view = projection.extent_of(geo::find_preset("pacific")->view);
  request.state.line_width_px = 4;
  auto color_at = [&](ColorBy by, double lon, double lat, Rgb expected) {
    request.state.color_by = by;
    const FrameState state = patrolscope::snapshot::frame_for(request);
    const Image image = patrolscope::snapshot::render_map(renderer, state);
    std::vector<double> x{lon}, y{lat};
    projection.forward(x, y);
    const int px = static_cast<int>(state.camera.pixel_x(x[0])), py = static_cast<int>(state.camera.pixel_y(y[0]));
    return count_color(image, expected, 30, px - 6, py - 6, px + 6, py + 6);
  };
  const Rgb joint = rgb_of(style::participant_set("CN+RU")), trilateral = rgb_of(style::participant_set("CN+RU+IR"));
  ASSERT_GT(distance(joint, trilateral), 60);
  EXPECT_GT(color_at(ColorBy::Participant, 150, 40, joint), 5);
  EXPECT_GT(color_at(ColorBy::Participant, 150, 30, trilateral), 5);
  EXPECT_EQ(color_at(ColorBy::Participant, 150, 30, joint), 0);
  // No domain: the none style, not the naval colour.
  const Rgb none = rgb_of(style::none());
  EXPECT_GT(color_at(ColorBy::Domain, 150, 30, none), 5);
  EXPECT_EQ(color_at(ColorBy::Domain, 150, 30, rgb_of(style::domain("naval"))), 0);
  std::vector<ShownEvent> shown{{&events[0], kLineMark}, {&events[1], kLineMark}};
  const auto entries = legend_entries(scene.facets, ColorBy::Participant, shown);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].label, "China + Russia");
  EXPECT_EQ(entries[1].label, "China + Russia + Iran");
  const auto by_domain = legend_entries(scene.facets, ColorBy::Domain, shown);
  ASSERT_EQ(by_domain.size(), 2u);
  EXPECT_EQ(by_domain[1].label, "No domain given");
}

// Issue 12: two schematic routes share a leg (150°E from 30°N to 45°N) but start at different
// points, so their distances along differ there; the shared leg must still show gaps. Before,
// dashes were measured from each route's start: out of phase, they filled each other's gaps
// (fully or partly, depending on the offset: hence several starts).
TEST(ColourRule, OverlappingSchematicRoutesStayDashed) {
  context();
  for (double start_lat : {17.3, 18.1, 19.4, 20.6, 22.2}) {
    const fs::path path = temp_dir() / "schematic.geojson";
    std::ofstream(path) << R"({"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"id":"a","kind":"air_patrol","geometry_quality":"schematic"},
       "geometry":{"type":"LineString","coordinates":[[140,30],[150,30],[150,45]]}},
      {"type":"Feature","properties":{"id":"b","kind":"air_patrol","geometry_quality":"schematic"},
       "geometry":{"type":"LineString","coordinates":[[150,)" << start_lat << R"(],[150,30],[150,45]]}}]})";
    const std::vector<geo::Event> events = geo::load_events(path.string()).events;
    ASSERT_EQ(events.size(), 2u);
    const geo::MapProjection projection = geo::MapProjection::create("pacific");
    geo::SceneInput input;
    input.events = &events;
    const geo::Scene scene = geo::build_scene(input, projection);
    MapRenderer renderer;
    renderer.upload(scene, MapRenderer::schematic_flags(events));
    patrolscope::snapshot::SnapshotRequest request;
    request.width = 960;
    request.height = 540;
    request.view = projection.extent_of(geo::find_preset("pacific")->view);
    request.state.color_by = ColorBy::Kind;
    request.state.line_width_px = 3;
    request.state.graticule = false;  // 150°E is a graticule line
    const FrameState state = patrolscope::snapshot::frame_for(request);
    const Image image = patrolscope::snapshot::render_map(renderer, state);
    // Walk the shared leg's centre line: about a third of it must be gaps (sea), as on one route.
    const Rgb track = rgb_of(style::kind("air_patrol")), sea = rgb_of(style::sea());
    int on = 0, gap = 0, samples = 0;
    for (double lat = 31; lat <= 44; lat += 0.02, ++samples) {
      std::vector<double> x{150}, y{lat};
      projection.forward(x, y);
      const Rgb p = pixel(image, static_cast<int>(state.camera.pixel_x(x[0])), static_cast<int>(state.camera.pixel_y(y[0])));
      on += distance(p, track) <= 40;
      gap += distance(p, sea) <= 12;
    }
    EXPECT_GT(on, samples / 3) << "start " << start_lat;   // the leg is drawn …
    EXPECT_GT(gap, samples / 4) << "start " << start_lat;  // … and dashed, not solid
    if (HasFailure()) write_png((temp_dir() / "schematic-actual.png").string(), image, {}, false);
  }
}

// Issue 12: areas are readable at region scale: an outline, and a minimum drawn size (a 10 km
// square would be a pixel or two of the Pacific map).
TEST(ColourRule, AreasHaveAnOutlineAndAMinimumSize) {
  context();
  const fs::path path = temp_dir() / "areas.geojson";
  std::ofstream(path) << R"({"type":"FeatureCollection","features":[
    {"type":"Feature","properties":{"id":"big","kind":"exercise"},
     "geometry":{"type":"Polygon","coordinates":[[[140,30],[150,30],[150,38],[140,38],[140,30]]]}},
    {"type":"Feature","properties":{"id":"tiny","kind":"exercise"},
     "geometry":{"type":"Polygon","coordinates":[[[160,40],[160.1,40],[160.1,40.08],[160,40.08],[160,40]]]}}]})";
  const std::vector<geo::Event> events = geo::load_events(path.string()).events;
  ASSERT_EQ(events.size(), 2u);
  const geo::MapProjection projection = geo::MapProjection::create("pacific");
  geo::SceneInput input;
  input.events = &events;
  const geo::Scene scene = geo::build_scene(input, projection);
  MapRenderer renderer;
  renderer.upload(scene);
  patrolscope::snapshot::SnapshotRequest request;
  request.width = 960;
  request.height = 540;
  request.view = projection.extent_of(geo::find_preset("pacific")->view);
  request.state.color_by = ColorBy::Kind;
  request.state.graticule = false;
  const FrameState state = patrolscope::snapshot::frame_for(request);
  const Image image = patrolscope::snapshot::render_map(renderer, state);
  auto at = [&](double lon, double lat) {
    std::vector<double> x{lon}, y{lat};
    projection.forward(x, y);
    return std::pair{static_cast<int>(state.camera.pixel_x(x[0])), static_cast<int>(state.camera.pixel_y(y[0]))};
  };
  const Rgb sea = rgb_of(style::sea());
  // The tiny area: at least the minimum radius (6 px) of tinted pixels, not one or two.
  const auto [tx, ty] = at(160.05, 40.04);
  int marked = 0;
  for (int y = ty - 10; y <= ty + 10; ++y)
    for (int x = tx - 10; x <= tx + 10; ++x) marked += distance(pixel(image, x, y), sea) >= 8;
  EXPECT_GT(marked, 40);
  // The big area: its edge (the outline) is stronger than its inside (the pale fill).
  const auto [ex, ey] = at(145, 38);  // the northern edge
  const auto [cx, cy] = at(145, 34);
  int edge = 0;
  for (int dy = -2; dy <= 2; ++dy) edge = std::max(edge, distance(pixel(image, ex, ey + dy), sea));
  EXPECT_GT(edge, distance(pixel(image, cx, cy), sea) + 40);
}
