#include "view_snapshot.hpp"

#include "projection.hpp"

namespace patrolscope {

render::FrameState frame_for_state(const AppState& s, const geo::FacetIndex& facets) {
  render::FrameState f;
  f.timed = s.window_mode != WindowMode::All;
  f.now = s.cursor;
  f.window = s.window;
  f.window_mode = s.window_mode == WindowMode::Fixed        ? render::FrameState::Fixed
                  : s.window_mode == WindowMode::Cumulative ? render::FrameState::Cumulative
                                                            : render::FrameState::Trail;
  f.masks = facets.masks(s.filter);
  f.color_by = s.color_by;
  f.line_width_px = s.line_width;
  f.land = s.layers.land;
  f.coast = s.layers.coast;
  f.graticule = s.layers.graticule;
  f.areas = s.layers.areas;
  f.tracks = s.layers.tracks;
  f.points = s.layers.points;
  f.selected_feature = s.selected;
  return f;
}

std::vector<std::string> write_view_snapshot(render::MapRenderer& renderer, const geo::Scene& scene,
                                             const render::FrameState& frame, const geo::Extent& view,
                                             const AppState& state, const ViewData& data,
                                             const ViewSnapshot& s) {
  const geo::MapProjection projection = geo::MapProjection::create(state.projection);
  const geo::Preset* preset = geo::find_preset(state.projection);
  snapshot::SnapshotRequest request;
  request.path = s.path;
  request.width = s.width;
  request.height = s.height;
  request.view = view;
  request.state = frame;
  request.state.hovered_feature = -1;
  request.overlays = s.overlays;
  request.world_file = s.world_file;
  request.text = s.text;
  if (request.text.title.empty())
    request.text.title = std::string("China\u2013Russia joint activity") + (preset ? std::string(": ") + preset->title : "");
  std::string inputs;
  for (const std::string& input : data.inputs) inputs += (inputs.empty() ? "" : ", ") + input;
  request.metadata = {
      {"Title", request.text.title},
      {"Projection", preset ? preset->crs : state.projection},
      {"Time", frame.timed ? geo::format_time(frame.now) : "all"},
      {"Window", frame.timed ? std::string(to_string(state.window_mode)) + " " + geo::format_duration(state.window) : "all"},
      {"Filter", state.filter.empty() ? "none" : state.filter.describe()},
      {"Color by", to_string(state.color_by)},
      {"Inputs", inputs.empty() ? "bundled dataset" : inputs},
  };
  const snapshot::MapContext context{scene, projection, data.events, state.filter, data.coastline_attribution};
  return snapshot::write_snapshot(renderer, request, context);
}

}  // namespace patrolscope
