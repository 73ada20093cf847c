#include "clip.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace patrolscope::animation {
namespace {

constexpr double kJumpSeconds = 0.4;  // clip time to cross an empty stretch
constexpr double kMinStretchSeconds = 0.6;  // a one-day patrol still gets this long on screen
constexpr std::int64_t kMaxFrames = 100000;

// Stretches of activity: [start, end + linger] merged where they meet or nearly meet (a gap
// shorter than `min_gap` is played, not jumped).
std::vector<std::pair<geo::Seconds, geo::Seconds>> stretches(const ClipSettings& s, geo::Seconds min_gap) {
  std::vector<std::pair<geo::Seconds, geo::Seconds>> spans;
  for (auto [start, end] : s.activity) {
    start = std::max(start, s.from);
    end = std::min(end + s.linger, s.to);
    if (start <= end) spans.push_back({start, end});
  }
  std::sort(spans.begin(), spans.end());
  std::vector<std::pair<geo::Seconds, geo::Seconds>> merged;
  for (const auto& span : spans) {
    if (!merged.empty() && span.first <= merged.back().second + min_gap)
      merged.back().second = std::max(merged.back().second, span.second);
    else
      merged.push_back(span);
  }
  // The clip starts at `from` and ends at `to`: short gaps at either end are played too.
  if (!merged.empty() && merged.front().first - s.from < min_gap) merged.front().first = s.from;
  if (!merged.empty() && s.to - merged.back().second < min_gap) merged.back().second = s.to;
  return merged;
}

}  // namespace

geo::Seconds ClipPlan::time_at(std::int64_t frame) const {
  if (knots.empty()) return from;
  const double f = static_cast<double>(frame);
  if (f <= knots.front().frame) return knots.front().time;
  if (f >= knots.back().frame) return knots.back().time;
  const auto next = std::upper_bound(knots.begin(), knots.end(), f, [](double v, const Knot& k) { return v < k.frame; });
  const Knot& a = *(next - 1);
  const Knot& b = *next;
  const double u = (f - a.frame) / (b.frame - a.frame);
  return a.time + static_cast<geo::Seconds>(std::floor(u * static_cast<double>(b.time - a.time)));
}

const ClipPlan::Jump* ClipPlan::jump_at(std::int64_t frame) const {
  for (const Jump& jump : jumps)
    if (frame >= jump.first_frame && frame <= jump.last_frame) return &jump;
  return nullptr;
}

double ClipPlan::speed_at(std::int64_t frame) const {
  const geo::Seconds a = time_at(frame), b = time_at(std::min(frame + 1, frames - 1));
  return static_cast<double>(b - a) * fps;
}

std::int64_t ClipPlan::first_frame_at_or_after(geo::Seconds t) const {
  std::int64_t lo = 0, hi = frames;  // time_at never decreases
  while (lo < hi) {
    const std::int64_t mid = lo + (hi - lo) / 2;
    if (time_at(mid) >= t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

ClipPlan plan_clip(const ClipSettings& s) {
  if (s.to < s.from) throw std::invalid_argument("--to is before --from");
  if (s.fps < 1 || s.fps > 120) throw std::invalid_argument("--fps: expected 1 to 120 frames a second");
  if (s.hold_s < 0) throw std::invalid_argument("--hold: expected seconds >= 0");
  if (s.duration_s < 0 || s.speed < 0) throw std::invalid_argument("--duration and --speed must be positive");

  // The stretches the clock plays, each with the clip seconds it gets (0 for a jump).
  struct Piece {
    geo::Seconds from, to;
    bool jump;
  };
  std::vector<Piece> pieces;
  if (s.skip_empty && !s.activity.empty()) {
    const geo::Seconds min_gap = std::max<geo::Seconds>(s.linger, 3 * 86400);
    const auto active = stretches(s, min_gap);
    geo::Seconds at = s.from;
    for (const auto& [a, b] : active) {
      if (a > at) pieces.push_back({at, a, true});
      pieces.push_back({a, b, false});
      at = b;
    }
    if (at < s.to) pieces.push_back({at, s.to, true});
  }
  if (pieces.empty()) pieces.push_back({s.from, s.to, false});

  std::size_t jumps = 0;
  double active_span = 0;
  std::size_t plays = 0;
  for (const Piece& p : pieces) {
    if (p.jump) ++jumps;
    else active_span += static_cast<double>(p.to - p.from), ++plays;
  }
  // Clip seconds for the moving part.
  double moving_s = 0;
  if (s.duration_s > 0 && s.speed > 0) throw std::invalid_argument("--duration and --speed are alternatives");
  if (s.duration_s > 0) moving_s = s.duration_s - 2 * s.hold_s;
  else if (s.speed > 0) moving_s = active_span / s.speed + static_cast<double>(jumps) * kJumpSeconds;
  else throw std::invalid_argument("a clip needs --duration or --speed");
  const std::int64_t hold_frames = std::llround(s.hold_s * s.fps);
  const std::int64_t moving_frames = s.duration_s > 0 ? std::llround(s.duration_s * s.fps) - 2 * hold_frames
                                                      : std::llround(moving_s * s.fps);
  if (moving_frames < 2)
    throw std::invalid_argument("--duration: too short for the holds (at least 2 moving frames are needed)");
  if (moving_frames + 2 * hold_frames > kMaxFrames)
    throw std::invalid_argument("more than " + std::to_string(kMaxFrames) + " frames (shorten --duration, lower --fps or raise --speed)");
  moving_s = static_cast<double>(moving_frames) / s.fps;

  // Seconds per piece: jumps a fixed short time (less if the clip is short); plays share the
  // rest, each at least a minimum, beyond it in proportion to its data span (or at --speed).
  const double jump_s = jumps ? std::min(kJumpSeconds, 0.25 * moving_s / static_cast<double>(jumps)) : 0;
  const double play_s = moving_s - jump_s * static_cast<double>(jumps);
  const double floor_s = s.speed > 0 || plays < 2 ? 0 : std::min(kMinStretchSeconds, 0.5 * play_s / static_cast<double>(plays));
  std::vector<double> seconds;
  for (const Piece& p : pieces) {
    const double d = static_cast<double>(p.to - p.from);
    if (p.jump) seconds.push_back(jump_s);
    else if (active_span <= 0) seconds.push_back(play_s / static_cast<double>(plays));
    else seconds.push_back(floor_s + (play_s - floor_s * static_cast<double>(plays)) * d / active_span);
  }

  ClipPlan plan;
  plan.fps = s.fps;
  plan.frames = moving_frames + 2 * hold_frames;
  plan.from = s.from;
  plan.to = s.to;
  // Frame positions: the moving part's first frame shows `from`, its last `to`.
  const double scale = static_cast<double>(moving_frames - 1) / moving_s;
  double clock = 0;
  plan.knots.push_back({static_cast<double>(hold_frames), s.from});
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const double start_frame = hold_frames + clock * scale;
    clock += seconds[i];
    const double end_frame = hold_frames + clock * scale;
    if (end_frame > plan.knots.back().frame || pieces[i].to > plan.knots.back().time)
      plan.knots.push_back({std::max(end_frame, plan.knots.back().frame + 1e-6), pieces[i].to});
    if (pieces[i].jump)
      plan.jumps.push_back({static_cast<std::int64_t>(std::ceil(start_frame)),
                            std::max(static_cast<std::int64_t>(std::ceil(start_frame)), static_cast<std::int64_t>(std::floor(end_frame))),
                            pieces[i].from, pieces[i].to});
  }
  plan.knots.back().frame = static_cast<double>(hold_frames + moving_frames - 1);
  return plan;
}

std::string describe_speed(double v) {
  char text[64];
  const double day = 86400;
  if (v >= 365 * day) std::snprintf(text, sizeof text, "%.1f years per second", v / (365 * day));
  else if (v >= 2 * day) std::snprintf(text, sizeof text, "%.0f days per second", v / day);
  else if (v >= day) std::snprintf(text, sizeof text, "%.1f days per second", v / day);
  else if (v >= 3600) std::snprintf(text, sizeof text, "%.0f h per second", v / 3600);
  else std::snprintf(text, sizeof text, "%.0f min per second", std::max(v, 0.0) / 60);
  return text;
}

std::string describe_span(geo::Seconds d) {
  if (d >= 86400) {
    const long long days = (d + 43200) / 86400;
    return std::to_string(days) + (days == 1 ? " day" : " days");
  }
  return std::to_string(std::max<long long>(1, (d + 1800) / 3600)) + " h";
}

}  // namespace patrolscope::animation
