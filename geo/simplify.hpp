// Line and ring simplification (Douglas–Peucker) on projected x/y, for levels of detail.
// Works on indices, so per-vertex times (or any other per-vertex data) follow the kept
// vertices. No GL here.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "scene.hpp"

namespace geo {

// Indices of the vertices an open polyline keeps: every vertex further than `tolerance` (map
// units) from the simplified line is kept; the first and last always are. NaN vertices are
// kept as they are and split the line (each finite run is simplified on its own).
// Iterative (no recursion), so a 10^6-vertex line is fine.
std::vector<std::uint32_t> simplify_line_indices(std::span<const double> x, std::span<const double> y,
                                                 double tolerance);

// A closed ring (the last vertex need not repeat the first): keeps at least 3 vertices when
// the ring has 3 or more, so a ring never collapses to a line.
std::vector<std::uint32_t> simplify_ring_indices(std::span<const double> x, std::span<const double> y,
                                                 double tolerance);

// A projected polyline with optional per-vertex times (empty, or one per vertex).
struct ProjectedLine {
  std::vector<double> x, y;
  std::vector<Seconds> times;
};
ProjectedLine simplify_line(const ProjectedLine& line, double tolerance);

// A scene's track vertices, piece by piece (a piece ends where the next vertex carries
// kPieceStart or belongs to another feature), keeping times, features and bits of the kept
// vertices. Tolerance in map units.
std::vector<TrackVertex> simplify_tracks(std::span<const TrackVertex> tracks, double tolerance);

}  // namespace geo
