// The adapter between a clip and the snapshot path (issue 9's SnapshotSpec): `render`'s map,
// filter and input options (cli_options.hpp) parsed the one way, the scene from the cache or
// built the one way (build_map_scene), and a SnapshotMap that simplifies and uploads it once.
// Everything `animate` takes from the snapshot path goes through here.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "cli_options.hpp"
#include "inputs.hpp"
#include "scene_cache.hpp"
#include "snapshot/snapshot.hpp"

namespace CLI {
class App;
}

namespace patrolscope::animation {

struct ClipMapOptions {
  InputOptions inputs;
  MapFlags map;  // map.size empty: the caller's default
  FilterFlags filters;
  std::string extent;  // xmin,ymin,xmax,ymax in the map CRS: the viewer's Record passes its view
  bool no_cache = false;

  ClipMapOptions() { map.size.clear(); }
  void add_to(CLI::App& command);  // render's names and help, and --extent, --no-cache
};

// What the options say, checked before anything is loaded (throws UsageError).
MapChoice choose_map(const ClipMapOptions& options, const std::string& default_size);

// The map loaded and uploaded once (not movable: the SnapshotMap refers to the events and the
// projection held here). Needs a current GL context.
struct BriefingMap {
  MapChoice choice;
  std::vector<geo::Event> events;
  std::string attribution;
  bool all_ok = true;
  std::unique_ptr<snapshot::SnapshotMap> map;

  snapshot::MapContext context() const {
    return {map->scene(), choice.projection, events, choice.spec.filter, attribution,
            choice.spec.looks.empty() ? nullptr : &map->styles()};
  }
  snapshot::SnapshotRequest request() const { return map->request_for(choice.spec); }  // title, masks, …
  render::FrameState base_state() const { return snapshot::frame_for(request()); }     // camera fitted
};
std::unique_ptr<BriefingMap> load_briefing_map(const ClipMapOptions& options, MapChoice choice);

}  // namespace patrolscope::animation
