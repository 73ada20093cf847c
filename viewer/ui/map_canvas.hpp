// The map canvas: the renderer draws into an offscreen multisampled framebuffer that the
// canvas shows as an image (the imgui_demo canvas pattern: an InvisibleButton takes the
// input; drag pans, the wheel zooms about the cursor, double-click zooms in). Picking is done
// on the CPU from the scene: the nearest visible track segment, area or point within a few
// pixels.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "panels.hpp"
#include "render/map_renderer.hpp"
#include "view_snapshot.hpp"

namespace patrolscope::ui {

struct CanvasRect {
  float x = 0, y = 0, width = 0, height = 0;  // window pixels
};

class MapCanvas {
 public:
  MapCanvas();  // needs the window's GL context current
  ~MapCanvas();
  MapCanvas(const MapCanvas&) = delete;
  MapCanvas& operator=(const MapCanvas&) = delete;

  // Takes a new scene (uploads it once). `view` is the extent to frame when `fit` is set;
  // `flags` per event (MapRenderer::schematic_flags) draw schematic routes dashed.
  void set_scene(std::shared_ptr<const geo::Scene> scene, const geo::Extent& view, bool fit,
                 std::vector<std::uint8_t> flags = {});
  const geo::Scene* scene() const { return scene_.get(); }
  // Frames this extent (absolute map units) at the next draw.
  void fit(const geo::Extent& view) { fit_pending_ = view, has_fit_ = true; }
  // Frames the projection's default view (the preset's box, or the whole map).
  void fit_default() { fit(default_view_); }

  // Draws the canvas filling `size` at the cursor position of the current ImGui window.
  void draw(UiContext& ui, float width, float height);

  // Writes the current view (the same extent, time and filters) as a snapshot PNG. Returns
  // the paths written; throws std::runtime_error naming the problem.
  std::vector<std::string> write_snapshot(const UiContext& ui, const ViewSnapshot& snapshot);

  const CanvasRect& rect() const { return rect_; }
  render::Camera camera(const AppState& state) const;
  render::FrameState frame_state(const UiContext& ui) const;

 private:
  void handle_input(UiContext& ui);
  void render_map(const render::FrameState& frame);
  // Level of detail: big scenes draw tracks simplified to at most half a pixel; the copy for
  // a level is made (and uploaded) when the zoom enters it, never per frame.
  void update_track_detail(double units_per_pixel);
  void draw_overlays(UiContext& ui);
  int pick(const UiContext& ui, double px, double py) const;

  std::unique_ptr<render::MapRenderer> renderer_;
  std::shared_ptr<const geo::Scene> scene_;
  std::vector<std::uint8_t> flags_;
  int track_level_ = -1;  // -1: full detail on the GPU
  std::map<int, std::vector<geo::TrackVertex>> simplified_;  // per level, made on demand
  CanvasRect rect_;
  bool has_fit_ = false;
  geo::Extent fit_pending_, default_view_;
  // GL objects: the multisampled target and the resolved texture the image shows.
  unsigned fbo_ms_ = 0, color_ms_ = 0, depth_ms_ = 0, fbo_ = 0, texture_ = 0;
  int fb_width_ = 0, fb_height_ = 0;
  bool scene_changed_ = true;
  render::FrameState last_frame_{};
  bool has_last_frame_ = false;
};

}  // namespace patrolscope::ui
