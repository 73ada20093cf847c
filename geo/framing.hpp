// Data-aware framing: the map extent that shows a set of events in an image, with margin,
// clear of the boxes the furniture (title, legend, footer, …) covers. Works on projected
// coordinates, so it is indifferent to 180° and to polar projections. No GL here.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "event.hpp"
#include "projection.hpp"

namespace geo {

// A box of the output image, in pixels (x right, y down), that the activity must stay clear of.
struct PixelBox {
  double x = 0, y = 0, w = 0, h = 0;
};

// Projected positions (map units) of events' vertices.
struct MapPoints {
  std::vector<double> x, y;
  bool empty() const { return x.empty(); }
};

// The vertices of the events' tracks, area outlines and points, projected; only those inside
// `within` when given (a preset's or --bbox's lon/lat box), and only where the projection is
// valid (its latitude band; failed points dropped).
MapPoints project_vertices(const std::vector<const Event*>& events, const MapProjection& projection,
                           const std::optional<GeoBox>& within = std::nullopt);

// The projection's outline (the boundary of its valid lon/lat domain, projected) as a ring of
// map-unit points: the world preset's Robinson outline, a polar projection's bounding circle.
MapPoints domain_outline(const MapProjection& projection);

struct FrameRequest {
  int width_px = 1920, height_px = 1080;
  std::vector<PixelBox> reserved;  // furniture the activity must not fall under
  double margin_px = 24;           // free space around the activity (from edges and boxes)
  double min_span = 0;             // map units: a single point is framed at least this wide/high
  // The points themselves, not only their bounding box, may go beside a box (a dense ring such
  // as the projection's outline, whose empty corners can hold the title and legend).
  bool clear_by_points = false;
};

// The extent (with the image's aspect, so Camera::fit maps it onto the whole image) that puts
// the points' bounding box, grown by the margin, in the part of the image free of the reserved
// boxes where it can be drawn largest. Nullopt when there are no points.
std::optional<Extent> frame_extent(const MapPoints& points, const FrameRequest& request);

// A region's activity framed: the events' vertices inside `region` (at least a third of the
// region's extent across, so the place stays recognisable), or all their vertices when none
// falls inside (then *region_empty is set). Nullopt when the events have no vertex at all.
std::optional<Extent> frame_region_activity(const std::vector<const Event*>& events,
                                            const MapProjection& projection, const GeoBox& region,
                                            FrameRequest request, bool* region_empty = nullptr);

// A preset's own frame: a region preset the activity it holds (frame_region_activity), the
// world preset its whole outline (clear_by_points). Nullopt when there is nothing to frame.
std::optional<Extent> frame_preset(const Preset& preset, const std::vector<const Event*>& events,
                                   const MapProjection& projection, FrameRequest request,
                                   bool* region_empty = nullptr);

// What a render frames.
enum class FitTarget {
  Preset,     // the preset's (or --bbox's) extent as it is (--no-fit)
  Data,       // every loaded event inside the region
  Filter,     // the events that pass the filter, inside the region
  Selection,  // the selected events, whole
};
// "data", "filter", "selection" → the target; nullopt for other text.
std::optional<FitTarget> parse_fit_target(const std::string& text);

}  // namespace geo
