#include "map_camera.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace patrolscope::ui {

void MapCamera::set_canvas(const CanvasRect& rect, float scale_x, float scale_y) {
  rect_ = {rect.x, rect.y, std::max(rect.width, 1.0f), std::max(rect.height, 1.0f)};
  fb_width_ = std::max(1, static_cast<int>(rect_.width * scale_x));
  fb_height_ = std::max(1, static_cast<int>(rect_.height * scale_y));
}

void MapCamera::apply_pending(AppState& s) {
  if (!has_pending_) return;
  const render::Camera fitted =
      render::Camera::fit(pending_, static_cast<int>(rect_.width), static_cast<int>(rect_.height));
  s.center_x = fitted.center_x;
  s.center_y = fitted.center_y;
  s.units_per_pixel = fitted.units_per_pixel;
  has_pending_ = false;
}

render::Camera MapCamera::canvas_camera(const AppState& s) const {
  render::Camera camera;
  camera.center_x = s.center_x;
  camera.center_y = s.center_y;
  camera.units_per_pixel = s.units_per_pixel > 0 ? s.units_per_pixel : 1;
  camera.width_px = static_cast<int>(rect_.width);
  camera.height_px = static_cast<int>(rect_.height);
  return camera;
}

render::Camera MapCamera::camera(const AppState& s) const {
  render::Camera camera = canvas_camera(s);
  camera.width_px = fb_width_;
  camera.height_px = fb_height_;
  camera.units_per_pixel = s.units_per_pixel / std::max(pixel_scale(), 1e-3f);
  return camera;
}

void MapCamera::handle_input(AppState& s, const geo::Extent& full_extent, bool hovered, bool active) const {
  if (s.units_per_pixel <= 0) return;
  const ImGuiIO& io = ImGui::GetIO();
  // Pan: drag with either button.
  if (active && (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.0f) || ImGui::IsMouseDragging(ImGuiMouseButton_Right, 0.0f))) {
    s.center_x -= io.MouseDelta.x * s.units_per_pixel;
    s.center_y += io.MouseDelta.y * s.units_per_pixel;
  }
  // Zoom about the cursor: the map point under the mouse stays put.
  const double max_upp = std::max(full_extent.width(), full_extent.height()) /
                         std::max(1.0f, std::min(rect_.width, rect_.height)) * 1.5;
  const double min_upp = max_upp * 1e-5;
  double factor = 1;
  if (hovered && io.MouseWheel != 0) factor = std::pow(0.8, io.MouseWheel);
  if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) factor = 0.5;
  if (factor != 1)
    zoom_map_about(s, io.MousePos.x - rect_.x, io.MousePos.y - rect_.y, rect_.width, rect_.height, factor, min_upp,
                   max_upp > 0 ? max_upp : 1e12);
}

}  // namespace patrolscope::ui
