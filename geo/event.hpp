// The data model: an event is one patrol, exercise, transit or other activity.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "time.hpp"

namespace geo {

inline constexpr Seconds kNoTime = INT64_MIN;

struct LonLat {
  double lon = 0, lat = 0;
};

// A polyline with optional per-vertex times (empty, or one per vertex, kNoTime where unknown
// before interpolation; after loading every entry is known when the event is timed).
struct Line {
  std::vector<LonLat> coords;
  std::vector<Seconds> times;
};

// Rings: the first is the exterior, the others holes. Rings are closed implicitly (the last
// vertex need not repeat the first).
struct Polygon {
  std::vector<std::vector<LonLat>> rings;
};

struct Geometry {
  std::vector<Line> lines;
  std::vector<Polygon> polygons;
  std::vector<LonLat> points;
  bool empty() const { return lines.empty() && polygons.empty() && points.empty(); }
  std::size_t vertex_count() const;
};

enum class GeometryQuality { Exact, Approximate, Schematic };
const char* to_string(GeometryQuality q);

struct Event {
  std::string id;
  std::string name;
  std::string kind;                       // canonical kind (see vocab.hpp)
  // Multi-valued facets: canonical, unique, in source order (the first is the primary value,
  // which the colour rule uses).
  std::vector<std::string> domains;
  std::vector<std::string> force_types;
  std::vector<std::string> participants;  // ISO 3166 alpha-2, upper case
  std::vector<std::string> regions;       // region tags: pacific, arctic, scs, …
  Seconds start = kNoTime;                // UTC; kNoTime when the event is untimed
  Seconds end = kNoTime;
  Geometry geometry;
  GeometryQuality quality = GeometryQuality::Exact;
  std::vector<std::string> sources;
  std::string notes;
  std::map<std::string, std::string> attributes;  // every other attribute, as text

  bool timed() const { return start != kNoTime; }
  // True when the event's span [start, end] meets [from, to]; untimed events always do.
  bool active_during(Seconds from, Seconds to) const {
    return !timed() || (start <= to && end >= from);
  }
};

}  // namespace geo
