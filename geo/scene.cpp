#include "scene.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <map>
#include <tuple>

#include "color_rule.hpp"
#include "framing.hpp"
#include "geos_util.hpp"
#include "zones.hpp"

namespace geo {
namespace {

// Straight lon/lat edges longer than this are subdivided before projecting, so meridians,
// parallels, seam edges and polar closures bend as the projection bends them.
constexpr double kDensifyDeg = 1.0;

std::vector<LonLat> densify_linear(const std::vector<LonLat>& coords, bool closed) {
  std::vector<LonLat> out;
  out.reserve(coords.size());
  const std::size_t n = coords.size();
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back(coords[i]);
    if (i + 1 == n && !closed) break;
    const LonLat& a = coords[i];
    const LonLat& b = coords[(i + 1) % n];
    const double span = std::max(std::abs(b.lon - a.lon), std::abs(b.lat - a.lat));
    const int steps = static_cast<int>(std::ceil(span / kDensifyDeg));
    for (int k = 1; k < steps; ++k) {
      const double f = static_cast<double>(k) / steps;
      out.push_back({a.lon + (b.lon - a.lon) * f, a.lat + (b.lat - a.lat) * f});
    }
  }
  return out;
}

struct Projected {
  std::vector<double> x, y;
};

Projected project(const MapProjection& projection, const std::vector<LonLat>& coords) {
  Projected p;
  p.x.resize(coords.size());
  p.y.resize(coords.size());
  for (std::size_t i = 0; i < coords.size(); ++i) {
    p.x[i] = coords[i].lon;
    p.y[i] = coords[i].lat;
  }
  projection.forward(p.x, p.y);
  return p;
}

class SceneBuilder {
 public:
  SceneBuilder(Scene& scene, const MapProjection& projection) : scene_(scene), projection_(projection) {}

  void add_land(const Polygon& polygon) { add_filled(polygon, scene_.land_triangles); }
  void add_filled(const Polygon& polygon, std::vector<float>& out) {
    for (const Polygon& piece : cut_polygon(polygon, projection_.seam())) triangulate(piece, out);
  }

  // Coastline strokes: the rings without the edges that Natural Earth adds along ±180° and
  // the poles (they are cuts, not coasts).
  void add_coast_ring(const std::vector<LonLat>& ring) {
    Line current;
    auto flush = [&]() {
      add_plain_line(current.coords, scene_.coast);
      current = Line{};
    };
    const std::size_t n = ring.size();
    for (std::size_t i = 0; i <= n && n >= 2; ++i) {
      const LonLat& b = ring[i % n];
      if (i > 0) {
        const LonLat& a = ring[i - 1];
        const bool on_cut = (std::abs(a.lon) >= 179.9999 && std::abs(b.lon) >= 179.9999 && a.lon == b.lon) ||
                            (std::abs(a.lat) >= 89.9999 && std::abs(b.lat) >= 89.9999);
        if (on_cut) flush();
      }
      if (current.coords.empty() || current.coords.back().lon != b.lon || current.coords.back().lat != b.lat)
        current.coords.push_back(b);
    }
    flush();
  }

  // A line through the cutter and projection into LineVertex pieces; returns vertices added.
  std::uint32_t add_plain_line(const std::vector<LonLat>& coords, std::vector<LineVertex>& out) {
    const std::size_t before = out.size();
    Line line;
    line.coords = coords;
    for (const Line& piece : cut_line(line, projection_.seam())) {
      const Projected p = project(projection_, densify_linear(piece.coords, false));
      bool start = true;
      for (std::size_t i = 0; i < p.x.size(); ++i) {
        if (std::isnan(p.x[i])) {
          start = true;
          continue;
        }
        out.push_back({rel_x(p.x[i]), rel_y(p.y[i]), start ? LineVertex::kPieceStart : 0u});
        start = false;
      }
    }
    return static_cast<std::uint32_t>(out.size() - before);
  }

  void add_track(const Line& line, std::uint32_t feature, std::uint32_t categories, std::uint32_t forces) {
    for (const Line& piece : cut_line(line, projection_.seam())) {
      const Projected p = project(projection_, piece.coords);
      bool start = true;
      for (std::size_t i = 0; i < p.x.size(); ++i) {
        if (std::isnan(p.x[i])) {
          start = true;
          continue;
        }
        const std::int32_t t = piece.times.empty() ? INT32_MIN : rel_time(piece.times[i]);
        scene_.tracks.push_back({rel_x(p.x[i]), rel_y(p.y[i]), t, feature | (start ? TrackVertex::kPieceStart : 0u),
                                 categories, forces});
        start = false;
      }
    }
  }

  void add_area(const Polygon& polygon, const AreaVertex& attributes) {
    std::vector<float> triangles;
    for (const Polygon& piece : cut_polygon(polygon, projection_.seam())) triangulate(piece, triangles);
    if (triangles.size() < 6) return;
    // The bounding circle (for the minimum drawn size) and the outline: edges that only one
    // triangle has are on the area's boundary (interior edges are shared by two).
    float xmin = triangles[0], xmax = xmin, ymin = triangles[1], ymax = ymin;
    for (std::size_t i = 0; i + 1 < triangles.size(); i += 2) {
      xmin = std::min(xmin, triangles[i]), xmax = std::max(xmax, triangles[i]);
      ymin = std::min(ymin, triangles[i + 1]), ymax = std::max(ymax, triangles[i + 1]);
    }
    const float cx = 0.5f * (xmin + xmax), cy = 0.5f * (ymin + ymax);
    const float radius = 0.5f * std::hypot(xmax - xmin, ymax - ymin);
    using Corner = std::pair<float, float>;
    auto corner = [&](std::size_t vertex) { return Corner{triangles[vertex * 2], triangles[vertex * 2 + 1]}; };
    auto edge_key = [&](std::size_t a, std::size_t b) {
      const Corner p = corner(a), q = corner(b);
      return p < q ? std::pair{p, q} : std::pair{q, p};
    };
    std::map<std::pair<Corner, Corner>, int> edge_count;
    const std::size_t vertices = triangles.size() / 2;
    for (std::size_t t = 0; t + 2 < vertices; t += 3)
      for (std::size_t k = 0; k < 3; ++k) ++edge_count[edge_key(t + k, t + (k + 1) % 3)];
    for (std::size_t t = 0; t + 2 < vertices; t += 3) {
      std::uint32_t outline = 0;
      for (std::uint32_t k = 0; k < 3; ++k)
        if (edge_count[edge_key(t + k, t + (k + 1) % 3)] == 1) outline |= AreaVertex::kOutlineEdge << k;
      for (std::uint32_t k = 0; k < 3; ++k) {
        AreaVertex v = attributes;
        std::tie(v.x, v.y) = corner(t + k);
        v.cx = cx, v.cy = cy, v.radius = radius;
        v.corner_edges = k | outline;
        scene_.areas.push_back(v);
      }
    }
  }

  void add_point(const LonLat& point, const AreaVertex& attributes) {
    const SeamSpec& seam = projection_.seam();
    if (point.lat < seam.min_lat || point.lat > seam.max_lat) return;
    std::vector<LonLat> one{{wrap_lon(point.lon, seam.lon0), point.lat}};
    const Projected p = project(projection_, one);
    if (std::isnan(p.x[0])) return;
    AreaVertex v = attributes;
    v.x = rel_x(p.x[0]);
    v.y = rel_y(p.y[0]);
    scene_.points.push_back(v);
  }

  std::int32_t rel_time(Seconds t) const {
    if (t == kNoTime) return INT32_MIN;
    return static_cast<std::int32_t>(std::clamp<Seconds>(t - scene_.t0, INT32_MIN + 1, INT32_MAX));
  }

 private:
  float rel_x(double x) const { return static_cast<float>(x - scene_.origin_x); }
  float rel_y(double y) const { return static_cast<float>(y - scene_.origin_y); }

  // Triangulates a lon/lat polygon piece in map space (GEOS constrained Delaunay), appending
  // x, y pairs. Triangulating after projecting keeps triangles valid where the projection bends.
  void triangulate(const Polygon& piece, std::vector<float>& out) {
    std::vector<std::vector<LonLat>> rings;  // map units relative to the origin (as x, y)
    for (std::size_t r = 0; r < piece.rings.size(); ++r) {
      const Projected p = project(projection_, densify_linear(piece.rings[r], true));
      std::vector<LonLat> ring;
      ring.reserve(p.x.size());
      for (std::size_t i = 0; i < p.x.size(); ++i)
        if (!std::isnan(p.x[i])) ring.push_back({p.x[i] - scene_.origin_x, p.y[i] - scene_.origin_y});
      if (ring.size() < 3) {
        if (r == 0) return;
        continue;
      }
      rings.push_back(std::move(ring));
    }
    triangulate_projected(rings, out);
  }

 public:
  // Triangulates rings already in map units relative to the origin (the domain outline).
  void triangulate_projected(const std::vector<std::vector<LonLat>>& rings, std::vector<float>& out) {
    if (rings.empty()) return;
    geos::GeometryPtr shape = geos::make_polygon(geos_, rings);
    if (!shape) return;
    if (GEOSisValid_r(geos_.get(), shape.get()) != 1)
      shape = geos::wrap(geos_, GEOSMakeValid_r(geos_.get(), shape.get()));
    if (!shape) return;
    geos::GeometryPtr triangles = geos::wrap(geos_, GEOSConstrainedDelaunayTriangulation_r(geos_.get(), shape.get()));
    if (!triangles) {
      ++failed_triangulations;
      return;
    }
    std::vector<Polygon> faces;
    geos::collect_polygons(geos_, triangles.get(), faces);
    for (const Polygon& face : faces) {
      if (face.rings[0].size() != 3) continue;
      for (const LonLat& v : face.rings[0]) {
        out.push_back(static_cast<float>(v.lon));
        out.push_back(static_cast<float>(v.lat));
      }
    }
  }

 public:
  int failed_triangulations = 0;

 private:
  Scene& scene_;
  const MapProjection& projection_;
  geos::Context geos_;
};

}  // namespace

std::string format_degrees(double value, bool longitude) {
  double v = longitude ? wrap_lon(value, 0) : value;
  if (longitude && std::abs(v + 180) < 1e-9) v = 180;
  const char* hemisphere = "";
  if (std::abs(v) > 1e-9 && std::abs(std::abs(v) - 180) > 1e-9)
    hemisphere = longitude ? (v > 0 ? "E" : "W") : (v > 0 ? "N" : "S");
  char text[32];
  std::snprintf(text, sizeof text, "%g\u00b0%s", std::abs(v), hemisphere);
  return text;
}

Scene build_scene(const SceneInput& input, const MapProjection& projection) {
  Scene scene;
  const SeamSpec& seam = projection.seam();
  scene.full_extent = projection.extent_of(GeoBox{-180, seam.min_lat, 180, seam.max_lat});
  scene.origin_x = std::round((scene.full_extent.xmin + scene.full_extent.xmax) / 2);
  scene.origin_y = std::round((scene.full_extent.ymin + scene.full_extent.ymax) / 2);
  static const std::vector<Event> kNoEvents;
  const std::vector<Event>& events = input.events ? *input.events : kNoEvents;
  scene.facets = FacetIndex::build(events);
  // The time origin: the median event start, at midnight. Vertex times are int32 seconds from
  // it (±68 years): from the earliest start, one mistyped 0001-01-01 row would push every
  // real event out of range and clamp them all together.
  std::vector<Seconds> starts;
  for (const Event& e : events)
    if (e.timed()) starts.push_back(e.start);
  if (!starts.empty()) {
    std::nth_element(starts.begin(), starts.begin() + static_cast<std::ptrdiff_t>(starts.size() / 2), starts.end());
    const Seconds median = starts[starts.size() / 2];
    scene.t0 = day_start(median);
  }
  const Seconds earliest = scene.t0 + INT32_MIN + 1, latest = scene.t0 + INT32_MAX;
  std::size_t outliers = 0;
  const Event* first_outlier = nullptr;
  for (const Event& e : events)
    if (e.timed() && (e.start < earliest || e.end > latest)) {
      if (!first_outlier) first_outlier = &e;
      ++outliers;
    }
  if (first_outlier)
    scene.warnings.push_back(std::to_string(outliers) + " event(s) more than 68 years from the others' median time (first: '" +
                             first_outlier->id + "' at " +
                             format_time(first_outlier->start < earliest ? first_outlier->start : first_outlier->end) +
                             "); drawn at the nearest time the map can hold");

  SceneBuilder builder(scene, projection);
  {
    const MapPoints outline = domain_outline(projection);
    std::vector<LonLat> ring;
    for (std::size_t i = 0; i < outline.x.size(); ++i)
      ring.push_back({outline.x[i] - scene.origin_x, outline.y[i] - scene.origin_y});
    if (ring.size() >= 3) builder.triangulate_projected({ring}, scene.sea_triangles);
  }
  if (input.land) {
    for (const Polygon& polygon : *input.land) {
      builder.add_land(polygon);
      for (const auto& ring : polygon.rings) builder.add_coast_ring(ring);
    }
  }
  if (input.coast_lines)
    for (const Line& line : *input.coast_lines) builder.add_plain_line(line.coords, scene.coast);
  if (input.borders)
    for (const Line& line : *input.borders) builder.add_plain_line(line.coords, scene.borders);
  if (input.disputed_borders)
    for (const Line& line : *input.disputed_borders) builder.add_plain_line(line.coords, scene.disputed_borders);

  // Graticule: meridians and parallels sampled every degree, cut and projected like data.
  const double step = input.graticule_step_deg > 0 ? input.graticule_step_deg : 10;
  for (double lon = -180; lon < 180 - 1e-9; lon += step) {
    std::vector<LonLat> meridian;
    const double south = std::max(seam.min_lat, -89.0), north = std::min(seam.max_lat, 89.0);
    for (double lat = south; lat < north; lat += 1.0) meridian.push_back({lon, lat});
    meridian.push_back({lon, north});
    const auto first = static_cast<std::uint32_t>(scene.graticule.size());
    const std::uint32_t count = builder.add_plain_line(meridian, scene.graticule);
    if (count) scene.graticule_lines.push_back({true, lon, first, count});
  }
  for (double lat = -90 + step; lat < 90 - 1e-9; lat += step) {
    if (lat < seam.min_lat || lat > seam.max_lat) continue;
    std::vector<LonLat> parallel;
    for (double d = -180 + 1e-6; d < 180; d += 1.0) parallel.push_back({seam.lon0 + d, lat});
    parallel.push_back({seam.lon0 + 180 - 1e-6, lat});
    const auto first = static_cast<std::uint32_t>(scene.graticule.size());
    const std::uint32_t count = builder.add_plain_line(parallel, scene.graticule);
    if (count) scene.graticule_lines.push_back({false, lat, first, count});
  }

  for (std::size_t i = 0; i < events.size(); ++i) {
    const Event& e = events[i];
    const auto feature = static_cast<std::uint32_t>(i);
    const std::uint32_t categories = scene.facets.category_bits(e);
    const std::uint32_t forces = scene.facets.force_bits(e);
    scene.event_colors.push_back(color_word(scene.facets, e));
    for (const Line& line : e.geometry.lines) builder.add_track(line, feature, categories, forces);
    AreaVertex attributes{0, 0, e.timed() ? builder.rel_time(e.start) : INT32_MIN,
                          e.timed() ? builder.rel_time(e.end) : INT32_MAX, feature, categories, forces};
    for (const Polygon& polygon : e.geometry.polygons) builder.add_area(polygon, attributes);
    for (const LonLat& point : e.geometry.points) builder.add_point(point, attributes);
  }
  if (builder.failed_triangulations > 0)
    scene.warnings.push_back(std::to_string(builder.failed_triangulations) + " polygon(s) could not be filled");
  return scene;
}

void add_zone_layers(Scene& scene, const std::vector<Zone>& zones, const MapProjection& projection) {
  scene.zones = {};
  SceneBuilder builder(scene, projection);
  ZoneGeometry& out = scene.zones;
  for (const Zone& zone : zones) {
    ZoneLayer layer;
    layer.label = zone_display_name(zone);
    layer.quality = zone.quality;
    layer.fill_first = static_cast<std::uint32_t>(out.fill.size() / 2);
    layer.line_first = static_cast<std::uint32_t>(out.lines.size());
    for (const Polygon& polygon : zone.polygons) {
      builder.add_filled(polygon, out.fill);
      for (const auto& ring : polygon.rings) {
        std::vector<LonLat> closed = ring;
        if (!closed.empty() && (closed.front().lon != closed.back().lon || closed.front().lat != closed.back().lat))
          closed.push_back(closed.front());
        builder.add_plain_line(closed, out.lines);
      }
    }
    for (const Line& line : zone.lines) builder.add_plain_line(line.coords, out.lines);
    layer.fill_count = static_cast<std::uint32_t>(out.fill.size() / 2) - layer.fill_first;
    layer.line_count = static_cast<std::uint32_t>(out.lines.size()) - layer.line_first;
    const std::uint32_t stride = std::max<std::uint32_t>(1, layer.line_count / 64);
    for (std::uint32_t i = 0; i < layer.line_count; i += stride) {
      const LineVertex& v = out.lines[layer.line_first + i];
      layer.label_candidates.emplace_back(v.x, v.y);
    }
    if (layer.line_count + layer.fill_count > 0) out.layers.push_back(std::move(layer));
  }
  if (builder.failed_triangulations > 0)
    scene.warnings.push_back(std::to_string(builder.failed_triangulations) + " zone polygon(s) could not be filled");
}

std::optional<std::pair<float, float>> zone_label_anchor(const ZoneLayer& layer, const Extent& view, double inset) {
  std::optional<std::pair<float, float>> best;
  for (const auto& [x, y] : layer.label_candidates) {
    if (x < view.xmin + inset || x > view.xmax - inset || y < view.ymin + inset || y > view.ymax - inset) continue;
    if (!best || y > best->second) best = std::pair{x, y};
  }
  return best;
}

std::vector<Label> graticule_labels(const Scene& scene, const Extent& view) {
  std::vector<Label> labels;
  for (const GraticuleLine& line : scene.graticule_lines) {
    const std::string text = format_degrees(line.value, line.meridian);
    for (std::uint32_t i = line.first + 1; i < line.first + line.count; ++i) {
      const LineVertex& a = scene.graticule[i - 1];
      const LineVertex& b = scene.graticule[i];
      if (b.flags & LineVertex::kPieceStart) continue;
      // Meridians are labelled where they cross the bottom and top edges, parallels where
      // they cross the left and right edges.
      const double edges[2] = {line.meridian ? view.ymin : view.xmin, line.meridian ? view.ymax : view.xmax};
      for (double edge : edges) {
        const double va = line.meridian ? a.y : a.x, vb = line.meridian ? b.y : b.x;
        if ((va - edge) * (vb - edge) > 0 || va == vb) continue;
        const double f = (edge - va) / (vb - va);
        if (f < 0 || f >= 1) continue;
        const float x = static_cast<float>(a.x + (b.x - a.x) * f), y = static_cast<float>(a.y + (b.y - a.y) * f);
        const bool inside = line.meridian ? (x >= view.xmin && x <= view.xmax) : (y >= view.ymin && y <= view.ymax);
        if (inside) labels.push_back({x, y, line.meridian, text});
      }
    }
  }
  // Meridian ends: labelled along the outline where the ends of neighbouring meridians are
  // spread out (more than a tenth of the projection's width) rather than converging.
  for (const int end : {-1, 1}) {
    float xmin = 1e30f, xmax = -1e30f, ymin = 1e30f, ymax = -1e30f;
    for (const GraticuleLine& line : scene.graticule_lines) {
      if (!line.meridian || line.count == 0) continue;
      const LineVertex& v = scene.graticule[end > 0 ? line.first + line.count - 1 : line.first];
      xmin = std::min(xmin, v.x), xmax = std::max(xmax, v.x), ymin = std::min(ymin, v.y), ymax = std::max(ymax, v.y);
    }
    if (std::max(xmax - xmin, ymax - ymin) < 0.1 * scene.full_extent.width()) continue;
    for (const GraticuleLine& line : scene.graticule_lines) {
      if (!line.meridian || line.count == 0) continue;
      const LineVertex& v = scene.graticule[end > 0 ? line.first + line.count - 1 : line.first];
      if (v.x >= view.xmin && v.x <= view.xmax && v.y >= view.ymin && v.y <= view.ymax)
        labels.push_back({v.x, v.y, true, format_degrees(line.value, true), end});
    }
  }
  return labels;
}

}  // namespace geo
