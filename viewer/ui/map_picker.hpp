// Picking on the map canvas: which event is under a point. A uniform grid over the scene's
// track segments, points and area triangles is built once per scene; a pick then visits only
// the cells within the pick radius (about a cell when zoomed in), so hovering costs the same
// on a 10^6-segment scene as on a small one. No ImGui, no GL.
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

#include "scene.hpp"

namespace patrolscope::ui {

struct PickQuery {
  double x = 0, y = 0;  // scene-relative map units (absolute minus Scene::origin)
  double radius = 0;    // map units: tracks and points nearer than this are hit
  // Time, in seconds since Scene::t0: what is drawn is [drawn_from, now]; what is active
  // (drawn bright) is [active_from, now]. Untimed: everything is drawn and active.
  bool timed = false;
  double drawn_from = 0, active_from = 0, now = 0;
  bool tracks = true, points = true, areas = true;     // the layers on show
  std::function<bool(std::uint32_t feature)> shown;  // the filter; null: every feature
};

class ScenePicker {
 public:
  ScenePicker() = default;
  explicit ScenePicker(const geo::Scene& scene);  // builds the index (once per scene)

  // The event under the point, or -1. The nearest track segment or point within the radius
  // wins; an active area containing the point is picked when nothing is that near, or when
  // the nearest is a dimmed track (older than the active window), which lies under it.
  int pick(const PickQuery& query) const;

  // The scene-relative bounding box of an event's drawn geometry; false when it has none.
  bool feature_extent(std::uint32_t feature, geo::Extent& extent) const;
  std::size_t cells() const { return cell_start_.empty() ? 0 : cell_start_.size() - 1; }

 private:
  enum Kind : std::uint32_t { kSegment = 0, kPoint = 1u << 30, kTriangle = 2u << 30, kKindMask = 3u << 30 };
  template <class Visit>
  void visit(double x0, double y0, double x1, double y1, Visit&& visit) const;
  int cell_x(double x) const;
  int cell_y(double y) const;

  const geo::Scene* scene_ = nullptr;
  double x0_ = 0, y0_ = 0, cell_ = 1;
  int nx_ = 0, ny_ = 0;
  std::vector<std::uint32_t> cell_start_;  // CSR: items of cell c are items_[cell_start_[c] .. cell_start_[c+1])
  std::vector<std::uint32_t> items_;       // kind | index (segment's first vertex, point, first triangle vertex)
  std::vector<geo::Extent> feature_extents_;
};

}  // namespace patrolscope::ui
