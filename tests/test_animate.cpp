// Briefing clips: the encoder's files decoded back with libavformat (codec, size, frame count,
// faststart, palette), the clip's clock, and `patrolscope animate` end to end: frames differ
// where a track moves and not where nothing does, a track's vertex shows in the first frame
// whose clock has passed its time and not before, Ctrl-C leaves nothing at the target.
#include <gtest/gtest.h>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libswscale/swscale.h>
}
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "animation/clip.hpp"
#include "animation/clip_frames.hpp"
#include "support/cli.hpp"
#include "projection.hpp"
#include "render/map_renderer.hpp"
#include "video/encoder.hpp"

namespace fs = std::filesystem;
using namespace patrolscope;

namespace {

struct Decoded {
  std::string codec;
  int width = 0, height = 0;
  std::vector<std::vector<std::uint8_t>> frames;  // RGB24, top row first
  const std::uint8_t* at(std::size_t frame, int x, int y) const {
    return frames[frame].data() + (static_cast<std::size_t>(y) * width + x) * 3;
  }
};

// Every frame of a file, through libavformat/libavcodec, as RGB.
Decoded decode(const std::string& path) {
  Decoded out;
  AVFormatContext* format = nullptr;
  if (avformat_open_input(&format, path.c_str(), nullptr, nullptr) < 0) return out;
  avformat_find_stream_info(format, nullptr);
  const AVCodec* codec = nullptr;
  const int stream = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, &codec, 0);
  if (stream < 0 || !codec) {
    avformat_close_input(&format);
    return out;
  }
  AVCodecContext* context = avcodec_alloc_context3(codec);
  avcodec_parameters_to_context(context, format->streams[stream]->codecpar);
  avcodec_open2(context, codec, nullptr);
  out.codec = codec->name;
  out.width = context->width;
  out.height = context->height;
  AVPacket* packet = av_packet_alloc();
  AVFrame* frame = av_frame_alloc();
  SwsContext* sws = nullptr;
  auto take = [&] {
    while (avcodec_receive_frame(context, frame) == 0) {
      sws = sws_getCachedContext(sws, frame->width, frame->height, static_cast<AVPixelFormat>(frame->format),
                                 frame->width, frame->height, AV_PIX_FMT_RGB24, SWS_POINT, nullptr, nullptr, nullptr);
      std::vector<std::uint8_t> rgb(static_cast<std::size_t>(frame->width) * frame->height * 3);
      std::uint8_t* planes[1] = {rgb.data()};
      const int strides[1] = {frame->width * 3};
      sws_scale(sws, frame->data, frame->linesize, 0, frame->height, planes, strides);
      out.frames.push_back(std::move(rgb));
    }
  };
  while (av_read_frame(format, packet) >= 0) {
    if (packet->stream_index == stream) avcodec_send_packet(context, packet);
    av_packet_unref(packet);
    take();
  }
  avcodec_send_packet(context, nullptr);
  take();
  sws_freeContext(sws);
  av_frame_free(&frame);
  av_packet_free(&packet);
  avcodec_free_context(&context);
  avformat_close_input(&format);
  return out;
}

using patrolscope::testing::read_file;

int max_difference(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b) {
  int worst = 0;
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) worst = std::max(worst, std::abs(a[i] - b[i]));
  return worst;
}

// A square moving right over white, with a coloured band: frame i of a synthetic clip.
video::Frame moving_square(int width, int height, int i) {
  video::Frame f{width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height * 4, 255)};
  for (int y = height / 3; y < height / 3 + 24; ++y)
    for (int x = 4 * i; x < 4 * i + 24 && x < width; ++x) {
      std::uint8_t* p = &f.rgba[(static_cast<std::size_t>(y) * width + x) * 4];
      p[0] = 200, p[1] = 30, p[2] = 40;
    }
  for (int y = 0; y < 12; ++y)
    for (int x = 0; x < width; ++x) {
      std::uint8_t* p = &f.rgba[(static_cast<std::size_t>(y) * width + x) * 4];
      p[0] = 30, p[1] = 90, p[2] = 170;
    }
  return f;
}

// A directory of its own per test (support/temp_dir.hpp), left in place when the test fails.
class AnimateTest : public patrolscope::testing::TempDirTest {
 protected:
  AnimateTest() { keep_on_failure_ = true; }
  std::vector<std::string> listing() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_)) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }
  std::string encode_clip(const std::string& name, int frames, int fps = 30) const {
    video::EncoderOptions o;
    o.path = (dir_ / name).string();
    o.format = *video::format_for_path(o.path);
    o.width = 160, o.height = 96, o.fps = fps;
    o.palette_samples = {moving_square(160, 96, 0), moving_square(160, 96, frames - 1)};
    video::Encoder encoder(o);
    for (int i = 0; i < frames; ++i) encoder.push(moving_square(160, 96, i));
    encoder.finish();
    return o.path;
  }
};

}  // namespace

using Encoder = AnimateTest;

TEST(EncoderFormat, ChosenByTheTargetName) {
  EXPECT_EQ(video::format_for_path("a/b.MP4"), video::Format::Mp4);
  EXPECT_EQ(video::format_for_path("b.webm"), video::Format::WebM);
  EXPECT_EQ(video::format_for_path("b.gif"), video::Format::Gif);
  EXPECT_EQ(video::format_for_path("out/brief_%04d.png"), video::Format::PngSequence);
  EXPECT_FALSE(video::format_for_path("brief.png")) << "a single PNG is `render`'s job";
  EXPECT_FALSE(video::format_for_path("brief.avi"));
  EXPECT_EQ(video::sequence_base("out/brief_%04d.png"), "out/brief.png");
}

TEST_F(Encoder, Mp4IsH264Yuv420pWithTheMovieHeaderFirst) {
  const std::string path = encode_clip("clip.mp4", 45);
  const Decoded clip = decode(path);
  EXPECT_EQ(clip.codec, "h264");
  EXPECT_EQ(clip.width, 160);
  EXPECT_EQ(clip.height, 96);
  EXPECT_EQ(clip.frames.size(), 45u);
  AVFormatContext* format = nullptr;
  ASSERT_EQ(avformat_open_input(&format, path.c_str(), nullptr, nullptr), 0);
  avformat_find_stream_info(format, nullptr);
  EXPECT_EQ(format->streams[0]->codecpar->format, AV_PIX_FMT_YUV420P);
  avformat_close_input(&format);
  const std::string bytes = read_file(path);
  ASSERT_NE(bytes.find("moov"), std::string::npos);
  EXPECT_LT(bytes.find("moov"), bytes.find("mdat")) << "faststart: the index before the media";
  EXPECT_EQ(listing(), std::vector<std::string>{"clip.mp4"}) << "no temporary left beside it";
  // The square is where frame 20 drew it (lossy: near, not exact).
  const std::uint8_t* red = clip.at(20, 4 * 20 + 12, 96 / 3 + 12);
  EXPECT_GT(red[0], 150);
  EXPECT_LT(red[1], 80);
}

TEST_F(Encoder, WebmIsVp9) {
  const Decoded clip = decode(encode_clip("clip.webm", 30));
  EXPECT_EQ(clip.codec, "vp9");
  EXPECT_EQ(clip.frames.size(), 30u);
  EXPECT_EQ(clip.width, 160);
}

TEST_F(Encoder, GifKeepsThePaletteColoursAndTheFrameCount) {
  const Decoded clip = decode(encode_clip("clip.gif", 24, 15));
  EXPECT_EQ(clip.codec, "gif");
  ASSERT_EQ(clip.frames.size(), 24u);
  const std::uint8_t* band = clip.at(23, 80, 5);
  EXPECT_NEAR(band[0], 30, 4);
  EXPECT_NEAR(band[1], 90, 4);
  EXPECT_NEAR(band[2], 170, 4);
  const std::uint8_t* square = clip.at(23, 4 * 23 + 10, 96 / 3 + 10);
  EXPECT_NEAR(square[0], 200, 4);
  EXPECT_NEAR(square[1], 30, 4);
  const std::uint8_t* white = clip.at(0, 150, 90);
  EXPECT_GT(white[0], 250);
}

TEST_F(Encoder, PngSequenceIsLosslessAndNumberedFromOne) {
  encode_clip("f_%03d.png", 5);
  EXPECT_EQ(listing(), (std::vector<std::string>{"f_001.png", "f_002.png", "f_003.png", "f_004.png", "f_005.png"}));
  const Decoded third = decode((dir_ / "f_003.png").string());
  ASSERT_EQ(third.frames.size(), 1u);
  const std::uint8_t* p = third.at(0, 4 * 2 + 3, 96 / 3 + 3);
  EXPECT_EQ(p[0], 200);
  EXPECT_EQ(p[1], 30);
  EXPECT_EQ(p[2], 40);
}

TEST_F(Encoder, OddSizesAreRefusedForYuv420p) {
  video::EncoderOptions o;
  o.path = (dir_ / "odd.mp4").string();
  o.width = 161, o.height = 96;
  try {
    video::Encoder encoder(o);
    FAIL() << "an odd width was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("even"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("160x96"), std::string::npos) << "suggests a size: " << e.what();
  }
  EXPECT_TRUE(listing().empty());
  EXPECT_EQ(video::size_problem(video::Format::Gif, 161, 95), "") << "GIF has no chroma subsampling";
}

TEST_F(Encoder, AbandonedOrAbortedLeavesNothing) {
  for (const char* name : {"a.mp4", "b.gif", "c_%02d.png"}) {
    video::EncoderOptions o;
    o.path = (dir_ / name).string();
    o.format = *video::format_for_path(o.path);
    o.width = 160, o.height = 96;
    video::Encoder encoder(o);
    for (int i = 0; i < 10; ++i) encoder.push(moving_square(160, 96, i));
    if (name[0] == 'b') encoder.abort();
  }  // destroyed without finish()
  EXPECT_TRUE(listing().empty()) << listing().front();
}

TEST(EncoderPalette, MedianCutKeepsThinColoursApart) {
  const std::vector<std::uint32_t> palette = video::choose_palette({moving_square(160, 96, 3)}, 255);
  auto has = [&](std::uint32_t rgb) { return std::find(palette.begin(), palette.end(), rgb) != palette.end(); };
  EXPECT_TRUE(has(0xffffff));
  EXPECT_TRUE(has(0xc81e28)) << "the square's red, a few hundred pixels among 15000 white";
  EXPECT_TRUE(has(0x1e5aaa));
}

// The clip's clock.
TEST(ClipPlan, ConstantSpeedRunsFromFromToToBetweenTheHolds) {
  animation::ClipSettings s;
  s.from = geo::make_time(2024, 1, 1);
  s.to = geo::make_time(2024, 1, 11);
  s.fps = 30;
  s.duration_s = 10;
  s.hold_s = 1;
  const animation::ClipPlan plan = animation::plan_clip(s);
  EXPECT_EQ(plan.frames, 300);
  for (int f = 0; f <= 30; ++f) EXPECT_EQ(plan.time_at(f), s.from) << f;
  EXPECT_GT(plan.time_at(31), s.from);
  EXPECT_LT(plan.time_at(268), s.to);
  for (int f = 269; f < 300; ++f) EXPECT_EQ(plan.time_at(f), s.to) << f;
  EXPECT_NEAR(plan.speed_at(150), 10 * 86400.0 / (238.0 / 30), 86400.0 / 238 * 30);
  EXPECT_TRUE(plan.jumps.empty());
  s.duration_s = 0;
  s.speed = 86400;  // a day a second
  EXPECT_EQ(animation::plan_clip(s).frames, 300 + 60);
}

// Issue 10: the clip's furniture is drawn once for the whole clip, so its event count is the
// clip's, and says so (a frame shows only the events in its trail).
TEST(ClipText, TheEventCountSaysItIsTheClipsAndTheCaptionItsSpan) {
  animation::ClipSettings s;
  s.from = geo::make_time(2024, 1, 1);
  s.to = geo::make_time(2024, 1, 11);
  s.duration_s = 5;
  animation::ClipLook look;
  look.text.title = "Patrols";
  const snapshot::OverlayText text = animation::clip_text(look, animation::plan_clip(s), 30);
  EXPECT_EQ(text.title, "Patrols");
  EXPECT_EQ(text.reserve_bottom_px, 30);
  EXPECT_EQ(text.caption, "2024-01-01 \u2013 2024-01-11 UTC");
  const geo::Scene scene;
  const geo::MapProjection projection = geo::MapProjection::create("pacific");
  const std::vector<geo::Event> events(3);
  const geo::Filter filter;
  const snapshot::MapContext context{scene, projection, events, filter, ""};
  EXPECT_EQ(snapshot::content_caption(context, {0, 2}, text.count_scope), "2 events in the clip \u00b7 no filter");
  EXPECT_EQ(snapshot::content_caption(context, {0, 2}), "2 events \u00b7 no filter") << "a still: the events drawn";
}

TEST(ClipPlan, SkipEmptyJumpsTheGapsAndGivesEachStretchTime) {
  animation::ClipSettings s;
  s.from = geo::make_time(2020, 1, 1);
  s.to = geo::make_time(2024, 1, 2);
  s.fps = 30;
  s.duration_s = 20;
  s.skip_empty = true;
  s.linger = 86400;
  s.activity = {{s.from, s.from + 86400}, {geo::make_time(2022, 6, 1), geo::make_time(2022, 6, 2)},
                {geo::make_time(2024, 1, 1), s.to}};
  const animation::ClipPlan plan = animation::plan_clip(s);
  EXPECT_EQ(plan.frames, 600);
  ASSERT_EQ(plan.jumps.size(), 2u);
  EXPECT_EQ(plan.jumps[0].from, s.from + 2 * 86400);
  EXPECT_EQ(plan.jumps[0].to, geo::make_time(2022, 6, 1));
  // Each one-day stretch gets a good part of the clip, though it is 1/700 of the span.
  const std::int64_t start = plan.first_frame_at_or_after(geo::make_time(2022, 6, 1));
  const std::int64_t end = plan.first_frame_at_or_after(geo::make_time(2022, 6, 3));
  EXPECT_GT(end - start, 100);
  EXPECT_EQ(plan.jump_at(start + 10), nullptr);
  EXPECT_NE(plan.jump_at(plan.jumps[0].first_frame), nullptr);
  for (std::int64_t f = 1; f < plan.frames; ++f) ASSERT_GE(plan.time_at(f), plan.time_at(f - 1)) << f;
  EXPECT_EQ(plan.time_at(plan.frames - 1), s.to);
}

TEST(ClipPlan, NonsenseIsRefusedWithTheOption) {
  animation::ClipSettings s;
  s.from = 100, s.to = 50, s.duration_s = 5;
  EXPECT_THROW(animation::plan_clip(s), std::invalid_argument);
  s.to = 200, s.hold_s = 3;
  try {
    animation::plan_clip(s);
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("--duration"), std::string::npos);
  }
}

// `patrolscope animate` end to end.
class AnimateCli : public AnimateTest {
 protected:
  void SetUp() override {
    AnimateTest::SetUp();
    fs::create_directories(dir_ / "out");
    // One patrol from 135°E to 165°W along 25°N (across 180°): a vertex a day from 1 January.
    std::ofstream(dir_ / "track.geojson") << R"({"type":"FeatureCollection","features":[{"type":"Feature",
      "properties":{"id":"t1","name":"Test patrol","kind":"air_patrol","domains":["air"],"participants":["CN","RU"],
      "start":"2024-01-01T00:00:00Z","end":"2024-01-04T00:00:00Z",
      "times":["2024-01-01T00:00:00Z","2024-01-02T00:00:00Z","2024-01-03T00:00:00Z","2024-01-04T00:00:00Z"]},
      "geometry":{"type":"LineString","coordinates":[[135,25],[155,25],[175,25],[-165,25]]}}]})";
  }
  static int run(const std::string& args, std::string* stderr_text = nullptr) {
    const patrolscope::testing::CliRun r = patrolscope::testing::run_cli("animate " + args);
    if (stderr_text) *stderr_text = r.err;
    return r.code;
  }
  std::string out(const std::string& name) const { return (dir_ / "out" / name).string(); }
  std::vector<std::string> out_listing() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_ / "out")) names.push_back(entry.path().filename().string());
    return names;
  }
  // The test track's clip: 960x540 Pacific, no furniture, constant speed from 1 to 6 January
  // in 25 frames (frame f shows from + floor(5 d · f / 24)).
  std::string track_clip(const std::string& output) const {
    return "-q --region pacific --size 960x540 --no-overlays --no-skip-empty --hold 0 --fps 10 --duration 2.5 "
           "--from 2024-01-01 --to 2024-01-06 --mode fixed --window all -o " + output + " " +
           (dir_ / "track.geojson").string();
  }
};

TEST_F(AnimateCli, FramesChangeWhileTheTrackMovesAndNotAfter) {
  std::string err;
  ASSERT_EQ(run(track_clip(out("f_%03d.png")), &err), 0) << err;
  std::vector<Decoded> frames;
  for (int f = 1; f <= 25; ++f) {
    char name[32];
    std::snprintf(name, sizeof name, "f_%03d.png", f);
    frames.push_back(decode(out(name)));
    ASSERT_EQ(frames.back().frames.size(), 1u) << name;
    ASSERT_EQ(frames.back().width, 960);
  }
  // Moving until the last vertex (3 January = frame 14.4), the head gone after the end (4 January).
  for (int f = 1; f <= 14; ++f) EXPECT_GT(max_difference(frames[f].frames[0], frames[f - 1].frames[0]), 40) << f;
  const int after_end = static_cast<int>(std::ceil(24.0 * 3 / 5));  // 4 January is 3 d after the 1st
  for (int f = after_end + 1; f < 25; ++f)
    EXPECT_EQ(frames[f].frames[0], frames[after_end].frames[0]) << "nothing moves after the patrol, frame " << f;
}

TEST_F(AnimateCli, PreviewWritesTheFirstFrameAndNoClip) {
  // --preview (the viewer's Record dialog shows it): one PNG, the clip's frame 1 exactly, and
  // nothing at -o.
  ASSERT_EQ(run(track_clip(out("f_%03d.png"))), 0);
  const std::string preview = (dir_ / "preview.png").string();
  std::string err;
  ASSERT_EQ(run("--preview " + preview + " " + track_clip(out("clip.mp4")), &err), 0) << err;
  EXPECT_FALSE(fs::exists(out("clip.mp4"))) << "a preview writes no clip";
  const Decoded shown = decode(preview), first = decode(out("f_001.png")), second = decode(out("f_002.png"));
  ASSERT_EQ(shown.frames.size(), 1u);
  EXPECT_EQ(shown.width, 960);
  EXPECT_EQ(shown.frames[0], first.frames[0]) << "the preview is not the clip's first frame";
  EXPECT_NE(shown.frames[0], second.frames[0]) << "the track moves from the first frame on: frames must differ";
}

TEST_F(AnimateCli, AVertexAppearsInTheFirstFrameWhoseClockHasPassedIt) {
  ASSERT_EQ(run(track_clip(out("f_%03d.png"))), 0);
  // The map transform the clip used: the Pacific preset fitted into 960x540.
  const geo::Preset* preset = geo::find_preset("pacific");
  const geo::MapProjection projection = geo::MapProjection::create(preset->crs);
  const render::Camera camera = render::Camera::fit(projection.extent_of(preset->view), 960, 540);
  auto pixel_of = [&](double lon, double lat) {
    std::vector<double> x{lon}, y{lat};
    projection.forward(x, y);
    return std::pair{static_cast<int>(camera.pixel_x(x[0])), static_cast<int>(camera.pixel_y(y[0]))};
  };
  const geo::Seconds from = geo::make_time(2024, 1, 1), span = 5 * 86400;
  auto clock = [&](int f) { return from + static_cast<geo::Seconds>(std::floor(static_cast<double>(span) * f / 24)); };
  auto frame_path = [&](int f) {
    char name[32];
    std::snprintf(name, sizeof name, "f_%03d.png", f + 1);
    return out(name);
  };
  const Decoded first = decode(frame_path(0));
  ASSERT_EQ(first.frames.size(), 1u);
  // Vertices 2 and 3 (2 and 3 January); the third lies on 175°E, the fourth across 180°.
  for (const auto& [lon, day] : {std::pair{155.0, 1}, std::pair{175.0, 2}, std::pair{-165.0, 3}}) {
    const auto [px, py] = pixel_of(lon, 25);
    const geo::Seconds t = from + day * 86400;
    int expected = 0;
    while (clock(expected) < t) ++expected;
    const Decoded before = decode(frame_path(expected - 1)), at = decode(frame_path(expected));
    EXPECT_LT(max_difference({before.at(0, px, py), before.at(0, px, py) + 3}, {first.at(0, px, py), first.at(0, px, py) + 3}), 8)
        << "lon " << lon << ": drawn before its time, frame " << expected - 1;
    EXPECT_GT(max_difference({at.at(0, px, py), at.at(0, px, py) + 3}, {first.at(0, px, py), first.at(0, px, py) + 3}), 60)
        << "lon " << lon << ": not drawn in frame " << expected << " whose clock has passed it";
  }
  // Nothing streaks across the map at 25°N where the line crosses 180°: 120°E stays sea.
  const Decoded last = decode(frame_path(24));
  const auto [wx, wy] = pixel_of(120, 25);
  EXPECT_EQ(max_difference({last.at(0, wx, wy), last.at(0, wx, wy) + 3}, {first.at(0, wx, wy), first.at(0, wx, wy) + 3}), 0);
}

TEST_F(AnimateCli, Mp4WebmAndGifHaveTheCodecSizeAndDurationTimesFps) {
  for (const auto& [name, codec, size] : {std::tuple{"clip.mp4", "h264", "320x180"}, std::tuple{"clip.webm", "vp9", "320x180"},
                                          std::tuple{"clip.gif", "gif", "321x181"}}) {
    std::string err;
    ASSERT_EQ(run("-q --size " + std::string(size) + " --fps 12 --duration 3 --hold 0.5 -o " + out(name) + " " +
                      (dir_ / "track.geojson").string(),
                  &err),
              0)
        << name << ": " << err;
    const Decoded clip = decode(out(name));
    EXPECT_EQ(clip.codec, codec);
    EXPECT_EQ(clip.width, std::stoi(size));
    EXPECT_NEAR(static_cast<double>(clip.frames.size()), 3 * 12, 1) << name;
  }
  EXPECT_EQ(out_listing().size(), 3u) << "no temporaries left";
}

TEST_F(AnimateCli, TheBundledDataMakesAClipWithFurnitureAndAClock) {
  std::string err;
  ASSERT_EQ(run("--size 480x270 --fps 5 -o " + out("brief.mp4"), &err), 0) << err;
  const Decoded clip = decode(out("brief.mp4"));
  EXPECT_EQ(clip.codec, "h264");
  EXPECT_EQ(clip.frames.size(), 100u) << "the default: 20 s";
  // The clock (top right) changes between the held first frame and the middle.
  int changed = 0;
  for (int y = 0; y < 60; ++y)
    for (int x = 300; x < 480; ++x) changed += std::abs(clip.at(0, x, y)[0] - clip.at(50, x, y)[0]) > 60;
  EXPECT_GT(changed, 30);
  EXPECT_NE(err.find("frame 100/100"), std::string::npos) << "progress on stderr: " << err;
}

TEST_F(AnimateCli, UsageErrorsAreCaughtBeforeLoading) {
  std::string err;
  EXPECT_EQ(run("--size 321x180 -o " + out("x.mp4"), &err), 2);
  EXPECT_NE(err.find("even"), std::string::npos) << err;
  EXPECT_EQ(run("-o " + out("x.avi"), &err), 2);
  EXPECT_NE(err.find(".mp4"), std::string::npos) << err;
  EXPECT_EQ(run("--mode sideways -o " + out("x.mp4"), &err), 2);
  EXPECT_EQ(run("--duration 1 --hold 1 -o " + out("x.mp4"), &err), 2);
  EXPECT_TRUE(out_listing().empty());
}

TEST_F(AnimateCli, InterruptedRunLeavesNoFileAtTheTarget) {
  const std::string target = out("long.mp4");
  int err_pipe[2];
  ASSERT_EQ(pipe(err_pipe), 0);
  patrolscope::testing::scratch_dir();  // made here, not in the child
  const pid_t child = fork();
  if (child == 0) {
    dup2(err_pipe[1], 2);
    close(err_pipe[0]);
    const int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    patrolscope::testing::apply_cli_environment();
    execl(PATROLSCOPE_EXE, PATROLSCOPE_EXE, "animate", "--size", "320x180", "--duration", "600", "-o", target.c_str(),
          (dir_ / "track.geojson").c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(err_pipe[1]);
  // Wait for the first progress line: frames are being encoded into the temporary file.
  std::string text;
  char buffer[256];
  while (text.find("frame 1/") == std::string::npos) {
    const ssize_t got = read(err_pipe[0], buffer, sizeof buffer);
    if (got <= 0) break;
    text.append(buffer, static_cast<std::size_t>(got));
  }
  ASSERT_NE(text.find("frame 1/18000"), std::string::npos) << text;
  kill(child, SIGINT);
  while (read(err_pipe[0], buffer, sizeof buffer) > 0) {
  }
  close(err_pipe[0]);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 130);
  EXPECT_FALSE(fs::exists(target));
  EXPECT_TRUE(out_listing().empty()) << "the temporary is removed too: " << out_listing().front();
}

TEST_F(AnimateCli, ExtentFramesTheClipAsTheViewerShowsIt) {
  // The viewer's Record passes its camera's extent in map units: a box around 155°E, 25°N.
  const geo::Preset* preset = geo::find_preset("pacific");
  const geo::MapProjection projection = geo::MapProjection::create(preset->crs);
  std::vector<double> x{150, 160}, y{20, 30};
  projection.forward(x, y);
  char extent[160];
  std::snprintf(extent, sizeof extent, "%.3f,%.3f,%.3f,%.3f", x[0], y[0], x[1], y[1]);
  std::string err;
  ASSERT_EQ(run("-q --region pacific --extent " + std::string(extent) +
                    " --size 320x320 --no-overlays --no-skip-empty --hold 0 --fps 4 --duration 1 --from 2024-01-01 "
                    "--to 2024-01-06 --mode fixed --window all -o " + out("e_%d.png") + " " + (dir_ / "track.geojson").string(),
                &err),
            0)
      << err;
  const Decoded last = decode(out("e_4.png")), first = decode(out("e_1.png"));
  ASSERT_EQ(last.frames.size(), 1u);
  const render::Camera camera = render::Camera::fit({x[0], y[0], x[1], y[1]}, 320, 320);
  std::vector<double> vx{155}, vy{25};
  projection.forward(vx, vy);
  const int px = static_cast<int>(camera.pixel_x(vx[0])), py = static_cast<int>(camera.pixel_y(vy[0]));
  EXPECT_NEAR(px, 160, 2);
  EXPECT_GT(max_difference({last.at(0, px, py), last.at(0, px, py) + 3}, {first.at(0, px, py), first.at(0, px, py) + 3}), 60)
      << "the vertex at 155°E is drawn at the centre of the extent";
  EXPECT_EQ(run("--extent 1,2,3 -o " + out("x.mp4"), &err), 2);
  EXPECT_NE(err.find("--extent"), std::string::npos) << err;
}
