#version 330 core
#include "common.glsl"
// Tracks: one instance per segment, reading vertices i, i+1 and i+2 of the same buffer (bound
// three times, one vertex apart). The segment is clipped to the time window, expanded to a quad
// in pixel space and never bridges into a piece start. u_pass 0 draws the line; 1 and 2 draw
// the head (outline, then fill) at the newest visible point of each track.
layout(location = 0) in vec2 a_pos0;
layout(location = 1) in int a_t0;
layout(location = 2) in uint a_feature0;
layout(location = 3) in uint a_categories;
layout(location = 4) in uint a_forces;
layout(location = 5) in vec2 a_pos1;
layout(location = 6) in int a_t1;
layout(location = 7) in uint a_feature1;
layout(location = 8) in uint a_feature2;
layout(location = 9) in float a_along0;  // map units along the piece at vertex i (unused: see v_dash_start)
layout(location = 10) in float a_dashed; // 1: a schematic route, drawn dashed

uniform int u_pass;
uniform int u_mode;         // 0 trail, 1 fixed, 2 cumulative
uniform float u_fade;       // trail: how transparent the oldest visible part is
uniform float u_window;     // seconds; the fade length

out vec2 v_local;           // line: pixels along / across from the clipped start
out float v_alpha;
flat out float v_length;
flat out float v_half_width;
flat out float v_end_cap;   // 1 where the track (or piece) ends here
flat out vec4 v_color;
flat out float v_dash_start;  // the dash coordinate (pixels) at the clipped start
flat out float v_dash_sign;   // +1 / -1: it grows / shrinks along the segment; 0: solid

// Dashes are anchored to the map, not to each route's start: the dash coordinate is the distance
// along the segment's direction (made the same for both directions) from a grid point of the
// map near the segment. Routes through the same waypoints dash in step on a shared leg, so their
// gaps stay gaps (measured from each route's start, the dashes fell out of phase and overlapping
// routes looked solid). Consecutive segments of a route use nearby anchors, so the pattern
// runs on across vertices with at most a small step where the direction turns.
const float kDashAnchorGrid = 1000000.0;  // map units

void hide() {
  gl_Position = kHidden;
  v_local = vec2(0.0);
  v_alpha = 0.0;
  v_length = 0.0;
  v_half_width = 0.0;
  v_end_cap = 0.0;
  v_color = vec4(0.0);
  v_dash_start = 0.0;
  v_dash_sign = 0.0;
}

float age_alpha(float age) {
  if (!u_timed) return 1.0;
  if (u_mode == 1) return 1.0;
  if (u_mode == 2) return age > u_window ? 0.3 : 1.0;
  return 1.0 - u_fade * clamp(age / u_window, 0.0, 1.0);
}

void main() {
  uint feature = a_feature0 & ~kTrackPieceStart;
  bool joined = (a_feature1 & kTrackPieceStart) == 0u;
  if (!joined || !passes_filter(a_categories, a_forces) || !layer_shown(feature)) { hide(); return; }
  bool piece_ends = (a_feature2 & kTrackPieceStart) != 0u;
  bool track_ends = piece_ends && (a_feature2 & ~kTrackPieceStart) != feature;

  // Clip [t0, t1] to the window [from, now] as fractions s0..s1 of the segment.
  float s0 = 0.0, s1 = 1.0;
  bool head_here = track_ends;
  float age0 = 0.0, age1 = 0.0;
  if (u_timed && a_t0 != kUntimed) {
    int from = u_mode == 2 ? kUntimed + 1 : u_from;
    if (a_t1 < from || a_t0 > u_now) { hide(); return; }
    float dt = float(a_t1 - a_t0);
    if (dt > 0.0) {
      if (a_t0 < from) s0 = float(from - a_t0) / dt;
      if (a_t1 > u_now) s1 = float(u_now - a_t0) / dt;
    }
    head_here = a_t1 > u_now || track_ends;
    age0 = float(u_now - a_t0) - s0 * dt;
    age1 = float(u_now - a_t0) - s1 * dt;
  }
  if (u_pass != 0 && !head_here) { hide(); return; }

  vec2 p0 = to_pixels(mix(a_pos0, a_pos1, s0));
  vec2 p1 = to_pixels(mix(a_pos0, a_pos1, s1));
  vec2 full = to_pixels(a_pos1) - to_pixels(a_pos0);
  vec2 d = p1 - p0;
  float len = length(d);
  vec2 dir = length(full) > 1e-6 ? normalize(full) : vec2(1.0, 0.0);
  vec2 normal = vec2(-dir.y, dir.x);
  int id = int(feature);
  float emphasis = id == u_selected ? 1.8 : id == u_hovered ? 1.4 : 1.0;
  float half_width = 0.5 * layer_width(feature) * u_scale * emphasis;  // the layer's width
  vec4 color = event_color(feature);
  // Each track gets its own depth; with GL_NOTEQUAL a track never blends over itself.
  float depth = float(int(feature % 65000u) + 1) / 65536.0;

  if (u_pass == 0) {
    float reach = half_width + 1.0;
    float along = (gl_VertexID & 1) != 0 ? len + reach : -reach;
    float across = (gl_VertexID & 2) != 0 ? reach : -reach;
    v_local = vec2(along, across);
    v_alpha = age_alpha(mix(age0, age1, clamp(along / max(len, 1e-6), 0.0, 1.0)));
    v_length = len;
    v_half_width = half_width;
    v_end_cap = (piece_ends || s1 < 1.0) ? 1.0 : 0.0;
    v_color = color;
    v_dash_start = 0.0;
    v_dash_sign = 0.0;
    if (a_dashed > 0.5) {
      vec2 seg = a_pos1 - a_pos0;
      vec2 along_map = length(seg) > 0.0 ? normalize(seg) : vec2(1.0, 0.0);
      // One direction per line whichever way a route runs it: along the dominant axis, positive.
      bool flip = abs(along_map.x) >= abs(along_map.y) ? along_map.x < 0.0 : along_map.y < 0.0;
      vec2 first = flip ? a_pos1 : a_pos0;
      vec2 anchor = floor(first / kDashAnchorGrid) * kDashAnchorGrid;
      vec2 start = mix(a_pos0, a_pos1, s0);
      v_dash_start = dot(start - anchor, flip ? -along_map : along_map) / u_upp;
      v_dash_sign = flip ? -1.0 : 1.0;
    }
    gl_Position = pixels_to_clip(p0 + dir * along + normal * across, depth);
  } else {
    // The head: an arrow pointing along the track at p1; pass 1 draws its white outline.
    float size = max(3.5 * half_width, 5.0 * u_scale) + (u_pass == 1 ? 1.5 * u_scale : 0.0);
    float reach = size * 1.2 + 1.0;
    vec2 corner = vec2((gl_VertexID & 1) != 0 ? reach : -reach, (gl_VertexID & 2) != 0 ? reach : -reach);
    v_local = corner / size;  // arrow space: tip at (1, 0)
    v_alpha = 1.0;
    v_length = size;
    v_half_width = 0.0;
    v_end_cap = 0.0;
    v_color = u_pass == 1 ? vec4(1.0, 1.0, 1.0, 0.95 * color.a) : color;  // the outline fades with the layer
    v_dash_start = 0.0;
    v_dash_sign = 0.0;
    gl_Position = pixels_to_clip(p1 + dir * corner.x + normal * corner.y, 0.0);
  }
}
