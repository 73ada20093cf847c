#version 330 core
in vec2 v_local;
in float v_alpha;
flat in float v_length;
flat in float v_half_width;
flat in float v_end_cap;
flat in vec4 v_color;
flat in float v_dash_start;
flat in float v_dash_sign;
uniform int u_pass;
uniform float u_scale;
out vec4 o_color;

// Signed distance (in arrow units) to the arrow triangle tip (1,0), barbs (-0.8, ±0.7).
float arrow_distance(vec2 p) {
  vec2 a = vec2(1.0, 0.0), b = vec2(-0.8, 0.7), c = vec2(-0.8, -0.7);
  float d1 = dot(p - a, normalize(vec2(b.y - a.y, a.x - b.x)));
  float d2 = dot(p - c, normalize(vec2(a.y - c.y, c.x - a.x)));
  float d3 = dot(p - b, normalize(vec2(c.y - b.y, b.x - c.x)));
  return max(max(d1, d2), d3);
}

void main() {
  if (u_pass != 0) {
    float coverage = clamp(0.5 - arrow_distance(v_local) * v_length, 0.0, 1.0);
    if (coverage <= 0.0) discard;
    o_color = vec4(v_color.rgb, v_color.a * coverage);
    return;
  }
  // A round join at the start; at the end a hard cut where the next segment continues (its
  // round start covers the join), a round cap where the track or the window ends.
  if (v_local.x > v_length && v_end_cap == 0.0) discard;
  // Schematic routes: dashes 4 widths long with 3-width gaps, in the map-anchored coordinate.
  if (v_dash_sign != 0.0) {
    float period = max(7.0 * v_half_width * 2.0, 9.0 * u_scale);
    if (mod(v_dash_start + v_dash_sign * max(v_local.x, 0.0), period) > period * 4.0 / 7.0) discard;
  }
  float x = clamp(v_local.x, 0.0, v_length);
  float d = length(v_local - vec2(x, 0.0));
  float coverage = clamp(v_half_width + 0.5 - d, 0.0, 1.0);
  if (coverage <= 0.0) discard;
  o_color = vec4(v_color.rgb, v_color.a * v_alpha * coverage);
}
