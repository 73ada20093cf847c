#include "framing.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace geo {
namespace {

// Keeps the boundary samples just inside the seam, where PROJ puts them on the intended side.
constexpr double kSeamInset = 1e-6;

struct Box {
  double x0, y0, x1, y1;  // pixels, x0 < x1, y0 < y1
  double w() const { return x1 - x0; }
  double h() const { return y1 - y0; }
  bool overlaps(const Box& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

}  // namespace

MapPoints project_vertices(const std::vector<const Event*>& events, const MapProjection& projection,
                           const std::optional<GeoBox>& within) {
  const SeamSpec& seam = projection.seam();
  MapPoints points;
  auto add = [&](const LonLat& p) {
    if (p.lat < seam.min_lat || p.lat > seam.max_lat) return;
    if (within && !within->contains(p)) return;
    points.x.push_back(p.lon);
    points.y.push_back(p.lat);
  };
  for (const Event* event : events) {
    for (const Line& line : event->geometry.lines) std::for_each(line.coords.begin(), line.coords.end(), add);
    for (const Polygon& polygon : event->geometry.polygons)
      if (!polygon.rings.empty()) std::for_each(polygon.rings[0].begin(), polygon.rings[0].end(), add);
    std::for_each(event->geometry.points.begin(), event->geometry.points.end(), add);
  }
  projection.forward(points.x, points.y);
  MapPoints finite;
  for (std::size_t i = 0; i < points.x.size(); ++i)
    if (std::isfinite(points.x[i]) && std::isfinite(points.y[i])) {
      finite.x.push_back(points.x[i]);
      finite.y.push_back(points.y[i]);
    }
  return finite;
}

MapPoints domain_outline(const MapProjection& projection) {
  const SeamSpec& seam = projection.seam();
  MapPoints ring;
  auto add = [&](double lon, double lat) {
    ring.x.push_back(lon);
    ring.y.push_back(lat);
  };
  if (seam.has_seam) {
    // West edge south → north, the top parallel west → east, east edge, the bottom parallel back.
    const double west = seam.lon0 - 180 + kSeamInset, east = seam.lon0 + 180 - kSeamInset;
    for (double lat = seam.min_lat; lat < seam.max_lat; lat += 1) add(west, lat);
    for (double lon = west; lon < east; lon += 1) add(lon, seam.max_lat);
    for (double lat = seam.max_lat; lat > seam.min_lat; lat -= 1) add(east, lat);
    for (double lon = east; lon > west; lon -= 1) add(lon, seam.min_lat);
  } else if (seam.min_lat > -90 && seam.max_lat >= 90) {
    for (double lon = -180; lon < 180; lon += 1) add(lon, seam.min_lat);  // north polar: a circle
  } else if (seam.max_lat < 90 && seam.min_lat <= -90) {
    for (double lon = -180; lon < 180; lon += 1) add(lon, seam.max_lat);  // south polar
  } else {
    return {};  // a hemisphere (orthographic): its limb is not a lon/lat line
  }
  projection.forward(ring.x, ring.y);
  MapPoints finite;
  for (std::size_t i = 0; i < ring.x.size(); ++i)
    if (std::isfinite(ring.x[i])) {
      finite.x.push_back(ring.x[i]);
      finite.y.push_back(ring.y[i]);
    }
  if (finite.x.size() < 3) return {};
  return finite;
}

std::optional<Extent> frame_extent(const MapPoints& points, const FrameRequest& request) {
  if (points.empty() || request.width_px < 1 || request.height_px < 1) return std::nullopt;
  Extent data{std::numeric_limits<double>::max(), std::numeric_limits<double>::max(),
              std::numeric_limits<double>::lowest(), std::numeric_limits<double>::lowest()};
  for (std::size_t i = 0; i < points.x.size(); ++i) {
    data.xmin = std::min(data.xmin, points.x[i]);
    data.xmax = std::max(data.xmax, points.x[i]);
    data.ymin = std::min(data.ymin, points.y[i]);
    data.ymax = std::max(data.ymax, points.y[i]);
  }
  const double cx = (data.xmin + data.xmax) / 2, cy = (data.ymin + data.ymax) / 2;
  const double data_w = std::max(data.width(), request.min_span);
  const double data_h = std::max(data.height(), request.min_span);

  // Where the data may go: the image less its margin, avoiding each box grown by the margin.
  const double W = request.width_px, H = request.height_px;
  const double m = std::clamp(request.margin_px, 0.0, std::min(W, H) / 4);
  const Box inner{m, m, W - m, H - m};
  std::vector<Box> blocked;
  std::vector<double> xs{inner.x0, inner.x1}, ys{inner.y0, inner.y1};
  for (const PixelBox& r : request.reserved) {
    if (r.w <= 0 || r.h <= 0) continue;
    const Box b{r.x - m, r.y - m, r.x + r.w + m, r.y + r.h + m};
    if (!b.overlaps(inner)) continue;
    blocked.push_back(b);
    for (double x : {b.x0, b.x1}) xs.push_back(std::clamp(x, inner.x0, inner.x1));
    for (double y : {b.y0, b.y1}) ys.push_back(std::clamp(y, inner.y0, inner.y1));
  }
  std::sort(xs.begin(), xs.end());
  std::sort(ys.begin(), ys.end());
  xs.erase(std::unique(xs.begin(), xs.end()), xs.end());
  ys.erase(std::unique(ys.begin(), ys.end()), ys.end());

  // Every free rectangle with edges on box edges; the one that shows the data largest (the
  // fewest map units a pixel) wins, the larger rectangle on a tie. A few boxes: a few thousand.
  std::optional<Box> best;
  double best_upp = std::numeric_limits<double>::max();
  for (std::size_t a = 0; a < xs.size(); ++a)
    for (std::size_t b = a + 1; b < xs.size(); ++b)
      for (std::size_t c = 0; c < ys.size(); ++c)
        for (std::size_t d = c + 1; d < ys.size(); ++d) {
          const Box free{xs[a], ys[c], xs[b], ys[d]};
          if (std::any_of(blocked.begin(), blocked.end(), [&](const Box& o) { return o.overlaps(free); })) continue;
          const double upp = std::max(data_w / free.w(), data_h / free.h());
          const bool better = upp < best_upp * (1 - 1e-9) ||
                              (upp <= best_upp * (1 + 1e-9) && best && free.w() * free.h() > best->w() * best->h());
          if (!best || better) {
            best = free;
            best_upp = upp;
          }
        }
  // Boxes everywhere: frame in the whole image rather than not at all.
  const Box target = best.value_or(inner);
  double upp = best ? best_upp : std::max(data_w / inner.w(), data_h / inner.h());
  // The data's centre goes to the target's centre; the extent is the whole image.
  double px = (target.x0 + target.x1) / 2, py = (target.y0 + target.y1) / 2;

  if (request.clear_by_points) {
    // Larger still where every point (not the box around them) is inside and clear: centred
    // in the image, the smallest such scale by bisection (clear at the bounding-box scale
    // when that is centred too; zooming out only shrinks the points towards the centre).
    const double cx_px = (inner.x0 + inner.x1) / 2, cy_px = (inner.y0 + inner.y1) / 2;
    auto clear = [&](double u) {
      for (std::size_t i = 0; i < points.x.size(); ++i) {
        const double x = cx_px + (points.x[i] - cx) / u, y = cy_px - (points.y[i] - cy) / u;
        if (x < inner.x0 || x > inner.x1 || y < inner.y0 || y > inner.y1) return false;
        for (const Box& b : blocked)
          if (x > b.x0 && x < b.x1 && y > b.y0 && y < b.y1) return false;
      }
      return true;
    };
    double lo = std::max(data_w / inner.w(), data_h / inner.h()), hi = std::max(upp, lo) * 4;
    if (clear(hi)) {
      if (clear(lo)) hi = lo;
      for (int i = 0; i < 50 && hi - lo > hi * 1e-6; ++i) {
        const double mid = (lo + hi) / 2;
        (clear(mid) ? hi : lo) = mid;
      }
      if (hi < upp) {
        upp = hi;
        px = cx_px;
        py = cy_px;
      }
    }
  }
  Extent view;
  view.xmin = cx - px * upp;
  view.xmax = view.xmin + W * upp;
  view.ymax = cy + py * upp;
  view.ymin = view.ymax - H * upp;
  return view;
}

std::optional<Extent> frame_region_activity(const std::vector<const Event*>& events,
                                            const MapProjection& projection, const GeoBox& region,
                                            FrameRequest request, bool* region_empty) {
  MapPoints points = project_vertices(events, projection, region);
  if (region_empty) *region_empty = points.empty();
  if (!points.empty()) {
    const Extent whole = projection.extent_of(region);
    request.min_span = std::max(request.min_span, std::min(whole.width(), whole.height()) / 3);
  } else {
    points = project_vertices(events, projection);
  }
  return frame_extent(points, request);
}

std::optional<Extent> frame_preset(const Preset& preset, const std::vector<const Event*>& events,
                                   const MapProjection& projection, FrameRequest request, bool* region_empty) {
  if (region_empty) *region_empty = false;
  if (std::string_view(preset.name) == "world") {
    request.clear_by_points = true;
    return frame_extent(domain_outline(projection), request);
  }
  return frame_region_activity(events, projection, preset.view, request, region_empty);
}

std::optional<FitTarget> parse_fit_target(const std::string& text) {
  if (text == "data") return FitTarget::Data;
  if (text == "filter") return FitTarget::Filter;
  if (text == "selection") return FitTarget::Selection;
  return std::nullopt;
}

}  // namespace geo
