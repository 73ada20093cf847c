// Between a session (geo/session) and the viewer's state: what `view --session`, File ▸ Open
// session and File ▸ Save session call. The layers panel's per-layer styles live in the
// session's layers; the state carries the map-wide parts (view, time, filters, colours).
#pragma once
#include <string>
#include <vector>

#include "app_state.hpp"
#include "session.hpp"

namespace patrolscope {

// Sets the state's projection, view (the extent framed in a canvas of canvas_w × canvas_h
// pixels), time, filters, colour-by (a facet; others keep the state's), shown layers.
void apply_session(AppState& state, const geo::Session& session, double canvas_w, double canvas_h);
// The selection's ids picked out of the loaded events (after loading): the first found is selected.
void apply_session_selection(AppState& state, const geo::Session& session, const ViewData& data);
// The inputs to load: the visible events layers that are there (missing ones are reported by
// the session reader); empty paths (the bundled dataset) as an empty list.
std::vector<std::string> session_inputs(const geo::Session& session, const std::vector<geo::SessionProblem>& missing);

// The state as a session (layers from the inputs as given, in order; the view a canvas of
// canvas_w × canvas_h shows). `base` carries what the state does not hold (styles, notes,
// bookmarks, a newer version's keys): it is updated, not replaced.
geo::Session capture_session(const AppState& state, const ViewData& data, double canvas_w, double canvas_h,
                             geo::Session base = {});

// "patrolscope render DATA… --region … --at … -o OUT.png": the render line for a session
// (shell-quoted), for "Copy as command". Its view is the projection's frame (render takes no
// map-unit extent on the command line; `render --session` reproduces the exact view).
std::string render_command(const geo::Session& session, const std::string& output = "patrolscope-snapshot.png");

}  // namespace patrolscope
