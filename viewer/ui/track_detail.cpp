#include "track_detail.hpp"

#include <algorithm>
#include <cmath>

#include "simplify.hpp"

namespace patrolscope::ui {

void TrackDetailCache::reset(const geo::Scene* scene) {
  scene_ = scene;
  levels_.clear();
}

double TrackDetailCache::base() const { return std::max(scene_->full_extent.width(), 1.0) / 65536.0; }

int TrackDetailCache::level_for(double units_per_pixel) const {
  if (!scene_ || scene_->tracks.size() < kDetailedEnough || !(units_per_pixel > 0)) return -1;
  const double level = std::floor(std::log2(0.5 * units_per_pixel / base()));
  return level < 0 ? -1 : static_cast<int>(std::min(level, 60.0));
}

bool TrackDetailCache::cached(int level) const {
  return std::any_of(levels_.begin(), levels_.end(), [&](const auto& l) { return l.first == level; });
}

const std::vector<geo::TrackVertex>& TrackDetailCache::tracks(int level) {
  const auto it = std::find_if(levels_.begin(), levels_.end(), [&](const auto& l) { return l.first == level; });
  if (it != levels_.end()) {
    levels_.splice(levels_.begin(), levels_, it);  // most recently used
  } else {
    levels_.emplace_front(level, geo::simplify_tracks(scene_->tracks, base() * std::ldexp(1.0, level)));
    while (levels_.size() > std::max<std::size_t>(capacity_, 1)) levels_.pop_back();
  }
  return levels_.front().second;
}

}  // namespace patrolscope::ui
