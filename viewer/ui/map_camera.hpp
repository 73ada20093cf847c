// The map canvas's camera and input: where the canvas is, the extent to frame at the next
// draw (fit_extent: the framing helpers' "zoom to data/selection/filtered" call it), and pan
// (drag) / zoom (wheel about the mouse, double-click) from ImGui's input. The view itself
// lives in AppState (center, units_per_pixel); this turns it into render::Camera.
#pragma once
#include "app_state.hpp"
#include "projection.hpp"
#include "render/map_renderer.hpp"

namespace patrolscope::ui {

struct CanvasRect {
  float x = 0, y = 0, width = 0, height = 0;  // window pixels
};

class MapCamera {
 public:
  // The canvas for this frame (window pixels) and the display's framebuffer scale.
  void set_canvas(const CanvasRect& rect, float scale_x, float scale_y);
  const CanvasRect& rect() const { return rect_; }
  int framebuffer_width() const { return fb_width_; }
  int framebuffer_height() const { return fb_height_; }
  float pixel_scale() const { return rect_.width > 0 ? fb_width_ / rect_.width : 1.0f; }

  // Frames this extent (absolute map units, whole and centred) at the next apply_pending().
  void fit_extent(const geo::Extent& extent) { pending_ = extent, has_pending_ = true; }
  // The projection's default view (the preset's box, or the whole map).
  void set_default_view(const geo::Extent& view) { default_view_ = view; }
  void fit_default() { fit_extent(default_view_); }
  // Applies a pending fit to the state's view (once the canvas size is known).
  void apply_pending(AppState& state);

  // Pans and zooms from this frame's input over the canvas item. `full_extent` bounds the zoom out.
  void handle_input(AppState& state, const geo::Extent& full_extent, bool hovered, bool active) const;

  render::Camera camera(const AppState& state) const;         // framebuffer pixels (what is drawn)
  render::Camera canvas_camera(const AppState& state) const;  // window pixels (input, overlays)

 private:
  CanvasRect rect_;
  int fb_width_ = 1, fb_height_ = 1;
  bool has_pending_ = false;
  geo::Extent pending_, default_view_;
};

}  // namespace patrolscope::ui
