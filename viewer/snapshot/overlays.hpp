// The furniture drawn over a snapshot map: title block (title, subtitle, time caption),
// legend of the visible categories, scale bar true at the map centre, graticule labels, north
// arrow where north is not up, attribution/sources footer, marking banner, schematic note.
#pragma once
#include <string>
#include <vector>

#include "event.hpp"
#include "filter.hpp"
#include "framing.hpp"
#include "projection.hpp"
#include "render/map_renderer.hpp"
#include "render/png_io.hpp"
#include "scene.hpp"
#include "spec.hpp"

namespace patrolscope::snapshot {

// What the overlays (and the world file) need to know about the map and its data.
struct MapContext {
  const geo::Scene& scene;
  const geo::MapProjection& projection;
  const std::vector<geo::Event>& events;  // the scene's events (feature i = events[i])
  const geo::Filter& filter;              // the filter the masks came from (exact CPU test)
  std::string coastline_attribution;      // "Made with Natural Earth…"
};

// Where the legend goes: a fixed corner, none, or (Auto) the corner where `drawn` — the
// frame's data layers drawn alone on transparent black, at any scale — has the fewest drawn
// pixels (bottom left when `drawn` is null).
struct OverlayLayout {
  LegendPlace legend = LegendPlace::Auto;
  const render::Image* drawn = nullptr;
};

// Where the furniture left room (for an animation's clock and progress strip): the map area
// between the banners and the footer, the top of the free space at the right edge (below the
// north arrow when there is one), and the furniture's margin and size factor (1 at 1920x1080).
struct FurnitureRoom {
  double top = 0, bottom = 0;  // bottom: above the footer and the reserved strip
  double right_top = 0;
  double margin = 0, scale = 1;
};

// Indices of the events drawn in this frame: passing the filter, active in the time window,
// with geometry inside the camera's extent.
std::vector<std::size_t> visible_events(const MapContext& context, const render::FrameState& state);

// The zone layers drawn in this frame (state.zones, not hidden, with outline inside the view),
// in layer order: what the legend lists and the labels name.
std::vector<std::size_t> shown_zone_layers(const MapContext& context, const render::FrameState& state);

// The time span drawn: "2024-06-24 09:35 – 2024-07-24 09:35 UTC (30d)", "Up to …",
// "All dates: 2019-07-23 – 2025-…" (no filter), "Dates shown: …" (filtered).
std::string time_caption(const MapContext& context, const render::FrameState& state,
                         const std::vector<std::size_t>& visible);

// What is shown: "12 events · years 2024; kind exercise" or "35 events · no filter"; with a
// scope, "35 events in the clip · no filter".
std::string content_caption(const MapContext& context, const std::vector<std::size_t>& visible,
                            const std::string& scope = "");

// The boxes the furniture covers in a width×height image (banner strips, footer, title block,
// legend where `layout` puts it (Auto: bottom left, where the framing leaves it free), the
// scale bar at its widest, a polar view's north arrow), for framing the map clear of them.
// `listed`: the events the title, footer and legend may list (what is drawn is a subset, so
// the drawn boxes are no larger).
std::vector<geo::PixelBox> furniture_boxes(int width, int height, const MapContext& context,
                                           const render::FrameState& state, const OverlayText& text,
                                           const OverlayLayout& layout, const std::vector<std::size_t>& listed);

// How a briefing image of `spec` is framed: its size, a margin of a twentieth of its smaller
// side, and with overlays the furniture's boxes (`listed`: the events passing the filter).
geo::FrameRequest briefing_frame_request(const SnapshotSpec& spec, const MapContext& context);

// The PNG tEXt saying how the image was framed: "Fit" (data, outline, …) and "Overlay boxes"
// (the boxes kept clear, pixels "x,y,w,h; …"), so the frame can be checked from the file.
render::PngText framing_metadata(const std::string& fit, const geo::FrameRequest& request);

// The empty legend's line: "Nothing matches the filter" only when a filter left nothing;
// "No events in view" when nothing was filtered out.
std::string empty_legend_text(const MapContext& context);

// Draws the overlays over a rendered map (the image has the camera's size). `visible`:
// visible_events() when the caller has it already.
FurnitureRoom draw_overlays(render::Image& image, const MapContext& context, const render::FrameState& state,
                            const OverlayText& text, const OverlayLayout& layout = {},
                            const std::vector<std::size_t>* visible = nullptr);

}  // namespace patrolscope::snapshot
