// What a frame draws of each event, from the scene's pieces: the one rule behind both legends,
// the briefing's counts ("N events", "M more outside the frame") and the viewer's off-frame cue.
#include <algorithm>
#include <climits>

#include "scene.hpp"

namespace geo {
namespace {

std::int32_t relative(Seconds t, Seconds t0) {
  return static_cast<std::int32_t>(std::clamp<Seconds>(t - t0, INT32_MIN + 1, INT32_MAX));
}

// The box spanned by (x0, y0) and (x1, y1) meets the view.
bool meets(const Extent& v, double x0, double y0, double x1, double y1) {
  return std::min(x0, x1) <= v.xmax && std::max(x0, x1) >= v.xmin && std::min(y0, y1) <= v.ymax &&
         std::max(y0, y1) >= v.ymin;
}

}  // namespace

std::vector<DrawnMarks> drawn_marks(const Scene& scene, std::size_t event_count, const DrawnQuery& q) {
  std::vector<DrawnMarks> marks(event_count);
  const std::int32_t now = relative(q.now, scene.t0);
  const std::int32_t from = relative(q.from, scene.t0), track_from = relative(q.track_from, scene.t0);
  const Extent& v = q.view_relative;
  auto mark = [&](std::uint32_t feature, std::uint8_t piece, bool in_view) {
    if (feature >= event_count) return;  // a scene older than the events (a reload on its way)
    marks[feature].in_time |= piece;
    if (in_view) marks[feature].in_view |= piece;
  };

  // Tracks: segment k joins vertices k and k + 1 unless k + 1 starts a piece; it is drawn when
  // it meets [track_from, now] (as the renderer's visible_segments); untimed vertices always.
  const std::vector<TrackVertex>& t = scene.tracks;
  for (std::size_t k = 0; k < t.size(); ++k) {
    const std::uint32_t feature = t[k].feature & ~TrackVertex::kPieceStart;
    const bool lone = (k + 1 >= t.size() || (t[k + 1].feature & TrackVertex::kPieceStart)) &&
                      (t[k].feature & TrackVertex::kPieceStart);
    if (lone) {  // a piece of one vertex
      if (!q.timed || t[k].t == INT32_MIN || (t[k].t >= track_from && t[k].t <= now))
        mark(feature, kDrawnTrack, meets(v, t[k].x, t[k].y, t[k].x, t[k].y));
      continue;
    }
    if (k + 1 >= t.size() || (t[k + 1].feature & TrackVertex::kPieceStart)) continue;
    const TrackVertex& a = t[k];
    const TrackVertex& b = t[k + 1];
    const bool untimed = a.t == INT32_MIN || b.t == INT32_MIN;
    if (q.timed && !untimed && (b.t < track_from || a.t > now)) continue;
    mark(feature, kDrawnTrack, meets(v, a.x, a.y, b.x, b.y));
  }

  // Areas and points: shown while their span meets [from, now] (untimed: INT32_MIN, INT32_MAX).
  const auto shown = [&](const AreaVertex& a) {
    return !q.timed || a.t_start == INT32_MIN || (a.t_start <= now && a.t_end >= from);
  };
  const std::vector<AreaVertex>& areas = scene.areas;
  for (std::size_t k = 0; k + 2 < areas.size(); k += 3) {
    const AreaVertex& a = areas[k];
    if (!shown(a)) continue;
    double x0 = std::min({a.x, areas[k + 1].x, areas[k + 2].x}), x1 = std::max({a.x, areas[k + 1].x, areas[k + 2].x});
    double y0 = std::min({a.y, areas[k + 1].y, areas[k + 2].y}), y1 = std::max({a.y, areas[k + 1].y, areas[k + 2].y});
    if (a.radius > 0 && a.radius < q.area_min_radius) {  // drawn grown about its centre
      const double grow = q.area_min_radius / a.radius;
      x0 = a.cx + (x0 - a.cx) * grow, x1 = a.cx + (x1 - a.cx) * grow;
      y0 = a.cy + (y0 - a.cy) * grow, y1 = a.cy + (y1 - a.cy) * grow;
    }
    mark(a.feature & ~TrackVertex::kPieceStart, kDrawnArea, meets(v, x0, y0, x1, y1));
  }
  for (const AreaVertex& p : scene.points)
    if (shown(p)) mark(p.feature & ~TrackVertex::kPieceStart, kDrawnPoint, meets(v, p.x, p.y, p.x, p.y));
  return marks;
}

}  // namespace geo
