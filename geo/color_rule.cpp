#include "color_rule.hpp"

#include <algorithm>

namespace geo {
namespace {

int slot_in(const std::vector<std::string>& values, const std::string& value) {
  const auto it = std::find(values.begin(), values.end(), value);
  if (it == values.end()) return layout::kOtherSlot;  // not indexed (cannot happen for the indexed events)
  return std::min<int>(static_cast<int>(it - values.begin()), layout::kOtherSlot);
}

int primary_slot(const std::vector<std::string>& values, const std::vector<std::string>& index) {
  return values.empty() ? layout::kNoneSlot : slot_in(index, values.front());
}

}  // namespace

int color_slot(const FacetIndex& facets, const Event& event, ColorBy by) {
  switch (by) {
    case ColorBy::Domain: return primary_slot(event.domains, facets.domains);
    case ColorBy::ForceType: return primary_slot(event.force_types, facets.force_types);
    case ColorBy::Kind: return event.kind.empty() ? layout::kNoneSlot : slot_in(facets.kinds, event.kind);
    case ColorBy::Participant: break;
  }
  if (event.participants.empty()) return layout::kNoneSlot;
  return slot_in(facets.participant_sets, facets.participant_set(event));
}

std::uint32_t color_word(const FacetIndex& facets, const Event& event) {
  std::uint32_t word = 0;
  for (ColorBy by : {ColorBy::Domain, ColorBy::Participant, ColorBy::ForceType, ColorBy::Kind})
    word |= static_cast<std::uint32_t>(color_slot(facets, event, by)) << (layout::kSlotBits * static_cast<unsigned>(by));
  return word;
}

const std::vector<std::string>& slot_values(const FacetIndex& facets, ColorBy by) {
  switch (by) {
    case ColorBy::Domain: return facets.domains;
    case ColorBy::ForceType: return facets.force_types;
    case ColorBy::Kind: return facets.kinds;
    case ColorBy::Participant: break;
  }
  return facets.participant_sets;
}

std::string slot_value(const FacetIndex& facets, ColorBy by, int slot) {
  const auto& values = slot_values(facets, by);
  if (slot < 0 || slot >= layout::kValueSlots || static_cast<std::size_t>(slot) >= values.size()) return "";
  return values[static_cast<std::size_t>(slot)];
}

std::vector<std::string> split_participant_set(const std::string& set) {
  std::vector<std::string> members;
  for (std::size_t at = 0; at <= set.size();) {
    const std::size_t plus = std::min(set.find('+', at), set.size());
    if (plus > at) members.push_back(set.substr(at, plus - at));
    at = plus + 1;
  }
  return members;
}

}  // namespace geo
