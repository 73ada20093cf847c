// What a set of inputs holds: counts, time range, bbox and facets (`patrolscope info`).
#pragma once
#include <map>
#include <string>
#include <vector>

#include "load.hpp"
#include "regions.hpp"

namespace geo {

struct Summary {
  int events = 0;
  std::size_t vertices = 0;
  int skipped = 0;
  int untimed = 0;
  Seconds time_start = kNoTime, time_end = kNoTime;
  bool has_bbox = false;
  GeoBox bbox;  // west > east when the data crosses 180°
  std::map<std::string, int> by_year, by_domain, by_force_type, by_kind, by_participant,
      by_region, by_quality;
  std::vector<std::string> unknown_terms;  // values outside the vocabulary, "force_type: xyz"
};

Summary summarize(const std::vector<const LoadResult*>& inputs);

// The smallest lon/lat box holding the points, crossing 180° when that is narrower.
GeoBox bounding_box(const std::vector<LonLat>& points);

std::string summary_json(const Summary& summary, const std::vector<const LoadResult*>& inputs);
std::string summary_text(const Summary& summary, const std::vector<const LoadResult*>& inputs);

}  // namespace geo
