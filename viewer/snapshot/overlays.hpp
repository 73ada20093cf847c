// The furniture drawn over a snapshot map: title block (title, subtitle, time caption),
// legend of the visible categories, scale bar true at the map centre, graticule labels, north
// arrow where north is not up, attribution/sources footer, marking banner, schematic note.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "event.hpp"
#include "filter.hpp"
#include "framing.hpp"
#include "projection.hpp"
#include "render/map_renderer.hpp"
#include "render/png_io.hpp"
#include "render/style.hpp"
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
  const render::EventStyles* styles = nullptr;  // per-layer styles (legend, hidden layers); none: map-wide
};

// A text the overlays drew (for tests: every line is inside its panel, none cut): its panel
// ("title", "legend", "footer"), the text, its left and right edges and the panel's (pixels).
struct DrawnText {
  std::string panel, text;
  double x0 = 0, x1 = 0;
  double panel_x0 = 0, panel_x1 = 0;
};

// Where the legend goes: a fixed corner, none, or (Auto) the corner where `drawn` — the
// frame's data layers drawn alone on transparent black, at any scale — has the fewest drawn
// pixels (bottom left when `drawn` is null).
struct OverlayLayout {
  LegendPlace legend = LegendPlace::Auto;
  const render::Image* drawn = nullptr;
  std::vector<DrawnText>* texts = nullptr;  // when set, gets the title's, legend's and footer's lines
};

// Where the furniture left room (for an animation's clock and progress strip): the map area
// between the banners and the footer, the top of the free space at the right edge (below the
// north arrow when there is one), and the furniture's margin and size factor (1 at 1920x1080).
struct FurnitureRoom {
  double top = 0, bottom = 0;  // bottom: above the footer and the reserved strip
  double right_top = 0;
  double margin = 0, scale = 1;
  geo::PixelBox title{}, legend{};  // the panels as drawn (legend: zero size when off)
};


// Indices of the events drawn in this frame: render::drawn_events' rule (passing the filter,
// a piece drawn inside the camera's extent in the frame's time).
std::vector<std::size_t> visible_events(const MapContext& context, const render::FrameState& state);

// The zone layers drawn in this frame (state.zones, not hidden, with outline inside the view),
// in layer order: what the legend lists and the labels name.
std::vector<std::size_t> shown_zone_layers(const MapContext& context, const render::FrameState& state);

// The time span drawn: "2024-06-24 09:35 – 2024-07-24 09:35 UTC (30d)", "Up to …",
// "All dates: 2019-07-23 – 2025-…" (no filter), "Dates shown: …" (filtered).
std::string time_caption(const MapContext& context, const render::FrameState& state,
                         const std::vector<std::size_t>& visible);

// What is shown: "12 events · years 2024; kind exercise" or "35 events · no filter"; with a
// scope, "35 events in the clip · no filter"; with events drawn in the frame's time but
// outside the view, "30 events · 5 more outside the frame · no filter".
std::string content_caption(const MapContext& context, const std::vector<std::size_t>& visible,
                            const std::string& scope = "", std::size_t outside = 0);

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

// A briefing framed with its legend where the framing kept it clear: with the legend on Auto,
// each corner is tried (bottom left, bottom right, top left, top right); among the frames at
// least three quarters as large as the largest, the one that hides the fewest drawn vertices
// (the filter's events, in the region or not) under the furniture wins, then the larger, then
// the earlier. A fixed corner (or none) is framed as it is. `legend`: the corner to draw the
// legend in, so the drawn legend is the box the framing kept clear of the activity.
struct LegendFrame {
  LegendPlace legend = LegendPlace::Auto;
  geo::FrameRequest request;
  std::optional<geo::Extent> view;
};
LegendFrame frame_with_legend(const SnapshotSpec& spec, const MapContext& context,
                              const std::function<std::optional<geo::Extent>(const geo::FrameRequest&)>& fit);

// The PNG tEXt saying how the image was framed: "Fit" (data, outline, …) and "Overlay boxes"
// (the boxes kept clear, pixels "x,y,w,h; …"), so the frame can be checked from the file.
render::PngText framing_metadata(const std::string& fit, const geo::FrameRequest& request);

// The empty legend's line: "Nothing matches the filter" only when a filter left nothing;
// "No events in view" when nothing was filtered out.
std::string empty_legend_text(const MapContext& context);

// Draws the overlays over a rendered map (the image has the camera's size). `drawn`:
// render::drawn_events() of this frame when the caller has it already.
FurnitureRoom draw_overlays(render::Image& image, const MapContext& context, const render::FrameState& state,
                            const OverlayText& text, const OverlayLayout& layout = {},
                            const render::DrawnEvents* drawn = nullptr);

}  // namespace patrolscope::snapshot
