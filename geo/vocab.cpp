// The controlled vocabulary (docs/data-format.md) and the synonyms that map onto it.
// Synonyms are generic words only; named aircraft or ship classes stay as given.
#include "vocab.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace geo {
namespace {

using namespace std::string_view_literals;

constexpr std::array kKinds = {"air_patrol"sv, "naval_patrol"sv, "coast_guard_patrol"sv,
                               "exercise"sv,   "transit"sv,      "other"sv};

constexpr std::array kDomains = {"air"sv,        "naval"sv, "land"sv,  "coast_guard"sv,
                                 "subsurface"sv, "cyber"sv, "space"sv};

constexpr std::array kForceTypes = {
    "strategic_bomber"sv, "fighter"sv,      "aew"sv,
    "tanker"sv,           "recon"sv,        "electronic_warfare"sv,
    "maritime_patrol_aircraft"sv,           "transport"sv,
    "helicopter"sv,       "destroyer"sv,    "frigate"sv,
    "corvette"sv,         "cruiser"sv,      "aircraft_carrier"sv,
    "amphibious_ship"sv,  "submarine"sv,    "supply_ship"sv,
    "intelligence_ship"sv, "minesweeper"sv, "tug"sv,
    "cutter"sv,           "armor"sv,        "artillery"sv,
    "infantry"sv,         "airborne"sv,     "marines"sv,
    "air_defense"sv};

using Synonym = std::pair<std::string_view, std::string_view>;  // normalised → canonical

constexpr Synonym kKindSynonyms[] = {
    {"exercises", "exercise"},          {"drill", "exercise"},
    {"drills", "exercise"},             {"joint_exercise", "exercise"},
    {"bomber_patrol", "air_patrol"},    {"joint_air_patrol", "air_patrol"},
    {"air_patrols", "air_patrol"},      {"maritime_patrol", "naval_patrol"},
    {"joint_naval_patrol", "naval_patrol"}, {"naval_patrols", "naval_patrol"},
    {"joint_maritime_patrol", "naval_patrol"}, {"coastguard_patrol", "coast_guard_patrol"},
    {"joint_coast_guard_patrol", "coast_guard_patrol"}, {"transits", "transit"},
};

constexpr Synonym kDomainSynonyms[] = {
    {"navy", "naval"},          {"sea", "naval"},         {"maritime", "naval"},
    {"air_force", "air"},       {"aerial", "air"},        {"airspace", "air"},
    {"underwater", "subsurface"}, {"undersea", "subsurface"}, {"submarine", "subsurface"},
    {"army", "land"},           {"ground", "land"},       {"coastguard", "coast_guard"},
    {"coast_guards", "coast_guard"},
};

constexpr Synonym kForceTypeSynonyms[] = {
    {"bomber", "strategic_bomber"},
    {"bombers", "strategic_bomber"},
    {"strategic_bombers", "strategic_bomber"},
    {"fighters", "fighter"},
    {"fighter_jet", "fighter"},
    {"fighter_jets", "fighter"},
    {"awacs", "aew"},
    {"aew&c", "aew"},
    {"aewc", "aew"},
    {"early_warning", "aew"},
    {"airborne_early_warning", "aew"},
    {"tankers", "tanker"},
    {"refueling", "tanker"},
    {"refuelling", "tanker"},
    {"aerial_refueling", "tanker"},
    {"reconnaissance", "recon"},
    {"ew", "electronic_warfare"},
    {"mpa", "maritime_patrol_aircraft"},
    {"patrol_aircraft", "maritime_patrol_aircraft"},
    {"transports", "transport"},
    {"helicopters", "helicopter"},
    {"destroyers", "destroyer"},
    {"frigates", "frigate"},
    {"corvettes", "corvette"},
    {"cruisers", "cruiser"},
    {"carrier", "aircraft_carrier"},
    {"carriers", "aircraft_carrier"},
    {"aircraft_carriers", "aircraft_carrier"},
    {"amphibious", "amphibious_ship"},
    {"amphibious_ships", "amphibious_ship"},
    {"landing_ship", "amphibious_ship"},
    {"sub", "submarine"},
    {"subs", "submarine"},
    {"submarines", "submarine"},
    {"oiler", "supply_ship"},
    {"tanker_ship", "supply_ship"},
    {"replenishment", "supply_ship"},
    {"replenishment_ship", "supply_ship"},
    {"supply_ships", "supply_ship"},
    {"agi", "intelligence_ship"},
    {"spy_ship", "intelligence_ship"},
    {"intelligence_ships", "intelligence_ship"},
    {"minesweepers", "minesweeper"},
    {"tugs", "tug"},
    {"cutters", "cutter"},
    {"tank", "armor"},
    {"tanks", "armor"},
    {"armour", "armor"},
    {"armored", "armor"},
    {"armoured", "armor"},
    {"marine", "marines"},
    {"air_defence", "air_defense"},
    {"sam", "air_defense"},
    {"paratroopers", "airborne"},
};

constexpr std::pair<std::string_view, std::string_view> kParticipantNames[] = {
    {"china", "CN"},        {"prc", "CN"},        {"chn", "CN"},
    {"people's_republic_of_china", "CN"},        {"russia", "RU"},
    {"rus", "RU"},          {"russian_federation", "RU"},
    {"iran", "IR"},         {"irn", "IR"},        {"us", "US"},
    {"usa", "US"},          {"united_states", "US"},
    {"japan", "JP"},        {"jpn", "JP"},        {"korea", "KR"},
    {"rok", "KR"},          {"south_korea", "KR"}, {"kor", "KR"},
    {"republic_of_korea", "KR"},                 {"north_korea", "KP"},
    {"dprk", "KP"},         {"prk", "KP"},        {"taiwan", "TW"},
    {"twn", "TW"},          {"india", "IN"},      {"ind", "IN"},
    {"mongolia", "MN"},     {"mng", "MN"},        {"belarus", "BY"},
    {"blr", "BY"},          {"south_africa", "ZA"}, {"zaf", "ZA"},
    {"pakistan", "PK"},     {"pak", "PK"},        {"kazakhstan", "KZ"},
    {"kaz", "KZ"},          {"united_kingdom", "GB"}, {"uk", "GB"},
    {"gbr", "GB"},          {"philippines", "PH"}, {"phl", "PH"},
    {"vietnam", "VN"},      {"vnm", "VN"},        {"australia", "AU"},
    {"aus", "AU"},          {"canada", "CA"},     {"can", "CA"},
};

template <std::size_t N>
std::string lookup(std::string normalised, const Synonym (&table)[N]) {
  for (const auto& [from, to] : table)
    if (normalised == from) return std::string(to);
  return normalised;
}

template <typename List>
bool contains(const List& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

std::span<const std::string_view> canonical_kinds() { return kKinds; }
std::span<const std::string_view> canonical_domains() { return kDomains; }
std::span<const std::string_view> canonical_force_types() { return kForceTypes; }

std::string normalize_term(std::string_view term) {
  std::string out;
  out.reserve(term.size());
  bool pending_separator = false;
  for (char c : term) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (std::isspace(u) || c == '-' || c == '_') {
      pending_separator = !out.empty();  // leading separators are trimmed
      continue;
    }
    if (pending_separator) out += '_';
    pending_separator = false;
    out += static_cast<char>(std::tolower(u));  // ASCII only: no locale
  }
  return out;
}

std::string canonical_kind(std::string_view term) { return lookup(normalize_term(term), kKindSynonyms); }
std::string canonical_domain(std::string_view term) {
  return lookup(normalize_term(term), kDomainSynonyms);
}
std::string canonical_force_type(std::string_view term) {
  return lookup(normalize_term(term), kForceTypeSynonyms);
}

bool is_known_kind(std::string_view canonical) { return contains(kKinds, canonical); }
bool is_known_domain(std::string_view canonical) { return contains(kDomains, canonical); }
bool is_known_force_type(std::string_view canonical) { return contains(kForceTypes, canonical); }

std::string canonical_participant(std::string_view term) {
  const std::string key = normalize_term(term);
  for (const auto& [name, code] : kParticipantNames)
    if (key == name) return std::string(code);
  if (key.size() == 2 && std::isalpha(static_cast<unsigned char>(key[0])) &&
      std::isalpha(static_cast<unsigned char>(key[1]))) {
    return {static_cast<char>(std::toupper(static_cast<unsigned char>(key[0]))),
            static_cast<char>(std::toupper(static_cast<unsigned char>(key[1])))};
  }
  return "";
}

}  // namespace geo
