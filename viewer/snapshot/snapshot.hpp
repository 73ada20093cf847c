// Snapshots: the map rendered offscreen at any size (tiled past the GL limits), the overlays
// composited, written atomically as a PNG with the state in tEXt metadata, and optionally an
// ESRI world file (.pgw) and the CRS (.prj) beside it. One code path for `patrolscope render`,
// the viewer's Snapshot dialog and the headless briefing: each makes a SnapshotSpec
// (spec.hpp) and writes it through a SnapshotMap. Needs a current GL context (the window's or
// an EglContext).
#pragma once
#include <string>
#include <vector>

#include "coastline.hpp"

#include "overlays.hpp"
#include "render/map_renderer.hpp"
#include "render/png_io.hpp"
#include "spec.hpp"

namespace patrolscope::snapshot {

struct SnapshotRequest {
  std::string path;  // OUT.png
  int width = 1920, height = 1080;
  geo::Extent view;              // map extent to frame: fitted into width×height and centred
  render::FrameState state;      // time, filters, colours, layers; camera and pixel_scale are set here
  bool overlays = true;
  OverlayText text;              // title, subtitle, banner
  LegendPlace legend = LegendPlace::Auto;  // Auto: the corner where the least data is drawn
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
// kept when anything fails); adds the number of events shown to the metadata. Returns the
// paths written. Throws std::runtime_error naming the path (not a regular file, impossible size, …).
std::vector<std::string> write_snapshot(render::MapRenderer& renderer, const SnapshotRequest& request,
                                        const MapContext& context);

// The scene for a projection, built the one way every command builds it (graticule every 5°
// on a preset narrower than 60°, else 10°).
int graticule_step_deg(const std::string& projection);
geo::Scene build_map_scene(const std::vector<geo::Event>& events, const geo::Coastline& coastline,
                           const geo::MapProjection& projection, const std::string& definition);

// A map ready to be written as snapshots: the scene's tracks simplified to half a pixel of
// the image (finer detail cannot show, and every vertex costs vertex-shader time) and uploaded
// once. Each write() changes only the frame state — time, filters, colours, text — so a
// storyboard or an animation pays for loading, projecting and uploading once.
class SnapshotMap {
 public:
  // `events` and `projection` must outlive the map; `spec` gives the image size and view
  // (every write must keep them). Needs a current GL context.
  SnapshotMap(geo::Scene scene, const std::vector<geo::Event>& events, const geo::MapProjection& projection,
              std::string coastline_attribution, const SnapshotSpec& spec);

  // Writes spec.path (and the world file when asked). Returns the paths written.
  std::vector<std::string> write(const SnapshotSpec& spec);

  const geo::Scene& scene() const { return scene_; }
  render::MapRenderer& renderer() { return renderer_; }
  SnapshotRequest request_for(const SnapshotSpec& spec) const;  // the image request write() makes
  // The per-layer styles of the last spec (built and uploaded when its layers' colour rules change).
  const render::EventStyles& styles() const { return styles_; }
  void restyle(const SnapshotSpec& spec);

 private:
  geo::Scene scene_;
  const std::vector<geo::Event>& events_;
  const geo::MapProjection& projection_;
  std::string attribution_;
  int width_, height_;
  geo::Extent view_;
  render::MapRenderer renderer_;
  render::EventStyles styles_;
  bool styled_ = false;
};

}  // namespace patrolscope::snapshot
