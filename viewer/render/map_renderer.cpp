#include "map_renderer.hpp"

#include <glad/gl.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstddef>

#include "gl_handle.hpp"
#include "shader.hpp"
#include "style.hpp"

namespace patrolscope::render {

Camera Camera::fit(const geo::Extent& extent, int width_px, int height_px) {
  Camera camera;
  camera.width_px = std::max(width_px, 1);
  camera.height_px = std::max(height_px, 1);
  camera.center_x = 0.5 * (extent.xmin + extent.xmax);
  camera.center_y = 0.5 * (extent.ymin + extent.ymax);
  const double upp = std::max(extent.width() / camera.width_px, extent.height() / camera.height_px);
  camera.units_per_pixel = upp > 0 && std::isfinite(upp) ? upp : 1;
  return camera;
}

geo::Extent Camera::extent() const {
  return {map_x(0), map_y(height_px), map_x(width_px), map_y(0)};
}

namespace {

// One GL buffer and the vertex array that reads it (move-only: the handles delete them).
struct Buffer {
  GlBuffer vbo;
  GlVertexArray vao;
  GLsizei count = 0;  // vertices (without sentinels)
  std::size_t bytes = 0;
};

template <class T>
std::size_t fill(Buffer& buffer, const std::vector<T>& data, std::size_t count) {
  buffer = {};
  buffer.vao = GlVertexArray::create();
  buffer.vbo = GlBuffer::create();
  glBindVertexArray(buffer.vao.get());
  glBindBuffer(GL_ARRAY_BUFFER, buffer.vbo.get());
  buffer.bytes = data.size() * sizeof(T);
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(buffer.bytes), data.empty() ? nullptr : data.data(),
               GL_STATIC_DRAW);
  buffer.count = static_cast<GLsizei>(count);
  return buffer.bytes;
}

// Float and integer attributes at a byte offset, advancing once per instance when `instanced`.
void float_attribute(GLuint location, GLint size, GLsizei stride, std::size_t offset, bool instanced) {
  glEnableVertexAttribArray(location);
  glVertexAttribPointer(location, size, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<const void*>(offset));
  glVertexAttribDivisor(location, instanced ? 1 : 0);
}
void int_attribute(GLuint location, GLenum type, GLsizei stride, std::size_t offset, bool instanced) {
  glEnableVertexAttribArray(location);
  glVertexAttribIPointer(location, 1, type, stride, reinterpret_cast<const void*>(offset));
  glVertexAttribDivisor(location, instanced ? 1 : 0);
}

void set_color(const Program& program, const char* name, const Rgba& c) {
  glUniform4f(program.uniform(name), c.r, c.g, c.b, c.a);
}

std::int32_t clamp_to_int32(geo::Seconds s) {
  return static_cast<std::int32_t>(std::clamp<geo::Seconds>(s, INT32_MIN + 1, INT32_MAX));
}

}  // namespace

struct MapRenderer::Impl {
  Program fill{"fill.vert", "fill.frag"};
  Program area{"area.vert", "area.frag"};
  Program line{"line.vert", "line.frag"};
  Program track{"track.vert", "track.frag"};
  Program point{"point.vert", "point.frag"};
  Buffer sea, land, coast, borders, disputed_borders, graticule, tracks, track_dashes, areas, points, zone_fill, zone_lines;
  std::vector<geo::ZoneLayer> zone_layers;  // ranges into zone_fill and zone_lines
  // Scene::event_colors as a buffer texture (one R32UI texel per event): the colour rule's slots.
  GlBuffer event_colors;
  GlTexture event_colors_texture;
  // Each event's style word (upload_styles): its input layer and categorical slot.
  GlBuffer event_styles;
  GlTexture event_styles_texture;
  std::size_t event_style_bytes = 0;
  // Per piece of track (a run of vertices from a piece start): its segments and time span, and
  // every vertex's time, so a timed frame draws only the segments inside its window.
  struct Run {
    GLint first = 0;
    GLsizei segments = 0;
    std::int32_t t_min = INT32_MIN, t_max = INT32_MIN;  // INT32_MIN: untimed
  };
  std::vector<Run> runs;
  std::vector<GLint> run_last_segments;  // where each run's last segment starts
  std::vector<std::int32_t> track_times;
  std::size_t event_color_bytes = 0;
  geo::FacetIndex facets;
  double origin_x = 0, origin_y = 0;
  geo::Seconds t0 = 0;
  geo::Seconds first_track_time = 0;  // fade length when the window is "all"

  void set_common(const Program& program, const FrameState& state) const;
  // Points the track attributes (vertex i, i+1, i+2, and the dash data) at vertex `first`, so
  // an instanced draw starts there (GL 3.3 has no base instance).
  void point_tracks_at(GLint first) const;
  // The segment ranges a frame must draw: everything when untimed, else per run only the
  // segments that meet [from, now] (the shader would hide the others, at a cost per vertex).
  std::vector<std::pair<GLint, GLsizei>> visible_segments(const FrameState& state) const;
  void draw_lines(const Buffer& buffer, const FrameState& state, float width, const Rgba& color);
  void point_lines_at(const Buffer& buffer, GLint first) const;
  void draw_zones(const FrameState& state, bool outlines);
};

// Points a LineVertex buffer's attributes (vertex i and i+1) at vertex `first`.
void MapRenderer::Impl::point_lines_at(const Buffer& buffer, GLint first) const {
  constexpr GLsizei stride = sizeof(geo::LineVertex);
  const std::size_t base = static_cast<std::size_t>(first) * stride;
  glBindVertexArray(buffer.vao.get());
  glBindBuffer(GL_ARRAY_BUFFER, buffer.vbo.get());
  float_attribute(0, 2, stride, base, true);
  float_attribute(1, 2, stride, base + stride, true);
  int_attribute(2, GL_UNSIGNED_INT, stride, base + stride + offsetof(geo::LineVertex, flags), true);
}

// Each zone layer in its own colour: the light fill, or the outline (one range a layer).
void MapRenderer::Impl::draw_zones(const FrameState& state, bool outlines) {
  if (!state.zones) return;
  for (std::size_t i = 0; i < zone_layers.size(); ++i) {
    if (i < 32 && (state.hidden_zones >> i) & 1u) continue;
    const geo::ZoneLayer& layer = zone_layers[i];
    Rgba color = style::zone(i);
    if (!outlines) {
      if (layer.fill_count == 0) continue;
      color.a = style::zone_fill_alpha();
      set_common(fill, state);
      set_color(fill, "u_color", color);
      glBindVertexArray(zone_fill.vao.get());
      glDrawArrays(GL_TRIANGLES, static_cast<GLint>(layer.fill_first), static_cast<GLsizei>(layer.fill_count));
      continue;
    }
    if (layer.line_count < 2) continue;
    set_common(line, state);
    glUniform1f(line.uniform("u_width"), style::zone_line_width_px());
    set_color(line, "u_color", color);
    glClear(GL_DEPTH_BUFFER_BIT);
    point_lines_at(zone_lines, static_cast<GLint>(layer.line_first));
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, static_cast<GLsizei>(layer.line_count - 1));
  }
}

void MapRenderer::Impl::set_common(const Program& program, const FrameState& state) const {
  program.use();
  const Camera& camera = state.camera;
  glUniform2f(program.uniform("u_center"), static_cast<float>(camera.center_x - origin_x),
              static_cast<float>(camera.center_y - origin_y));
  glUniform1f(program.uniform("u_upp"), static_cast<float>(camera.units_per_pixel));
  glUniform2f(program.uniform("u_viewport"), static_cast<float>(camera.width_px),
              static_cast<float>(camera.height_px));
  glUniform1f(program.uniform("u_scale"), state.pixel_scale);
  const geo::FacetIndex::Masks& m = state.masks;
  glUniform1ui(program.uniform("u_domain_mask"), m.domain);
  glUniform1ui(program.uniform("u_kind_mask"), m.kind);
  glUniform1ui(program.uniform("u_participant_mask"), m.participant);
  glUniform1ui(program.uniform("u_year_mask"), m.year);
  glUniform1ui(program.uniform("u_force_mask"), m.force);
  glUniform1ui(program.uniform("u_active"), m.active);
  glUniform1i(program.uniform("u_timed"), state.timed ? 1 : 0);
  glUniform1i(program.uniform("u_now"), clamp_to_int32(state.now - t0));
  glUniform1i(program.uniform("u_from"),
              state.window < 0 ? INT32_MIN + 1 : clamp_to_int32(state.now - state.window - t0));
  // The four facet palettes (a layer may colour by another facet than the map), the
  // categorical palette, and each layer's look.
  float palettes[4 * geo::layout::kPaletteSlots * 4];
  for (int by = 0; by < 4; ++by) {
    const auto palette = facet_palette(facets, static_cast<ColorBy>(by));
    for (int i = 0; i < geo::layout::kPaletteSlots; ++i) {
      const Rgba& c = palette[i];
      float* out = palettes + (by * geo::layout::kPaletteSlots + i) * 4;
      out[0] = c.r, out[1] = c.g, out[2] = c.b, out[3] = c.a;
    }
  }
  glUniform4fv(program.uniform("u_palettes"), 4 * geo::layout::kPaletteSlots, palettes);
  float categorical[geo::layout::kCategoricalSlots * 4];
  for (int i = 0; i < geo::layout::kCategoricalSlots; ++i) {
    const Rgba c = style::categorical(i);
    categorical[i * 4] = c.r, categorical[i * 4 + 1] = c.g, categorical[i * 4 + 2] = c.b, categorical[i * 4 + 3] = c.a;
  }
  glUniform4fv(program.uniform("u_categorical"), geo::layout::kCategoricalSlots, categorical);
  float looks[geo::layout::kStyledLayers * 4], fixed[geo::layout::kStyledLayers * 4];
  std::uint32_t hidden = 0;
  for (int i = 0; i < geo::layout::kStyledLayers; ++i) {
    LayerLook look;
    look.line_width_px = state.line_width_px;
    if (!state.looks.empty()) look = state.looks[std::min<std::size_t>(i, state.looks.size() - 1)];
    const geo::ColorChoice choice = look.color.value_or(geo::facet_choice(state.color_by));
    using Source = geo::ColorChoice::Source;
    const float mode = choice.source == Source::Fixed ? 2.f : choice.source == Source::Facet ? 0.f : 1.f;
    looks[i * 4] = mode;
    looks[i * 4 + 1] = static_cast<float>(choice.facet);
    looks[i * 4 + 2] = std::clamp(look.opacity, 0.f, 1.f);
    looks[i * 4 + 3] = look.line_width_px;
    const Rgba c = style::fixed(choice.rgb);
    fixed[i * 4] = c.r, fixed[i * 4 + 1] = c.g, fixed[i * 4 + 2] = c.b, fixed[i * 4 + 3] = c.a;
    if (!look.visible) hidden |= 1u << i;
  }
  glUniform4fv(program.uniform("u_layer_look"), geo::layout::kStyledLayers, looks);
  glUniform4fv(program.uniform("u_layer_fixed"), geo::layout::kStyledLayers, fixed);
  glUniform1ui(program.uniform("u_hidden_layers"), hidden);
  glUniform1i(program.uniform("u_event_colors"), 0);  // texture units 0 and 1, bound in draw()
  glUniform1i(program.uniform("u_event_styles"), 1);
  glUniform1i(program.uniform("u_selected"), state.selected_feature);
  glUniform1i(program.uniform("u_hovered"), state.hovered_feature);
}

void MapRenderer::Impl::point_tracks_at(GLint first) const {
  constexpr GLsizei stride = sizeof(geo::TrackVertex);
  using V = geo::TrackVertex;
  const std::size_t base = static_cast<std::size_t>(first) * stride;
  glBindBuffer(GL_ARRAY_BUFFER, tracks.vbo.get());
  float_attribute(0, 2, stride, base + offsetof(V, x), true);
  int_attribute(1, GL_INT, stride, base + offsetof(V, t), true);
  int_attribute(2, GL_UNSIGNED_INT, stride, base + offsetof(V, feature), true);
  int_attribute(3, GL_UNSIGNED_INT, stride, base + offsetof(V, categories), true);
  int_attribute(4, GL_UNSIGNED_INT, stride, base + offsetof(V, forces), true);
  float_attribute(5, 2, stride, base + stride + offsetof(V, x), true);
  int_attribute(6, GL_INT, stride, base + stride + offsetof(V, t), true);
  int_attribute(7, GL_UNSIGNED_INT, stride, base + stride + offsetof(V, feature), true);
  int_attribute(8, GL_UNSIGNED_INT, stride, base + 2 * stride + offsetof(V, feature), true);
  if (track_dashes.vbo) {
    glBindBuffer(GL_ARRAY_BUFFER, track_dashes.vbo.get());
    float_attribute(9, 1, 8, static_cast<std::size_t>(first) * 8, true);
    float_attribute(10, 1, 8, static_cast<std::size_t>(first) * 8 + 4, true);
  }
}

std::vector<std::pair<GLint, GLsizei>> MapRenderer::Impl::visible_segments(const FrameState& state) const {
  std::vector<std::pair<GLint, GLsizei>> ranges;
  if (!state.timed) {
    ranges.emplace_back(0, tracks.count - 1);
    return ranges;
  }
  const std::int32_t now = clamp_to_int32(state.now - t0);
  const std::int32_t from = state.window_mode == FrameState::Cumulative || state.window < 0
                                ? INT32_MIN + 1
                                : clamp_to_int32(state.now - state.window - t0);
  for (const Run& run : runs) {
    if (run.segments <= 0) continue;
    if (run.t_min == INT32_MIN) {  // untimed: always shown
      ranges.emplace_back(run.first, run.segments);
      continue;
    }
    if (run.t_max < from || run.t_min > now) continue;
    // Segment k (vertices k, k+1) meets the window when t[k+1] >= from and t[k] <= now.
    const auto begin = track_times.begin() + run.first, end = begin + run.segments + 1;
    const auto j = std::lower_bound(begin, end, from);  // first vertex at or after `from`
    const auto h = std::upper_bound(begin, end, now);   // first vertex after `now`
    const GLint k0 = std::max<GLint>(run.first, static_cast<GLint>(j - track_times.begin()) - 1);
    const GLint k1 = std::min<GLint>(run.first + run.segments - 1, static_cast<GLint>(h - track_times.begin()) - 1);
    if (k1 >= k0) ranges.emplace_back(k0, k1 - k0 + 1);
  }
  return ranges;
}

void MapRenderer::Impl::draw_lines(const Buffer& buffer, const FrameState& state, float width,
                                   const Rgba& color) {
  if (buffer.count < 2) return;
  set_common(line, state);
  glUniform1f(line.uniform("u_width"), width);
  set_color(line, "u_color", color);
  glClear(GL_DEPTH_BUFFER_BIT);
  glBindVertexArray(buffer.vao.get());
  glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, buffer.count - 1);
}

MapRenderer::MapRenderer() : impl_(std::make_unique<Impl>()) {}
MapRenderer::~MapRenderer() = default;

std::vector<std::uint8_t> MapRenderer::schematic_flags(const std::vector<geo::Event>& events) {
  std::vector<std::uint8_t> flags(events.size(), 0);
  for (std::size_t i = 0; i < events.size(); ++i)
    if (events[i].quality == geo::GeometryQuality::Schematic) flags[i] = kSchematic;
  return flags;
}

void MapRenderer::upload(const geo::Scene& scene, const std::vector<std::uint8_t>& feature_flags) {
  Impl& r = *impl_;
  r.facets = scene.facets;
  r.origin_x = scene.origin_x;
  r.origin_y = scene.origin_y;
  r.t0 = scene.t0;
  fill(r.sea, scene.sea_triangles, scene.sea_triangles.size() / 2);
  float_attribute(0, 2, 8, 0, false);
  {
    std::vector<std::uint32_t> colors = scene.event_colors;
    if (colors.empty()) colors.push_back(0);  // a buffer texture needs a texel
    r.event_colors = GlBuffer::create();
    glBindBuffer(GL_TEXTURE_BUFFER, r.event_colors.get());
    r.event_color_bytes = colors.size() * sizeof(std::uint32_t);
    glBufferData(GL_TEXTURE_BUFFER, static_cast<GLsizeiptr>(r.event_color_bytes), colors.data(), GL_STATIC_DRAW);
    r.event_colors_texture = GlTexture::create();
    glBindTexture(GL_TEXTURE_BUFFER, r.event_colors_texture.get());
    glTexBuffer(GL_TEXTURE_BUFFER, GL_R32UI, r.event_colors.get());
    glBindTexture(GL_TEXTURE_BUFFER, 0);
    glBindBuffer(GL_TEXTURE_BUFFER, 0);
  }
  upload_styles(std::vector<std::uint32_t>(scene.event_colors.size(), 0));
  fill(r.land, scene.land_triangles, scene.land_triangles.size() / 2);
  float_attribute(0, 2, 8, 0, false);

  fill(r.zone_fill, scene.zones.fill, scene.zones.fill.size() / 2);
  float_attribute(0, 2, 8, 0, false);
  r.zone_layers = scene.zones.layers;
  {
    // One sentinel piece start after the last outline, so its last instance reads a vertex i+1.
    std::vector<geo::LineVertex> lines = scene.zones.lines;
    lines.push_back({0, 0, geo::LineVertex::kPieceStart});
    fill(r.zone_lines, lines, scene.zones.lines.size());
  }
  for (auto [buffer, lines] : {std::pair{&r.coast, &scene.coast}, std::pair{&r.borders, &scene.borders},
                               std::pair{&r.disputed_borders, &scene.disputed_borders},
                               std::pair{&r.graticule, &scene.graticule}}) {
    fill(*buffer, *lines, lines->size());
    constexpr GLsizei stride = sizeof(geo::LineVertex);
    float_attribute(0, 2, stride, 0, true);
    float_attribute(1, 2, stride, stride, true);
    int_attribute(2, GL_UNSIGNED_INT, stride, stride + offsetof(geo::LineVertex, flags), true);
  }

  upload_tracks(scene.tracks, feature_flags);
  r.first_track_time = scene.t0;
  for (const geo::TrackVertex& v : scene.tracks)
    if (v.t != INT32_MIN) r.first_track_time = std::min(r.first_track_time, scene.t0 + v.t);

  for (auto [buffer, vertices, instanced] :
       {std::tuple{&r.areas, &scene.areas, false}, std::tuple{&r.points, &scene.points, true}}) {
    fill(*buffer, *vertices, vertices->size());
    constexpr GLsizei stride = sizeof(geo::AreaVertex);
    using V = geo::AreaVertex;
    float_attribute(0, 2, stride, offsetof(V, x), instanced);
    int_attribute(1, GL_INT, stride, offsetof(V, t_start), instanced);
    int_attribute(2, GL_INT, stride, offsetof(V, t_end), instanced);
    int_attribute(3, GL_UNSIGNED_INT, stride, offsetof(V, feature), instanced);
    int_attribute(4, GL_UNSIGNED_INT, stride, offsetof(V, categories), instanced);
    int_attribute(5, GL_UNSIGNED_INT, stride, offsetof(V, forces), instanced);
    float_attribute(6, 3, stride, offsetof(V, cx), instanced);  // areas: bounding circle
    int_attribute(7, GL_UNSIGNED_INT, stride, offsetof(V, corner_edges), instanced);  // areas: outline edges
  }
  glBindVertexArray(0);
  glBindBuffer(GL_ARRAY_BUFFER, 0);
}

void MapRenderer::upload_styles(const std::vector<std::uint32_t>& words_in) {
  Impl& r = *impl_;
  std::vector<std::uint32_t> words = words_in;
  if (words.empty()) words.push_back(0);  // a buffer texture needs a texel
  r.event_styles = GlBuffer::create();
  glBindBuffer(GL_TEXTURE_BUFFER, r.event_styles.get());
  r.event_style_bytes = words.size() * sizeof(std::uint32_t);
  glBufferData(GL_TEXTURE_BUFFER, static_cast<GLsizeiptr>(r.event_style_bytes), words.data(), GL_STATIC_DRAW);
  r.event_styles_texture = GlTexture::create();
  glBindTexture(GL_TEXTURE_BUFFER, r.event_styles_texture.get());
  glTexBuffer(GL_TEXTURE_BUFFER, GL_R32UI, r.event_styles.get());
  glBindTexture(GL_TEXTURE_BUFFER, 0);
  glBindBuffer(GL_TEXTURE_BUFFER, 0);
}

void MapRenderer::upload_tracks(const std::vector<geo::TrackVertex>& tracks_in,
                                const std::vector<std::uint8_t>& feature_flags) {
  Impl& r = *impl_;
  r.track_dashes = {};
  // Tracks, plus one sentinel vertex (a piece start) so the last segment's i+2 exists.
  std::vector<geo::TrackVertex> tracks = tracks_in;
  tracks.push_back({0, 0, INT32_MIN, 0xffffffffu, 0, 0});
  fill(r.tracks, tracks, tracks_in.size());
  r.point_tracks_at(0);
  r.runs.clear();
  r.track_times.resize(tracks_in.size());
  for (std::size_t i = 0; i < tracks_in.size(); ++i) {
    const geo::TrackVertex& v = tracks_in[i];
    r.track_times[i] = v.t;
    if (i == 0 || (v.feature & geo::TrackVertex::kPieceStart)) r.runs.push_back({static_cast<GLint>(i), 0, v.t, v.t});
    else ++r.runs.back().segments;
    if (v.t != INT32_MIN) {
      r.runs.back().t_min = std::min(r.runs.back().t_min == INT32_MIN ? v.t : r.runs.back().t_min, v.t);
      r.runs.back().t_max = std::max(r.runs.back().t_max, v.t);
    }
  }
  r.run_last_segments.clear();
  for (const Impl::Run& run : r.runs)
    if (run.segments > 0) r.run_last_segments.push_back(run.first + run.segments - 1);
  // Schematic routes are dashed: per track vertex, the distance along its piece (map units,
  // for the dash phase) and the flag. Only when some event is schematic, so exact tracks keep
  // their 24 bytes a vertex; otherwise attributes 9 and 10 read constant zeros.
  const bool any_dashed = std::any_of(feature_flags.begin(), feature_flags.end(),
                                      [](std::uint32_t f) { return (f & kSchematic) != 0; });
  glBindVertexArray(r.tracks.vao.get());
  if (any_dashed) {
    std::vector<float> dashes(tracks.size() * 2, 0.f);
    double along = 0;
    for (std::size_t i = 0; i < tracks_in.size(); ++i) {
      const geo::TrackVertex& v = tracks_in[i];
      if (v.feature & geo::TrackVertex::kPieceStart) along = 0;
      else along += std::hypot(double(v.x) - tracks_in[i - 1].x, double(v.y) - tracks_in[i - 1].y);
      const std::uint32_t feature = v.feature & ~geo::TrackVertex::kPieceStart;
      dashes[i * 2] = static_cast<float>(along);
      dashes[i * 2 + 1] = feature < feature_flags.size() && (feature_flags[feature] & kSchematic) ? 1.f : 0.f;
    }
    r.track_dashes.bytes = dashes.size() * sizeof(float);
    r.track_dashes.vbo = GlBuffer::create();
    glBindBuffer(GL_ARRAY_BUFFER, r.track_dashes.vbo.get());
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(r.track_dashes.bytes), dashes.data(), GL_STATIC_DRAW);
    r.point_tracks_at(0);
  } else {
    glDisableVertexAttribArray(9);
    glDisableVertexAttribArray(10);
    glVertexAttrib1f(9, 0.f);
    glVertexAttrib1f(10, 0.f);
  }

  glBindVertexArray(0);
  glBindBuffer(GL_ARRAY_BUFFER, 0);
}

void MapRenderer::draw(const FrameState& state) {
  Impl& r = *impl_;  // nothing below uploads: a frame changes only uniforms
  const Camera& camera = state.camera;
  glViewport(0, 0, camera.width_px, camera.height_px);
  // The page colour outside the projection's outline, the sea inside it (no outline: all sea).
  const bool outlined = !state.transparent && r.sea.count > 0;
  const Rgba clear = state.transparent ? Rgba{0, 0, 0, 0} : outlined ? style::page() : style::sea();
  glClearColor(clear.r, clear.g, clear.b, clear.a);
  glClearDepth(1.0);
  glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT | GL_STENCIL_BUFFER_BIT);
  glDisable(GL_CULL_FACE);
  glDisable(GL_SCISSOR_TEST);
  glEnable(GL_BLEND);
  // Colour blends over; alpha accumulates coverage (so transparent images keep the right alpha).
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  glEnable(GL_DEPTH_TEST);
  glDepthFunc(GL_ALWAYS);
  glDepthMask(GL_TRUE);
  glActiveTexture(GL_TEXTURE1);
  glBindTexture(GL_TEXTURE_BUFFER, r.event_styles_texture.get());
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_BUFFER, r.event_colors_texture.get());

  if (outlined) {
    r.set_common(r.fill, state);
    set_color(r.fill, "u_color", style::sea());
    glBindVertexArray(r.sea.vao.get());
    glDrawArrays(GL_TRIANGLES, 0, r.sea.count);
  }
  if (state.land && r.land.count > 0) {
    r.set_common(r.fill, state);
    set_color(r.fill, "u_color", style::land());
    glBindVertexArray(r.land.vao.get());
    glDrawArrays(GL_TRIANGLES, 0, r.land.count);
  }
  r.draw_zones(state, false);
  if (state.areas && r.areas.count > 0) {
    r.set_common(r.area, state);
    glUniform1f(r.area.uniform("u_alpha"), style::area_alpha());
    glUniform1f(r.area.uniform("u_outline_alpha"), style::area_outline_alpha());
    glUniform1f(r.area.uniform("u_min_radius"), style::area_min_radius_px());
    glBindVertexArray(r.areas.vao.get());
    glDrawArrays(GL_TRIANGLES, 0, r.areas.count);
  }
  // Lines: GL_NOTEQUAL on a constant depth keeps crossings and joins from blending twice.
  glDepthFunc(GL_NOTEQUAL);
  if (state.graticule) r.draw_lines(r.graticule, state, 0.8f, style::graticule());
  if (state.borders) {
    r.draw_lines(r.borders, state, 0.8f, style::border());
    r.draw_lines(r.disputed_borders, state, 0.8f, style::disputed_border());
  }
  if (state.coast) r.draw_lines(r.coast, state, 0.9f, style::coast());
  r.draw_zones(state, true);

  if (state.tracks && r.tracks.count > 1) {
    r.set_common(r.track, state);
    glUniform1i(r.track.uniform("u_mode"), static_cast<int>(state.window_mode));
    glUniform1f(r.track.uniform("u_fade"), std::clamp(state.trail_fade, 0.f, 1.f));
    const geo::Seconds fade_length =
        state.window >= 0 ? state.window : std::max<geo::Seconds>(state.now - r.first_track_time, 1);
    glUniform1f(r.track.uniform("u_window"), static_cast<float>(std::max<geo::Seconds>(fade_length, 1)));
    glBindVertexArray(r.tracks.vao.get());
    const auto ranges = r.visible_segments(state);
    // Pass 0 draws every visible segment. The head passes draw one segment per range: the last,
    // the only one that can hold a head (the one reaching past `now`, or the track's end); with
    // no time cursor, the last segment of every piece.
    const auto draw_ranges = [&](bool heads) {
      if (heads && !state.timed) {
        for (GLint last : r.run_last_segments) {
          r.point_tracks_at(last);
          glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, 1);
        }
        return;
      }
      for (const auto& [first, count] : ranges) {
        r.point_tracks_at(heads ? first + count - 1 : first);
        glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, heads ? 1 : count);
      }
    };
    glClear(GL_DEPTH_BUFFER_BIT);
    glUniform1i(r.track.uniform("u_pass"), 0);
    draw_ranges(false);
    glDepthFunc(GL_ALWAYS);
    for (int pass : {1, 2}) {
      glUniform1i(r.track.uniform("u_pass"), pass);
      draw_ranges(true);
    }
    r.point_tracks_at(0);
  }
  glDepthFunc(GL_ALWAYS);
  if (state.points && r.points.count > 0) {
    r.set_common(r.point, state);
    glUniform1f(r.point.uniform("u_radius"), 4.5f);
    set_color(r.point, "u_outline", style::outline());
    glBindVertexArray(r.points.vao.get());
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, r.points.count);
  }
  glBindVertexArray(0);
  glUseProgram(0);
  glBindTexture(GL_TEXTURE_BUFFER, 0);
  glActiveTexture(GL_TEXTURE1);
  glBindTexture(GL_TEXTURE_BUFFER, 0);
  glActiveTexture(GL_TEXTURE0);
  glDisable(GL_DEPTH_TEST);
}

std::size_t MapRenderer::gpu_bytes() const {
  const Impl& r = *impl_;
  return r.sea.bytes + r.land.bytes + r.coast.bytes + r.borders.bytes + r.disputed_borders.bytes + r.graticule.bytes + r.tracks.bytes + r.track_dashes.bytes + r.areas.bytes +
         r.points.bytes + r.event_color_bytes + r.event_style_bytes + r.zone_fill.bytes + r.zone_lines.bytes;
}

}  // namespace patrolscope::render
