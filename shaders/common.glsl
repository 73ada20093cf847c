// Shared by every map shader (inserted by the loader where a shader includes it).
// Camera: map units relative to Scene::origin → pixels (y up) → clip space.
uniform vec2 u_center;    // camera centre, map units relative to the scene origin
uniform float u_upp;      // map units per pixel
uniform vec2 u_viewport;  // pixels
uniform float u_scale;    // pixel scale: widths and radii grow with it

vec2 to_pixels(vec2 p) { return (p - u_center) / u_upp + 0.5 * u_viewport; }
vec4 pixels_to_clip(vec2 px, float depth) {
  return vec4(px / u_viewport * 2.0 - 1.0, depth * 2.0 - 1.0, 1.0);
}
const vec4 kHidden = vec4(2.0, 2.0, 2.0, 1.0);  // outside the clip volume: the primitive vanishes

// Filters: for each facet whose bit is set in u_active (1 domain, 2 kind, 4 participant, 8 year,
// 16 force), (bits & mask) != 0 (geo::FacetIndex::Masks::shows on the CPU).
uniform uint u_domain_mask, u_kind_mask, u_participant_mask, u_year_mask, u_force_mask, u_active;
bool passes_filter(uint categories, uint forces) {
  return ((u_active & 1u) == 0u || (categories & u_domain_mask) != 0u) &&
         ((u_active & 2u) == 0u || ((categories >> 8) & u_kind_mask) != 0u) &&
         ((u_active & 4u) == 0u || ((categories >> 16) & u_participant_mask) != 0u) &&
         ((u_active & 8u) == 0u || ((categories >> 24) & u_year_mask) != 0u) &&
         ((u_active & 16u) == 0u || (forces & u_force_mask) != 0u);
}

// Time: seconds since Scene::t0. Shown: [u_from, u_now] when u_timed.
const int kUntimed = -2147483647 - 1;
uniform bool u_timed;
uniform int u_now, u_from;
bool span_visible(int t_start, int t_end) {
  return !u_timed || t_start == kUntimed || (t_start <= u_now && t_end >= u_from);
}

// Colour by facet: 0 domain, 1 participant, 2 force type, 3 kind; slot 32 = several participants.
uniform vec4 u_palette[33];
uniform int u_color_by;
int lowest_bit(uint bits, int count) {
  for (int i = 0; i < count; ++i)
    if (((bits >> uint(i)) & 1u) != 0u) return i;
  return 0;
}
vec4 facet_color(uint categories, uint forces) {
  if (u_color_by == 0) return u_palette[lowest_bit(categories & 0xffu, 8)];
  if (u_color_by == 2) return u_palette[lowest_bit(forces, 32)];
  if (u_color_by == 3) return u_palette[lowest_bit((categories >> 8) & 0xffu, 8)];
  uint participants = (categories >> 16) & 0xffu;
  if ((participants & (participants - 1u)) != 0u) return u_palette[32];
  return u_palette[lowest_bit(participants, 8)];
}

uniform int u_selected, u_hovered;
