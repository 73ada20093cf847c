#version 330 core
#include "common.glsl"
// Land: opaque triangles in one colour.
layout(location = 0) in vec2 a_pos;
uniform vec4 u_color;
out vec4 v_color;
void main() {
  v_color = u_color;
  gl_Position = pixels_to_clip(to_pixels(a_pos), 0.5);
}
