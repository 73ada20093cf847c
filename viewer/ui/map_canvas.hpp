// The map canvas: the renderer draws into an offscreen multisampled render::Framebuffer that
// the canvas shows as an image (the imgui_demo canvas pattern: an InvisibleButton takes the
// input). Three parts do the work: MapCamera (view, fit, pan/zoom input), ScenePicker (what is
// under the mouse, through a grid built once per scene) and TrackDetailCache (simplified
// tracks per zoom level, bounded). A frame redraws the map only when its FrameState changed.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "map_camera.hpp"
#include "map_picker.hpp"
#include "projection.hpp"
#include "panels.hpp"
#include "render/framebuffer.hpp"
#include "render/map_renderer.hpp"
#include "track_detail.hpp"
#include "view_snapshot.hpp"

namespace patrolscope::ui {

class MapCanvas {
 public:
  MapCanvas();  // needs the window's GL context current
  ~MapCanvas();
  MapCanvas(const MapCanvas&) = delete;
  MapCanvas& operator=(const MapCanvas&) = delete;

  // Takes a new scene (uploads it once, indexes it for picking). `view` is the projection's
  // default view, framed now when `fit` is set; `flags` per event
  // (MapRenderer::schematic_flags) draw schematic routes dashed.
  void set_scene(std::shared_ptr<const geo::Scene> scene, const geo::Extent& view, bool fit,
                 std::vector<std::uint8_t> flags = {});
  const geo::Scene* scene() const { return scene_.get(); }
  // Frames this extent (absolute map units) at the next draw.
  void fit_extent(const geo::Extent& view) { camera_.fit_extent(view); }
  // Frames the projection's default view (the preset's box, or the whole map).
  void fit_default() { camera_.fit_default(); }
  // Brings an event into view: centred, zoomed out when it does not fit, in when it would be
  // tiny. No-op for events without drawn geometry.
  void show_event(AppState& state, int index) const;
  // The event's drawn extent in absolute map units; false when it has none on this map.
  bool event_extent(int index, geo::Extent& extent) const;
  // Frames every loaded event, those passing the filter, or the selected one (their drawn
  // extents, with a margin: geo::frame_extent) at the next draw; false when none is drawn here.
  enum class ZoomTo { Data, Filtered, Selection };
  bool zoom_to(const UiContext& ui, ZoomTo what);

  // Draws the canvas filling `size` at the cursor position of the current ImGui window.
  void draw(UiContext& ui, float width, float height);

  // Writes the current view (the same extent, time and filters) as a snapshot PNG. Returns
  // the paths written; throws std::runtime_error naming the problem.
  std::vector<std::string> write_snapshot(const UiContext& ui, const ViewSnapshot& snapshot);

  const CanvasRect& rect() const { return camera_.rect(); }
  render::Camera camera(const AppState& state) const { return camera_.camera(state); }
  render::FrameState frame_state(const UiContext& ui) const;
  // The event under a canvas pixel (window pixels relative to the canvas), or -1.
  int pick(const UiContext& ui, double px, double py) const;
  // Where a lon/lat point is on the canvas (window pixels); none when it does not project.
  std::optional<ImVec2> screen_point(const UiContext& ui, geo::LonLat p) const;

 private:
  void handle_input(UiContext& ui);
  void render_map(const render::FrameState& frame);
  void update_track_detail(double units_per_pixel);
  void draw_overlays(UiContext& ui);
  void track_readout_tooltip(const UiContext& ui, double px, double py);
  // The scene's projection on the UI thread (map ↔ lon/lat for readouts, the ruler); null
  // when it cannot be made.
  const geo::MapProjection* ui_projection(const UiContext& ui) const;
  // The lon/lat under a canvas pixel (relative to the canvas); none off the projection.
  std::optional<geo::LonLat> lonlat_at(const UiContext& ui, double px, double py) const;

  std::unique_ptr<render::MapRenderer> renderer_;
  std::shared_ptr<const geo::Scene> scene_;
  std::vector<std::uint8_t> flags_;
  MapCamera camera_;
  ScenePicker picker_;
  TrackDetailCache detail_;
  int track_level_ = -1;  // -1: full detail on the GPU
  std::optional<render::Framebuffer> framebuffer_;  // sized to the canvas
  std::optional<render::FrameState> last_frame_;    // what framebuffer_ holds
  mutable std::optional<geo::MapProjection> readout_projection_;  // ui_projection()'s cache
  mutable std::string readout_projection_name_;
  std::optional<geo::LonLat> hover_lonlat_;  // under the mouse this frame (the cursor readout)
};

}  // namespace patrolscope::ui
