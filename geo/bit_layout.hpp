// The one definition of the bits the GPU reads: the per-vertex category and force words the
// filters test, the feature word's piece-start flag, and the per-event colour word the shaders
// pick a palette slot from. The shaders get these constants generated from here (the shader
// loader's virtual "layout.glsl"), so nothing is copied by hand into GLSL.
#pragma once
#include <cstdint>

namespace geo::layout {

// A facet's bits inside the category word (FacetIndex::category_bits): bit i of a field = value
// i of that facet; values past the field's width share its last bit (a conservative GPU test,
// the CPU keeps the exact answer).
struct Field {
  unsigned shift, width;
  constexpr std::uint32_t mask() const { return width >= 32 ? 0xffffffffu : (1u << width) - 1u; }
};
inline constexpr Field kDomainField{0, 8};
inline constexpr Field kKindField{8, 8};
inline constexpr Field kParticipantField{16, 8};
inline constexpr Field kYearField{24, 8};  // bit i = FacetIndex::first_year + i
inline constexpr Field kForceField{0, 32};  // the whole force word

// Which facets a filter tests (FacetIndex::Masks::active).
enum FacetBit : std::uint32_t { kDomain = 1, kKind = 2, kParticipant = 4, kYear = 8, kForce = 16 };

// TrackVertex::feature: event index | kTrackPieceStart. LineVertex::flags: kLinePieceStart.
inline constexpr std::uint32_t kTrackPieceStart = 0x80000000u;
inline constexpr std::uint32_t kLinePieceStart = 1u;

// The colour word of an event (Scene::event_colors): one palette slot per colour-by, 8 bits
// each at shift 8 × colour-by (the geo::ColorBy value). Slots below kValueSlots stand for the
// facet's values in FacetIndex order (participant sets for colour-by participant).
inline constexpr unsigned kSlotBits = 8;
inline constexpr int kValueSlots = 30;
inline constexpr int kOtherSlot = 30;  // a value past the last value slot
inline constexpr int kNoneSlot = 31;   // the event gives no value for the facet
inline constexpr int kPaletteSlots = 32;

// The style word of an event (render's per-layer styles): the input layer it belongs to in the
// low byte (layers past kStyledLayers - 1 share the last one's style) and, when its layer is
// coloured by an attribute or the track id, its categorical slot in the next byte: values
// 0..kCategoricalValues-1, kCategoricalOther past them, kCategoricalNone without a value.
inline constexpr int kStyledLayers = 16;
inline constexpr unsigned kStyleLayerBits = 8;
inline constexpr int kCategoricalValues = 8;  // the Okabe–Ito palette's colours
inline constexpr int kCategoricalOther = 8;
inline constexpr int kCategoricalNone = 9;
inline constexpr int kCategoricalSlots = 10;

}  // namespace geo::layout
