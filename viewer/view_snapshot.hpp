// The viewer's snapshots (the Snapshot dialog, and the briefing written when there is no
// display): the map as shown — extent, time, filters, colours — through the shared snapshot
// path, with its overlays (title, legend, scale bar, labels, attribution).
#pragma once
#include <string>
#include <vector>

#include "app_state.hpp"
#include "snapshot/snapshot.hpp"

namespace patrolscope {

struct ViewSnapshot {
  std::string path = "patrolscope-snapshot.png";
  int width = 1920, height = 1080;
  bool overlays = true, world_file = false;
  snapshot::OverlayText text;  // an empty title gets "China–Russia joint activity: <region>"
};

// Renders `frame` (its camera is replaced: `view` is fitted into the image) and writes the PNG
// (and .pgw/.prj). The projection is made on this thread. Returns the paths written; throws
// std::runtime_error saying what failed.
std::vector<std::string> write_view_snapshot(render::MapRenderer& renderer, const geo::Scene& scene,
                                             const render::FrameState& frame, const geo::Extent& view,
                                             const AppState& state, const ViewData& data,
                                             const ViewSnapshot& snapshot);

// The renderer's frame state for the app state (the camera is left to the caller).
render::FrameState frame_for_state(const AppState& state, const geo::FacetIndex& facets);

}  // namespace patrolscope
