#include "analysis.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "geodesic.hpp"
#include "time.hpp"

namespace geo {
namespace {

constexpr double kPi = 3.14159265358979323846;

// `lon` moved by whole turns to within 180° of `reference`: the frame in which a segment or a
// ring is straight even where it crosses ±180.
double unwrap(double lon, double reference) {
  return lon - 360.0 * std::round((lon - reference) / 360.0);
}

double normalize(double lon) {
  const double x = unwrap(lon, 0.0);
  return x == -180.0 ? -180.0 : x;
}

bool line_timed(const Line& line) {
  return line.times.size() == line.coords.size() && !line.times.empty() &&
         std::none_of(line.times.begin(), line.times.end(), [](Seconds t) { return t == kNoTime; });
}

std::optional<Seconds> time_at(const Line& line, std::size_t i, double t) {
  if (!line_timed(line)) return std::nullopt;
  if (i + 1 >= line.times.size()) return line.times[i];
  const double a = static_cast<double>(line.times[i]), b = static_cast<double>(line.times[i + 1]);
  return static_cast<Seconds>(std::llround(a + t * (b - a)));
}

// A point of segment i of the line at fraction t, in [-180, 180].
LonLat point_at(const Line& line, std::size_t i, double t) {
  const LonLat a = line.coords[i];
  if (i + 1 >= line.coords.size()) return a;
  const LonLat b = line.coords[i + 1];
  const double bx = unwrap(b.lon, a.lon);
  return {normalize(a.lon + t * (bx - a.lon)), a.lat + t * (b.lat - a.lat)};
}

// The fraction along p→q nearest the origin (a local planar frame), clamped to the segment.
double nearest_fraction(double px, double py, double qx, double qy) {
  const double dx = qx - px, dy = qy - py, length2 = dx * dx + dy * dy;
  if (length2 <= 0) return 0;
  return std::clamp(-(px * dx + py * dy) / length2, 0.0, 1.0);
}

// A local frame around `centre`: x east and y north in degrees of latitude (good enough to
// choose the nearest candidate; the distance reported is then geodesic).
struct LocalFrame {
  LonLat centre;
  double scale;
  explicit LocalFrame(LonLat c) : centre(c), scale(std::cos(c.lat * kPi / 180.0)) {}
  void to_local(LonLat p, double& x, double& y) const {
    x = (unwrap(p.lon, centre.lon) - centre.lon) * scale;
    y = p.lat - centre.lat;
  }
};

struct Edge {
  double x0, y0, x1, y1;  // x unwrapped along the ring (may leave [-180, 180])
  bool boundary;          // a ring edge (false: an edge of a line zone)
};

}  // namespace

std::string computed_label(GeometryQuality quality) {
  switch (quality) {
    case GeometryQuality::Schematic:
      return "computed from a schematic route";
    case GeometryQuality::Approximate:
      return "computed from approximate geometry";
    case GeometryQuality::Exact:
      break;
  }
  return "computed";
}

EventMetrics measure_event(const Event& event) {
  EventMetrics m;
  m.basis = computed_label(event.quality);
  double timed_km = 0, timed_hours = 0;
  Seconds first = std::numeric_limits<Seconds>::max(), last = std::numeric_limits<Seconds>::min();
  for (const Line& line : event.geometry.lines) {
    const bool timed = line_timed(line);
    for (std::size_t i = 0; i + 1 < line.coords.size(); ++i) {
      const double km = geodesic_km(line.coords[i], line.coords[i + 1]);
      m.length_km += km;
      if (!timed) continue;
      const Seconds dt = line.times[i + 1] - line.times[i];
      if (dt <= 0) continue;  // equal times: no speed can be told
      const double hours = static_cast<double>(dt) / 3600.0;
      timed_km += km;
      timed_hours += hours;
      m.max_speed_kmh = std::max(m.max_speed_kmh.value_or(0.0), km / hours);
    }
    if (timed) {
      first = std::min(first, *std::min_element(line.times.begin(), line.times.end()));
      last = std::max(last, *std::max_element(line.times.begin(), line.times.end()));
    }
  }
  if (first <= last)
    m.duration = last - first;
  else if (event.timed())
    m.duration = event.end - event.start;
  if (timed_hours > 0) m.mean_speed_kmh = timed_km / timed_hours;
  return m;
}

struct ZoneIndex::Impl {
  Zone zone;
  std::vector<Edge> edges;
  double min_x = 0, max_x = 0, min_y = 0, max_y = 0;
  int columns = 1, rows = 1;
  double cell_w = 1, cell_h = 1;
  std::vector<std::vector<int>> cells;  // edge indices per cell, row-major

  void add_chain(const std::vector<LonLat>& points, bool closed, bool boundary) {
    if (points.size() < 2) return;
    double x = normalize(points[0].lon);
    const double start_x = x;
    for (std::size_t i = 1; i < points.size(); ++i) {
      const double next = unwrap(points[i].lon, x);
      edges.push_back({x, points[i - 1].lat, next, points[i].lat, boundary});
      x = next;
    }
    if (closed) edges.push_back({x, points.back().lat, unwrap(start_x, x), points[0].lat, boundary});
  }

  int column(double x) const { return std::clamp(static_cast<int>((x - min_x) / cell_w), 0, columns - 1); }
  int row(double y) const { return std::clamp(static_cast<int>((y - min_y) / cell_h), 0, rows - 1); }

  void build_grid() {
    if (edges.empty()) return;
    min_x = max_x = edges[0].x0;
    min_y = max_y = edges[0].y0;
    for (const Edge& e : edges) {
      min_x = std::min({min_x, e.x0, e.x1});
      max_x = std::max({max_x, e.x0, e.x1});
      min_y = std::min({min_y, e.y0, e.y1});
      max_y = std::max({max_y, e.y0, e.y1});
    }
    // About one edge per cell along each side: a few candidates per query.
    const int side = std::clamp(static_cast<int>(std::sqrt(static_cast<double>(edges.size()))), 1, 256);
    columns = rows = side;
    cell_w = std::max((max_x - min_x) / columns, 1e-9);
    cell_h = std::max((max_y - min_y) / rows, 1e-9);
    cells.assign(static_cast<std::size_t>(columns * rows), {});
    for (int i = 0; i < static_cast<int>(edges.size()); ++i) {
      const Edge& e = edges[static_cast<std::size_t>(i)];
      for (int r = row(std::min(e.y0, e.y1)); r <= row(std::max(e.y0, e.y1)); ++r)
        for (int c = column(std::min(e.x0, e.x1)); c <= column(std::max(e.x0, e.x1)); ++c)
          cells[static_cast<std::size_t>(r * columns + c)].push_back(i);
    }
  }

  // The edges whose cells meet the box (x already in the zone's frame), each once.
  void candidates(double x0, double y0, double x1, double y1, std::vector<int>& out) const {
    out.clear();
    if (edges.empty() || x1 < min_x || x0 > max_x || y1 < min_y || y0 > max_y) return;
    for (int r = row(y0); r <= row(y1); ++r)
      for (int c = column(x0); c <= column(x1); ++c) {
        const auto& cell = cells[static_cast<std::size_t>(r * columns + c)];
        out.insert(out.end(), cell.begin(), cell.end());
      }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
  }

  // The whole-turn shifts of a longitude span that can meet the zone's frame.
  template <typename F>
  void for_each_shift(double x0, double x1, F&& f) const {
    for (double shift : {-360.0, 0.0, 360.0})
      if (x1 + shift >= min_x && x0 + shift <= max_x) f(shift);
  }

  bool contains(LonLat p) const {
    bool inside = false;
    std::vector<int> found;
    const double x = normalize(p.lon);
    for_each_shift(x, x, [&](double shift) {
      const double px = x + shift;
      candidates(px, p.lat, max_x, p.lat, found);  // a ray east from the point
      bool odd = false;
      for (int i : found) {
        const Edge& e = edges[static_cast<std::size_t>(i)];
        if (!e.boundary || (e.y0 > p.lat) == (e.y1 > p.lat)) continue;
        const double cross_x = e.x0 + (p.lat - e.y0) / (e.y1 - e.y0) * (e.x1 - e.x0);
        if (cross_x > px) odd = !odd;
      }
      inside = inside || odd;
    });
    return inside;
  }
};

ZoneIndex::ZoneIndex(const Zone& zone) : impl_(std::make_unique<Impl>()) {
  impl_->zone = zone;
  for (const Polygon& polygon : zone.polygons)
    for (const auto& ring : polygon.rings) impl_->add_chain(ring, /*closed=*/true, /*boundary=*/true);
  for (const Line& line : zone.lines) impl_->add_chain(line.coords, /*closed=*/false, /*boundary=*/false);
  impl_->build_grid();
}
ZoneIndex::~ZoneIndex() = default;
ZoneIndex::ZoneIndex(ZoneIndex&&) noexcept = default;
ZoneIndex& ZoneIndex::operator=(ZoneIndex&&) noexcept = default;

const Zone& ZoneIndex::zone() const { return impl_->zone; }
bool ZoneIndex::contains(LonLat p) const { return impl_->contains(p); }

std::vector<ZoneCrossing> ZoneIndex::crossings(const Line& line) const {
  std::vector<ZoneCrossing> out;
  if (line.coords.empty() || impl_->edges.empty()) return out;
  const Impl& z = *impl_;
  const bool timed = line_timed(line);
  bool inside = z.contains(line.coords[0]);
  if (inside) out.push_back({});
  std::vector<int> found;
  std::vector<double> hits;
  for (std::size_t i = 0; i + 1 < line.coords.size(); ++i) {
    const LonLat a = line.coords[i], b = line.coords[i + 1];
    const double ax = normalize(a.lon), bx = unwrap(b.lon, ax);
    hits.clear();
    z.for_each_shift(std::min(ax, bx), std::max(ax, bx), [&](double shift) {
      const double x0 = ax + shift, x1 = bx + shift;
      z.candidates(std::min(x0, x1), std::min(a.lat, b.lat), std::max(x0, x1), std::max(a.lat, b.lat), found);
      for (int k : found) {
        const Edge& e = z.edges[static_cast<std::size_t>(k)];
        if (!e.boundary) continue;
        // Segment–edge intersection in the plane: a + t (b − a) = e0 + u (e1 − e0).
        const double dx = x1 - x0, dy = b.lat - a.lat, ex = e.x1 - e.x0, ey = e.y1 - e.y0;
        const double denominator = dx * ey - dy * ex;
        if (denominator == 0) continue;  // parallel: touching along an edge is no crossing
        const double wx = e.x0 - x0, wy = e.y0 - a.lat;
        const double t = (wx * ey - wy * ex) / denominator, u = (wx * dy - wy * dx) / denominator;
        // Half-open on both, so a crossing through a vertex or at a track vertex counts once.
        if (t > 0 && t <= 1 && u >= 0 && u < 1) hits.push_back(t);
      }
    });
    if (hits.empty()) continue;
    std::sort(hits.begin(), hits.end());
    for (double t : hits) {
      const BoundaryPoint point{point_at(line, i, t), timed ? time_at(line, i, t) : std::nullopt};
      if (!inside) {
        out.push_back({point, std::nullopt, std::nullopt});
      } else if (!out.empty()) {
        out.back().exit = point;
      }
      inside = !inside;
    }
    // A touch at a zone vertex counts as one crossing where it is none: the ray test at the
    // segment's end has the last word (a false entry is dropped, a false exit reopened).
    const bool really_inside = z.contains(b);
    if (inside && !really_inside && !out.empty() && !out.back().exit && out.back().entry) out.pop_back();
    if (!inside && really_inside && !out.empty()) out.back().exit.reset();
    inside = really_inside;
  }
  // A zone cut at ±180 into two polygons: leaving one where the other begins is no exit.
  std::vector<ZoneCrossing> merged;
  for (ZoneCrossing& c : out) {
    if (!merged.empty() && merged.back().exit && c.entry &&
        std::abs(merged.back().exit->position.lat - c.entry->position.lat) < 1e-9 &&
        std::abs(unwrap(merged.back().exit->position.lon, c.entry->position.lon) - c.entry->position.lon) < 1e-9) {
      merged.back().exit = c.exit;
      continue;
    }
    merged.push_back(c);
  }
  if (timed) {
    for (ZoneCrossing& c : merged) {
      const Seconds from = c.entry ? *c.entry->time : line.times.front();
      const Seconds to = c.exit ? *c.exit->time : line.times.back();
      c.time_inside = to - from;
    }
  }
  return merged;
}

std::optional<ClosestApproach> ZoneIndex::closest_approach(const Line& line) const {
  if (line.coords.empty() || impl_->edges.empty()) return std::nullopt;
  const Impl& z = *impl_;
  // Inside, or passing through: distance 0 where it is first inside.
  const auto passes = crossings(line);
  if (!passes.empty()) {
    const ZoneCrossing& first = passes.front();
    if (first.entry) return ClosestApproach{0, first.entry->position, first.entry->time};
    return ClosestApproach{0, line.coords[0], time_at(line, 0, 0)};
  }
  // Otherwise the nearest pair is a track vertex against an edge or a zone vertex against a
  // track segment; chosen in a local plane, measured along the geodesic.
  double best = std::numeric_limits<double>::infinity();
  ClosestApproach result;
  auto consider = [&](LonLat track_point, LonLat zone_point, std::optional<Seconds> time) {
    const double km = geodesic_km(track_point, zone_point);
    if (km < best) {
      best = km;
      result = {km, track_point, time};
    }
  };
  for (std::size_t i = 0; i < line.coords.size(); ++i) {
    const LocalFrame frame(line.coords[i]);
    double best_local = std::numeric_limits<double>::infinity();
    LonLat nearest{};
    for (const Edge& e : z.edges) {
      double px, py, qx, qy;
      frame.to_local({e.x0, e.y0}, px, py);
      qx = px + (e.x1 - e.x0) * frame.scale;  // the edge stays straight in the ring's frame
      qy = e.y1 - frame.centre.lat;
      const double t = nearest_fraction(px, py, qx, qy);
      const double x = px + t * (qx - px), y = py + t * (qy - py);
      if (x * x + y * y < best_local) {
        best_local = x * x + y * y;
        nearest = {normalize(e.x0 + t * (e.x1 - e.x0)), e.y0 + t * (e.y1 - e.y0)};
      }
    }
    consider(line.coords[i], nearest, time_at(line, i, 0));
  }
  for (const Edge& e : z.edges) {
    const LonLat zone_point{normalize(e.x0), e.y0};
    const LocalFrame frame(zone_point);
    for (std::size_t i = 0; i + 1 < line.coords.size(); ++i) {
      double px, py, qx, qy;
      frame.to_local(line.coords[i], px, py);
      qx = px + (unwrap(line.coords[i + 1].lon, line.coords[i].lon) - line.coords[i].lon) * frame.scale;
      qy = line.coords[i + 1].lat - frame.centre.lat;
      const double t = nearest_fraction(px, py, qx, qy);
      if (t <= 0 || t >= 1) continue;  // the ends were measured above
      consider(point_at(line, i, t), zone_point, time_at(line, i, t));
    }
  }
  return result;
}

std::optional<ClosestApproach> closest_approach(const Line& line, LonLat place) {
  if (line.coords.empty()) return std::nullopt;
  const LocalFrame frame(place);
  double best_local = std::numeric_limits<double>::infinity();
  std::size_t best_i = 0;
  double best_t = 0;
  for (std::size_t i = 0; i < line.coords.size(); ++i) {
    double px, py, qx = 0, qy = 0, t = 0;
    frame.to_local(line.coords[i], px, py);
    if (i + 1 < line.coords.size()) {
      qx = px + (unwrap(line.coords[i + 1].lon, line.coords[i].lon) - line.coords[i].lon) * frame.scale;
      qy = line.coords[i + 1].lat - place.lat;
      t = nearest_fraction(px, py, qx, qy);
    }
    const double x = px + t * (qx - px), y = py + t * (qy - py);
    if (x * x + y * y < best_local) {
      best_local = x * x + y * y;
      best_i = i;
      best_t = t;
    }
  }
  const LonLat at = point_at(line, best_i, best_t);
  return ClosestApproach{geodesic_km(at, place), at, time_at(line, best_i, best_t)};
}

std::vector<ReportedZoneTime> reported_zone_times(const Event& event, std::vector<std::string>* bad) {
  std::vector<ReportedZoneTime> out;
  const auto found = event.attributes.find("reported_zone_times");
  if (found == event.attributes.end()) return out;
  const auto trim = [](std::string t) {
    while (!t.empty() && t.front() == ' ') t.erase(t.begin());
    while (!t.empty() && t.back() == ' ') t.pop_back();
    return t;
  };
  std::size_t at = 0;
  const std::string& text = found->second;
  while (at <= text.size()) {
    const std::size_t end = std::min(text.find(';', at), text.size());
    const std::string item = trim(text.substr(at, end - at));
    at = end + 1;
    if (item.empty()) continue;
    ReportedZoneTime r;
    std::string rest = item;
    if (const auto open = rest.find('('); open != std::string::npos && rest.back() == ')') {
      r.reporter = rest.substr(open + 1, rest.size() - open - 2);
      rest = trim(rest.substr(0, open));
    }
    const auto space = rest.rfind(' ');
    const auto slash = space == std::string::npos ? std::string::npos : rest.find('/', space);
    std::optional<Seconds> entry, exit;
    if (slash != std::string::npos) {
      r.zone = trim(rest.substr(0, space));
      entry = parse_time(rest.substr(space + 1, slash - space - 1));
      exit = parse_time(rest.substr(slash + 1));
    }
    if (r.zone.empty() || !entry || !exit || *exit < *entry) {
      if (bad) bad->push_back(item);
      continue;
    }
    r.entry = *entry;
    r.exit = *exit;
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace geo
