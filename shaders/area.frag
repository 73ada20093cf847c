#version 330 core
// An exercise area: the pale fill, and an outline along the triangle edges that are the area's
// boundary (edge k runs corner k → k+1; its distance is the opposite corner's coordinate).
in vec4 v_color;
in vec3 v_corner;
flat in uint v_outline_edges;
flat in float v_outline_alpha;
uniform float u_scale;
out vec4 o_color;
void main() {
  float outline = 0.0;
  float width = 1.2 * u_scale;
  for (int k = 0; k < 3; ++k) {
    if (((v_outline_edges >> uint(k)) & 1u) == 0u) continue;
    float b = v_corner[(k + 2) % 3];
    float px = b / max(fwidth(b), 1e-6);  // pixels from the edge
    outline = max(outline, clamp(width + 0.5 - px, 0.0, 1.0));
  }
  o_color = mix(v_color, vec4(v_color.rgb, v_outline_alpha), outline);
}
