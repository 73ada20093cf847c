// The finishing step every loaded event goes through (LoadContext::add): vocabulary,
// coordinates (longitudes wrapped into [-180, 180]), the time span, vertex times interpolated
// along the length, long segments densified along geodesics.
#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "geodesic.hpp"
#include "load_internal.hpp"
#include "vocab.hpp"

namespace geo {
namespace {

template <typename Fn>
void normalise_list(std::vector<std::string>& list, Fn canonical, bool sort) {
  std::vector<std::string> out;
  for (const std::string& item : list) {
    std::string c = canonical(item);
    if (!c.empty() && std::find(out.begin(), out.end(), c) == out.end()) out.push_back(std::move(c));
  }
  if (sort) std::sort(out.begin(), out.end());
  list = std::move(out);
}

std::string participant_or_kept(std::string_view term) {
  std::string code = canonical_participant(term);
  if (!code.empty()) return code;
  std::string kept = normalize_term(term);  // kept (upper case) so it stays filterable
  for (char& c : kept) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return kept;
}

void normalise_vocabulary(Event& e) {
  e.kind = canonical_kind(e.kind);
  if (e.kind.empty()) e.kind = "other";
  normalise_list(e.domains, canonical_domain, false);  // source order: the first is the primary (colour)
  normalise_list(e.force_types, canonical_force_type, false);
  normalise_list(e.participants, participant_or_kept, false);
  normalise_list(e.regions, normalize_term, false);
}

// Widens [start, end] to the known vertex times (or takes them when the event has none).
void span_from_vertex_times(Event& e) {
  for (const Line& line : e.geometry.lines) {
    for (Seconds t : line.times) {
      if (t == kNoTime) continue;
      if (e.start == kNoTime || t < e.start) e.start = t;
      if (e.end == kNoTime || t > e.end) e.end = t;
    }
  }
}

// Fills unknown vertex times along the geodesic length between known ones; the first and
// last vertices default to the event's start and end.
std::string interpolate_times(Line& line, Seconds start, Seconds end) {
  const std::size_t n = line.coords.size();
  if (line.times.empty()) line.times.assign(n, kNoTime);
  Seconds previous = kNoTime;
  for (std::size_t i = 0; i < n; ++i) {
    const Seconds t = line.times[i];
    if (t == kNoTime) continue;
    if (previous != kNoTime && t < previous)
      return detail::field_error("times", fmt::format("time at vertex {} ({}) is before the time at an earlier vertex ({})",
                                                      i + 1, format_time(t), format_time(previous)));
    previous = t;
  }
  if (n == 0) return "";
  // [start, end] already covers every known vertex time (span_from_vertex_times).
  if (line.times.front() == kNoTime) line.times.front() = start;
  if (line.times.back() == kNoTime) line.times.back() = end;

  std::vector<double> along(n, 0.0);  // cumulative length (km)
  for (std::size_t i = 1; i < n; ++i) along[i] = along[i - 1] + geodesic_km(line.coords[i - 1], line.coords[i]);
  std::size_t known = 0;
  for (std::size_t i = 1; i < n; ++i) {
    if (line.times[i] == kNoTime) continue;
    const Seconds t0 = line.times[known], t1 = line.times[i];
    const double length = along[i] - along[known];
    for (std::size_t k = known + 1; k < i; ++k) {
      const double f = length > 0 ? (along[k] - along[known]) / length
                                  : static_cast<double>(k - known) / static_cast<double>(i - known);
      line.times[k] = t0 + static_cast<Seconds>(std::floor(static_cast<double>(t1 - t0) * f));
    }
    known = i;
  }
  return "";
}

// The pieces densify() cuts the segment a-b into (1: left as it is).
int densify_pieces(LonLat a, LonLat b, double max_km) {
  const double d = geodesic_km(a, b);
  if (!(max_km > 0) || !(d > max_km)) return 1;
  return static_cast<int>(std::min(std::ceil(d / max_km), 100000.0));
}

// Inserts geodesic points into segments longer than `max_km`, with interpolated times.
void densify(Line& line, double max_km) {
  if (!(max_km > 0) || line.coords.size() < 2) return;
  const bool timed = !line.times.empty();
  Line out;
  out.coords.reserve(line.coords.size());
  for (std::size_t i = 0; i + 1 < line.coords.size(); ++i) {
    const LonLat a = line.coords[i], b = line.coords[i + 1];
    out.coords.push_back(a);
    if (timed) out.times.push_back(line.times[i]);
    const int pieces = densify_pieces(a, b, max_km);
    if (pieces <= 1) continue;
    const std::vector<LonLat> inside = geodesic_interior_points(a, b, pieces);
    for (std::size_t k = 0; k < inside.size(); ++k) {
      out.coords.push_back(inside[k]);
      if (timed) {
        const double f = static_cast<double>(k + 1) / pieces;
        const Seconds t0 = line.times[i], t1 = line.times[i + 1];
        out.times.push_back(t0 + static_cast<Seconds>(std::floor(static_cast<double>(t1 - t0) * f)));
      }
    }
  }
  out.coords.push_back(line.coords.back());
  if (timed) out.times.push_back(line.times.back());
  line = std::move(out);
}

std::string finish_lines(Event& e, const LoadOptions& options) {
  auto& lines = e.geometry.lines;
  // A one-vertex "line" is a point; an empty one is nothing.
  for (auto it = lines.begin(); it != lines.end();) {
    if (it->coords.size() == 1) e.geometry.points.push_back(it->coords.front());
    if (it->coords.size() <= 1) {
      it = lines.erase(it);
    } else {
      ++it;
    }
  }
  for (Line& line : lines) {
    if (!line.times.empty() && line.times.size() != line.coords.size())
      return detail::field_error("times", fmt::format("{} times for {} vertices", line.times.size(), line.coords.size()));
    if (e.timed()) {
      if (std::string why = interpolate_times(line, e.start, e.end); !why.empty()) return why;
    } else {
      line.times.clear();
    }
    densify(line, options.densify_km);
  }
  return "";
}

}  // namespace

std::size_t detail::densified_vertex_count(const Geometry& geometry, double max_km) {
  std::size_t n = geometry.vertex_count();
  for (const Line& line : geometry.lines)
    for (std::size_t i = 0; i + 1 < line.coords.size(); ++i)
      n += static_cast<std::size_t>(densify_pieces(line.coords[i], line.coords[i + 1], max_km) - 1);
  return n;
}

std::string finish_event(Event& event, const LoadOptions& options, std::size_t* wrapped_longitudes) {
  normalise_vocabulary(event);
  std::size_t wrapped = 0;
  if (std::string why = detail::normalise_coordinates(event.geometry, wrapped); !why.empty())
    return detail::field_error("geometry", why);
  if (wrapped_longitudes != nullptr) *wrapped_longitudes = wrapped;
  for (Polygon& polygon : event.geometry.polygons)
    for (const auto& ring : polygon.rings)
      if (ring.size() < 3) return detail::field_error("geometry", "polygon ring with fewer than 3 vertices");

  // Vertex times outside [start, end] widen it; a lone start or end is an instant.
  if (event.end != kNoTime && event.start != kNoTime && event.end < event.start)
    return detail::field_error("end", fmt::format("end {} is before start {}", format_time(event.end),
                                                  format_time(event.start)));
  span_from_vertex_times(event);
  if (event.start == kNoTime) event.start = event.end;
  if (event.end == kNoTime) event.end = event.start;
  return finish_lines(event, options);
}

}  // namespace geo
