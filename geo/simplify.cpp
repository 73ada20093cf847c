#include "simplify.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace geo {
namespace {

// Squared distance from p to the segment a–b.
inline double segment_distance2(double px, double py, double ax, double ay, double bx, double by) {
  const double dx = bx - ax, dy = by - ay;
  const double len2 = dx * dx + dy * dy;
  double t = 0;
  if (len2 > 0) t = std::clamp(((px - ax) * dx + (py - ay) * dy) / len2, 0.0, 1.0);
  const double ex = px - (ax + t * dx), ey = py - (ay + t * dy);
  return ex * ex + ey * ey;
}

// Douglas–Peucker over [first, last] of a finite chain, marking kept vertices (the ends are
// marked by the caller). X and Y give the coordinates of an index.
template <typename X, typename Y>
void douglas_peucker(std::size_t first, std::size_t last, double tolerance2, X&& x, Y&& y, std::vector<char>& keep,
                     std::vector<std::pair<std::size_t, std::size_t>>& stack) {
  stack.clear();
  stack.emplace_back(first, last);
  while (!stack.empty()) {
    const auto [a, b] = stack.back();
    stack.pop_back();
    if (b <= a + 1) continue;
    const double ax = x(a), ay = y(a), bx = x(b), by = y(b);
    double worst = -1;
    std::size_t at = a;
    for (std::size_t i = a + 1; i < b; ++i) {
      const double d = segment_distance2(x(i), y(i), ax, ay, bx, by);
      if (d > worst) {
        worst = d;
        at = i;
      }
    }
    if (worst > tolerance2) {
      keep[at] = 1;
      stack.emplace_back(a, at);
      stack.emplace_back(at, b);
    }
  }
}

// Simplifies every finite run of [0, n) as an open chain; NaN vertices are kept and split runs.
template <typename X, typename Y>
void simplify_runs(std::size_t begin, std::size_t end, double tolerance, X&& x, Y&& y, std::vector<char>& keep) {
  const double tolerance2 = tolerance > 0 ? tolerance * tolerance : 0;
  std::vector<std::pair<std::size_t, std::size_t>> stack;
  std::size_t i = begin;
  while (i < end) {
    if (!std::isfinite(x(i)) || !std::isfinite(y(i))) {
      keep[i] = 1;
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j + 1 < end && std::isfinite(x(j + 1)) && std::isfinite(y(j + 1))) ++j;
    keep[i] = keep[j] = 1;
    if (tolerance > 0) {
      douglas_peucker(i, j, tolerance2, x, y, keep, stack);
    } else {
      std::fill(keep.begin() + static_cast<std::ptrdiff_t>(i), keep.begin() + static_cast<std::ptrdiff_t>(j) + 1, 1);
    }
    i = j + 1;
  }
}

std::vector<std::uint32_t> kept_indices(const std::vector<char>& keep) {
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < keep.size(); ++i)
    if (keep[i]) out.push_back(static_cast<std::uint32_t>(i));
  return out;
}

}  // namespace

std::vector<std::uint32_t> simplify_line_indices(std::span<const double> x, std::span<const double> y,
                                                 double tolerance) {
  const std::size_t n = std::min(x.size(), y.size());
  std::vector<char> keep(n, 0);
  simplify_runs(0, n, tolerance, [&](std::size_t i) { return x[i]; }, [&](std::size_t i) { return y[i]; }, keep);
  return kept_indices(keep);
}

std::vector<std::uint32_t> simplify_ring_indices(std::span<const double> x, std::span<const double> y,
                                                 double tolerance) {
  std::size_t n = std::min(x.size(), y.size());
  if (n > 1 && x[n - 1] == x[0] && y[n - 1] == y[0]) --n;  // an explicit closing vertex
  std::vector<std::uint32_t> all;
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isfinite(x[i]) || !std::isfinite(y[i])) {
      // Rings with failed vertices are not simplified (their shape is already broken).
      for (std::size_t k = 0; k < n; ++k) all.push_back(static_cast<std::uint32_t>(k));
      return all;
    }
  if (n <= 3) {
    for (std::size_t k = 0; k < n; ++k) all.push_back(static_cast<std::uint32_t>(k));
    return all;
  }
  // Split at vertex 0 and the vertex furthest from it; simplify both halves as chains.
  std::size_t far = 1;
  double far_d = -1;
  for (std::size_t i = 1; i < n; ++i) {
    const double d = (x[i] - x[0]) * (x[i] - x[0]) + (y[i] - y[0]) * (y[i] - y[0]);
    if (d > far_d) {
      far_d = d;
      far = i;
    }
  }
  std::vector<char> keep(n + 1, 0);  // index n stands for vertex 0 again
  auto X = [&](std::size_t i) { return x[i % n]; };
  auto Y = [&](std::size_t i) { return y[i % n]; };
  const double tolerance2 = tolerance > 0 ? tolerance * tolerance : 0;
  std::vector<std::pair<std::size_t, std::size_t>> stack;
  keep[0] = keep[far] = keep[n] = 1;
  if (tolerance > 0) {
    douglas_peucker(0, far, tolerance2, X, Y, keep, stack);
    douglas_peucker(far, n, tolerance2, X, Y, keep, stack);
  } else {
    std::fill(keep.begin(), keep.end(), 1);
  }
  keep[n] = 0;
  std::size_t count = static_cast<std::size_t>(std::count(keep.begin(), keep.end(), 1));
  if (count < 3) {  // add the vertex furthest from the chord 0–far
    std::size_t best = 0;
    double best_d = -1;
    for (std::size_t i = 1; i < n; ++i) {
      if (keep[i]) continue;
      const double d = segment_distance2(x[i], y[i], x[0], y[0], x[far], y[far]);
      if (d > best_d) {
        best_d = d;
        best = i;
      }
    }
    keep[best] = 1;
  }
  keep.pop_back();
  return kept_indices(keep);
}

ProjectedLine simplify_line(const ProjectedLine& line, double tolerance) {
  const auto kept = simplify_line_indices(line.x, line.y, tolerance);
  const bool timed = line.times.size() == line.x.size() && !line.times.empty();
  ProjectedLine out;
  out.x.reserve(kept.size());
  out.y.reserve(kept.size());
  if (timed) out.times.reserve(kept.size());
  for (std::uint32_t i : kept) {
    out.x.push_back(line.x[i]);
    out.y.push_back(line.y[i]);
    if (timed) out.times.push_back(line.times[i]);
  }
  return out;
}

std::vector<TrackVertex> simplify_tracks(std::span<const TrackVertex> tracks, double tolerance) {
  const std::size_t n = tracks.size();
  std::vector<char> keep(n, 0);
  auto X = [&](std::size_t i) { return static_cast<double>(tracks[i].x); };
  auto Y = [&](std::size_t i) { return static_cast<double>(tracks[i].y); };
  auto feature = [&](std::size_t i) { return tracks[i].feature & ~TrackVertex::kPieceStart; };
  std::size_t first = 0;
  while (first < n) {
    std::size_t last = first;
    while (last + 1 < n && !(tracks[last + 1].feature & TrackVertex::kPieceStart) && feature(last + 1) == feature(first))
      ++last;
    simplify_runs(first, last + 1, tolerance, X, Y, keep);
    first = last + 1;
  }
  std::vector<TrackVertex> out;
  out.reserve(n / 2);
  for (std::size_t i = 0; i < n; ++i)
    if (keep[i]) out.push_back(tracks[i]);
  return out;
}

}  // namespace geo
