#include "view_snapshot.hpp"

#include "projection.hpp"

namespace patrolscope {
namespace {

snapshot::TimeShown time_for_state(const AppState& s) {
  snapshot::TimeShown time;
  time.timed = s.window_mode != WindowMode::All;
  time.now = s.cursor;
  time.window = s.window;
  time.mode = s.window_mode == WindowMode::Fixed        ? render::FrameState::Fixed
              : s.window_mode == WindowMode::Cumulative ? render::FrameState::Cumulative
                                                        : render::FrameState::Trail;
  return time;
}

// The drawing part of the spec (time, filter, colours, layers), shared by the window's
// frames and the snapshots.
void set_drawing(snapshot::SnapshotSpec& spec, const AppState& s) {
  spec.time = time_for_state(s);
  spec.filter = s.filter;
  spec.color_by = s.color_by;
  spec.line_width_px = s.line_width;
  spec.land = s.layers.land;
  spec.coast = s.layers.coast;
  spec.borders = s.layers.borders;
  spec.graticule = s.layers.graticule;
  spec.areas = s.layers.areas;
  spec.tracks = s.layers.tracks;
  spec.points = s.layers.points;
  spec.zones = s.layers.zones;
  spec.hidden_zones = s.layers.hidden_zones;
  spec.selected = s.selected;
}

}  // namespace

render::FrameState frame_for_state(const AppState& s, const geo::FacetIndex& facets) {
  snapshot::SnapshotSpec spec;
  set_drawing(spec, s);
  return snapshot::frame_state(spec, facets);
}

snapshot::SnapshotSpec spec_for_state(const AppState& state, const ViewData& data, const geo::Extent& view,
                                      const ViewSnapshot& s) {
  snapshot::SnapshotSpec spec;
  spec.inputs = data.inputs;
  spec.coastline = data.coastline_path;
  spec.projection = state.projection;
  spec.region = geo::find_preset(state.projection) ? state.projection : "";
  spec.view = view;
  spec.path = s.path;
  spec.width = s.width;
  spec.height = s.height;
  spec.overlays = s.overlays;
  spec.world_file = s.world_file;
  spec.text = s.text;
  spec.legend = s.legend;
  spec.extra_metadata = s.metadata;
  set_drawing(spec, state);
  return spec;
}

std::vector<std::string> write_view_snapshot(const geo::Scene& scene, const geo::Extent& view, const AppState& state,
                                             const ViewData& data, const ViewSnapshot& s) {
  const snapshot::SnapshotSpec spec = spec_for_state(state, data, view, s);
  const geo::MapProjection projection = geo::MapProjection::create(state.projection);
  snapshot::SnapshotMap map(scene, data.events, projection, data.coastline_attribution, spec);
  return map.write(spec);
}

}  // namespace patrolscope
