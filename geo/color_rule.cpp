#include "color_rule.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

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

const char* facet_name(ColorBy by) {
  switch (by) {
    case ColorBy::Domain: return "domain";
    case ColorBy::Participant: return "participant";
    case ColorBy::ForceType: return "force";
    case ColorBy::Kind: return "kind";
  }
  return "domain";
}

bool parse_facet_name(const std::string& text, ColorBy& by) {
  if (text == "force_type") return by = ColorBy::ForceType, true;
  for (ColorBy b : {ColorBy::Domain, ColorBy::Participant, ColorBy::ForceType, ColorBy::Kind})
    if (text == facet_name(b)) return by = b, true;
  return false;
}

std::string to_text(const ColorChoice& choice) {
  switch (choice.source) {
    case ColorChoice::Source::Facet: return facet_name(choice.facet);
    case ColorChoice::Source::Attribute: return "attribute:" + choice.attribute;
    case ColorChoice::Source::TrackId: return "track";
    case ColorChoice::Source::Fixed: break;
  }
  char text[8];
  std::snprintf(text, sizeof text, "#%06x", choice.rgb & 0xffffffu);
  return text;
}

bool parse_color_choice(const std::string& text, ColorChoice& choice) {
  ColorChoice parsed;
  if (parse_facet_name(text, parsed.facet)) {
    parsed.source = ColorChoice::Source::Facet;
  } else if (text == "track" || text == "track_id" || text == "id") {
    parsed.source = ColorChoice::Source::TrackId;
  } else if (text.rfind("attribute:", 0) == 0 && text.size() > 10) {
    parsed.source = ColorChoice::Source::Attribute;
    parsed.attribute = text.substr(10);
  } else if (text.size() == 7 && text[0] == '#' &&
             text.find_first_not_of("0123456789abcdefABCDEF", 1) == std::string::npos) {
    parsed.source = ColorChoice::Source::Fixed;
    parsed.rgb = static_cast<std::uint32_t>(std::stoul(text.substr(1), nullptr, 16));
  } else {
    return false;
  }
  choice = std::move(parsed);
  return true;
}

std::string choice_value(const Event& event, const ColorChoice& choice) {
  if (choice.source == ColorChoice::Source::TrackId) return event.id;
  if (choice.source != ColorChoice::Source::Attribute) return {};
  const auto found = event.attributes.find(choice.attribute);
  return found == event.attributes.end() ? std::string() : found->second;
}

std::vector<std::string> categorical_values(const std::vector<Event>& events, std::size_t first, std::size_t count,
                                            const ColorChoice& choice) {
  std::map<std::string, std::size_t> counts;
  for (std::size_t i = first; i < first + count && i < events.size(); ++i) {
    std::string value = choice_value(events[i], choice);
    if (!value.empty()) ++counts[std::move(value)];
  }
  std::vector<std::pair<std::string, std::size_t>> ranked(counts.begin(), counts.end());
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<std::string> values;
  for (auto& [value, n] : ranked) values.push_back(std::move(value));
  return values;
}

int categorical_slot(const std::vector<std::string>& values, const Event& event, const ColorChoice& choice) {
  const std::string value = choice_value(event, choice);
  if (value.empty()) return layout::kCategoricalNone;
  const std::size_t n = std::min<std::size_t>(values.size(), layout::kCategoricalValues);
  for (std::size_t i = 0; i < n; ++i)
    if (values[i] == value) return static_cast<int>(i);
  return layout::kCategoricalOther;
}

}  // namespace geo
