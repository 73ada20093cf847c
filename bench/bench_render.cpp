// Micro-benchmarks of the GL map renderer on a headless EGL context (Mesa llvmpipe here): a
// 10^6-vertex scene (synthetic tracks + Natural Earth land) uploaded once, then frames at
// 1920×1080 (4× MSAA) for a scrub (only `now` changes) and for a filter change (only the masks
// change), each finished with glFinish. Counters:
//   uploaded_B            bytes_uploaded_last_draw() after the last frame (the design says 0)
//   gl_uploaded_B/frame   bytes passed to glBufferData/glBufferSubData/glTex(Sub)Image2D/
//                         glMapBufferRange during the frames, counted by wrapping glad's entry
//                         points (independent of the renderer's own counter)
//   gpu_B/track_vertex    the track buffer's bytes per track vertex; gpu_B/vertex: all buffers
//                         over all track vertices
//   build/bin/bench_render [--benchmark_filter=Scrub]
#include <benchmark/benchmark.h>
#include <glad/gl.h>

#include <chrono>
#include <cstdio>
#include <memory>

#include "assets.hpp"
#include "bench_common.hpp"
#include "coastline.hpp"
#include "projection.hpp"
#include "render/egl_context.hpp"
#include "render/framebuffer.hpp"
#include "render/map_renderer.hpp"
#include "scene.hpp"

namespace {

using patrolscope::render::Camera;
using patrolscope::render::FrameState;

constexpr int kWidth = 1920, kHeight = 1080;

// --- Counting GL uploads ---------------------------------------------------------------------
std::size_t gl_uploaded = 0;
PFNGLBUFFERDATAPROC real_buffer_data = nullptr;
PFNGLBUFFERSUBDATAPROC real_buffer_sub_data = nullptr;
PFNGLTEXIMAGE2DPROC real_tex_image_2d = nullptr;
PFNGLTEXSUBIMAGE2DPROC real_tex_sub_image_2d = nullptr;
PFNGLMAPBUFFERRANGEPROC real_map_buffer_range = nullptr;

void GLAD_API_PTR counting_buffer_data(GLenum target, GLsizeiptr size, const void* data, GLenum usage) {
  if (data) gl_uploaded += static_cast<std::size_t>(size);
  real_buffer_data(target, size, data, usage);
}
void GLAD_API_PTR counting_buffer_sub_data(GLenum target, GLintptr offset, GLsizeiptr size, const void* data) {
  gl_uploaded += static_cast<std::size_t>(size);
  real_buffer_sub_data(target, offset, size, data);
}
void GLAD_API_PTR counting_tex_image_2d(GLenum target, GLint level, GLint internal, GLsizei w, GLsizei h, GLint border,
                                    GLenum format, GLenum type, const void* pixels) {
  if (pixels) gl_uploaded += static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4;
  real_tex_image_2d(target, level, internal, w, h, border, format, type, pixels);
}
void GLAD_API_PTR counting_tex_sub_image_2d(GLenum target, GLint level, GLint x, GLint y, GLsizei w, GLsizei h,
                                        GLenum format, GLenum type, const void* pixels) {
  gl_uploaded += static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4;
  real_tex_sub_image_2d(target, level, x, y, w, h, format, type, pixels);
}
void* GLAD_API_PTR counting_map_buffer_range(GLenum target, GLintptr offset, GLsizeiptr length, GLbitfield access) {
  if (access & GL_MAP_WRITE_BIT) gl_uploaded += static_cast<std::size_t>(length);
  return real_map_buffer_range(target, offset, length, access);
}

void install_upload_counters() {
  real_buffer_data = glad_glBufferData;
  glad_glBufferData = counting_buffer_data;
  real_buffer_sub_data = glad_glBufferSubData;
  glad_glBufferSubData = counting_buffer_sub_data;
  real_tex_image_2d = glad_glTexImage2D;
  glad_glTexImage2D = counting_tex_image_2d;
  real_tex_sub_image_2d = glad_glTexSubImage2D;
  glad_glTexSubImage2D = counting_tex_sub_image_2d;
  real_map_buffer_range = glad_glMapBufferRange;
  glad_glMapBufferRange = counting_map_buffer_range;
}

// --- The fixture -----------------------------------------------------------------------------
struct Fixture {
  std::unique_ptr<patrolscope::render::EglContext> context;
  std::unique_ptr<patrolscope::render::Framebuffer> framebuffer;
  std::unique_ptr<patrolscope::render::MapRenderer> renderer;
  std::vector<geo::Event> events;
  geo::Scene scene;
  geo::Seconds first = 0, last = 0;
  Camera camera;
  double upload_s = 0;
};
Fixture* fixture = nullptr;

void set_up() {
  fixture = new Fixture;
  Fixture& f = *fixture;
  f.context = std::make_unique<patrolscope::render::EglContext>();
  install_upload_counters();
  f.framebuffer = std::make_unique<patrolscope::render::Framebuffer>(kWidth, kHeight, 4);
  f.renderer = std::make_unique<patrolscope::render::MapRenderer>();
  f.events = bench::to_events(bench::generate_tracks({1000, 1000, 7}));
  const geo::Coastline coastline = geo::load_coastline(geo::default_coastline_path());
  const geo::MapProjection projection = geo::MapProjection::create("pacific");
  geo::SceneInput input;
  input.events = &f.events;
  input.land = &coastline.land;
  input.coast_lines = &coastline.lines;
  f.scene = geo::build_scene(input, projection);
  f.first = f.last = f.events.front().start;
  for (const geo::Event& e : f.events) {
    f.first = std::min(f.first, e.start);
    f.last = std::max(f.last, e.end);
  }
  f.camera = Camera::fit(projection.extent_of(geo::find_preset("pacific")->view), kWidth, kHeight);
  const auto started = std::chrono::steady_clock::now();
  f.renderer->upload(f.scene);
  glFinish();
  f.upload_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  f.framebuffer->bind();
}

void tear_down() {
  fixture->renderer.reset();
  fixture->framebuffer.reset();
  fixture->context.reset();
  delete fixture;
}

FrameState base_state() {
  FrameState state;
  state.camera = fixture->camera;
  state.timed = true;
  state.window = 30 * 86400;
  state.window_mode = FrameState::Trail;
  return state;
}

void report(benchmark::State& state, std::size_t gl_bytes, std::int64_t frames) {
  const Fixture& f = *fixture;
  const double track_vertices = static_cast<double>(f.scene.tracks.size());
  state.counters["uploaded_B"] = static_cast<double>(f.renderer->bytes_uploaded_last_draw());
  state.counters["gl_uploaded_B/frame"] = frames ? static_cast<double>(gl_bytes) / static_cast<double>(frames) : 0;
  state.counters["gpu_B/track_vertex"] =
      static_cast<double>((f.scene.tracks.size() + 1) * sizeof(geo::TrackVertex)) / track_vertices;
  state.counters["gpu_B/vertex"] = static_cast<double>(f.renderer->gpu_bytes()) / track_vertices;
  state.counters["track_vertices"] = track_vertices;
  state.counters["gpu_MB"] = static_cast<double>(f.renderer->gpu_bytes()) / 1e6;
}

// A scrub: each frame moves `now` by a day through the dataset's span.
void BM_FrameScrub(benchmark::State& state) {
  Fixture& f = *fixture;
  FrameState frame = base_state();
  geo::Seconds now = f.first + 30 * 86400;
  const std::size_t before = gl_uploaded;
  for (auto _ : state) {
    now += 86400;
    if (now > f.last) now = f.first + 30 * 86400;
    frame.now = now;
    f.renderer->draw(frame);
    glFinish();
  }
  report(state, gl_uploaded - before, static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_FrameScrub)->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();

// A filter change: each frame recomputes the masks for another filter (the CPU side of a
// filter change) and draws.
void BM_FrameFilterChange(benchmark::State& state) {
  Fixture& f = *fixture;
  FrameState frame = base_state();
  frame.now = f.first + (f.last - f.first) / 2;
  geo::Filter filters[3];
  filters[0].domains = {"air"};
  filters[1].participants = {"RU"};
  filters[2].domains = {"naval"};
  filters[2].participants = {"CN"};
  int i = 0;
  const std::size_t before = gl_uploaded;
  for (auto _ : state) {
    frame.masks = f.scene.facets.masks(filters[i++ % 3]);
    f.renderer->draw(frame);
    glFinish();
  }
  report(state, gl_uploaded - before, static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_FrameFilterChange)->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();

// Everything at once (untimed): every one of the 10^6 track vertices drawn, as `render` does
// without --at.
void BM_FrameAllTracks(benchmark::State& state) {
  Fixture& f = *fixture;
  FrameState frame = base_state();
  frame.timed = false;
  const std::size_t before = gl_uploaded;
  for (auto _ : state) {
    f.renderer->draw(frame);
    glFinish();
  }
  report(state, gl_uploaded - before, static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_FrameAllTracks)->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();

// The same frame without the track pass: land, coastline, graticule (what the tracks add on top).
void BM_FrameNoTracks(benchmark::State& state) {
  Fixture& f = *fixture;
  FrameState frame = base_state();
  frame.timed = false;
  frame.tracks = false;
  for (auto _ : state) {
    f.renderer->draw(frame);
    glFinish();
  }
}
BENCHMARK(BM_FrameNoTracks)->Unit(benchmark::kMillisecond)->MinTime(1.0)->UseRealTime();

// The CPU cost of issuing a scrub frame (draw() returns before the GPU — llvmpipe's threads —
// has finished; glFinish is outside the timed part).
void BM_FrameScrubIssueOnly(benchmark::State& state) {
  Fixture& f = *fixture;
  FrameState frame = base_state();
  geo::Seconds now = f.first + 30 * 86400;
  for (auto _ : state) {
    now += 86400;
    frame.now = now;
    const auto started = std::chrono::steady_clock::now();
    f.renderer->draw(frame);
    state.SetIterationTime(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    glFinish();
  }
}
BENCHMARK(BM_FrameScrubIssueOnly)->Unit(benchmark::kMicrosecond)->UseManualTime()->MinTime(1.0);

// Reading the 1920×1080 frame back (resolve + glReadPixels + row flip), as snapshots do.
void BM_ReadBack(benchmark::State& state) {
  for (auto _ : state) {
    auto pixels = fixture->framebuffer->read_rgba();
    benchmark::DoNotOptimize(pixels.data());
    fixture->framebuffer->bind();
  }
}
BENCHMARK(BM_ReadBack)->Unit(benchmark::kMillisecond)->MinTime(1.0)->UseRealTime();

// Uploading the whole scene again (one-off cost when a scene is loaded).
void BM_Upload(benchmark::State& state) {
  Fixture& f = *fixture;
  for (auto _ : state) {
    f.renderer->upload(f.scene);
    glFinish();
  }
  state.counters["gpu_MB"] = static_cast<double>(f.renderer->gpu_bytes()) / 1e6;
}
BENCHMARK(BM_Upload)->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  try {
    set_up();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_render: set-up failed: %s\n", e.what());
    return 1;
  }
  benchmark::AddCustomContext("GL_RENDERER", fixture->context->renderer());
  benchmark::AddCustomContext("frame", std::to_string(kWidth) + "x" + std::to_string(kHeight) + ", 4x MSAA");
  benchmark::AddCustomContext("track_vertices", std::to_string(fixture->scene.tracks.size()));
  benchmark::AddCustomContext("first_upload_s", std::to_string(fixture->upload_s));
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  tear_down();
  return 0;
}
