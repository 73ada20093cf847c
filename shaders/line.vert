#version 330 core
#include "common.glsl"
// Coastlines and graticule: one instance per segment (vertex i and i+1: the same buffer bound
// twice, one vertex apart), expanded to a quad in pixel space. No segment into a piece start.
layout(location = 0) in vec2 a_pos0;
layout(location = 1) in vec2 a_pos1;
layout(location = 2) in uint a_flags1;
uniform float u_width;  // pixels, before u_scale
out vec2 v_local;       // pixels along / across the segment from vertex i
flat out float v_length;
flat out float v_half_width;
void main() {
  v_local = vec2(0.0);
  v_length = 0.0;
  v_half_width = 0.0;
  if ((a_flags1 & kLinePieceStart) != 0u) {
    gl_Position = kHidden;
    return;
  }
  vec2 p0 = to_pixels(a_pos0), p1 = to_pixels(a_pos1);
  vec2 d = p1 - p0;
  float len = length(d);
  vec2 dir = len > 1e-6 ? d / len : vec2(1.0, 0.0);
  vec2 normal = vec2(-dir.y, dir.x);
  float half_width = 0.5 * u_width * u_scale;
  float reach = half_width + 1.0;
  float along = (gl_VertexID & 1) != 0 ? len + reach : -reach;
  float across = (gl_VertexID & 2) != 0 ? reach : -reach;
  v_local = vec2(along, across);
  v_length = len;
  v_half_width = half_width;
  gl_Position = pixels_to_clip(p0 + dir * along + normal * across, 0.5);
}
