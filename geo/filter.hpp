// Filters over events (years, domains, force types, participants, kinds) and the facet index
// that turns an event's categories into bits for the GPU.
#pragma once
#include <cstdint>
#include <set>
#include <string>
#include <vector>

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
// Domains, kinds and participants get 8 bits each, years 8 (first_year + 0..7), force types 32;
// values past the last bit share the last bit, so the GPU test is conservative and the CPU
// (Filter::matches) keeps the exact answer.
struct FacetIndex {
  std::vector<std::string> domains, kinds, participants, force_types;  // bit i = value i
  int first_year = 1970;

  static FacetIndex build(const std::vector<Event>& events);
  // domain bits | kind bits << 8 | participant bits << 16 | year bits << 24
  std::uint32_t category_bits(const Event& event) const;
  std::uint32_t force_bits(const Event& event) const;

  enum Facet : std::uint32_t { kDomain = 1, kKind = 2, kParticipant = 4, kYear = 8, kForce = 16 };
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
