#version 330 core
#include "common.glsl"
// Exercise areas: translucent triangles, shown while their span meets the window.
layout(location = 0) in vec2 a_pos;
layout(location = 1) in int a_t_start;
layout(location = 2) in int a_t_end;
layout(location = 3) in uint a_feature;
layout(location = 4) in uint a_categories;
layout(location = 5) in uint a_forces;
uniform float u_alpha;
out vec4 v_color;
void main() {
  if (!passes_filter(a_categories, a_forces) || !span_visible(a_t_start, a_t_end)) {
    gl_Position = kHidden;
    v_color = vec4(0.0);
    return;
  }
  int feature = int(a_feature & ~kTrackPieceStart);
  float alpha = u_alpha * (feature == u_selected ? 2.2 : feature == u_hovered ? 1.6 : 1.0);
  v_color = vec4(event_color(a_feature).rgb, min(alpha, 0.8));
  gl_Position = pixels_to_clip(to_pixels(a_pos), 0.5);
}
