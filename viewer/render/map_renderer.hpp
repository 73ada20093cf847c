// The GL map renderer shared by the viewer window and snapshots: uploads a geo::Scene once,
// then draws it each frame from uniforms only (camera, time window, filter masks, style).
// Needs a current OpenGL 3.3 core context with glad loaded (a GLFW window or EglContext).
// Draws into the currently bound framebuffer over the viewport (0, 0, width_px, height_px);
// give that framebuffer 4 or more samples and a depth buffer for anti-aliased lines.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "color_rule.hpp"
#include "scene.hpp"

namespace patrolscope::render {

// What the map shows: a centre in map units (absolute, not relative to Scene::origin) and a scale.
struct Camera {
  double center_x = 0, center_y = 0;  // map units
  double units_per_pixel = 1;         // map units per pixel
  int width_px = 1, height_px = 1;

  // Frames an extent in a width×height image (whole extent visible, centred).
  static Camera fit(const geo::Extent& extent, int width_px, int height_px);
  double map_x(double px) const { return center_x + (px - width_px * 0.5) * units_per_pixel; }
  double map_y(double py) const { return center_y - (py - height_px * 0.5) * units_per_pixel; }  // py down
  double pixel_x(double x) const { return (x - center_x) / units_per_pixel + width_px * 0.5; }
  double pixel_y(double y) const { return height_px * 0.5 - (y - center_y) / units_per_pixel; }
  geo::Extent extent() const;  // the map extent the image covers
  bool operator==(const Camera&) const = default;
};

using ColorBy = geo::ColorBy;  // the colour rule is geo's (color_rule.hpp)

// How one input layer is drawn (a session's LayerStyle): shown or not, its colour rule (unset:
// the map's colour-by), its track width and its opacity. Which layer an event is in, and its
// categorical slot, is the style word the renderer was given (upload_styles, layer_style.hpp).
struct LayerLook {
  bool visible = true;
  std::optional<geo::ColorChoice> color;
  float line_width_px = 2.5f;  // before pixel_scale
  float opacity = 1.0f;        // multiplies the colour's alpha
  bool operator==(const LayerLook&) const = default;
};

struct FrameState {
  Camera camera;
  // Time: when `timed`, show what happened in [now − window, now] (window < 0: everything up
  // to now). Untimed: everything in the scene, tracks without heads.
  bool timed = false;
  geo::Seconds now = 0;
  geo::Seconds window = -1;
  // Trail: tracks fade with age inside the window. Fixed: no fade. Cumulative: everything up
  // to now, the part older than the window dimmed.
  enum WindowMode { Trail, Fixed, Cumulative } window_mode = Trail;
  geo::FacetIndex::Masks masks;
  ColorBy color_by = ColorBy::Kind;
  float line_width_px = 2.5f;  // tracks, before pixel_scale (layers without a look)
  // Per input layer (geo::layout::kStyledLayers at most: later layers share the last one's);
  // empty: every event in the map's colour-by at line_width_px.
  std::vector<LayerLook> looks;
  float trail_fade = 0.75f;    // 0: no fade; 1: the oldest visible part is fully transparent
  bool land = true, coast = true, graticule = true, areas = true, tracks = true, points = true;
  bool borders = true;             // country borders (international, and disputed in their own style)
  bool zones = true;               // the scene's zone layers (outline and light fill)
  std::uint32_t hidden_zones = 0;  // bit i: zone layer i hidden (layers past 31 follow `zones`)
  int selected_feature = -1, hovered_feature = -1;  // event index, drawn highlighted
  float pixel_scale = 1;  // > 1 for large snapshots: every width and radius scales with it
  bool transparent = false;  // clear to transparent instead of the sea colour
  // Every field compared (the viewer redraws only when the frame differs from the last).
  bool operator==(const FrameState&) const = default;
};

class MapRenderer {
 public:
  MapRenderer();  // compiles the shaders; throws std::runtime_error naming the file on failure
  ~MapRenderer();
  MapRenderer(const MapRenderer&) = delete;
  MapRenderer& operator=(const MapRenderer&) = delete;

  // Copies the scene's arrays to GPU buffers (replacing any previous scene). Keeps the facet
  // index (for colours) and origin/t0; the scene may be destroyed afterwards.
  // feature_flags[event index] & kSchematic draws that event's tracks dashed (routes drawn
  // through named waypoints, not real tracks); see schematic_flags().
  // The scene's zone layers (Scene::zones) are uploaded with it.
  void upload(const geo::Scene& scene, const std::vector<std::uint8_t>& feature_flags = {});
  // Replaces only the track vertices (same scene, origin and t0): the viewer's level of detail
  // uploads a simplified copy when the zoom crosses a level, never per frame.
  void upload_tracks(const std::vector<geo::TrackVertex>& tracks, const std::vector<std::uint8_t>& feature_flags = {});
  // Per event its style word (geo::layout: input layer, categorical slot; event_styles() makes
  // them). Until called, every event is in layer 0. Called when inputs or colour rules change.
  void upload_styles(const std::vector<std::uint32_t>& words);
  static constexpr std::uint8_t kSchematic = 1;
  static std::vector<std::uint8_t> schematic_flags(const std::vector<geo::Event>& events);
  // Clears and draws all passes. Changes only uniforms: uploads nothing.
  void draw(const FrameState& state);

  std::size_t gpu_bytes() const;  // bytes held in GPU buffers (tests count uploads with GlUploadCounter)

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace patrolscope::render
