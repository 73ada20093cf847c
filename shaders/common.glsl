// Shared by every map shader (inserted by the loader where a shader includes it).
#include "layout.glsl"
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

// Filters: for each facet whose bit is set in u_active (kFacet*), (its field & mask) != 0
// (geo::FacetIndex::Masks::shows on the CPU). The fields are generated from geo/bit_layout.hpp.
uniform uint u_domain_mask, u_kind_mask, u_participant_mask, u_year_mask, u_force_mask, u_active;
bool facet_passes(uint facet, uint word, uint shift, uint mask, uint wanted) {
  return (u_active & facet) == 0u || (((word >> shift) & mask) & wanted) != 0u;
}
bool passes_filter(uint categories, uint forces) {
  return facet_passes(kFacetDomain, categories, kDomainShift, kDomainMask, u_domain_mask) &&
         facet_passes(kFacetKind, categories, kKindShift, kKindMask, u_kind_mask) &&
         facet_passes(kFacetParticipant, categories, kParticipantShift, kParticipantMask, u_participant_mask) &&
         facet_passes(kFacetYear, categories, kYearShift, kYearMask, u_year_mask) &&
         facet_passes(kFacetForce, forces, kForceShift, kForceMask, u_force_mask);
}

// Time: seconds since Scene::t0. Shown: [u_from, u_now] when u_timed.
const int kUntimed = -2147483647 - 1;
uniform bool u_timed;
uniform int u_now, u_from;
bool span_visible(int t_start, int t_end) {
  return !u_timed || t_start == kUntimed || (t_start <= u_now && t_end >= u_from);
}

// Colour: geo's colour rule put each event's palette slot for every colour-by into its colour
// word (Scene::event_colors, one texel per event); u_color_by (the geo::ColorBy value) picks the byte.
uniform vec4 u_palette[PALETTE_SLOTS];
uniform int u_color_by;
uniform usamplerBuffer u_event_colors;
vec4 event_color(uint feature) {
  uint word = texelFetch(u_event_colors, int(feature & ~kTrackPieceStart)).r;
  return u_palette[int((word >> (kSlotBits * uint(u_color_by))) & kSlotMask)];
}

uniform int u_selected, u_hovered;
