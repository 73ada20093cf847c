// The viewer's snapshots (the Snapshot dialog, and the briefing written when there is no
// display): the map as shown — extent, time, filters, colours, layers — as a SnapshotSpec,
// written through the same SnapshotMap as `patrolscope render`, so the same state gives the
// same PNG bytes from either.
#pragma once
#include <string>
#include <vector>

#include "app_state.hpp"
#include "coastline.hpp"
#include "snapshot/snapshot.hpp"

namespace patrolscope {

// What the dialog (or the briefing) asks for besides the state.
struct ViewSnapshot {
  std::string path = "patrolscope-snapshot.png";
  int width = 1920, height = 1080;
  bool overlays = true, world_file = false;
  snapshot::OverlayText text;  // an empty title gets snapshot::default_title()
  snapshot::LegendPlace legend = snapshot::LegendPlace::Auto;
  render::PngText metadata;  // added to the PNG's tEXt (the briefing: how it was framed)
};

// The spec for the app state shown over `view` (absolute map units).
snapshot::SnapshotSpec spec_for_state(const AppState& state, const ViewData& data, const geo::Extent& view,
                                      const ViewSnapshot& snapshot);

// Writes the snapshot of `scene` (the scene on screen, built by snapshot::build_map_scene for
// state.projection): a SnapshotMap is made for it in the current GL context (a copy of the
// scene, simplified to the image), written once and dropped. Returns the paths written;
// throws std::runtime_error saying what failed.
std::vector<std::string> write_view_snapshot(const geo::Scene& scene, const geo::Extent& view, const AppState& state,
                                             const ViewData& data, const ViewSnapshot& snapshot);

// The renderer's frame state for the app state (the camera is left to the caller): the
// snapshot spec's, so the window and the snapshots draw alike.
render::FrameState frame_for_state(const AppState& state, const geo::FacetIndex& facets);

}  // namespace patrolscope
