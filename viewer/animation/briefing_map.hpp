// The adapter between a clip and today's snapshot path: the `render` command's map options
// (region, bbox, crs, size, filters, colour-by, title, subtitle, banner, overlays, cache),
// parsed the way `render` parses them, and the scene loaded, projected and uploaded once.
// Everything `animate` takes from cli_render.cpp / snapshot lives here, so that it switches to
// the SnapshotSpec (issue 9) in one place.
#pragma once
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "inputs.hpp"
#include "projection.hpp"
#include "render/map_renderer.hpp"
#include "scene_cache.hpp"
#include "snapshot/overlays.hpp"

namespace CLI {
class App;
}

namespace patrolscope::animation {

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct MapOptions {
  InputOptions inputs;
  std::string size;  // empty: the caller's default
  std::string region, crs, bbox;
  std::string extent;  // xmin,ymin,xmax,ymax in the map CRS: the viewer's Record passes its view
  std::string years, domains, forces, participants, kinds;
  std::string color_by = "kind";
  std::string title, subtitle, banner;
  bool no_overlays = false, no_cache = false;

  void add_to(CLI::App& command);  // the same names and help as `render`
};

// What the options say, checked before anything is loaded (throws UsageError).
struct MapChoice {
  int width = 1920, height = 1080;
  render::ColorBy color_by = render::ColorBy::Kind;
  geo::Filter filter;
  const geo::Preset* preset = nullptr;
  std::optional<geo::GeoBox> bbox;
  std::shared_ptr<const geo::MapProjection> projection;
  geo::Extent view;
  snapshot::OverlayText text;  // title defaulted as `render` does
  std::string projection_name;  // for metadata
};
MapChoice choose_map(const MapOptions& options, const std::string& default_size);

// The scene (from the cache when these inputs were projected before), tracks simplified to
// half a pixel of the clip, and the renderer it is uploaded to. Needs a current GL context.
struct BriefingMap {
  MapChoice choice;
  std::vector<std::string> paths;
  geo::CachedScene data;
  bool all_ok = true;
  std::unique_ptr<render::MapRenderer> renderer;

  snapshot::MapContext context() const {
    return {data.scene, *choice.projection, data.events, choice.filter, data.attribution};
  }
  // The frame state at the clip's size: camera fitted to the view, masks, colours.
  render::FrameState base_state() const;
};
BriefingMap load_briefing_map(const MapOptions& options, MapChoice choice);

}  // namespace patrolscope::animation
