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
// word (Scene::event_colors, one texel per event). Its style word (u_event_styles: input layer,
// categorical slot; geo/bit_layout.hpp) picks the layer, whose look says how it is coloured:
// by a facet (u_palettes, one palette per geo::ColorBy), by an attribute or the track id (the
// categorical slot in u_categorical), or one fixed colour, and its opacity and width.
uniform vec4 u_palettes[PALETTE_SLOTS * 4];
uniform vec4 u_categorical[CATEGORICAL_SLOTS];
uniform vec4 u_layer_look[STYLED_LAYERS];   // mode (0 facet, 1 categorical, 2 fixed), facet, opacity, width px
uniform vec4 u_layer_fixed[STYLED_LAYERS];  // mode 2's colour
uniform uint u_hidden_layers;               // bit i: layer i not shown
uniform usamplerBuffer u_event_colors;
uniform usamplerBuffer u_event_styles;
uint style_word(uint feature) { return texelFetch(u_event_styles, int(feature & ~kTrackPieceStart)).r; }
int layer_of(uint feature) {
  return min(int(style_word(feature) & ((1u << kStyleLayerBits) - 1u)), STYLED_LAYERS - 1);
}
bool layer_shown(uint feature) { return (u_hidden_layers & (1u << uint(layer_of(feature)))) == 0u; }
float layer_width(uint feature) { return u_layer_look[layer_of(feature)].w; }
vec4 event_color(uint feature) {
  uint style = style_word(feature);
  int layer = min(int(style & ((1u << kStyleLayerBits) - 1u)), STYLED_LAYERS - 1);
  vec4 look = u_layer_look[layer];
  vec4 color = vec4(0.0);
  if (look.x > 1.5) {
    color = u_layer_fixed[layer];
  } else if (look.x > 0.5) {
    color = u_categorical[min(int((style >> kStyleLayerBits) & 255u), CATEGORICAL_SLOTS - 1)];
  } else {
    uint word = texelFetch(u_event_colors, int(feature & ~kTrackPieceStart)).r;
    int facet = int(look.y);
    color = u_palettes[facet * PALETTE_SLOTS + int((word >> (kSlotBits * uint(facet))) & kSlotMask)];
  }
  return vec4(color.rgb, color.a * look.z);
}

uniform int u_selected, u_hovered;
