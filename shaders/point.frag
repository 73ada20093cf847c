#version 330 core
// A disc in the facet colour with a white ring.
in vec2 v_local;
flat in float v_radius;
flat in vec4 v_color;
uniform float u_scale;
uniform vec4 u_outline;
out vec4 o_color;
void main() {
  float d = length(v_local);
  float ring = 1.5 * u_scale;
  float outer = clamp(v_radius + ring + 0.5 - d, 0.0, 1.0);
  if (outer <= 0.0) discard;
  float inner = clamp(v_radius + 0.5 - d, 0.0, 1.0);
  vec4 halo = vec4(u_outline.rgb, u_outline.a * v_color.a);  // a faded layer's ring fades with it
  vec4 color = mix(halo, v_color, inner);
  o_color = vec4(color.rgb, color.a * outer);
}
