// The clip's clock: which data time each frame shows. Computed from the frame number alone
// (never the wall clock), so the same command gives the same frames. Piecewise linear: a hold
// on the first and last instant, then either one constant speed from `from` to `to`, or, with
// skip_empty, each stretch of activity played at its own pace and each empty stretch between
// them crossed in a short, labelled jump.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "time.hpp"

namespace patrolscope::animation {

struct ClipSettings {
  geo::Seconds from = 0, to = 0;
  int fps = 30;
  double duration_s = 0;  // the whole clip, holds included (0: from speed)
  double speed = 0;       // data seconds per clip second (0: from duration)
  double hold_s = 0;      // on the first and on the last instant
  bool skip_empty = false;
  std::vector<std::pair<geo::Seconds, geo::Seconds>> activity;  // [start, end] of each event shown
  geo::Seconds linger = 0;  // activity stays on screen this long after it ends (the trail)
};

struct ClipPlan {
  struct Knot {
    double frame;
    geo::Seconds time;
  };
  struct Jump {  // an empty stretch crossed quickly
    std::int64_t first_frame, last_frame;
    geo::Seconds from, to;
  };
  int fps = 30;
  std::int64_t frames = 0;
  geo::Seconds from = 0, to = 0;
  std::vector<Knot> knots;  // increasing in frame and time
  std::vector<Jump> jumps;

  geo::Seconds time_at(std::int64_t frame) const;
  const Jump* jump_at(std::int64_t frame) const;  // nullptr when the frame plays activity
  double speed_at(std::int64_t frame) const;      // data seconds per clip second there
  std::int64_t first_frame_at_or_after(geo::Seconds t) const;  // frames when none
  double duration_s() const { return static_cast<double>(frames) / fps; }
};

// Throws std::invalid_argument saying what is wrong ("--duration: …") when the settings make
// no clip (to before from, too short for the holds, more than 100000 frames).
ClipPlan plan_clip(const ClipSettings& settings);

// "3 days per second", "5 h per second".
std::string describe_speed(double data_seconds_per_second);
// "143 days", "1 day", "5 h": an empty stretch's length, rounded for a label.
std::string describe_span(geo::Seconds seconds);

}  // namespace patrolscope::animation
