// Snapshots: the map rendered offscreen at any size (tiled past the GL limits), the overlays
// composited, written atomically as a PNG with the state in tEXt metadata, and optionally an
// ESRI world file (.pgw) and the CRS (.prj) beside it. One code path for `patrolscope render`
// and the viewer's Snapshot dialog; needs a current GL context (the window's or an EglContext)
// and a MapRenderer with the scene uploaded.
#pragma once
#include <string>
#include <vector>

#include "overlays.hpp"
#include "render/map_renderer.hpp"
#include "render/png_io.hpp"

namespace patrolscope::snapshot {

inline constexpr int kMaxSide = 32768;  // larger requests are refused with a clear error

struct SnapshotRequest {
  std::string path;  // OUT.png
  int width = 1920, height = 1080;
  geo::Extent view;              // map extent to frame: fitted into width×height and centred
  render::FrameState state;      // time, filters, colours, layers; camera and pixel_scale are set here
  bool overlays = true;
  OverlayText text;              // title, subtitle, banner
  bool world_file = false;       // also OUT.pgw, OUT.prj and OUT.png.aux.xml (the CRS for GDAL/QGIS)
  render::PngText metadata;      // the state that made the image (region, time, filters, inputs)
};

// The camera and pixel scale a request renders with (pixel_scale grows with the image so a
// 4K slide looks like a 1080p one, only sharper).
render::FrameState frame_for(const SnapshotRequest& request);

// Renders the map (no overlays) into an image, tiling when it exceeds the GL limits or
// `max_tile`. Restores the framebuffer binding and viewport it found.
render::Image render_map(render::MapRenderer& renderer, const render::FrameState& state, int max_tile = 2048);

// "OUT.pgw" content: pixel size, rotation terms, and the centre of the top-left pixel.
std::string world_file_text(const render::Camera& camera);

// Throws std::runtime_error naming the path when the PNG (or, with world_file, its .pgw, .prj
// and .aux.xml) could not be written there (geo::check_output_target). Writes nothing.
void check_output_targets(const SnapshotRequest& request);

// Renders, draws overlays, writes the PNG (and .pgw/.prj/.aux.xml, all or none: old files are
// kept when anything fails). Returns the paths written.
// Throws std::runtime_error naming the path (not a regular file, impossible size, …).
std::vector<std::string> write_snapshot(render::MapRenderer& renderer, const SnapshotRequest& request,
                                        const MapContext& context);

}  // namespace patrolscope::snapshot
