#version 330 core
#include "common.glsl"
// Exercise areas: translucent triangles with an outline, shown while their span meets the
// window; an area smaller than u_min_radius pixels is drawn at that radius (about its centre),
// so 50 km circles stay readable at region scale.
layout(location = 0) in vec2 a_pos;
layout(location = 1) in int a_t_start;
layout(location = 2) in int a_t_end;
layout(location = 3) in uint a_feature;
layout(location = 4) in uint a_categories;
layout(location = 5) in uint a_forces;
layout(location = 6) in vec3 a_circle;        // centre x, y and radius (map units) of the area
layout(location = 7) in uint a_corner_edges;  // corner 0–2 | outline edges << 2 (geo::AreaVertex)
uniform float u_alpha;          // fill opacity
uniform float u_outline_alpha;  // outline opacity
uniform float u_min_radius;     // pixels, before u_scale
out vec4 v_color;
out vec3 v_corner;               // barycentric: distance to each edge, for the outline
flat out uint v_outline_edges;
flat out float v_outline_alpha;
void main() {
  v_corner = vec3(0.0);
  v_outline_edges = 0u;
  v_outline_alpha = 0.0;
  if (!passes_filter(a_categories, a_forces) || !span_visible(a_t_start, a_t_end) || !layer_shown(a_feature)) {
    gl_Position = kHidden;
    v_color = vec4(0.0);
    return;
  }
  int feature = int(a_feature & ~kTrackPieceStart);
  float emphasis = feature == u_selected ? 2.2 : feature == u_hovered ? 1.6 : 1.0;
  vec4 color = event_color(a_feature);  // its alpha: the layer's opacity
  v_color = vec4(color.rgb, min(u_alpha * emphasis, 0.8) * color.a);
  v_outline_alpha = min(u_outline_alpha * emphasis, 1.0) * color.a;
  uint corner = a_corner_edges & 3u;
  v_corner = vec3(corner == 0u ? 1.0 : 0.0, corner == 1u ? 1.0 : 0.0, corner == 2u ? 1.0 : 0.0);
  v_outline_edges = (a_corner_edges >> 2) & 7u;
  vec2 pos = a_pos;
  float radius_px = a_circle.z / u_upp, min_px = u_min_radius * u_scale;
  if (radius_px > 0.0 && radius_px < min_px) pos = a_circle.xy + (a_pos - a_circle.xy) * (min_px / radius_px);
  gl_Position = pixels_to_clip(to_pixels(pos), 0.5);
}
