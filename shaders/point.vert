#version 330 core
#include "common.glsl"
// Places: one instanced disc per point, shown while its span meets the window.
layout(location = 0) in vec2 a_pos;
layout(location = 1) in int a_t_start;
layout(location = 2) in int a_t_end;
layout(location = 3) in uint a_feature;
layout(location = 4) in uint a_categories;
layout(location = 5) in uint a_forces;
uniform float u_radius;  // pixels, before u_scale
out vec2 v_local;
flat out float v_radius;
flat out vec4 v_color;
void main() {
  v_local = vec2(0.0);
  v_radius = 0.0;
  v_color = vec4(0.0);
  if (!passes_filter(a_categories, a_forces) || !span_visible(a_t_start, a_t_end) || !layer_shown(a_feature)) {
    gl_Position = kHidden;
    return;
  }
  int feature = int(a_feature & ~kTrackPieceStart);
  float radius = u_radius * u_scale * (feature == u_selected ? 1.6 : feature == u_hovered ? 1.3 : 1.0);
  float reach = radius + 2.0 * u_scale + 1.0;
  vec2 corner = vec2((gl_VertexID & 1) != 0 ? reach : -reach, (gl_VertexID & 2) != 0 ? reach : -reach);
  v_local = corner;
  v_radius = radius;
  v_color = event_color(a_feature);
  gl_Position = pixels_to_clip(to_pixels(a_pos) + corner, 0.5);
}
