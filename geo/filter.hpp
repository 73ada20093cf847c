// Filters over events (years, domains, force types, participants, kinds) and the facet index
// that turns an event's categories into bits for the GPU.
#pragma once
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "bit_layout.hpp"
#include "event.hpp"

namespace geo {

// Within one facet the values are alternatives; different facets must all hold. An empty
// facet does not filter.
struct Filter {
  std::set<int> years;  // an event matches when it is active in any of these years
  std::set<std::string> domains, force_types, participants, kinds;
  bool empty() const {
    return years.empty() && domains.empty() && force_types.empty() && participants.empty() &&
           kinds.empty();
  }
  bool matches(const Event& event) const;
  std::string describe() const;  // "years 2022-2024; domain air" — for captions and metadata
  bool operator==(const Filter&) const = default;
};

// Parses "2022,2024" or "2022-2024" (or a mix). Throws std::invalid_argument quoting the text.
std::set<int> parse_year_list(const std::string& text);

// Bit assignments for the categories present in a dataset, so filters become uniform masks.
// The fields (domains, kinds, participants, years from first_year, force types) are laid out in
// bit_layout.hpp; values past a field's last bit share that bit, so the GPU test is
// conservative and the CPU (Filter::matches) keeps the exact answer.
struct FacetIndex {
  std::vector<std::string> domains, kinds, participants, force_types;  // bit i = value i
  // The participant sets events have ("CN+RU", members in `participants` order), fewest
  // members first: what colour-by participant tells apart (color_rule.hpp).
  std::vector<std::string> participant_sets;
  int first_year = 1970;

  static FacetIndex build(const std::vector<Event>& events);
  // The layout::k*Field fields of the category word.
  std::uint32_t category_bits(const Event& event) const;
  std::uint32_t force_bits(const Event& event) const;
  std::string participant_set(const Event& event) const;  // "CN+RU"; "" without participants

  using Facet = layout::FacetBit;
  static constexpr Facet kDomain = layout::kDomain, kKind = layout::kKind, kParticipant = layout::kParticipant,
                         kYear = layout::kYear, kForce = layout::kForce;
  // Uniform values for a filter. A vertex is shown when, for every facet whose bit is set in
  // `active`, (its bits & that facet's mask) != 0.
  struct Masks {
    std::uint32_t domain = 0, kind = 0, participant = 0, year = 0, force = 0;
    std::uint32_t active = 0;
    bool shows(std::uint32_t categories, std::uint32_t forces) const;  // the shader's test, on the CPU
    bool operator==(const Masks&) const = default;
  };
  Masks masks(const Filter& filter) const;
};

}  // namespace geo
