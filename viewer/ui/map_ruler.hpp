// The map's measuring tools, drawn over the canvas: the ruler (Map ▸ Ruler, key R: geodesic
// legs between clicked points, distance in km and nmi, initial bearing, elapsed time between
// track vertices) and the cursor's lon/lat readout (decimal and DMS). The numbers come from
// geo/measure; this file draws them and turns clicks into points.
#pragma once
#include <imgui.h>

#include <functional>
#include <optional>
#include <vector>

#include "app_state.hpp"

namespace patrolscope::ui {

// Window pixels of a lon/lat point on the current map; none when it does not project.
using ToScreen = std::function<std::optional<ImVec2>(geo::LonLat)>;

// A ruler click at window pixel `click` over lon/lat `at`. When `track` (the event under the
// mouse, or null) has a vertex or point within a few pixels, the point snaps to it (exact
// coordinates), and takes its time when it is a timed track's vertex.
void add_ruler_point(RulerState& ruler, geo::LonLat at, ImVec2 click, const geo::Event* track, const ToScreen& to_screen);

// R toggles the ruler, Backspace removes its last point, Esc clears it (when no field has focus).
void ruler_keys(RulerState& ruler);

// Draws the legs as geodesics (sampled, broken where they leave the projection or cross its
// seam), the points, and the measure beside the last point; `placed` collects boxes drawn.
void draw_ruler(ImDrawList* list, const RulerState& ruler, const ToScreen& to_screen, ImVec2 p0, ImVec2 p1,
                std::vector<ImVec4>& placed);

// The lon/lat under the mouse, in a slot at the bottom left (above the boxes `placed` there) as
// wide as the widest read-out: the graticule labels leave the slot free whether or not the
// cursor is on the map (no flicker).
ImVec4 cursor_readout_slot(ImVec2 p0, ImVec2 p1, const std::vector<ImVec4>& placed);
void draw_cursor_readout(ImDrawList* list, geo::LonLat at, const ImVec4& slot, ImVec2 p0, ImVec2 p1);

}  // namespace patrolscope::ui
