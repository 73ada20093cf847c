// The frames of a briefing clip: the map's unchanging layers (land, graticule, coast) drawn
// once, what moves (areas, tracks, heads, points) drawn each frame by the uploaded renderer
// from uniforms only and composited over them, the furniture that does not change (title, legend, scale bar, banners, sources, the progress
// strip's event marks) composited from a layer drawn once, and on top what does change: the
// running UTC clock, the progress strip's cursor, the name of an event as it starts, and the
// label of a jump across an empty stretch. Frame i depends on i alone.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "clip.hpp"
#include "render/framebuffer.hpp"
#include "render/map_renderer.hpp"
#include "render/png_io.hpp"
#include "snapshot/canvas.hpp"
#include "snapshot/overlays.hpp"

namespace patrolscope::animation {

struct ClipLook {
  render::FrameState base;  // camera (fitted to the clip's size), masks, colours, layers
  geo::Seconds window = 7 * 86400;
  render::FrameState::WindowMode mode = render::FrameState::Trail;
  bool overlays = true;  // furniture, clock and strip
  bool names = true;     // an event's name for a moment as it starts
  snapshot::OverlayText text;
  snapshot::LegendPlace legend = snapshot::LegendPlace::BottomLeft;  // top right is the clock's
};

// The furniture's text for a whole clip: the look's, its caption the clip's span, its event
// count said to be the clip's (a frame shows fewer), room kept for a progress strip this high.
snapshot::OverlayText clip_text(const ClipLook& look, const ClipPlan& plan, double strip_height_px);

class ClipFrames {
 public:
  // Needs the GL context the renderer's scene was uploaded in to be current (here and in frame()).
  ClipFrames(render::MapRenderer& renderer, const snapshot::MapContext& context, ClipLook look, ClipPlan plan);
  ~ClipFrames();

  const ClipPlan& plan() const { return plan_; }
  render::FrameState state_at(std::int64_t frame) const;  // what the renderer draws for a frame
  render::Image frame(std::int64_t frame);                 // the finished frame (RGBA)

 private:
  struct Mark {
    double x;                   // on the progress strip
    std::int64_t first_frame;   // where the event starts
    geo::Seconds end;           // the name goes when the event ends
    std::string name;
  };
  void draw_changing(render::Image& image, std::int64_t frame) const;

  render::MapRenderer& renderer_;
  const snapshot::MapContext& context_;
  ClipLook look_;
  ClipPlan plan_;
  std::unique_ptr<render::Framebuffer> framebuffer_;
  render::Image base_;   // land, graticule and coast: drawn once
  render::Image layer_;  // the unchanging furniture, straight alpha
  std::vector<std::pair<int, int>> layer_spans_;  // per row: [x0, x1) holding any alpha
  snapshot::FurnitureRoom layout_;
  double strip_x0_ = 0, strip_x1_ = 0, strip_y_ = 0, strip_h_ = 0;
  std::vector<Mark> marks_;
  snapshot::Font regular_, bold_;
};

}  // namespace patrolscope::animation
