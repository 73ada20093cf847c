// The furniture drawn over a snapshot map: title block (title, subtitle, time caption),
// legend of the visible categories, scale bar true at the map centre, graticule labels, north
// arrow where north is not up, attribution/sources footer, marking banner, schematic note.
#pragma once
#include <string>
#include <vector>

#include "event.hpp"
#include "filter.hpp"
#include "projection.hpp"
#include "render/map_renderer.hpp"
#include "render/png_io.hpp"
#include "scene.hpp"

namespace patrolscope::snapshot {

// What the overlays (and the world file) need to know about the map and its data.
struct MapContext {
  const geo::Scene& scene;
  const geo::MapProjection& projection;
  const std::vector<geo::Event>& events;  // the scene's events (feature i = events[i])
  const geo::Filter& filter;              // the filter the masks came from (exact CPU test)
  std::string coastline_attribution;      // "Made with Natural Earth…"
};

struct OverlayText {
  std::string title, subtitle, banner;
  double reserve_bottom_px = 0;  // kept free above the footer (an animation's progress strip)
  std::string caption;           // replaces the time caption when set (a clip's span)
};

// Where the furniture left room: the map area between the banners/footer, and the top of the
// free space at the right edge (below the north arrow when there is one).
struct OverlayLayout {
  double top = 0, bottom = 0;  // bottom: above the footer (and the reserved strip)
  double right_top = 0;
  double margin = 0, scale = 1;  // the furniture's margin and size factor (1 at 1920x1080)
};

// Indices of the events drawn in this frame: passing the filter, active in the time window,
// with geometry inside the camera's extent.
std::vector<std::size_t> visible_events(const MapContext& context, const render::FrameState& state);

// "2024-06-24 09:35 – 2024-07-24 09:35 UTC (30d)", "Up to …", "All dates: 2019-07-23 – 2025-…".
std::string time_caption(const MapContext& context, const render::FrameState& state,
                         const std::vector<std::size_t>& visible);

// Draws the overlays over a rendered map (the image has the camera's size).
OverlayLayout draw_overlays(render::Image& image, const MapContext& context, const render::FrameState& state,
                   const OverlayText& text);

}  // namespace patrolscope::snapshot
