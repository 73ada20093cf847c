// Level of detail for big scenes: tracks simplified to at most half a pixel at the current
// zoom. Levels are powers of two of 1/65536 of the map's width; a level's copy is made when
// the zoom enters it (never per frame) and kept in a small LRU cache, so zooming back and
// forth does not simplify again, while memory stays bounded (at most `capacity` copies).
#pragma once
#include <cstddef>
#include <list>
#include <utility>
#include <vector>

#include "scene.hpp"

namespace patrolscope::ui {

class TrackDetailCache {
 public:
  static constexpr std::size_t kDetailedEnough = 100'000;  // smaller scenes draw every vertex
  explicit TrackDetailCache(std::size_t capacity = 3) : capacity_(capacity) {}

  void reset(const geo::Scene* scene);  // a new scene: forget every level
  // The level for a scale: -1 (full detail) for small scenes and when zoomed in that far.
  int level_for(double units_per_pixel) const;
  // The tracks simplified for `level` (>= 0), made now when not cached.
  const std::vector<geo::TrackVertex>& tracks(int level);
  std::size_t cached_levels() const { return levels_.size(); }
  bool cached(int level) const;

 private:
  double base() const;
  const geo::Scene* scene_ = nullptr;
  std::size_t capacity_;
  std::list<std::pair<int, std::vector<geo::TrackVertex>>> levels_;  // most recently used first
};

}  // namespace patrolscope::ui
