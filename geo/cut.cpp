#include "cut.hpp"

#include <algorithm>
#include <cmath>

#include "geos_util.hpp"

namespace geo {
namespace {

// Points cut at the seam stay this far (degrees) inside their side, so PROJ (which wraps
// longitudes into lon0 ± 180) never moves them to the other edge of the map.
constexpr double kSeamNudge = 1e-7;

double wrap180(double d) {  // into [-180, 180)
  d = std::fmod(d + 180.0, 360.0);
  if (d < 0) d += 360.0;
  return d - 180.0;
}

// Longitudes made continuous: a step of more than 180° crossed the antimeridian.
std::vector<double> unwrap(const std::vector<LonLat>& coords, double lon0) {
  std::vector<double> u(coords.size());
  if (coords.empty()) return u;
  u[0] = wrap_lon(coords[0].lon, lon0);
  for (std::size_t i = 1; i < coords.size(); ++i) u[i] = u[i - 1] + wrap180(coords[i].lon - coords[i - 1].lon);
  return u;
}

Seconds lerp_time(Seconds a, Seconds b, double f) {
  if (a == kNoTime || b == kNoTime) return kNoTime;
  return a + static_cast<Seconds>(std::llround(static_cast<double>(b - a) * f));
}

// Builds pieces, dropping those with fewer than two vertices.
struct PieceBuilder {
  std::vector<Line> pieces;
  Line current;
  bool timed = false;
  void add(double lon, double lat, Seconds t) {
    current.coords.push_back({lon, lat});
    if (timed) current.times.push_back(t);
  }
  void flush() {
    if (current.coords.size() >= 2) pieces.push_back(std::move(current));
    current = Line{};
  }
};

// Clips one piece (already inside one seam strip) to the band min_lat..max_lat.
void clip_latitudes(const Line& line, const SeamSpec& seam, std::vector<Line>& out) {
  PieceBuilder builder;
  builder.timed = !line.times.empty();
  auto inside = [&](double lat) { return lat >= seam.min_lat && lat <= seam.max_lat; };
  auto time_at = [&](std::size_t i) { return builder.timed ? line.times[i] : kNoTime; };
  bool in = inside(line.coords[0].lat);
  if (in) builder.add(line.coords[0].lon, line.coords[0].lat, time_at(0));
  for (std::size_t i = 1; i < line.coords.size(); ++i) {
    const LonLat& a = line.coords[i - 1];
    const LonLat& b = line.coords[i];
    double fs[2];
    int n = 0;
    for (double edge : {seam.min_lat, seam.max_lat})
      if ((a.lat - edge) * (b.lat - edge) < 0) fs[n++] = (edge - a.lat) / (b.lat - a.lat);
    if (n == 2 && fs[0] > fs[1]) std::swap(fs[0], fs[1]);
    for (int k = 0; k < n; ++k) {
      const double f = fs[k];
      const double lat = std::clamp(a.lat + (b.lat - a.lat) * f, seam.min_lat, seam.max_lat);
      builder.add(a.lon + (b.lon - a.lon) * f, lat, lerp_time(time_at(i - 1), time_at(i), f));
      if (in) builder.flush();
      in = !in;
    }
    if (in && !inside(b.lat)) builder.flush();  // left from a vertex exactly on the edge
    in = inside(b.lat);
    if (in) builder.add(b.lon, b.lat, time_at(i));
  }
  builder.flush();
  for (Line& piece : builder.pieces) out.push_back(std::move(piece));
}

}  // namespace

double wrap_lon(double lon, double lon0) { return lon0 + wrap180(lon - lon0); }

std::vector<Line> cut_line(const Line& line, const SeamSpec& seam) {
  const std::size_t n = line.coords.size();
  if (n < 2) return {};
  const bool timed = line.times.size() == n;
  const std::vector<double> u = unwrap(line.coords, seam.lon0);
  const double west = seam.lon0 - 180.0;
  auto strip_of = [&](double lon) { return static_cast<long>(std::floor((lon - west) / 360.0)); };

  PieceBuilder builder;
  builder.timed = timed;
  auto time_at = [&](std::size_t i) { return timed ? line.times[i] : kNoTime; };
  // Vertices exactly on the seam are nudged inside their side like the cut points.
  auto inside = [&](double lon) { return std::clamp(lon, west + kSeamNudge, west + 360.0 - kSeamNudge); };
  long strip = strip_of(u[0]);
  builder.add(inside(u[0] - 360.0 * strip), line.coords[0].lat, time_at(0));
  for (std::size_t i = 1; i < n; ++i) {
    const long next = strip_of(u[i]);
    if (next != strip) {
      // Steps are under 360°, so one boundary lies between: the seam at west + 360·max(strip, next).
      const double boundary = west + 360.0 * std::max(strip, next);
      const double f = (boundary - u[i - 1]) / (u[i] - u[i - 1]);
      const double lat = line.coords[i - 1].lat + (line.coords[i].lat - line.coords[i - 1].lat) * f;
      const Seconds t = lerp_time(time_at(i - 1), time_at(i), f);
      const bool eastward = next > strip;
      builder.add(eastward ? west + 360.0 - kSeamNudge : west + kSeamNudge, lat, t);
      builder.flush();
      builder.add(eastward ? west + kSeamNudge : west + 360.0 - kSeamNudge, lat, t);
      strip = next;
    }
    builder.add(inside(u[i] - 360.0 * strip), line.coords[i].lat, time_at(i));
  }
  builder.flush();

  std::vector<Line> out;
  for (const Line& piece : builder.pieces) {
    const bool in_band = std::all_of(piece.coords.begin(), piece.coords.end(), [&](const LonLat& p) {
      return p.lat >= seam.min_lat && p.lat <= seam.max_lat;
    });
    if (in_band)
      out.push_back(piece);
    else
      clip_latitudes(piece, seam, out);
  }
  return out;
}

std::vector<Polygon> cut_polygon(const Polygon& polygon, const SeamSpec& seam) {
  if (polygon.rings.empty() || polygon.rings[0].size() < 3) return {};
  const double west = seam.lon0 - 180.0;
  const double south = std::max(seam.min_lat, -90.0), north = std::min(seam.max_lat, 90.0);

  // Unwrap every ring; a ring whose longitude winds 360° encloses a pole: close it along the
  // pole so the planar polygon covers the polar cap instead of the rest of the world.
  std::vector<std::vector<LonLat>> rings;
  double min_u = 1e300, max_u = -1e300;
  bool simple = true;  // one strip, inside the band, no pole: no clipping needed
  for (std::size_t r = 0; r < polygon.rings.size(); ++r) {
    std::vector<LonLat> ring = polygon.rings[r];
    if (ring.size() > 1 && ring.front().lon == ring.back().lon && ring.front().lat == ring.back().lat)
      ring.pop_back();
    if (ring.size() < 3) continue;
    std::vector<double> u = unwrap(ring, seam.lon0);
    const double winding = u.back() + wrap180(ring.front().lon - ring.back().lon) - u.front();
    if (r > 0 && !rings.empty()) {  // put holes beside their shell
      const double shift = 360.0 * std::floor((u[0] - min_u) / 360.0);
      for (double& x : u) x -= shift;
    }
    double sum_lat = 0;
    for (std::size_t i = 0; i < ring.size(); ++i) {
      ring[i].lon = u[i];
      sum_lat += ring[i].lat;
      min_u = std::min(min_u, u[i]);
      max_u = std::max(max_u, u[i]);
      if (ring[i].lat < south || ring[i].lat > north) simple = false;
    }
    if (std::abs(winding) > 180.0) {
      const double pole = sum_lat < 0 ? -90.0 : 90.0;
      const double end_lon = u.front() + winding;
      ring.push_back({end_lon, ring.front().lat});
      ring.push_back({end_lon, pole});
      ring.push_back({u.front(), pole});
      min_u = std::min(min_u, end_lon);
      max_u = std::max(max_u, end_lon);
      simple = false;
    }
    rings.push_back(std::move(ring));
  }
  if (rings.empty()) return {};

  const long first_strip = static_cast<long>(std::floor((min_u - west) / 360.0));
  const long last_strip = static_cast<long>(std::floor((max_u - west) / 360.0));
  if (simple && first_strip == last_strip) {
    Polygon out;
    for (auto& ring : rings) {
      for (LonLat& p : ring) p.lon -= 360.0 * first_strip;
      out.rings.push_back(std::move(ring));
    }
    return {std::move(out)};
  }

  geos::Context context;
  geos::GeometryPtr shape = geos::make_polygon(context, rings);
  if (!shape) return {};
  if (GEOSisValid_r(context.get(), shape.get()) != 1) {
    shape = geos::wrap(context, GEOSMakeValid_r(context.get(), shape.get()));
    if (!shape) return {};
  }
  std::vector<Polygon> out;
  for (long strip = first_strip; strip <= last_strip; ++strip) {
    const double x0 = west + 360.0 * strip;
    geos::GeometryPtr box = geos::make_box(context, x0, south, x0 + 360.0, north);
    geos::GeometryPtr piece = geos::wrap(context, GEOSIntersection_r(context.get(), shape.get(), box.get()));
    const std::size_t before = out.size();
    geos::collect_polygons(context, piece.get(), out);
    for (std::size_t i = before; i < out.size(); ++i)
      for (auto& ring : out[i].rings)
        for (LonLat& p : ring) {
          p.lon = std::clamp(p.lon - 360.0 * strip, west + kSeamNudge, west + 360.0 - kSeamNudge);
        }
  }
  return out;
}

}  // namespace geo
