#include "map_picker.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <limits>

namespace patrolscope::ui {
namespace {

double segment_distance2(double px, double py, double ax, double ay, double bx, double by) {
  const double dx = bx - ax, dy = by - ay;
  const double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
  t = std::clamp(t, 0.0, 1.0);
  const double ex = ax + t * dx - px, ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}

bool in_triangle(double px, double py, const geo::AreaVertex& a, const geo::AreaVertex& b,
                 const geo::AreaVertex& c) {
  const auto side = [&](const geo::AreaVertex& p, const geo::AreaVertex& q) {
    return (q.x - p.x) * (py - p.y) - (q.y - p.y) * (px - p.x);
  };
  const double d1 = side(a, b), d2 = side(b, c), d3 = side(c, a);
  const bool neg = d1 < 0 || d2 < 0 || d3 < 0, pos = d1 > 0 || d2 > 0 || d3 > 0;
  return !(neg && pos);
}

struct Box {
  double x0, y0, x1, y1;
};

}  // namespace

int ScenePicker::cell_x(double x) const { return std::clamp(static_cast<int>((x - x0_) / cell_), 0, nx_ - 1); }
int ScenePicker::cell_y(double y) const { return std::clamp(static_cast<int>((y - y0_) / cell_), 0, ny_ - 1); }

ScenePicker::ScenePicker(const geo::Scene& scene) : scene_(&scene) {
  // Every item's box, and the scene's.
  std::vector<std::pair<std::uint32_t, Box>> boxes;
  boxes.reserve(scene.tracks.size() + scene.points.size() + scene.areas.size() / 3);
  const auto grow = [&](std::uint32_t feature, const Box& b) {
    if (feature >= feature_extents_.size()) feature_extents_.resize(feature + 1, geo::Extent{INFINITY, INFINITY, -INFINITY, -INFINITY});
    geo::Extent& e = feature_extents_[feature];
    e = {std::min(e.xmin, b.x0), std::min(e.ymin, b.y0), std::max(e.xmax, b.x1), std::max(e.ymax, b.y1)};
  };
  const auto& v = scene.tracks;
  for (std::size_t i = 0; i + 1 < v.size(); ++i) {
    if (v[i + 1].feature & geo::TrackVertex::kPieceStart) continue;
    const Box b{std::min(v[i].x, v[i + 1].x), std::min(v[i].y, v[i + 1].y), std::max(v[i].x, v[i + 1].x),
                std::max(v[i].y, v[i + 1].y)};
    boxes.emplace_back(kSegment | static_cast<std::uint32_t>(i), b);
    grow(v[i].feature & ~geo::TrackVertex::kPieceStart, b);
  }
  for (std::size_t i = 0; i < scene.points.size(); ++i) {
    const geo::AreaVertex& p = scene.points[i];
    const Box b{p.x, p.y, p.x, p.y};
    boxes.emplace_back(kPoint | static_cast<std::uint32_t>(i), b);
    grow(p.feature, b);
  }
  for (std::size_t i = 0; i + 2 < scene.areas.size(); i += 3) {
    const auto& a = scene.areas;
    const Box b{std::min({a[i].x, a[i + 1].x, a[i + 2].x}), std::min({a[i].y, a[i + 1].y, a[i + 2].y}),
                std::max({a[i].x, a[i + 1].x, a[i + 2].x}), std::max({a[i].y, a[i + 1].y, a[i + 2].y})};
    boxes.emplace_back(kTriangle | static_cast<std::uint32_t>(i), b);
    grow(a[i].feature, b);
  }
  if (boxes.empty()) return;
  Box all{INFINITY, INFINITY, -INFINITY, -INFINITY};
  for (const auto& [item, b] : boxes)
    all = {std::min(all.x0, b.x0), std::min(all.y0, b.y0), std::max(all.x1, b.x1), std::max(all.y1, b.y1)};
  // About one item a cell, at most 2048 cells a side.
  const double w = std::max(all.x1 - all.x0, 1e-6), h = std::max(all.y1 - all.y0, 1e-6);
  const double cells = std::clamp(static_cast<double>(boxes.size()), 64.0, 2048.0 * 2048.0);
  cell_ = std::max(std::sqrt(w * h / cells), std::max(w, h) / 2048.0);
  x0_ = all.x0, y0_ = all.y0;
  nx_ = std::clamp(static_cast<int>(std::ceil(w / cell_)), 1, 2048);
  ny_ = std::clamp(static_cast<int>(std::ceil(h / cell_)), 1, 2048);
  // Counting sort into cells (an item goes into every cell its box meets).
  cell_start_.assign(static_cast<std::size_t>(nx_) * ny_ + 1, 0);
  for (int pass = 0; pass < 2; ++pass) {
    std::vector<std::uint32_t> fill;
    if (pass == 1) {
      for (std::size_t c = 1; c < cell_start_.size(); ++c) cell_start_[c] += cell_start_[c - 1];
      items_.resize(cell_start_.back());
      fill.assign(cell_start_.begin(), cell_start_.end() - 1);
    }
    for (const auto& [item, b] : boxes)
      for (int cy = cell_y(b.y0); cy <= cell_y(b.y1); ++cy)
        for (int cx = cell_x(b.x0); cx <= cell_x(b.x1); ++cx) {
          const std::size_t c = static_cast<std::size_t>(cy) * nx_ + cx;
          if (pass == 0) ++cell_start_[c + 1];
          else items_[fill[c]++] = item;
        }
  }
}

template <class Visit>
void ScenePicker::visit(double x0, double y0, double x1, double y1, Visit&& visit) const {
  if (cell_start_.empty() || x1 < x0_ || y1 < y0_ || x0 > x0_ + nx_ * cell_ || y0 > y0_ + ny_ * cell_) return;
  for (int cy = cell_y(y0); cy <= cell_y(y1); ++cy)
    for (int cx = cell_x(x0); cx <= cell_x(x1); ++cx) {
      const std::size_t c = static_cast<std::size_t>(cy) * nx_ + cx;
      for (std::uint32_t k = cell_start_[c]; k < cell_start_[c + 1]; ++k) visit(items_[k]);
    }
}

int ScenePicker::pick(const PickQuery& q) const {
  if (!scene_) return -1;
  const geo::Scene& scene = *scene_;
  const auto shown = [&](std::uint32_t feature) { return !q.shown || q.shown(feature); };
  const auto drawn = [&](double t0, double t1, double from) {  // [t0, t1] meets [from, now]
    return !q.timed || t0 == INT32_MIN || (t0 <= q.now && t1 >= from);
  };
  int best = -1;
  bool best_dimmed = false;
  double best_d2 = q.radius * q.radius;
  int area = -1;
  visit(q.x - q.radius, q.y - q.radius, q.x + q.radius, q.y + q.radius, [&](std::uint32_t item) {
    const std::uint32_t index = item & ~kKindMask;
    switch (item & kKindMask) {
      case kSegment: {
        if (!q.tracks) return;
        const geo::TrackVertex& a = scene.tracks[index];
        const geo::TrackVertex& b = scene.tracks[index + 1];
        const std::uint32_t feature = a.feature & ~geo::TrackVertex::kPieceStart;
        const double t0 = std::min(a.t, b.t), t1 = std::max(a.t, b.t);
        if (!drawn(t0, t1, q.drawn_from)) return;
        const double d2 = segment_distance2(q.x, q.y, a.x, a.y, b.x, b.y);
        if (d2 < best_d2 && shown(feature))
          best_d2 = d2, best = static_cast<int>(feature), best_dimmed = !drawn(t0, t1, q.active_from);
        break;
      }
      case kPoint: {
        if (!q.points) return;
        const geo::AreaVertex& p = scene.points[index];
        const double d2 = (p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y);
        if (d2 < best_d2 && drawn(p.t_start, p.t_end, q.active_from) && shown(p.feature))
          best_d2 = d2, best = static_cast<int>(p.feature), best_dimmed = false;
        break;
      }
      case kTriangle: {
        if (!q.areas) return;
        const auto& a = scene.areas;
        if (drawn(a[index].t_start, a[index].t_end, q.active_from) &&
            in_triangle(q.x, q.y, a[index], a[index + 1], a[index + 2]) && shown(a[index].feature))
          area = static_cast<int>(a[index].feature);
        break;
      }
    }
  });
  if (area >= 0 && (best < 0 || best_dimmed)) return area;  // areas lie under bright tracks and points
  return best;
}

bool ScenePicker::feature_extent(std::uint32_t feature, geo::Extent& extent) const {
  if (feature >= feature_extents_.size() || !(feature_extents_[feature].xmin <= feature_extents_[feature].xmax))
    return false;
  extent = feature_extents_[feature];
  return true;
}

}  // namespace patrolscope::ui
