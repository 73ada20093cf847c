#version 330 core
// A segment with a round start (the join with the previous one) and a hard end (the next
// segment's round start covers it): anti-aliased from the distance to the segment. With the
// depth test at GL_NOTEQUAL nothing is drawn twice, so translucent lines stay even.
in vec2 v_local;
flat in float v_length;
flat in float v_half_width;
uniform vec4 u_color;
out vec4 o_color;
void main() {
  if (v_local.x > v_length) discard;
  float x = clamp(v_local.x, 0.0, v_length);
  float d = length(v_local - vec2(x, 0.0));
  // Thin lines keep a 1 px footprint and fade instead of breaking up.
  float w = max(v_half_width, 0.5);
  float coverage = clamp(w + 0.5 - d, 0.0, 1.0) * min(1.0, 2.0 * v_half_width);
  if (coverage <= 0.0) discard;
  o_color = vec4(u_color.rgb, u_color.a * coverage);
}
