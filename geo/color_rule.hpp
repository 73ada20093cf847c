// The one colour rule: which palette slot an event is drawn in for each colour-by. The
// shaders read it through Scene::event_colors; the legends, lists, timeline and details call
// color_slot directly, so the map and every panel agree. RGB colours live in render/style.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "bit_layout.hpp"
#include "event.hpp"
#include "filter.hpp"

namespace geo {

enum class ColorBy { Domain, Participant, ForceType, Kind };  // the value = the slot's byte in the colour word

// What colours an event, as a layer or the map chooses it: one of the four facets above (the
// colour word's slots and their palettes), any attribute by name or the track id (each
// distinct value a categorical slot in the Okabe–Ito palette), or one fixed colour.
struct ColorChoice {
  enum class Source { Facet, Attribute, TrackId, Fixed } source = Source::Facet;
  ColorBy facet = ColorBy::Domain;
  std::string attribute;        // Source::Attribute: the attribute's name
  std::uint32_t rgb = 0x000000;  // Source::Fixed: 0xRRGGBB
  bool operator==(const ColorChoice&) const = default;
};
// "domain", "participant", "force", "kind" (the viewer's and --color-by's names; "force_type"
// is read as "force").
const char* facet_name(ColorBy by);
inline ColorChoice facet_choice(ColorBy by) {
  ColorChoice choice;
  choice.facet = by;
  return choice;
}
bool parse_facet_name(const std::string& text, ColorBy& by);
// "domain", "participant", "force", "kind", "track", "attribute:mmsi", "#d55e00".
std::string to_text(const ColorChoice& choice);
// The same texts; false (choice untouched) for anything else.
bool parse_color_choice(const std::string& text, ColorChoice& choice);

// A multi-valued facet colours by its primary value, the first listed in the source (the
// loaders keep source order). Colour-by participant colours by the participant set ("CN+RU",
// "CN+RU+IR"; a single participant is its own set). No value: layout::kNoneSlot; a value past
// the last value slot: layout::kOtherSlot.
int color_slot(const FacetIndex& facets, const Event& event, ColorBy by);

// The four slots packed as the shaders read them (byte ColorBy of the word).
std::uint32_t color_word(const FacetIndex& facets, const Event& event);
inline int slot_of_word(std::uint32_t word, ColorBy by) {
  return static_cast<int>(word >> (layout::kSlotBits * static_cast<unsigned>(by)) & ((1u << layout::kSlotBits) - 1));
}

// The values the value slots stand for, slot i = values[i] (participant sets for colour-by
// participant, written "CN+RU").
const std::vector<std::string>& slot_values(const FacetIndex& facets, ColorBy by);
// The value of a slot: "" for kNoneSlot and kOtherSlot.
std::string slot_value(const FacetIndex& facets, ColorBy by, int slot);

// Colour by an attribute or the track id (the event's id): the value an event gives (empty: none).
std::string choice_value(const Event& event, const ColorChoice& choice);
// The categorical slots of such a choice over events[first, first + count): the distinct values,
// the most frequent first (ties by value), so the largest groups get the palette's colours;
// slot i = values[i] for i < layout::kCategoricalValues, later values share kCategoricalOther.
std::vector<std::string> categorical_values(const std::vector<Event>& events, std::size_t first, std::size_t count,
                                            const ColorChoice& choice);
int categorical_slot(const std::vector<std::string>& values, const Event& event, const ColorChoice& choice);

// "CN+RU+IR" → {"CN", "RU", "IR"}.
std::vector<std::string> split_participant_set(const std::string& set);

}  // namespace geo
