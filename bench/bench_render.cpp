// Micro-benchmarks of the GL map renderer on a headless EGL context (Mesa llvmpipe here): a
// 10^6-vertex scene (synthetic tracks + Natural Earth land) uploaded once, then frames at
// 1920×1080 (4× MSAA) for a scrub (only `now` changes) and for a filter change (only the masks
// change), each finished with glFinish. Counters:
//   gl_uploaded_B/frame   bytes passed to GL's upload calls during the frames, counted by
//                         render::GlUploadCounter (the design says 0; the render tests assert it)
//   gpu_B/track_vertex    GPU bytes the tracks take (gpu_bytes() of the scene minus that of the
//                         same scene without tracks) per track vertex; gpu_B/vertex: all buffers
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
#include "render/gl_upload_counter.hpp"
#include "render/map_renderer.hpp"
#include "scene.hpp"
#include "simplify.hpp"

namespace {

using patrolscope::render::Camera;
using patrolscope::render::FrameState;

constexpr int kWidth = 1920, kHeight = 1080;

// GL uploads are counted by render::GlUploadCounter (wraps glad's upload entry points; the
// render tests assert 0 per frame with the same counter).
std::unique_ptr<patrolscope::render::GlUploadCounter> gl_counter;

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
  std::size_t track_gpu_bytes = 0;  // gpu_bytes() with the tracks minus without them
};
Fixture* fixture = nullptr;

void set_up() {
  fixture = new Fixture;
  Fixture& f = *fixture;
  f.context = std::make_unique<patrolscope::render::EglContext>();
  gl_counter = std::make_unique<patrolscope::render::GlUploadCounter>();
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
  {  // What the tracks cost in GPU memory, measured: the same scene uploaded without them.
    geo::Scene no_tracks;
    no_tracks.origin_x = f.scene.origin_x;
    no_tracks.origin_y = f.scene.origin_y;
    no_tracks.t0 = f.scene.t0;
    no_tracks.facets = f.scene.facets;
    no_tracks.land_triangles = f.scene.land_triangles;
    no_tracks.coast = f.scene.coast;
    no_tracks.graticule = f.scene.graticule;
    no_tracks.graticule_lines = f.scene.graticule_lines;
    patrolscope::render::MapRenderer other;
    other.upload(no_tracks);
    f.track_gpu_bytes = f.renderer->gpu_bytes() - other.gpu_bytes();
  }
  f.framebuffer->bind();
}

void tear_down() {
  fixture->renderer.reset();
  fixture->framebuffer.reset();
  gl_counter.reset();
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
  state.counters["gl_uploaded_B/frame"] = frames ? static_cast<double>(gl_bytes) / static_cast<double>(frames) : 0;
  state.counters["gpu_B/track_vertex"] = static_cast<double>(f.track_gpu_bytes) / track_vertices;
  state.counters["gpu_B/vertex"] = static_cast<double>(f.renderer->gpu_bytes()) / track_vertices;
  state.counters["track_vertices"] = track_vertices;
  state.counters["gpu_MB"] = static_cast<double>(f.renderer->gpu_bytes()) / 1e6;
}

// A scrub: each frame moves `now` by a day through the dataset's span.
void BM_FrameScrub(benchmark::State& state) {
  Fixture& f = *fixture;
  FrameState frame = base_state();
  geo::Seconds now = f.first + 30 * 86400;
  const std::size_t before = gl_counter->bytes();
  for (auto _ : state) {
    now += 86400;
    if (now > f.last) now = f.first + 30 * 86400;
    frame.now = now;
    f.renderer->draw(frame);
    glFinish();
  }
  report(state, gl_counter->bytes() - before, static_cast<std::int64_t>(state.iterations()));
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
  const std::size_t before = gl_counter->bytes();
  for (auto _ : state) {
    frame.masks = f.scene.facets.masks(filters[i++ % 3]);
    f.renderer->draw(frame);
    glFinish();
  }
  report(state, gl_counter->bytes() - before, static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_FrameFilterChange)->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();

// Everything at once (untimed): every one of the 10^6 track vertices drawn, as `render` does
// without --at.
void BM_FrameAllTracks(benchmark::State& state) {
  Fixture& f = *fixture;
  FrameState frame = base_state();
  frame.timed = false;
  const std::size_t before = gl_counter->bytes();
  for (auto _ : state) {
    f.renderer->draw(frame);
    glFinish();
  }
  report(state, gl_counter->bytes() - before, static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_FrameAllTracks)->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();

// Every track shown, after Douglas–Peucker at half a pixel of this view (the pacific view is
// about 10 km a pixel at 1920 px): what a level of detail would save. A second renderer holds
// the simplified scene (uploaded once, outside the timing).
void BM_FrameAllTracksSimplified(benchmark::State& state) {
  Fixture& f = *fixture;
  FrameState frame = base_state();
  frame.timed = false;
  geo::Scene simplified;
  simplified.origin_x = f.scene.origin_x;
  simplified.origin_y = f.scene.origin_y;
  simplified.t0 = f.scene.t0;
  simplified.full_extent = f.scene.full_extent;
  simplified.facets = f.scene.facets;
  simplified.land_triangles = f.scene.land_triangles;
  simplified.coast = f.scene.coast;
  simplified.graticule = f.scene.graticule;
  simplified.graticule_lines = f.scene.graticule_lines;
  simplified.tracks = geo::simplify_tracks(f.scene.tracks, 0.5 * f.camera.units_per_pixel);
  patrolscope::render::MapRenderer renderer;
  renderer.upload(simplified);
  glFinish();
  for (auto _ : state) {
    renderer.draw(frame);
    glFinish();
  }
  state.counters["track_vertices"] = static_cast<double>(simplified.tracks.size());
  state.counters["tolerance_m"] = 0.5 * f.camera.units_per_pixel;
}
BENCHMARK(BM_FrameAllTracksSimplified)->Unit(benchmark::kMillisecond)->MinTime(1.0)->UseRealTime();

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

// --- A probe for the renderer: what 10^6 segments cost llvmpipe's vertex stage when drawn as
// instances of a 4-vertex strip (as the track pass does, once per pass) versus a plain
// GL_TRIANGLES draw of 6 vertices per segment reading the 24-byte records from a buffer texture
// by gl_VertexID. Every segment is hidden (clipped), as most are in a scrub frame, so this is
// the vertex work alone. Trivial shaders: the difference is the draw module's per-instance cost.
GLuint compile_program(const char* vertex, const char* fragment) {
  auto stage = [](GLenum type, const char* source) {
    const GLuint shader = glCreateShader(type);
    glShaderSource(shader, 1, &source, nullptr);
    glCompileShader(shader);
    GLint ok = 0;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (!ok) {
      char log[2048];
      glGetShaderInfoLog(shader, sizeof log, nullptr, log);
      throw std::runtime_error(std::string("probe shader: ") + log);
    }
    return shader;
  };
  const GLuint program = glCreateProgram();
  const GLuint vs = stage(GL_VERTEX_SHADER, vertex), fs = stage(GL_FRAGMENT_SHADER, fragment);
  glAttachShader(program, vs);
  glAttachShader(program, fs);
  glLinkProgram(program);
  glDeleteShader(vs);
  glDeleteShader(fs);
  return program;
}

constexpr const char* kProbeFragment = "#version 330 core\nout vec4 c;\nvoid main() { c = vec4(1.0); }\n";
constexpr const char* kInstancedVertex = R"(#version 330 core
layout(location = 0) in vec2 a_p0;
layout(location = 1) in int a_t0;
layout(location = 2) in vec2 a_p1;
layout(location = 3) in int a_t1;
uniform int u_now;
void main() {
  float along = float(gl_VertexID & 1), side = float(gl_VertexID >> 1) * 2.0 - 1.0;
  bool shown = a_t1 >= u_now - 86400 && a_t0 <= u_now;
  vec2 p = mix(a_p0, a_p1, along) * 1e-7 + vec2(0.0, side * 1e-3);
  gl_Position = shown ? vec4(p, 0.0, 1.0) : vec4(2.0, 2.0, 2.0, 1.0);
})";
constexpr const char* kBufferTextureVertex = R"(#version 330 core
uniform samplerBuffer u_vertices;  // RG32F: 3 texels per 24-byte TrackVertex
uniform isamplerBuffer u_ints;     // RG32I view of the same buffer
uniform int u_now;
void main() {
  int segment = gl_VertexID / 6, corner = gl_VertexID % 6;
  int i0 = segment * 3, i1 = segment * 3 + 3;
  vec2 p0 = texelFetch(u_vertices, i0).xy, p1 = texelFetch(u_vertices, i1).xy;
  int t0 = texelFetch(u_ints, i0 + 1).x, t1 = texelFetch(u_ints, i1 + 1).x;
  float along = float(corner == 1 || corner == 2 || corner == 4), side = corner < 3 ? -1.0 : 1.0;
  bool shown = t1 >= u_now - 86400 && t0 <= u_now;
  vec2 p = mix(p0, p1, along) * 1e-7 + vec2(0.0, side * 1e-3);
  gl_Position = shown ? vec4(p, 0.0, 1.0) : vec4(2.0, 2.0, 2.0, 1.0);
})";

struct Probe {
  GLuint vbo = 0, vao = 0, textures[2] = {0, 0}, instanced = 0, buffered = 0, empty_vao = 0;
  GLsizei segments = 0;
};
Probe* probe = nullptr;

void set_up_probe() {
  probe = new Probe;
  const auto& tracks = fixture->scene.tracks;
  probe->segments = static_cast<GLsizei>(tracks.size() - 1);
  glGenBuffers(1, &probe->vbo);
  glBindBuffer(GL_ARRAY_BUFFER, probe->vbo);
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(tracks.size() * sizeof(geo::TrackVertex)), tracks.data(),
               GL_STATIC_DRAW);
  glGenVertexArrays(1, &probe->vao);
  glBindVertexArray(probe->vao);
  constexpr GLsizei stride = sizeof(geo::TrackVertex);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, nullptr);
  glVertexAttribDivisor(0, 1);
  glEnableVertexAttribArray(1);
  glVertexAttribIPointer(1, 1, GL_INT, stride, reinterpret_cast<const void*>(8));
  glVertexAttribDivisor(1, 1);
  glEnableVertexAttribArray(2);
  glVertexAttribPointer(2, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<const void*>(stride));
  glVertexAttribDivisor(2, 1);
  glEnableVertexAttribArray(3);
  glVertexAttribIPointer(3, 1, GL_INT, stride, reinterpret_cast<const void*>(stride + 8));
  glVertexAttribDivisor(3, 1);
  glGenVertexArrays(1, &probe->empty_vao);
  glGenTextures(2, probe->textures);
  glBindTexture(GL_TEXTURE_BUFFER, probe->textures[0]);
  glTexBuffer(GL_TEXTURE_BUFFER, GL_RG32F, probe->vbo);
  glBindTexture(GL_TEXTURE_BUFFER, probe->textures[1]);
  glTexBuffer(GL_TEXTURE_BUFFER, GL_RG32I, probe->vbo);
  glBindVertexArray(0);
  probe->instanced = compile_program(kInstancedVertex, kProbeFragment);
  probe->buffered = compile_program(kBufferTextureVertex, kProbeFragment);
  glFinish();
}

void BM_ProbeSegmentsInstanced(benchmark::State& state) {
  glUseProgram(probe->instanced);
  glUniform1i(glGetUniformLocation(probe->instanced, "u_now"), INT32_MIN + 86401);  // nothing shown
  glBindVertexArray(probe->vao);
  for (auto _ : state) {
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, probe->segments);
    glFinish();
  }
  glBindVertexArray(0);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * probe->segments);
}
BENCHMARK(BM_ProbeSegmentsInstanced)->Unit(benchmark::kMillisecond)->MinTime(1.0)->UseRealTime();

void BM_ProbeSegmentsBufferTexture(benchmark::State& state) {
  glUseProgram(probe->buffered);
  glUniform1i(glGetUniformLocation(probe->buffered, "u_now"), INT32_MIN + 86401);
  glUniform1i(glGetUniformLocation(probe->buffered, "u_vertices"), 0);
  glUniform1i(glGetUniformLocation(probe->buffered, "u_ints"), 1);
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_BUFFER, probe->textures[0]);
  glActiveTexture(GL_TEXTURE1);
  glBindTexture(GL_TEXTURE_BUFFER, probe->textures[1]);
  glActiveTexture(GL_TEXTURE0);
  glBindVertexArray(probe->empty_vao);
  for (auto _ : state) {
    glDrawArrays(GL_TRIANGLES, 0, probe->segments * 6);
    glFinish();
  }
  glBindVertexArray(0);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * probe->segments);
}
BENCHMARK(BM_ProbeSegmentsBufferTexture)->Unit(benchmark::kMillisecond)->MinTime(1.0)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  try {
    set_up();
    set_up_probe();
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
