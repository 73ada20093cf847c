// The controlled vocabulary of kinds, domains and force types, with synonyms.
#pragma once
#include <span>
#include <string>
#include <string_view>

namespace geo {

std::span<const std::string_view> canonical_kinds();        // air_patrol, naval_patrol, …
std::span<const std::string_view> canonical_domains();      // air, naval, land, …
std::span<const std::string_view> canonical_force_types();  // strategic_bomber, fighter, …

// Lower case, trimmed, runs of spaces/hyphens to '_' ("Strategic Bomber" → "strategic_bomber").
std::string normalize_term(std::string_view term);

// Normalise and map common synonyms to the canonical name ("bomber" → "strategic_bomber",
// "navy" → "naval", "sub" → "submarine"). Values outside the vocabulary are kept normalised.
std::string canonical_kind(std::string_view term);
std::string canonical_domain(std::string_view term);
std::string canonical_force_type(std::string_view term);

bool is_known_kind(std::string_view canonical);
bool is_known_domain(std::string_view canonical);
bool is_known_force_type(std::string_view canonical);

// Participants: ISO 3166 alpha-2; common names map ("China", "PRC" → "CN"; "Russia" → "RU").
// Returns "" when the value is neither a two-letter code nor a known name.
std::string canonical_participant(std::string_view term);

}  // namespace geo
